"""Train the safety net's learned layer on the corpus's development split.

    python scripts/train_safety_model.py            # writes content/safety/model.{bin,json}
    python scripts/train_safety_model.py --check    # cross-validation figures only

A logistic regression over the hashed features of cfcoach.safety.learned, trained with
AdaGrad and L2 regularisation, the two classes weighted equally. The decision threshold is
chosen by five-fold cross-validation on the development split: the lowest threshold at
which the model alone raises no more than --max-false-alarms of the ordinary development
lines it was not trained on. The test split is never read here.

Deterministic: the same corpus and options give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cfcoach.safety.assessment import Assessor, shipped_people  # noqa: E402
from cfcoach.safety.corpus import CorpusLine, default_corpus_dir, read_corpus  # noqa: E402
from cfcoach.safety.learned import (  # noqa: E402
    FEATURE_VERSION,
    LearnedModel,
    bucket,
    features,
    model_words,
)
from cfcoach.safety.normalise import CLAUSE, surface_words  # noqa: E402
from cfcoach.safety.rules import load_all_rules  # noqa: E402

SAFETY = ROOT / "content" / "safety"
BITS = 18


def line_slots(
    line: CorpusLine, lemmas: dict[str, str], concepts: dict[str, tuple[str, ...]]
) -> list[int]:
    # One segment for training: the whole line (most lines are one or two sentences).
    words = [w for w in surface_words(line.text) if w != CLAUSE][:120]
    return sorted({bucket(f, BITS) for f in features(words, lemmas, concepts)})


def exercise_lines() -> list[CorpusLine]:
    """Ordinary lines from the app's own exercises (titles, questions, examples, options).

    What a person reads and echoes while doing an exercise is not a sign of danger; these
    teach the model so (the safety plan, which names hard things on purpose, is left out).
    They are training lines only: they are in no split of the corpus.
    """
    from cfcoach.content import load_exercise_file
    from cfcoach.paths import shipped_content_dir

    found: list[CorpusLine] = []
    for path in sorted((shipped_content_dir() / "exercises").glob("*.yaml")):
        if path.stem == "safety-plan":
            continue
        exercise = load_exercise_file(path)
        texts = [exercise.title, exercise.summary or ""]
        for step in exercise.steps:
            for name in ("title", "label", "placeholder", "text"):
                value = getattr(step, name, None)
                if isinstance(value, str):
                    texts.append(value)
            texts.extend(option.label for option in getattr(step, "options", None) or ())
        for number, text in enumerate(t for t in texts if t.strip()):
            found.append(
                CorpusLine("none", "exercise-text", text, "en", "dev", f"{path.name}:{number}")
            )
    return found


def train(
    data: list[tuple[list[int], int]],
    *,
    epochs: int,
    l2: float,
    rate: float,
    seed: int,
) -> tuple[list[float], float]:
    size = 1 << BITS
    weights = [0.0] * size
    squares = [1e-8] * size
    bias, bias_square = 0.0, 1e-8
    positives = sum(y for _, y in data) or 1
    negatives = (len(data) - positives) or 1
    class_weight = {1: len(data) / (2 * positives), 0: len(data) / (2 * negatives)}
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            slots, y = data[index]
            norm = 1.0 / math.sqrt(len(slots)) if slots else 0.0
            z = bias + sum(weights[s] for s in slots) * norm
            p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
            g = (p - y) * class_weight[y]
            for s in slots:
                grad = g * norm + l2 * weights[s]
                squares[s] += grad * grad
                weights[s] -= rate * grad / math.sqrt(squares[s])
            bias_square += g * g
            bias -= rate * g / math.sqrt(bias_square)
    return weights, bias


def quantise(weights: list[float]) -> tuple[array[int], float]:
    largest = max(abs(w) for w in weights) or 1.0
    scale = largest / 127
    return array("b", (max(-127, min(127, round(w / scale))) for w in weights)), scale


def as_model(
    weights: list[float],
    bias: float,
    lemmas: dict[str, str],
    concepts: dict[str, tuple[str, ...]],
) -> LearnedModel:
    packed, scale = quantise(weights)
    return LearnedModel(
        packed, bits=BITS, scale=scale, bias=bias, threshold=0.5, lemmas=lemmas, concepts=concepts
    )


def choose_threshold(
    scored: list[tuple[CorpusLine, float, bool]], max_false_alarms: float
) -> float:
    """The lowest threshold at which the model alone raises at most ``max_false_alarms`` of
    the ordinary lines it never saw (cross-validated).

    The model alone, not with the rules: the rules were written looking at these very
    development lines, so their false-alarm rate here says little about new wording.
    """
    negatives = sorted(s for line, s, _ in scored if not line.flag)
    if not negatives:
        return 0.5
    allowed = int(len(negatives) * max_false_alarms)
    return negatives[len(negatives) - allowed - 1] + 1e-6 if allowed < len(negatives) else 0.5


def choose_veto(
    scored: list[tuple[CorpusLine, float, bool]],
    levels: dict[str, str],
    threshold: float,
    fresh: list[str],
) -> float:
    """How sure the model must be for a rule's *concern* (not crisis) to count.

    Measured on the development lines of files the rules were never written against
    (``--fresh``), where the rules' false alarms are what new wording will meet. A veto of
    0 keeps every rule match; the highest veto that keeps recall within one point of
    that is chosen.
    """
    lines = [
        (line, s, levels[line.where])
        for line, s, _ in scored
        if any(w in line.where for w in fresh)
    ]
    if not lines:
        return 0.0

    def figures(veto: float) -> tuple[float, float]:
        def flags(s: float, level: str) -> bool:
            return level == "crisis" or (level == "concern" and s >= veto) or s >= threshold

        pos = [flags(s, lv) for line, s, lv in lines if line.flag]
        neg = [flags(s, lv) for line, s, lv in lines if not line.flag]
        return sum(pos) / max(1, len(pos)), sum(neg) / max(1, len(neg))

    base_recall, base_alarms = figures(0.0)
    chosen = 0.0
    for veto in (0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5):
        recall, alarms = figures(veto)
        print(f"  veto {veto:.2f}: fresh recall {recall:.3f}, false alarms {alarms:.3f}")
        if recall >= base_recall - 0.01:
            chosen = veto
    print(
        f"veto {chosen} (fresh lines: {len(lines)}; without a veto recall {base_recall:.3f}, "
        f"false alarms {base_alarms:.3f})"
    )
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--rate", type=float, default=0.3)
    parser.add_argument("--max-false-alarms", type=float, default=0.025)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="cross-validate; write nothing")
    parser.add_argument(
        "--fresh",
        nargs="*",
        default=["second", "posts", "short", "adults"],
        help="corpus files (by a word in their name) the rules were not written against",
    )
    args = parser.parse_args()

    rule_sets = load_all_rules()
    lemmas, concepts = model_words(rule_sets)
    rules_only = Assessor(rule_sets, None, shipped_people())
    lines = [
        line for line in read_corpus(args.corpus or default_corpus_dir()) if line.split == "dev"
    ]
    extra = exercise_lines()
    print(f"{len(lines)} development lines, {len(extra)} exercise lines; features ...", flush=True)
    data = [(line_slots(line, lemmas, concepts), int(line.flag)) for line in lines]
    extra_data = [(line_slots(line, lemmas, concepts), 0) for line in extra]
    rule_levels = [rules_only.assess(line.text).level for line in lines]
    rule_flags = [level != "none" for level in rule_levels]

    # Out-of-fold scores: each line scored by a model that never saw it.
    folds = [list(range(i, len(lines), args.folds)) for i in range(args.folds)]
    scored: list[tuple[CorpusLine, float, bool]] = []
    levels: dict[str, str] = {}
    for number, held in enumerate(folds):
        held_set = set(held)
        train_data = [d for i, d in enumerate(data) if i not in held_set] + extra_data
        weights, bias = train(
            train_data, epochs=args.epochs, l2=args.l2, rate=args.rate, seed=number
        )
        model = as_model(weights, bias, lemmas, concepts)
        scored += [(lines[i], model.score(lines[i].text), rule_flags[i]) for i in held]
        levels.update((lines[i].where, rule_levels[i]) for i in held)
        print(f"fold {number + 1}/{args.folds} done", flush=True)
    threshold = choose_threshold(scored, args.max_false_alarms)
    for language in sorted({line.language for line in lines}):
        part = [x for x in scored if x[0].language == language]
        pos = [x for x in part if x[0].flag]
        neg = [x for x in part if not x[0].flag]
        hit = sum(1 for _, s, r in pos if r or s >= threshold)
        alarm = sum(1 for _, s, r in neg if r or s >= threshold)
        rules_hit = sum(1 for _, _, r in pos if r)
        print(
            f"{language}: cross-validated recall {hit}/{len(pos)} (rules alone {rules_hit}), "
            f"false alarms {alarm}/{len(neg)}"
        )
    print(f"threshold {threshold:.4f}")
    veto = choose_veto(scored, levels, threshold, args.fresh)
    if args.check:
        return 0

    weights, bias = train(
        data + extra_data, epochs=args.epochs, l2=args.l2, rate=args.rate, seed=99
    )
    packed, scale = quantise(weights)
    (SAFETY / "model.bin").write_bytes(packed.tobytes())
    meta = {
        "feature_version": FEATURE_VERSION,
        "bits": BITS,
        "scale": scale,
        "bias": bias,
        "threshold": threshold,
        "veto": veto,
        "trained_on": {
            "lines": len(lines),
            "risky": sum(1 for line in lines if line.flag),
            "ordinary": sum(1 for line in lines if not line.flag),
            "languages": sorted({line.language for line in lines}),
            "split": "dev",
            "exercise_lines": len(extra),
        },
        "options": {
            "epochs": args.epochs,
            "l2": args.l2,
            "rate": args.rate,
            "max_false_alarms": args.max_false_alarms,
        },
    }
    (SAFETY / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {SAFETY / 'model.bin'} and model.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
