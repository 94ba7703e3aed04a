"""The debrief form proposes the thank-you's email lines from what went well and what did not,
as soon as those are written; ctrl+l takes them, to edit in place."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea

from afterword.tui.screens.debrief import DebriefScreen
from afterword.tui.screens.saved import SavedScreen
from tests.tui.helpers import SIZE, find, loaded, make_app, paste, wait_for


async def test_the_form_proposes_the_lines_from_the_debrief_and_ctrl_l_takes_them(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        form = app.screen
        await pilot.pause()
        await paste(pilot, "Zephyr Works")
        proposal = form.query_one("#m-lines", Static)
        assert not proposal.display
        form.query_one("#f-went_well", TextArea).focus()
        form.query_one("#f-went_well", TextArea).load_text("walked through the queue redesign")
        form.query_one("#f-went_poorly", TextArea).focus()  # leaving What went well
        await pilot.pause()
        text = str(proposal.render())
        assert proposal.display
        assert "Reinforce: “I especially enjoyed talking about the queue redesign" in text
        assert "ctrl+l puts it in" in text
        form.query_one("#f-went_poorly", TextArea).load_text(
            "fumbled the question on Kafka partition rebalancing"
        )
        await pilot.press("tab")  # leaving What did not
        await pilot.pause()
        text = str(proposal.render())
        assert "Recoup: “Since we spoke I have given more thought to Kafka partition" in text
        assert "fumbled" not in text
        await pilot.press("ctrl+l")
        await pilot.pause()
        reinforce = form.query_one("#f-reinforce", Input)
        recoup = form.query_one("#f-recoup", Input)
        assert reinforce.value.startswith("I especially enjoyed talking about the queue redesign")
        assert recoup.value.startswith("Since we spoke I have given more thought to Kafka")
        assert form.focused is reinforce  # to edit in place
        assert not proposal.display  # nothing left to propose
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        saved = find(app, "Zephyr Works").debrief
        assert saved.reinforce == reinforce.value and saved.recoup == recoup.value
