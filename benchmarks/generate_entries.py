"""Generate realistic practice entries through the store API, for tests and benchmarks.

    python benchmarks/generate_entries.py --entries 10000 --months 60 --home /tmp/cf-bench

writes N entries spread over M months into CFCOACH_HOME=--home: daily check-ins of about
300 words (critic intensity easing over the months, a few stopped early, a few private),
a three-circles rating about one entry in ten, and --drafts unfinished check-ins. One
entry in a hundred has a critic that mentions a birthday, so searching "birthday" finds
about N/100 entries (the benchmark's search). Deterministic for a given --seed.

All entries are saved in one transaction (``EntryStore.add_new``), so 10,000 take a few
seconds; ``generate(..., bulk=False)`` saves them one by one, as the app does.
"""

from __future__ import annotations

import argparse
import random
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from cfcoach.store import Entry, EntryStore

CHECKIN_ID = "daily-checkin"
THREE_CIRCLES_ID = "three-circles"
RARE_WORD = "birthday"
RARE_EVERY = 100
"""One entry in this many has the rare critic (the one with RARE_WORD)."""
THREE_CIRCLES_EVERY = 10

CRITIC = [
    "You always mess things up",
    "You're so lazy, everyone else manages",
    "Nobody really wants you around",
    "You should have finished that days ago",
    "You sounded stupid in that meeting",
    "You're a terrible friend for forgetting",
    "Look at yourself, no wonder you're alone",
    "You never stick to anything",
    "You're not good enough for this job",
    "Why can't you just be normal",
]
RARE_CRITIC = f"You forgot her {RARE_WORD} again, what kind of friend does that"
THREAT = [
    "It's afraid people will see I'm not coping and leave",
    "Being found out as a fraud at work",
    "Being criticised by someone else first",
    "Getting it wrong and being laughed at",
    "Letting people down and being rejected",
]
DRIVE = [
    "Being perfect so nobody can criticise me",
    "Getting the promotion",
    "Keeping everyone happy",
    "Doing more than everyone else",
    "Never making a mistake",
]
COMPASSIONATE = [
    "Of course you feel this way, you've had a long week and you care about doing well.",
    "You're doing your best with a lot on your plate. One mistake doesn't define you.",
    "It makes sense that this hurts. You are allowed to rest and try again tomorrow.",
    "Anyone would find this hard. Let's take one small step at a time.",
    "You showed up today, and that matters. I'm on your side.",
]
FILLER = (
    "today felt heavy and I noticed the voice getting louder in the afternoon when I was tired "
    "and had not eaten much so I tried to slow down and breathe and remember that I am not alone "
    "in this and that other people struggle with the same kind of thoughts"
).split()


def _long_text(rng: random.Random, base: str, words: int) -> str:
    extra = " ".join(rng.choice(FILLER) for _ in range(max(0, words - len(base.split()))))
    return f"{base}. {extra}".strip()


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def _state(
    exercise_id: str, trail: list[str], answers: dict[str, Any], status: str
) -> dict[str, Any]:
    return {
        "exercise_id": exercise_id,
        "exercise_version": 1,
        "current": None,
        "trail": trail,
        "answers": answers,
        "skipped": [],
        "events": [],
        "status": status,
    }


def make_entry(
    rng: random.Random,
    started: datetime,
    words_per_answer: int = 70,
    *,
    progress: float = 0.5,
    rare: bool = False,
) -> Entry:
    """One completed daily check-in started at ``started`` (about 300 words in all).

    ``progress`` (0 at the first entry, 1 at the last) eases the critic's intensity over
    time, as practice tends to; ``rare`` gives it the critic that mentions a birthday.
    """
    before = _clamp(rng.gauss(8 - 3 * progress, 1.4))
    after = _clamp(before - rng.gauss(1 + 2 * progress, 1.2))
    critic = RARE_CRITIC if rare else rng.choice(CRITIC)
    answers = {
        "critic": _long_text(rng, critic, len(critic.split()) + rng.randint(0, 6)),
        "intensity_before": before,
        "threat": _long_text(rng, rng.choice(THREAT), words_per_answer),
        "drive": _long_text(rng, rng.choice(DRIVE), words_per_answer),
        "compassionate": _long_text(rng, rng.choice(COMPASSIONATE), words_per_answer * 2 + 20),
        "intensity_after": after,
    }
    trail = ["welcome", "critic", "intensity_before"]
    if before >= 8:
        trail.append("settle")
    trail += ["threat", "drive", "soothing_rhythm", "compassionate", "intensity_after", "summary"]
    finished = started + timedelta(minutes=rng.randint(5, 20))
    status = "stopped" if rng.random() < 0.03 else "completed"
    return Entry(
        uuid=str(uuid.UUID(int=rng.getrandbits(128))),
        exercise_id=CHECKIN_ID,
        exercise_version=1,
        status=status,
        started_at=started,
        updated_at=finished,
        finished_at=finished,
        answers=answers,
        skipped=[],
        state=_state(CHECKIN_ID, trail, answers, status),
        private=rng.random() < 0.05,
    )


def make_three_circles(rng: random.Random, started: datetime, *, progress: float = 0.5) -> Entry:
    """One completed three-circles entry: how big threat, drive and soothe felt (0–10)."""
    answers = {
        "threat": _clamp(rng.gauss(7 - 3 * progress, 1.5)),
        "drive": _clamp(rng.gauss(6 - progress, 1.5)),
        "soothe": _clamp(rng.gauss(2 + 4 * progress, 1.5)),
    }
    finished = started + timedelta(minutes=rng.randint(4, 10))
    return Entry(
        uuid=str(uuid.UUID(int=rng.getrandbits(128))),
        exercise_id=THREE_CIRCLES_ID,
        exercise_version=1,
        status="completed",
        started_at=started,
        updated_at=finished,
        finished_at=finished,
        answers=answers,
        state=_state(
            THREE_CIRCLES_ID, ["intro", "threat", "drive", "soothe"], answers, "completed"
        ),
    )


def make_draft(rng: random.Random, started: datetime) -> Entry:
    """A daily check-in left after the critic's words, ready to be continued."""
    answers = {"critic": _long_text(rng, rng.choice(CRITIC), 20)}
    state = _state(CHECKIN_ID, ["welcome", "critic"], answers, "in_progress")
    state["current"] = "intensity_before"
    return Entry(
        uuid=str(uuid.UUID(int=rng.getrandbits(128))),
        exercise_id=CHECKIN_ID,
        exercise_version=1,
        status="draft",
        started_at=started,
        updated_at=started + timedelta(minutes=2),
        answers=answers,
        state=state,
    )


def entries_over(
    entries: int, months: int, *, seed: int = 7, now: datetime | None = None, drafts: int = 0
) -> Iterator[Entry]:
    """``entries`` entries spread evenly over the ``months`` months before ``now``, oldest
    first, then ``drafts`` drafts from the last days."""
    rng = random.Random(seed)
    end = now or datetime(2026, 11, 26, 21, 0, tzinfo=timezone.utc)
    span = timedelta(days=30.4 * months)
    step = span / max(entries, 1)
    start = end - span
    for index in range(entries):
        started = start + step * index + timedelta(minutes=rng.randint(0, 30))
        progress = index / max(entries - 1, 1)
        if index % THREE_CIRCLES_EVERY == THREE_CIRCLES_EVERY // 2:
            yield make_three_circles(rng, started, progress=progress)
        else:
            rare = index % RARE_EVERY == RARE_EVERY // 3
            yield make_entry(rng, started, progress=progress, rare=rare)
    for number in range(drafts):
        yield make_draft(rng, end - timedelta(days=number, hours=1))


def generate(
    store: EntryStore,
    entries: int,
    months: int,
    *,
    seed: int = 7,
    now: datetime | None = None,
    drafts: int = 0,
    bulk: bool = True,
) -> int:
    """Save the entries of :func:`entries_over` in ``store``; returns how many were saved."""
    made = entries_over(entries, months, seed=seed, now=now, drafts=drafts)
    if bulk:
        added, _ = store.add_new(made)
        return added
    count = 0
    for entry in made:
        store.save(entry)
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--drafts", type=int, default=1, help="unfinished check-ins to add")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--home", type=Path, required=True, help="the CFCOACH_HOME to fill")
    args = parser.parse_args()
    database = args.home / "data" / "entries.sqlite3"
    with EntryStore(database) as store:
        generate(store, args.entries, args.months, seed=args.seed, drafts=args.drafts)
        print(f"{store.count()} entries in {database}")


if __name__ == "__main__":
    main()
