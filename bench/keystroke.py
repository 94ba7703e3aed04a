"""Key to frame in the debrief's Notes and a draft's body against stock TextAreas, same text.

All cases run headless at 120x40 in this process (`App.run_test`), one after the other in each
round, on the same 3,000-word text (deterministic prose from a fixed word list and a seeded
random, in paragraphs of 60 to 140 words: one long soft-wrapped line each):

- debrief: the real app (`AfterwordApp` on a fresh temporary database of the demo interviews,
  the config from `load_config()` with private XDG folders and `AFTERWORD_CONFIG`, a held
  `WriterLock`), its interviews read (`Library.loaded`), `action_new_debrief()` (the form of a
  new interview), the text put into Notes (`#f-notes`, `load_text`), then Notes focused, which
  scrolls the form so that all of Notes (95x12 cells of text) is on the screen. The form's
  autosave stays on: its 0.25 s timer, and the record of the whole form it hands to its thread
  during continuous typing, run as they do for a user;
- stock: an `App` whose only widget is `textual.widgets.TextArea(text, compact=True)` of the
  size of Notes (the form's fields are compact), so both show the same 95x12 cells of the same
  text and repaint the same lines per key. (`--full-screen` adds a stock TextArea filling the
  screen, for reference: it repaints 3.9 times the cells, so it is no yardstick for the form.)
- draft: the real app as for the debrief, with a profile in its config (`Profile("Alex Morgan",
  "alex@example.com")`, as a user writing emails has), `open_drafts` on the demo's interview of
  this morning (no email written yet: the screen writes its thank-you), once the screen shows
  that draft (`screen.current`) and the app has loaded the dictionary (`app.spelling`, in a
  worker); the text put into the body (`#d-body`, a `LongText`, `load_text`) and the body
  focused: all of it (83x31 cells of text at 120x40) is on the screen. Proofreading stays on:
  0.4 s after the last key the screen's 0.25 s timer (which also drives the autosave) checks the
  four Rs on the UI thread, proofreads the text in a worker and shows the findings (a few dozen
  on this text: the random prose writes words twice in a row, and has no greeting or sign-off);
- stock (draft): a stock compact `TextArea` of the body's size (85x31 with TextArea's own
  padding, as the body has), so both show the same 83x31 cells.

In every case the cursor is put at the start of a word in the middle of the text and the app is left
to settle before the first key (a few pauses, then 1.6 s for the form and the drafting screen,
so that the autosave timer has fired, the drafting screen has proofread the text put in, and the
cursor blink timer has run; 0.6 s for the stock app, which has only the blink).

One key: from just before the key event is posted to the app (`app.post_message(events.Key(...))`,
the event built as Textual's pilot builds it) to the first call of `App._display` after it with
a frame for the current screen outside a batch, i.e. the compositor update that would be written
to the terminal (headless, Textual computes it and skips only turning it into escape sequences,
equally in both cases). Only a frame drawn after the TextArea's cursor moved counts, so a frame
of something else (a blink) cannot end a key early. Not the wall time of `pilot.press`, which is
mostly its own sleeps.

Keys are typed one at a time, the next one 1/60 s plus 3 ms after the previous frame: Textual
draws at most 60 frames a second (its screen update timer), so keys closer together would wait
for the timer's next tick and both cases would measure its period. The keys are the letters of
words followed by a space, with one to three backspaces after about half of the words; the first
round types fewer of them and is dropped (warm-up). After each case the bench checks that the
TextArea holds exactly the text with the typed characters at the cursor, so it cannot time keys
that did nothing.

Typed so, 1/60 s apart, no key of the draft ever meets the proofreading: it waits for 0.4 s
without a key. So the draft and its stock TextArea then type 12 keys more per round (3 in the
warm-up), each after a pause: on the drafting screen the key is posted as soon as the screen's
timer has started the proofreading (its due time cleared: the four Rs checked, the worker
started), so it meets the worker and the findings it hands back, as the first key after a pause
in typing does whenever the pause ended just then; in the stock app after 0.525 s (the draft's
pause on average). These keys are reported apart ("a key as proofreading starts").

Figures are medians (and 90th percentiles) over all keys of all measured rounds; each round's
medians are printed too, to show the spread (the cases of a round run one after the other, so a
busy machine shows there). Budget (docs/budgets.md): a keystroke in the debrief or draft editor
within 1.1x a stock `TextArea` holding the same text, at the median; the keys after a pause are
held to it too. `--profile` (`--profile debrief` or `draft` for one) then types the keys into
the form or the drafting screen once more under cProfile and prints where the time goes.

(Named keystroke.py: a bench/typing.py would hide the standard library's `typing` from every
script in bench/, which has bench/ on its import path.)
Run: `python bench/keystroke.py` (`--repeat 1` for a quick look).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
import unicodedata
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from _common import NOW, compile_package, verdict

BUDGET = 1.1
WORDS = 3000
SIZE = (120, 40)
WARM_UP_KEYS = 60
SETTLE_FORM = 1.6  # seconds: past the form's autosave timer (0.25 s) and the blink (0.5 s)
SETTLE_STOCK = 0.6
STOCK_PAUSE = 0.4 + 0.25 / 2  # seconds: the draft's pause on average (see stock_case)
SETTLE_DRAFT = 1.6  # seconds: past the proofreading of the text put in (0.4 s after it, on the
# screen's 0.25 s timer, about 60 ms), the autosave (0.8 s after it, on the same timer), the blink
DEBRIEF = "debrief form, Notes"
STOCK = "stock TextArea, the size of Notes"
DRAFT = "drafting screen, the body"
STOCK_DRAFT = "stock TextArea, the size of the body"
DRAFT_PAUSED = "the body, a key as proofreading starts"
STOCK_PAUSED = "its stock TextArea, a key after a pause"
PAUSES = 12  # keys per round typed after a pause, each the first key after it
PAUSE_WAIT = 5.0  # seconds: a proofread not started by then after a pause fails the bench
FULL = "stock TextArea filling the screen"
CASES = (DEBRIEF, STOCK, DRAFT, STOCK_DRAFT, DRAFT_PAUSED, STOCK_PAUSED, FULL)
FRAME_TIMEOUT = 5.0  # seconds: a key without a frame by then fails the bench
PROSE = (  # the words of the text and of the keys typed
    "the a an and but or so of to in on at for with from about after before during while "
    "interview interviewer recruiter team manager engineer role offer salary question answer "
    "system design culture onsite phone screen follow thank email decision friday monday "
    "week next steps went well poorly asked told said explained remember reinforce recoup "
    "project database latency queue cache service deploy incident review pairing whiteboard "
    "they we she he it this that these those was were is are be been would could should "
    "quick long warm rushed formal chatty careful vague clear strong weak good great hard "
    "remote office hybrid travel budget headcount timeline roadmap product customer support"
)
VOCABULARY = PROSE.split()


def make_text(words: int = WORDS, seed: int = 2026) -> str:
    """``words`` words of deterministic prose: sentences in paragraphs, one line each."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    left = words
    while left > 0:
        size = min(left, rng.randint(60, 140))
        left -= size
        sentences: list[str] = []
        while size > 0:
            length = min(size, rng.randint(6, 18))
            size -= length
            sentence = " ".join(rng.choice(VOCABULARY) for _ in range(length))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def make_keys(count: int, seed: int = 7) -> list[str]:
    """``count`` key names: words' letters then "space", some words followed by backspaces."""
    rng = random.Random(seed)
    keys: list[str] = []
    while len(keys) < count:
        keys.extend(rng.choice(VOCABULARY))
        keys.append("space")
        if rng.random() < 0.5:
            keys.extend(["backspace"] * rng.randint(1, 3))
    return keys[:count]


def typed(keys: list[str]) -> str:
    """What ``keys`` leave at the cursor (a backspace deletes the character typed before it)."""
    out: list[str] = []
    for key in keys:
        if key == "backspace":
            assert out, "the keys start with a backspace: it would delete the original text"
            out.pop()
        else:
            out.append(" " if key == "space" else key)
    return "".join(out)


def key_event(key: str) -> Any:
    """The event Textual's pilot posts for ``key`` (see `App._press_keys`)."""
    from textual import events
    from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key

    character: str | None
    try:
        character = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


def middle(area: Any) -> tuple[int, int]:
    """The start of a word in the middle of ``area``'s text (row, column)."""
    lines = area.document.lines
    row = len(lines) // 2
    while not lines[row]:
        row += 1
    column = lines[row].index(" ", len(lines[row]) // 2) + 1
    return row, column


def offset(text: str, location: tuple[int, int]) -> int:
    row, column = location
    return sum(len(line) + 1 for line in text.split("\n")[:row]) + column


class Probe:
    """The frame after a key: set by the wrapped `App._display`."""

    def __init__(self) -> None:
        self.app: Any = None
        self.area: Any = None
        self.before: Any = None  # the TextArea's selection when the key was posted
        self.waiting = False
        self.frame = 0.0
        self.done: asyncio.Event | None = None  # made in the running loop


PROBE = Probe()


def watch_frames() -> None:
    """Wrap `App._display` (as bench/startup.py does) to note the frame that follows a key."""
    from textual.app import App

    shown = App._display

    def display(self: App[Any], screen: Any, renderable: Any) -> None:
        shown(self, screen, renderable)
        probe = PROBE
        if (
            not probe.waiting
            or self is not probe.app
            or renderable is None
            or self._batch_count
            or screen is not self.screen
            or probe.area.selection == probe.before
        ):
            return
        probe.frame = time.perf_counter()
        probe.waiting = False
        assert probe.done is not None
        probe.done.set()

    App._display = display  # type: ignore[method-assign]


async def settle(pilot: Any, seconds: float) -> None:
    for _ in range(3):
        await pilot.pause()
    await asyncio.sleep(seconds)
    await pilot.pause()


async def type_keys(app: Any, area: Any, keys: list[str]) -> list[float]:
    """Seconds from posting each key to the frame that shows it."""
    from textual.constants import MAX_FPS

    gap = 1 / MAX_FPS + 0.003  # the screen's update timer is ready again (see the docstring)
    probe = PROBE
    probe.app, probe.area = app, area
    probe.done = done = asyncio.Event()
    times = []
    for key in keys:
        event = key_event(key)
        done.clear()
        probe.before = area.selection
        probe.waiting = True
        start = time.perf_counter()
        app.post_message(event)
        try:
            await asyncio.wait_for(done.wait(), FRAME_TIMEOUT)
        except TimeoutError:
            raise SystemExit(f"no frame {FRAME_TIMEOUT} s after the key {key!r}") from None
        times.append(probe.frame - start)
        await asyncio.sleep(gap)
    probe.waiting = False
    probe.app = probe.area = None
    return times


def check(name: str, area: Any, text: str, at: tuple[int, int], keys: list[str]) -> None:
    """The TextArea holds ``text`` with what ``keys`` type inserted at ``at``, nothing else."""
    cut = offset(text, at)
    expected = text[:cut] + typed(keys) + text[cut:]
    got = area.text
    if got != expected:
        raise SystemExit(
            f"{name}: the typed keys did not arrive as typed: {len(got)} characters, "
            f"{len(expected)} expected (the text had {len(text)})"
        )
    assert len(got) > len(text)


async def type_after_pauses(
    app: Any, area: Any, keys: Sequence[str], pause: Callable[[], Awaitable[None]]
) -> list[float]:
    """Seconds from posting each key to its frame, each key typed after ``pause()``."""
    times = []
    for key in keys:
        await pause()
        times += await type_keys(app, area, [key])
    return times


class Case:
    """What one case of one round gives: the key-to-frame times (and those of the keys typed
    after a pause) and the TextArea's sizes."""

    def __init__(self, times: list[float], area: Any, paused: list[float] | None = None) -> None:
        self.times = times
        self.paused = paused or []
        self.outer = area.outer_size.width, area.outer_size.height
        self.content = area.content_size.width, area.content_size.height


async def debrief_case(text: str, keys: list[str], folder: Path, profiler: Any = None) -> Case:
    """Type ``keys`` into the debrief form's Notes (the whole app, a fresh database)."""
    from textual.widgets import TextArea

    from afterword.config import load_config
    from afterword.demo import write_demo_database
    from afterword.store.lock import WriterLock
    from afterword.tui.app import AfterwordApp
    from afterword.tui.screens.debrief import DebriefScreen

    folder.mkdir()
    db = folder / "afterword.json"  # fresh: no recovery record of an earlier round to offer
    write_demo_database(db, NOW)
    config, _problems = load_config()
    lock = WriterLock(db)
    lock.acquire()
    app = AfterwordApp(db, config, lock=lock, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        deadline = time.monotonic() + 30
        while not app.library.loaded:
            if time.monotonic() > deadline:
                raise SystemExit("the app did not read its interviews within 30 s")
            await pilot.pause(0.02)
        await pilot.pause()
        await app.action_new_debrief()
        screen = app.screen
        assert isinstance(screen, DebriefScreen), screen
        area = screen.query_one("#f-notes", TextArea)
        area.load_text(text)
        await pilot.pause()  # Notes grows to its full height (12 lines) before it is focused
        area.focus()  # which scrolls the form to show all of it, as tab or a click would
        await pilot.pause()
        at = middle(area)
        area.move_cursor(at)
        await settle(pilot, SETTLE_FORM)
        assert app.focused is area and app.screen is screen, (app.focused, app.screen)
        region, clip = screen._compositor.visible_widgets[area]
        if region.intersection(clip) != region:
            raise SystemExit(f"Notes is not all on the screen: {region} in {clip}")
        if profiler is not None:
            profiler.enable()
        times = await type_keys(app, area, keys)
        if profiler is not None:
            profiler.disable()
        check("debrief Notes", area, text, at, keys)
        case = Case(times, area)
    lock.release()
    return case


async def draft_case(
    text: str, keys: list[str], folder: Path, profiler: Any = None, paused: Sequence[str] = ()
) -> Case:
    """Type ``keys`` into the body of an email on the drafting screen (the whole app, a fresh
    database), proofreading on; then ``paused``, each key as soon as the screen has started to
    proofread the text after the pause before it."""
    import dataclasses

    from afterword.config import Profile, load_config
    from afterword.demo import write_demo_database
    from afterword.store.lock import WriterLock
    from afterword.tui.app import AfterwordApp
    from afterword.tui.screens.drafting import DraftsScreen
    from afterword.tui.widgets.long_text import LongText

    folder.mkdir()
    db = folder / "afterword.json"
    write_demo_database(db, NOW)
    config, _problems = load_config()
    config = dataclasses.replace(config, profile=Profile("Alex Morgan", "alex@example.com"))
    lock = WriterLock(db)
    lock.acquire()
    app = AfterwordApp(db, config, lock=lock, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        deadline = time.monotonic() + 30
        while not app.library.loaded:
            if time.monotonic() > deadline:
                raise SystemExit("the app did not read its interviews within 30 s")
            await pilot.pause(0.02)
        await pilot.pause()
        interview = next(  # the demo's interview of this morning: no email written yet
            i
            for i in app.library.interviews.values()
            if i.when <= NOW and i.interviewers and not i.drafts
        )
        await app.open_drafts(interview.id)
        screen = app.screen
        assert isinstance(screen, DraftsScreen), screen
        deadline = time.monotonic() + 30
        while not (screen.current and app.spelling is not None):
            if time.monotonic() > deadline:
                raise SystemExit("the drafts or the dictionary were not ready within 30 s")
            await pilot.pause(0.02)
        await pilot.pause()
        draft = screen._draft()
        assert draft is not None and not draft.is_sent, draft
        area = screen.query_one("#d-body", LongText)
        area.load_text(text)  # proofread by the screen's timer, as after any edit
        await pilot.pause()
        area.focus()
        await pilot.pause()
        at = middle(area)
        area.move_cursor(at)
        await settle(pilot, SETTLE_DRAFT)
        assert app.focused is area and app.screen is screen, (app.focused, app.screen)
        if screen._proof_due is not None or not screen.findings:
            raise SystemExit("the drafting screen did not proofread the text before the keys")
        region, clip = screen._compositor.visible_widgets[area]
        if region.intersection(clip) != region:
            raise SystemExit(f"the body is not all on the screen: {region} in {clip}")
        if profiler is not None:
            profiler.enable()
        times = await type_keys(app, area, keys)

        async def proofreading() -> None:
            """Until the screen's timer starts the proofreading (0.4 s after the last key)."""
            deadline = time.monotonic() + PAUSE_WAIT
            while screen._proof_due is not None:
                if time.monotonic() > deadline:
                    raise SystemExit(f"no proofreading {PAUSE_WAIT} s after a key")
                await asyncio.sleep(0.001)

        after = await type_after_pauses(app, area, paused, proofreading)
        if profiler is not None:
            profiler.disable()
        check("draft body", area, text, at, [*keys, *paused])
        case = Case(times, area, after)
    lock.release()
    return case


async def stock_case(
    text: str, keys: list[str], size: tuple[int, int] | None, paused: Sequence[str] = ()
) -> Case:
    """Type ``keys`` into a stock TextArea, alone in an app: ``size`` (width, height), or
    filling the screen for None; then ``paused``, each after a pause as long as the draft's
    (on average: 0.4 s and half the drafting screen's 0.25 s timer)."""
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Stock(App[None]):
        CSS = f"TextArea {{ width: {size[0]}; height: {size[1]}; }}" if size else ""

        def compose(self) -> ComposeResult:
            yield TextArea(text, compact=size is not None)

    app = Stock()
    async with app.run_test(size=SIZE) as pilot:
        area = app.query_one(TextArea)
        area.focus()
        await pilot.pause()
        at = middle(area)
        area.move_cursor(at)
        await settle(pilot, SETTLE_STOCK)
        assert app.focused is area, app.focused
        times = await type_keys(app, area, keys)

        async def pause() -> None:
            await asyncio.sleep(STOCK_PAUSE)

        after = await type_after_pauses(app, area, paused, pause)
        check("stock TextArea", area, text, at, [*keys, *paused])
        return Case(times, area, after)


def private_folders(folder: Path) -> None:
    """Config, data, state and cache folders of our own: the user's files are not touched."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(folder / name.lower())
    os.environ["AFTERWORD_CONFIG"] = str(folder / "xdg_config_home" / "afterword" / "config.toml")
    os.environ.pop("AFTERWORD_DB", None)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


PAIRS = (  # each measure, its yardstick, and how the ratio is named
    (DEBRIEF, STOCK, "debrief Notes vs stock TextArea"),
    (DRAFT, STOCK_DRAFT, "draft body vs stock TextArea"),
    (DRAFT_PAUSED, STOCK_PAUSED, "draft body, a key as proofreading starts, vs stock"),
)


def ratio_of(times: dict[str, list[float]], ours: str, theirs: str) -> float:
    return statistics.median(times[ours]) / statistics.median(times[theirs])


async def one_round(
    text: str, keys: list[str], paused: Sequence[str], folder: Path, full_screen: bool
) -> dict[str, Case]:
    """The cases of one round, one after the other, each stock TextArea the size of the field
    it is a yardstick for."""
    cases: dict[str, Case] = {}
    folder.mkdir()
    for name, stock_name in ((DEBRIEF, STOCK), (DRAFT, STOCK_DRAFT)):
        if name == DEBRIEF:
            ours = await debrief_case(text, keys, folder / "debrief")
        else:
            ours = await draft_case(text, keys, folder / "draft", paused=paused)
        theirs = await stock_case(text, keys, ours.outer, paused if name == DRAFT else ())
        if theirs.content != ours.content:
            raise SystemExit(f"the stock TextArea shows {theirs.content}, {name}: {ours.content}")
        cases[name], cases[stock_name] = ours, theirs
    if full_screen:
        cases[FULL] = await stock_case(text, keys, None)
    return cases


async def run(args: argparse.Namespace, folder: Path) -> None:
    text = make_text()
    keys = make_keys(args.keys)
    paused = make_keys(PAUSES, seed=11)
    print(
        f"{len(text.split())} words, {len(text)} characters, {text.count(chr(10) * 2) + 1} "
        f"paragraphs; {len(keys)} keys per case per round ({keys.count('backspace')} backspaces), "
        f"then in the draft and its stock TextArea {len(paused)} keys each after a pause"
    )
    names = [name for name in CASES if name != FULL or args.full_screen]
    print(f"each round: the median key to frame of {', '.join(names)}; the ratios")
    times: dict[str, list[float]] = {name: [] for name in names}
    shapes: dict[str, str] = {}
    for round_ in range(args.repeat + 1):  # round 0 warms up, with fewer keys
        these = keys if round_ else keys[:WARM_UP_KEYS]
        cases = await one_round(
            text,
            these,
            paused if round_ else paused[:3],
            folder / f"round-{round_}",
            args.full_screen,
        )
        shapes = {name: "x".join(map(str, cases[name].content)) for name in (DEBRIEF, DRAFT)}
        got = {name: case.times for name, case in cases.items()}
        got[DRAFT_PAUSED], got[STOCK_PAUSED] = cases[DRAFT].paused, cases[STOCK_DRAFT].paused
        medians = " ".join(f"{statistics.median(got[n]) * 1000:6.2f}" for n in names)
        ratios = " ".join(f"{ratio_of(got, ours, theirs):.2f}" for ours, theirs, _ in PAIRS)
        print(
            f"round {round_}/{args.repeat}: ms {medians}  ratios {ratios}"
            f"{'  (warm-up, dropped)' if not round_ else ''}",
            flush=True,
        )
        if round_:
            for name in names:
                times[name] += got[name]
    print()
    print(
        f"Key to frame in ms, headless {SIZE[0]}x{SIZE[1]}, text shown in {shapes[DEBRIEF]} "
        f"cells (Notes) and {shapes[DRAFT]} (the body); {len(times[DEBRIEF])} keys per case, "
        f"{len(times[DRAFT_PAUSED])} after a pause."
    )
    print(f"{'case':<40} {'median':>7} {'p90':>7}")
    for name, values in times.items():
        print(f"{name:<40} {statistics.median(values) * 1000:>7.2f} {p90(values) * 1000:>7.2f}")
    print()
    for ours, theirs, what in PAIRS:
        ratio = ratio_of(times, ours, theirs)
        print(
            f"{what + ', median key-to-frame:':<66} {ratio:5.2f}x "
            f"(budget {BUDGET}x)  {verdict(ratio, BUDGET)}"
        )
    if args.full_screen:
        ratio = ratio_of(times, DEBRIEF, FULL)
        print(f"debrief Notes vs the full-screen TextArea: {ratio:.2f}x (reference, no budget)")
    if args.profile:
        await profile(text, keys, paused, folder / "profile", args.profile)


async def profile(text: str, keys: list[str], paused: list[str], folder: Path, which: str) -> None:
    import cProfile
    import pstats

    folder.mkdir()
    for name in ("debrief", "draft"):
        if which not in (name, "both"):
            continue
        profiler = cProfile.Profile()
        if name == "debrief":
            await debrief_case(text, keys, folder / name, profiler)
            what = f"{len(keys)} keys"
        else:
            await draft_case(text, keys, folder / name, profiler, paused)
            what = f"{len(keys)} keys and {len(paused)} keys after a pause"
        print()
        print(f"cProfile of the {name} case's {what} (the gaps between keys included):")
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keys", type=int, default=150, help="keys per case per round")
    parser.add_argument(
        "--full-screen", action="store_true", help="also time a TextArea filling the screen"
    )
    parser.add_argument(
        "--profile",
        nargs="?",
        const="both",
        choices=("debrief", "draft", "both"),
        help="then profile the keys of the debrief case, the draft case or both (the default)",
    )
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory(prefix="afterword-bench-") as tmp:
        folder = Path(tmp)
        private_folders(folder)
        watch_frames()
        asyncio.run(run(args, folder))


if __name__ == "__main__":
    main()
