"""Generate realistic practice entries through the store API, for tests and benchmarks.

    python benchmarks/generate_entries.py --entries 10000 --months 60 --home /tmp/cf-bench

writes N completed daily check-ins (a few stopped, a few private, one draft) spread over
M months into CFCOACH_HOME=--home. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import random
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cfcoach.store import Entry, EntryStore

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


def make_entry(rng: random.Random, started: datetime, words_per_answer: int = 60) -> Entry:
    """One completed daily check-in started at ``started`` (about 300 words in all)."""
    before = rng.randint(3, 10)
    after = max(0, before - rng.randint(0, 5))
    answers = {
        "critic": _long_text(rng, rng.choice(CRITIC), words_per_answer // 2),
        "intensity_before": before,
        "threat": _long_text(rng, rng.choice(THREAT), words_per_answer),
        "drive": _long_text(rng, rng.choice(DRIVE), words_per_answer),
        "compassionate": _long_text(rng, rng.choice(COMPASSIONATE), words_per_answer * 2),
        "intensity_after": after,
    }
    trail = ["welcome", "critic", "intensity_before"]
    if before >= 8:
        trail.append("settle")
    trail += ["threat", "drive", "soothing_rhythm", "compassionate", "intensity_after", "summary"]
    finished = started + timedelta(minutes=rng.randint(5, 20))
    status = "stopped" if rng.random() < 0.03 else "completed"
    state = {
        "exercise_id": "daily-checkin",
        "exercise_version": 1,
        "current": None,
        "trail": trail,
        "answers": answers,
        "skipped": [],
        "events": [],
        "status": status,
    }
    return Entry(
        uuid=str(uuid.UUID(int=rng.getrandbits(128))),
        exercise_id="daily-checkin",
        exercise_version=1,
        status=status,
        started_at=started,
        updated_at=finished,
        finished_at=finished,
        answers=answers,
        skipped=[],
        state=state,
        private=rng.random() < 0.05,
    )


def generate(
    store: EntryStore, entries: int, months: int, *, seed: int = 7, now: datetime | None = None
) -> int:
    """Save ``entries`` entries spread evenly over the last ``months`` months; returns the count."""
    rng = random.Random(seed)
    end = now or datetime(2026, 11, 26, 21, 0, tzinfo=timezone.utc)
    span = timedelta(days=30.4 * months)
    step = span / max(entries, 1)
    start = end - span
    for index in range(entries):
        started = start + step * index + timedelta(minutes=rng.randint(0, 30))
        store.save(make_entry(rng, started))
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--home", type=Path, required=True, help="the CFCOACH_HOME to fill")
    args = parser.parse_args()
    database = args.home / "data" / "entries.sqlite3"
    with EntryStore(database) as store:
        generate(store, args.entries, args.months, seed=args.seed)
        print(f"{store.count()} entries in {database}")


if __name__ == "__main__":
    main()
