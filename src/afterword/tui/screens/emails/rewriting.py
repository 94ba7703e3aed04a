"""The keys of the emails screen that change a draft's text: write it again from its template
or another one (asking first when the user edited it), the body in $EDITOR, the guessed address.
Mixed into ``EmailsScreen``; rendering runs in a worker (a user template runs in a child
process)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, cast

from textual import work

from afterword.domain.model import Draft, Interview
from afterword.tui.screens.emails.draft_list import TEMPLATE_WORDS
from afterword.tui.screens.emails.part import EmailsPart

if TYPE_CHECKING:
    from textual.app import App


# Keys with nothing to do on a sent email (it can still be copied, written as .eml, or be the
# start of a new email from a template; send stays, to say when it went).
SENT_HIDES = frozenset({"edit_externally", "save", "mail_client", "regenerate"})


class Rewriting(EmailsPart):
    """Rewrite, template, editor and guess keys (mixed into ``EmailsScreen``)."""

    def action_edit_externally(self) -> None:
        from afterword.tui.editor import edit_in_editor

        body = self.editor.body
        if body.read_only:
            self.notify("This email was sent; it can no longer be changed.")
            return
        text = edit_in_editor(cast("App[object]", self.afterword), body.text, "draft")
        if text is not None and text != body.text:
            body.load_text(text)
            self.touched()
            body.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The guess key shows only where there is a guess to use; a sent email shows only
        the keys that still do something for it."""
        draft = self._draft()
        if action == "use_guess":
            guesses = self.session.guesses
            return bool(draft and not draft.is_sent and draft.person in guesses and not draft.to)
        return not (draft is not None and draft.is_sent and action in SENT_HIDES)

    def action_use_guess(self) -> None:
        draft = self._draft()
        guess = self.session.guesses.get(draft.person) if draft else None
        to = self.editor.field("to")
        if guess is None or draft is None or to.value.strip():
            self.notify("No guessed address to use here.")
            return
        to.value = f"{draft.person} <{guess.address}>"
        self.touched()
        self.notify(
            f"Put in the guess {guess.address}: verify it before sending.", severity="warning"
        )

    def action_regenerate(self) -> None:
        draft = self.store()
        if draft is None or draft.is_sent:
            return
        if draft.edited:
            from afterword.tui.screens.dialogs import ConfirmDialog

            def answer(yes: bool | None) -> None:
                if yes:
                    self._rewrite(draft.template)

            self.afterword.push_screen(
                ConfirmDialog("Write it again from the template? Your edits are lost."), answer
            )
            return
        self._rewrite(draft.template)

    def action_pick_template(self) -> None:
        """Write this draft from another template; on a sent one, a new email from it (a
        check-in, a close-out…) to the same person."""
        self._pick_template(self.store())

    @work(exclusive=True, group="pick-template")
    async def _pick_template(self, draft: Draft | None) -> None:
        """The template, then (over an edited draft) whether to lose the edits."""
        from afterword.compose.render import template_names
        from afterword.tui.screens.dialogs import ChoiceDialog, ConfirmDialog

        new = draft is None or draft.is_sent
        names = template_names(self.afterword.templates_dir)
        choices = [(n, TEMPLATE_WORDS.get(n, n)) for n in names]
        title = "A new email from the template" if new else "Template for this email"
        current = "" if new or draft is None else draft.template
        name = await self.afterword.push_screen_wait(ChoiceDialog(title, choices, current))
        if not name or (draft is not None and not new and name == draft.template):
            return
        if draft is not None and not new and draft.edited:
            lose = ConfirmDialog(f"Write it again as {name}? Your edits are lost.")
            if await self.afterword.push_screen_wait(lose):
                self._rewrite(name)
        else:
            self._rewrite(name, new=new)

    def _rewrite(self, template: str, *, new: bool = False) -> None:
        draft = self._draft()
        self._render_again(copy.deepcopy(self.interview), draft.id if draft else "", template, new)

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def _render_again(self, working: Interview, draft_id: str, template: str, new: bool) -> None:
        """Render off the UI thread (a user template runs in a child process). Whom it is for
        follows the template: the recruiter for the recruiter's templates."""
        from afterword.compose.drafts import addresses_for, regenerate, write_draft
        from afterword.compose.render import TemplateProblem
        from afterword.domain.drafting import TO_RECRUITER, addressee_for

        app = self.afterword
        draft = working.draft(draft_id)
        person = draft.person if draft is not None and template not in TO_RECRUITER else ""
        person = addressee_for(working, template, person)
        try:
            if new or draft is None:
                fresh = write_draft(
                    working, template, person, app.config, app.now(), app.templates_dir
                )
            else:
                fresh = draft
                if person != draft.person:
                    planned = addresses_for(working, template, person, app.config.mail.cc_recruiter)
                    fresh.person, fresh.to, fresh.cc = person, list(planned.to), list(planned.cc)
                fresh.template = template
                regenerate(working, fresh, app.config, app.now(), app.templates_dir)
        except TemplateProblem as problem:
            app.call_from_thread(self.notify, str(problem), severity="error", timeout=15)
            return
        app.call_from_thread(self._rewritten, fresh, new or draft is None)

    def _rewritten(self, fresh: Draft, new: bool) -> None:
        def apply(working: Interview) -> None:
            if new:
                working.drafts.append(fresh)
                return
            for d in working.drafts:
                if d.id == fresh.id:
                    d.template, d.person, d.to, d.cc = (
                        fresh.template,
                        fresh.person,
                        fresh.to,
                        fresh.cc,
                    )
                    d.subject, d.body, d.edited = fresh.subject, fresh.body, False
                    d.outdated = False

        label = "Wrote a new email" if new else "Wrote a draft again"
        self.afterword.library.update(self.interview_id, label, apply)
        self._fill_list()
        self._show(fresh.id)
        self.notify(f"Written from {fresh.template}.")
