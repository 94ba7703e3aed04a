"""What the user's profile must hold: the name the emails are signed with, and an address
they can go out from (checked as the From line of a send is checked)."""

from __future__ import annotations

from afterword.compose.message import HeaderRefused, check_address, check_header_text
from afterword.config import Profile


def profile_problems(profile: Profile) -> dict[str, str]:
    """One sentence per field that cannot be used (name, email, phone), by field."""
    found: dict[str, str] = {}
    name = profile.name.strip()
    if not name:
        found["name"] = "Your name is needed: the emails are signed with it."
    elif "@" in name:
        found["name"] = "That looks like an address; write your name here."
    else:
        try:
            check_header_text("Name", name)
        except HeaderRefused as refused:
            found["name"] = str(refused)
    email = profile.email.strip()
    if not email:
        found["email"] = "Your address is needed: the emails go out from it."
    else:
        try:
            check_address("Email", email)
        except HeaderRefused as refused:
            found["email"] = str(refused)
    try:
        check_header_text("Phone", profile.phone.strip())
    except HeaderRefused as refused:
        found["phone"] = str(refused)
    return found


def cleaned(profile: Profile) -> Profile:
    """The profile as it is saved: name, email and phone without spaces around them, the
    signature without blank lines at its ends."""
    return Profile(
        name=" ".join(profile.name.split()),
        email=profile.email.strip(),
        phone=profile.phone.strip(),
        signature=profile.signature.strip("\n").rstrip(),
    )
