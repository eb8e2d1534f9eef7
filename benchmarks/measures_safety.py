"""The safety net's speed: assess() on a 300-word answer, at the 95th percentile.

Issue 14 asks for at most 10 ms at p95 after warm-up (the warm-up runs in a thread
while the coach paints, so it is measured separately and has no budget of its own).
The text is an ordinary journal answer, the commonest case and the slowest (a crisis
found early stops nothing: every rule and the model read the whole text).
"""

from __future__ import annotations

import random
import time

from benchmarks.registry import Bench, at_most, measure

_WORDS = (
    "I keep telling myself that I am lazy and that the meeting went badly because I never "
    "prepare enough, and my critic says everyone noticed. Then I went home, cooked dinner, "
    "called my sister and felt tired but a little calmer. Tomorrow I want to try the breathing "
    "exercise again before work, and maybe write a kinder letter to myself about the report."
).split()
_ROUNDS = 200


def answer_of(words: int, seed: int = 14) -> str:
    """An ordinary answer of ``words`` words, with sentence ends now and then."""
    rng = random.Random(seed)
    chosen = [rng.choice(_WORDS) for _ in range(words)]
    return " ".join(w + ("." if i % 17 == 16 else "") for i, w in enumerate(chosen))


@measure("safety-warm-up", "loading and compiling the safety rules and model (in a thread)")
def safety_warm_up(bench: Bench) -> float:
    from cfcoach.safety import assessment

    assessment._built_assessor.cache_clear()
    started = time.perf_counter()
    assessment.default_assessor()
    return time.perf_counter() - started


@measure(
    "safety-assess-300-words-p95",
    f"assess() of a 300-word answer, 95th percentile of {_ROUNDS} after warm-up",
    budget=at_most(10),
)
def safety_assess_p95(bench: Bench) -> float:
    from cfcoach.safety import assess
    from cfcoach.safety.assessment import default_assessor

    default_assessor()
    texts = [answer_of(300, seed) for seed in range(_ROUNDS)]
    timings = []
    for text in texts:
        started = time.perf_counter()
        assess(text)
        timings.append(time.perf_counter() - started)
    timings.sort()
    return timings[int(len(timings) * 0.95) - 1]
