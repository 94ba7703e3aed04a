"""The keys of the emails screen that change a draft's text: write it again from its template
or another one (asking first when the user edited it), the body in $EDITOR, the guessed address.

``Rewriting`` is owned by the screen. Rendering runs in the screen's worker (a user template
runs in a child process): the screen gives the part the worker to start (``render``) and runs
``render_again`` in it; what a rewrite keeps is the session's (``DraftSession.rewritten``)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from afterword.domain.model import Draft, Interview
from afterword.tui.screens.emails.draft_list import TEMPLATE_WORDS

if TYPE_CHECKING:
    from textual.app import App

    from afterword.compose.drafts import Prepared
    from afterword.tui.screens.emails.part import EmailsView

# Start rendering: the working copy, the draft's id ("" for none), the template, a new email?
Render = Callable[[Interview, str, str, bool], object]


class Rewriting:
    """The rewrite, template, editor and guess keys of one emails screen."""

    def __init__(self, view: EmailsView, render: Render) -> None:
        self.view = view
        self.render = render

    def prepare(
        self, working: Interview, template: str, person: str, known: list[tuple[str, str]]
    ) -> Prepared:
        """The route's drafts, and the one of ``template`` for ``person`` when asked for
        (run in the screen's worker when it opens: a user template runs in a child process);
        ``known``: the colleagues' addresses, for guesses (read on the UI thread)."""
        from afterword.compose.drafts import find_draft, prepare_drafts, write_draft
        from afterword.compose.render import TemplateProblem
        from afterword.domain.drafting import addressee_for

        app = self.view.afterword
        now = app.now()
        user_dir = app.templates_dir
        outcome = prepare_drafts(working, app.config, now, user_dir, known)
        who = (person or addressee_for(working, template)) if template else ""
        if template and find_draft(working, template, who) is None:
            try:
                draft = write_draft(working, template, who, app.config, now, user_dir)
                working.drafts.append(draft)
                outcome.created.append(draft)
            except TemplateProblem as problem:
                outcome.problems.append(str(problem))
        return outcome

    def edit_externally(self) -> None:
        from afterword.tui.editor import edit_in_editor

        view = self.view
        body = view.editor.body
        if body.read_only:
            view.notify("This email was sent; it can no longer be changed.")
            return
        text = edit_in_editor(cast("App[object]", view.afterword), body.text, "draft")
        if text is not None and text != body.text:
            body.load_text(text)
            view.touched()
            body.focus()

    def use_guess(self) -> None:
        view = self.view
        draft = view.session.draft()
        guess = view.session.guesses.get(draft.person) if draft else None
        to = view.editor.field("to")
        if guess is None or draft is None or to.value.strip():
            view.notify("No guessed address to use here.")
            return
        to.value = f"{draft.person} <{guess.address}>"
        view.touched()
        view.notify(
            f"Put in the guess {guess.address}: verify it before sending.", severity="warning"
        )

    def regenerate(self) -> None:
        draft = self.view.store()
        if draft is None or draft.is_sent:
            return
        if draft.edited:
            from afterword.tui.screens.dialogs import ConfirmDialog

            def answer(yes: bool | None) -> None:
                if yes:
                    self.rewrite(draft.template)

            self.view.afterword.push_screen(
                ConfirmDialog("Write it again from the template? Your edits are lost."), answer
            )
            return
        self.rewrite(draft.template)

    async def pick_template(self, draft: Draft | None) -> None:
        """The template, then (over an edited draft) whether to lose the edits (awaited in
        the screen's worker: it waits for the dialogs)."""
        from afterword.compose.render import template_names
        from afterword.tui.screens.dialogs import ChoiceDialog, ConfirmDialog

        app = self.view.afterword
        new = draft is None or draft.is_sent
        names = template_names(app.templates_dir)
        choices = [(n, TEMPLATE_WORDS.get(n, n)) for n in names]
        title = "A new email from the template" if new else "Template for this email"
        current = "" if new or draft is None else draft.template
        name = await app.push_screen_wait(ChoiceDialog(title, choices, current))
        if not name or (draft is not None and not new and name == draft.template):
            return
        if draft is not None and not new and draft.edited:
            lose = ConfirmDialog(f"Write it again as {name}? Your edits are lost.")
            if await app.push_screen_wait(lose):
                self.rewrite(name)
        else:
            self.rewrite(name, new=new)

    def rewrite(self, template: str, *, new: bool = False) -> None:
        session = self.view.session
        draft = session.draft()
        self.render(copy.deepcopy(session.interview), draft.id if draft else "", template, new)

    def render_again(self, working: Interview, draft_id: str, template: str, new: bool) -> None:
        """Render off the UI thread (run in the screen's worker). Whom it is for follows the
        template: the recruiter for the recruiter's templates."""
        from afterword.compose.drafts import addresses_for, regenerate, write_draft
        from afterword.compose.render import TemplateProblem
        from afterword.domain.drafting import TO_RECRUITER, addressee_for

        view = self.view
        app = view.afterword
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
            app.call_from_thread(view.notify, str(problem), severity="error", timeout=15)
            return
        app.call_from_thread(self._rewritten, fresh, new or draft is None)

    def _rewritten(self, fresh: Draft, new: bool) -> None:
        view = self.view
        view.session.rewritten(fresh, new=new)
        view.fill_list()
        view.show_draft(fresh.id)
        view.notify(f"Written from {fresh.template}.")
