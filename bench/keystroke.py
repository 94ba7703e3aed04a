"""Key to frame in the debrief's Notes and a draft's body against stock TextAreas, same text.

Every case runs headless at 120x40 (`App.run_test`) in a child process of its own, as a user
runs one app (its garbage collector sees its own objects only), on the same 3,000-word text
(deterministic prose from a fixed word list and a seeded random, in paragraphs of 60 to 140
words: one long soft-wrapped line each). A field and its stock TextArea are typed into in turns,
both processes alive: 25 keys into one, the same 25 into the other (which goes first alternates),
each left to finish what the keys started (the autosave, the proofreading) before the other's
turn, the waiting one's cursor not blinking (a cursor being typed at never blinks: each key
restarts the blink's timer). A slow spell of the machine, which on a shared two-core machine
can halve the speed for seconds, so falls on both alike.

- debrief: the real app (`AfterwordApp` on a fresh temporary database of the demo interviews,
  the config from `load_config()` with private XDG folders and `AFTERWORD_CONFIG`, a held
  `AppLock`), its interviews read (`Library.loaded`), `action_new_debrief()` (the form of a
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
to settle before the first key (a few pauses, then 1.6 s for the form and the emails screen,
so that the autosave timer has fired, the emails screen has proofread the text put in, and the
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
warm-up), each after a pause: on the emails screen the key is posted as soon as the screen's
timer has started the proofreading (its due time cleared: the four Rs checked, the worker
started), so it meets the worker and the findings it hands back, as the first key after a pause
in typing does whenever the pause ended just then; in the stock app after 0.525 s (the draft's
pause on average). These keys are reported apart ("a key as proofreading starts").

Figures are medians (and 90th percentiles) over all keys of all measured rounds; each round's
medians and ratios are printed too, to show the spread. The twin of each key (the same key in
the same place of the same text in the stock TextArea) gives a second figure, "key by key": the
median of each key's time over its twin's. Key times come in two humps (a key that rewraps the
lines below it draws more of them), so a median of all keys can jump between the humps from run
to run while the key-by-key ratio stays put. Budget (docs/budgets.md): a keystroke in the
debrief or draft editor within 1.1x a stock `TextArea` holding the same text, at the median;
the keys after a pause are held to it too. `--profile` (`--profile debrief` or `draft` for one)
then types the keys into the form or the emails screen once more, in this process, under
cProfile and prints where the time goes.

(Named keystroke.py: a bench/typing.py would hide the standard library's `typing` from every
script in bench/, which has bench/ on its import path.)
Run: `python bench/keystroke.py` (`--repeat 1` for a quick look).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
import unicodedata
from asyncio.subprocess import PIPE
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from _common import NOW, compile_package, interviews_read, verdict

BUDGET = 1.1
WORDS = 3000
SIZE = (120, 40)
WARM_UP_KEYS = 60
SETTLE_FORM = 1.6  # seconds: past the form's autosave timer (0.25 s) and the blink (0.5 s)
SETTLE_STOCK = 0.6
STOCK_REST = 0.1  # seconds after a stock TextArea's keys: nothing runs after them but the frame
STOCK_PAUSE = 0.4 + 0.25 / 2  # seconds: the draft's pause on average (see stock_app)
BLOCK = 25  # keys typed into one app before the other has its turn (see `pair`)
SETTLE_DRAFT = 1.6  # seconds: past the proofreading of the text put in (0.4 s after it, on the
# screen's 0.25 s timer, about 60 ms), the autosave (0.8 s after it, on the same timer), the blink
DEBRIEF = "debrief form, Notes"
STOCK = "stock TextArea, the size of Notes"
DRAFT = "emails screen, the body"
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


class Typist:
    """One app ready for keys, its TextArea focused with the cursor in the middle of the text:
    what it was typed and how long each key took to show."""

    def __init__(self, name: str, app: Any, area: Any, text: str, rest: float) -> None:
        self.name, self.app, self.area, self.text = name, app, area, text
        self.rest = rest  # seconds after a key or block of keys until the app is idle again
        self.at = middle(area)
        area.move_cursor(self.at)
        self.keys: list[str] = []
        self.times: list[float] = []
        self.paused: list[float] = []
        self.outer = area.outer_size.width, area.outer_size.height
        self.content = area.content_size.width, area.content_size.height
        self.ready: Callable[[], Awaitable[None]] = self.pause  # before a key after a pause

    async def pause(self) -> None:
        """A stock app's pause: as long as the draft's on average (see `stock_app`)."""
        await asyncio.sleep(STOCK_PAUSE)

    async def type(self, keys: Sequence[str], after_pause: bool = False) -> None:
        """Type ``keys`` (each after a pause if ``after_pause``), then wait until what they
        started (the autosave, the proofreading) is done, so the other app is timed alone."""
        with self.app._context():  # the key events come from this app's side, as a user's do
            self.area.cursor_blink = False  # see `pair`
            for key in keys:
                if after_pause:
                    await self.ready()
                timed = await type_keys(self.app, self.area, [key])
                (self.paused if after_pause else self.times).extend(timed)
                self.keys.append(key)
        await asyncio.sleep(self.rest)

    async def check(self) -> None:
        """The TextArea holds the text with what the keys typed at the cursor, nothing else."""
        cut = offset(self.text, self.at)
        expected = self.text[:cut] + typed(self.keys) + self.text[cut:]
        got = self.area.text
        if got != expected:
            raise SystemExit(
                f"{self.name}: the typed keys did not arrive as typed: {len(got)} characters, "
                f"{len(expected)} expected (the text had {len(self.text)})"
            )
        assert len(got) > len(self.text)


@contextlib.asynccontextmanager
async def debrief_app(text: str, folder: Path) -> AsyncIterator[Typist]:
    """The debrief form's Notes ready for keys (the whole app, a fresh database)."""
    from textual.widgets import TextArea

    from afterword.config import load_config
    from afterword.demo import write_demo_database
    from afterword.store.lock import AppLock
    from afterword.tui.app import AfterwordApp
    from afterword.tui.screens.debrief import DebriefScreen

    folder.mkdir()
    db = folder / "afterword.json"  # fresh: no recovery record of an earlier round to offer
    write_demo_database(db, NOW)
    config, _problems = load_config()
    lock = AppLock(db)
    lock.acquire()
    app = AfterwordApp(db, config, lock=lock, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await interviews_read(app, pilot, 30)
        await app.action_new_debrief()
        screen = app.screen
        assert isinstance(screen, DebriefScreen), screen
        area = screen.query_one("#f-notes", TextArea)
        area.load_text(text)
        await pilot.pause()  # Notes grows to its full height (12 lines) before it is focused
        area.focus()  # which scrolls the form to show all of it, as tab or a click would
        await pilot.pause()
        typist = Typist(DEBRIEF, app, area, text, SETTLE_FORM)
        await settle(pilot, SETTLE_FORM)
        assert app.focused is area and app.screen is screen, (app.focused, app.screen)
        all_shown(screen, area, "Notes")
        yield typist
    lock.release()


def all_shown(screen: Any, area: Any, what: str) -> None:
    region, clip = screen._compositor.visible_widgets[area]
    if region.intersection(clip) != region:
        raise SystemExit(f"{what} is not all on the screen: {region} in {clip}")


@contextlib.asynccontextmanager
async def draft_app(text: str, folder: Path) -> AsyncIterator[Typist]:
    """The body of an email on the emails screen ready for keys (the whole app, a fresh
    database), proofreading on. A key after a pause is typed as soon as the screen has started
    to proofread the text after the pause."""
    import dataclasses

    from afterword.config import Profile, load_config
    from afterword.demo import write_demo_database
    from afterword.store.lock import AppLock
    from afterword.tui.app import AfterwordApp
    from afterword.tui.screens.emails import EmailsScreen
    from afterword.tui.widgets.long_text import LongText

    folder.mkdir()
    db = folder / "afterword.json"
    write_demo_database(db, NOW)
    config, _problems = load_config()
    config = dataclasses.replace(config, profile=Profile("Alex Morgan", "alex@example.com"))
    lock = AppLock(db)
    lock.acquire()
    app = AfterwordApp(db, config, lock=lock, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await interviews_read(app, pilot, 30)
        interview = next(  # the demo's interview of this morning: no email written yet
            i
            for i in app.library.interviews.values()
            if i.when <= NOW and i.interviewers and not i.drafts
        )
        await app.open_drafts(interview.id)
        opened = app.screen
        assert isinstance(opened, EmailsScreen), opened
        screen = opened
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
        typist = Typist(DRAFT, app, area, text, SETTLE_DRAFT)
        await settle(pilot, SETTLE_DRAFT)
        assert app.focused is area and app.screen is screen, (app.focused, app.screen)
        if screen.proofreading.due is not None or not screen.findings:
            raise SystemExit("the emails screen did not proofread the text before the keys")
        all_shown(screen, area, "the body")

        drafting: EmailsScreen = screen

        async def proofreading() -> None:
            """Until the screen's timer starts the proofreading (0.4 s after the last key)."""
            deadline = time.monotonic() + PAUSE_WAIT
            while drafting.proofreading.due is not None:
                if time.monotonic() > deadline:
                    raise SystemExit(f"no proofreading {PAUSE_WAIT} s after a key")
                await asyncio.sleep(0.001)

        typist.ready = proofreading
        yield typist
    lock.release()


@contextlib.asynccontextmanager
async def stock_app(text: str, size: tuple[int, int] | None) -> AsyncIterator[Typist]:
    """A stock TextArea alone in an app, ready for keys: ``size`` (width, height), or filling
    the screen for None. A key after a pause waits as long as the draft's pause on average
    (0.4 s and half the emails screen's 0.25 s timer)."""
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
        typist = Typist(STOCK, app, area, text, STOCK_REST)
        await settle(pilot, SETTLE_STOCK)
        assert app.focused is area, app.focused
        yield typist


def private_folders(folder: Path) -> None:
    """Config, data, state and cache folders of our own: the user's files are not touched."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(folder / name.lower())
    os.environ["AFTERWORD_CONFIG"] = str(folder / "xdg_config_home" / "afterword" / "config.toml")
    os.environ.pop("AFTERWORD_DB", None)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


SHAPES = ""  # the cells of text Notes and the body show, as the last round found them
PAIRS = (  # each measure, its yardstick, and how the ratio is named
    (DEBRIEF, STOCK, "debrief Notes vs stock TextArea"),
    (DRAFT, STOCK_DRAFT, "draft body vs stock TextArea"),
    (DRAFT_PAUSED, STOCK_PAUSED, "draft body, a key as proofreading starts, vs stock"),
)


def ratio_of(times: dict[str, list[float]], ours: str, theirs: str) -> float:
    return statistics.median(times[ours]) / statistics.median(times[theirs])


async def pair(
    ours: Typist | Remote, theirs: Typist | Remote, keys: Sequence[str], paused: Sequence[str]
) -> None:
    """Type the same keys into both, in turns: a block of keys into one, then the same block
    into the other (which goes first alternates), so that a slow spell of the machine falls on
    both alike; then the keys after a pause, one by one in turns. Each app is left to finish
    what the keys started before the other is typed into, and the idle one's cursor does not
    blink (a key restarts the blink's timer, so a cursor being typed at never blinks anyway)."""
    if theirs.content != ours.content:
        raise SystemExit(f"the stock TextArea shows {theirs.content}, {ours.name}: {ours.content}")
    for number, start in enumerate(range(0, len(keys), BLOCK)):
        block = keys[start : start + BLOCK]
        for typist in (ours, theirs) if number % 2 == 0 else (theirs, ours):
            await typist.type(block)
    for key in paused:
        for typist in (ours, theirs):
            await typist.type([key], after_pause=True)
    await ours.check()
    await theirs.check()


class Remote:
    """A case served by a child process of its own (`serve`): the parent's side of it, with
    what a `Typist` has (``type``, ``check``, the times and sizes). Each case in a process of
    its own, as a user runs one app: its garbage collector sees its own objects only."""

    def __init__(self, process: asyncio.subprocess.Process, name: str) -> None:
        self.process, self.name = process, name
        self.times: list[float] = []
        self.paused: list[float] = []
        self.outer: tuple[int, int] = (0, 0)
        self.content: tuple[int, int] = (0, 0)

    @classmethod
    async def start(cls, kind: str, folder: Path, size: tuple[int, int] | None = None) -> Remote:
        command = [sys.executable, __file__, "--serve", kind, "--folder", str(folder)]
        if size is not None:
            command += ["--size", f"{size[0]}x{size[1]}"]
        process = await asyncio.create_subprocess_exec(
            *command, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=os.environ.copy()
        )
        remote = cls(process, kind)
        ready = await remote.answer()
        remote.name = ready["name"]
        remote.outer, remote.content = tuple(ready["outer"]), tuple(ready["content"])
        return remote

    async def answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        while line := (await self.process.stdout.readline()).decode():
            if line.startswith("BENCH "):
                answer: dict[str, Any] = json.loads(line[len("BENCH ") :])
                return answer
        assert self.process.stderr is not None
        error = (await self.process.stderr.read()).decode()
        raise SystemExit(f"the {self.name} case's process ended: {error[-3000:]}")

    async def ask(self, **command: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps(command) + "\n").encode())
        await self.process.stdin.drain()
        return await self.answer()

    async def type(self, keys: Sequence[str], after_pause: bool = False) -> None:
        got = await self.ask(do="type", keys=list(keys), after_pause=after_pause)
        (self.paused if after_pause else self.times).extend(got["times"])

    async def check(self) -> None:
        await self.ask(do="check")

    async def close(self) -> None:
        await self.ask(do="quit")
        await self.process.wait()


async def serve(kind: str, folder: Path, size: tuple[int, int] | None) -> None:
    """A case in this process, typed into as the parent says: one JSON command a line on
    stdin, one answer a line ("BENCH {json}") on stdout."""
    text = make_text()
    opened: contextlib.AbstractAsyncContextManager[Typist]
    if kind == "debrief":
        opened = debrief_app(text, folder)
    elif kind == "draft":
        opened = draft_app(text, folder)
    else:
        opened = stock_app(text, size)
    loop = asyncio.get_running_loop()

    def say(**answer: Any) -> None:
        print("BENCH " + json.dumps(answer), flush=True)

    async with opened as typist:
        say(name=typist.name, outer=typist.outer, content=typist.content)
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            command = json.loads(line)
            if command["do"] == "type":
                before = len(typist.paused if command["after_pause"] else typist.times)
                await typist.type(command["keys"], command["after_pause"])
                got = typist.paused if command["after_pause"] else typist.times
                say(times=got[before:])
            elif command["do"] == "check":
                await typist.check()
                say(checked=True)
            else:
                say(done=True)
                break


async def one_round(
    keys: list[str], paused: Sequence[str], folder: Path, full_screen: bool
) -> dict[str, list[float]]:
    """The key-to-frame times of one round: the debrief and its stock TextArea typed into in
    turns, then the draft and its own; each stock TextArea the size of the field it is a
    yardstick for, each case in a process of its own."""
    global SHAPES
    got: dict[str, list[float]] = {}
    folder.mkdir()
    shapes = []
    for kind, name, stock_name in (("debrief", DEBRIEF, STOCK), ("draft", DRAFT, STOCK_DRAFT)):
        ours = await Remote.start(kind, folder / kind)
        theirs = await Remote.start("stock", folder / f"{kind}-stock", ours.outer)
        try:
            await pair(ours, theirs, keys, paused if kind == "draft" else ())
        finally:
            for remote in (ours, theirs):
                await remote.close()
        got[name], got[stock_name] = ours.times, theirs.times
        if kind == "draft":
            got[DRAFT_PAUSED], got[STOCK_PAUSED] = ours.paused, theirs.paused
        shapes.append("x".join(map(str, ours.content)))
    SHAPES = f"{shapes[0]} cells (Notes) and {shapes[1]} (the body)"
    if full_screen:
        full = await Remote.start("stock", folder / "full")
        await full.type(keys)
        await full.close()
        got[FULL] = full.times
    return got


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
    ratios: dict[str, list[float]] = {what: [] for _, _, what in PAIRS}
    for round_ in range(args.repeat + 1):  # round 0 warms up, with fewer keys
        got = await one_round(
            keys if round_ else keys[:WARM_UP_KEYS],
            paused if round_ else paused[:3],
            folder / f"round-{round_}",
            args.full_screen,
        )
        medians = " ".join(f"{statistics.median(got[n]) * 1000:6.2f}" for n in names)
        these = [ratio_of(got, ours, theirs) for ours, theirs, _ in PAIRS]
        print(
            f"round {round_}/{args.repeat}: ms {medians}  ratios "
            f"{' '.join(f'{r:.2f}' for r in these)}{'  (warm-up, dropped)' if not round_ else ''}",
            flush=True,
        )
        if round_:
            for name in names:
                times[name] += got[name]
            for (_, _, what), ratio in zip(PAIRS, these, strict=True):
                ratios[what].append(ratio)
    print()
    print(
        f"Key to frame in ms, headless {SIZE[0]}x{SIZE[1]}, text shown in {SHAPES}; "
        f"{len(times[DEBRIEF])} keys per case, {len(times[DRAFT_PAUSED])} after a pause."
    )
    print(f"{'case':<40} {'median':>7} {'p90':>7}")
    for name, values in times.items():
        print(f"{name:<40} {statistics.median(values) * 1000:>7.2f} {p90(values) * 1000:>7.2f}")
    print()
    print(
        "The same keys go to both apps of a pair in the same order, so each key has a twin: "
        "'key by key' is the median of each key's time over its twin's (the middle key's "
        "ratio: a slow spell of the machine, or keys that rewrap more lines, count alike on "
        "both sides)."
    )
    for ours, theirs, what in PAIRS:
        ratio = ratio_of(times, ours, theirs)
        spread = ratios[what]
        twins = [a / b for a, b in zip(times[ours], times[theirs], strict=True)]
        print(
            f"{what + ', median key-to-frame:':<66} {ratio:5.2f}x "
            f"(rounds {min(spread):.2f}-{max(spread):.2f}; key by key "
            f"{statistics.median(twins):.2f}x; budget {BUDGET}x)  {verdict(ratio, BUDGET)}"
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
        opened = (
            debrief_app(text, folder / name)
            if name == "debrief"
            else draft_app(text, folder / name)
        )
        async with opened as typist:
            profiler.enable()
            await typist.type(keys)
            if name == "draft":
                await typist.type(paused, after_pause=True)
            profiler.disable()
        what = f"{len(keys)} keys" + (
            f" and {len(paused)} after a pause" if name == "draft" else ""
        )
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
    parser.add_argument("--serve", choices=("debrief", "draft", "stock"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--size", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:  # a child process of the bench: one case (see Remote)
        watch_frames()
        size = tuple(map(int, args.size.split("x"))) if args.size else None
        asyncio.run(serve(args.serve, args.folder, size))  # type: ignore[arg-type]
        return
    compile_package()
    with tempfile.TemporaryDirectory(prefix="afterword-bench-") as tmp:
        folder = Path(tmp)
        private_folders(folder)
        watch_frames()
        asyncio.run(run(args, folder))


if __name__ == "__main__":
    main()
