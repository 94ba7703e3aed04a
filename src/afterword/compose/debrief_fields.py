"""The debrief form's fields, section by section: each one's key, label, kind and hint.

The form's model (``compose/debrief_form.py``) reads and checks them, the screen
(``tui/screens/debrief.py``, through ``tui/widgets/form_fields.py``) lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from afterword.domain.model import DIRECT_CONTACT, INTEREST


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str  # line | text | date | choice
    hint: str = ""


Section = tuple[str, str, tuple[Field, ...]]  # key, heading, fields

SECTIONS: tuple[Section, ...] = (
    (
        "interview",
        "The interview",
        (
            Field("company", "Company", "line", "required, e.g. Acme Robotics"),
            Field("role", "Role", "line", "Backend Engineer"),
            Field("stage", "Stage", "line", "Phone screen, Onsite, Final…"),
            Field("when", "When", "date", "now, today 2pm, tue 10:30, 2026-11-24 14:00"),
            Field("where", "Where", "line", "Video call, their office…"),
        ),
    ),
    ("people", "People", ()),  # interviewer rows and the recruiter: laid out by the view
    (
        "debrief",
        "Debrief",
        (
            Field("tone", "Tone", "line", "warm, rushed, formal, chatty…"),
            Field("focus", "Question focus", "text", "system design, culture, salary…"),
            Field("went_well", "What went well", "text"),
            Field("went_poorly", "What did not", "text"),
            Field("next_steps", "Next steps", "text", "as they said them: 'we decide by Friday'"),
            Field(
                "decision_by", "Decision by", "date", "fri, +2w, end of month (empty: not given)"
            ),
            Field("still_interested", "Still interested", "choice"),
            Field("notes", "Notes", "text", "private: never in an email"),
        ),
    ),
    (
        "email",
        "For the thank-you email",
        (
            Field("remember", "Remember me", "line", "a detail they will remember you by"),
            Field("reinforce", "Reinforce", "line", "the strength that matches the role"),
            Field("recoup", "Recoup", "line", "the answer to redeem, and what you'd say now"),
        ),
    ),
)
RECRUITER: tuple[Field, ...] = (
    Field("r_name", "Recruiter", "line", "name (empty: no recruiter)"),
    Field("r_agency", "Agency", "line"),
    Field("r_email", "Email", "line"),
    Field("r_phone", "Phone", "line"),
    Field("direct_contact", "Write directly?", "choice"),
)
CHOICES: dict[str, list[tuple[str, str]]] = {
    "still_interested": [(v, v) for v in INTEREST],
    "direct_contact": list(
        zip(DIRECT_CONTACT, ("not asked yet", "allowed", "they forward it"), strict=True)
    ),
}
TEXT_FIELDS = [f.key for _, _, fields in SECTIONS for f in fields] + [f.key for f in RECRUITER]
EMAIL_LINES = ("remember", "reinforce", "recoup")  # the lines the debrief may propose
PERSON_KEYS = ("name", "title", "email")
