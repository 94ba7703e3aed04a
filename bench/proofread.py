"""Proofreading a thank-you, against pyspellchecker's own check of the same words, in one run.

A 300-word thank-you with a few typos, checked against one interview of a 1,000-interview
database (the other 999 give the companies the email must not name). Our side: `proofread` with
every check and the dictionary; the floor: `SpellChecker.unknown` over the same words, which any
spelling check must pay. The dictionary is loaded once, untimed. Budget: within 2x the floor.
Corrections are remembered by `Spelling`, as the editor's checks run again on every pause in
typing; the first check of a text, which asks the dictionary for its corrections, is shown apart.
The two take turns, one run each per round. Run: `python bench/proofread.py` (add
`--repeat 500` for steadier numbers).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence
from functools import partial

from _common import NOW, verdict

BUDGET = 2.0

THANK_YOU = """\
Dear {first},

Thank you for taking the time to meet with me yesterday about the {role} role at {company}. \
It was a real pleasure to talk with you and to hear how the team thinks about its work. I \
particularly enjoyed our conversation about the order pipeline, and how you shard it by tenant \
so that one busy customer never slows down the others. We both started out writing firmware for \
weather stations, which made it easy to find common ground.

Having learned more about the role, I am confident that it fits my experience. I have run \
exactly this kind of migration twice, without downtime, and I enjoy the patient work of moving a \
nightly batch to an event stream with idempotent consumers. The questions about retries, poison \
messages and the dashboard were the part I liked most, because they are the problems I recieved \
the most praise for solving in my current team.

I would also like to come back to one of my answers. On the heap question, I said that every \
operation was linear; in fact a push and a pop are logarithmic, and peeking at the smallest item \
takes constant time. I wanted to correct that, since it was a simple thing to get right and I \
would not want it to stand.

You mentioned that you hope to make a decision by {decision}, and that the next step would be a \
short call with the head of platform. Please pass my thanks to {colleague} as well, and to \
the the rest of the team. I look forward to hearing from you then, and I am happy to \
send any further examples of my work in the meantime, whether that is code, a design document or \
a short write-up of the migration I mentioned.

Thank you again for your time and for the thoughtful questions. It was a genuinely enjoyable \
conversation, and I left it even more excited about the chance to join {company} and to help the \
team grow its platform over the coming year.

Best regards,
Alex Morgan
"""


def best_seconds(actions: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """The best wall time of ``repeat`` runs of each action: the cost without the machine's
    noise. The actions take turns, one run of each in every round, so that a slow spell of the
    machine (here it can last seconds) falls on all of them alike."""
    best = [float("inf")] * len(actions)
    for _ in range(repeat):
        for n, action in enumerate(actions):
            start = time.perf_counter()
            action()
            best[n] = min(best[n], time.perf_counter() - start)
    return best


def swapped(name: str) -> str:
    """A typo in a name: its second and third letters the wrong way round."""
    return name[0] + name[2] + name[1] + name[3:]


def distinct_companies(count: int, seed: int = 5) -> list[str]:
    """``count`` different company names, many sharing a first word, as a long search has."""
    rng = random.Random(seed)
    first = ["Acme", "Blue", "North", "Harbor", "Quill", "Oak", "Pebble", "Cobalt", "Fox", "Lark"]
    second = ["Robotics", "Health", "Analytics", "Labs", "Energy", "Freight", "Bank", "Games"]
    names = {f"{rng.choice(first)} {rng.choice(second)} {n}" for n in range(count)}
    return sorted(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    from afterword.compose.spelling import Spelling
    from afterword.demo import scale_interviews
    from afterword.domain.proofread import _TOKEN, proof_context, proofread

    interviews = scale_interviews(1000, NOW)
    interview = next(i for i in interviews if len(i.interviewers) >= 2 and i.debrief.decision_by)
    addressee = interview.interviewers[0]
    body = THANK_YOU.format(
        first=addressee.first_name,
        role=interview.role,
        company=interview.company,
        colleague=swapped(interview.interviewers[1].first_name),
        decision=f"{interview.debrief.decision_by:%A} {interview.debrief.decision_by:%d %B}",
    )
    body = body.replace("particularly", "particulary")
    subject = f"Thank you, {addressee.first_name}: {interview.role} at {interview.company}"
    words = _TOKEN.findall(subject + "\n" + body)
    today = interview.when.date()

    variants = {
        "their companies": [i.company for i in interviews if i is not interview],
        "1,000 names": distinct_companies(1000),
    }
    print(f"{len(words)} words; best of {args.repeat}; budget {BUDGET}x the dictionary alone")
    print(f"{'other companies':<18} {'proofread ms':>12} {'unknown() ms':>12} {'ratio':>6}")
    results: list[tuple[str, float]] = []
    for label, others in variants.items():
        ctx = proof_context(
            interview,
            addressee=addressee.name,
            template="thank-you",
            sender="Alex Morgan",
            other_companies=others,
            today=today,
        )
        speller = Spelling.load(ctx.known_words)  # untimed: the app loads it in a worker
        checker = speller._checker
        start = time.perf_counter()
        first = proofread(subject, body, ctx, speller)  # builds the context's tables, asks for
        cold = time.perf_counter() - start  # the corrections: once per text, not per keystroke
        ours, floor = best_seconds(
            (partial(proofread, subject, body, ctx, speller), partial(checker.unknown, words)),
            args.repeat,
        )
        ratio = ours / floor
        print(
            f"{label:<18} {ours * 1000:>12.3f} {floor * 1000:>12.3f} {ratio:>6.2f}  "
            f"{verdict(ratio, BUDGET)}"
        )
        results.append((label, ratio))
        print(f"{'':<18} first check {cold * 1000:.1f} ms; {len(first)} findings:")
        for finding in first:
            print(f"{'':<20}{finding.line}:{finding.column} {finding.kind} {finding.suggestion}")
    for label, ratio in results:
        print(
            f"budget: proofreading a draft ({label}) within {BUDGET}x the dictionary alone: "
            f"{ratio:.2f}x  {verdict(ratio, BUDGET)}"
        )


if __name__ == "__main__":
    main()
