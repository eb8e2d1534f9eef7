"""Make the safety rules' lemma tables (content/safety/lemmas/<language>.txt) from simplemma.

The safety rules are written with base forms ("kill", "Tablette", "tuer"); to meet every
form a person may type ("killed", "Tabletten", "tué"), the normaliser maps word forms to
base forms with a table. simplemma's own dictionaries weigh about 110 MB per language in
memory and take most of a second to load, far too much for a coach that must paint in a
fifth of a second, so this script, run by the developers, keeps only the forms whose base
form a rule (or the corpus the learned layer is trained on) uses, squeezed and without
accents as the normaliser sees them.

    pip install simplemma==2.0
    python scripts/build_safety_lemmas.py          # all languages with a rules file

Run it again after changing a rules file or the corpus; tests/safety/test_lemma_tables.py
fails while a table is out of date.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cfcoach.safety.normalise import fold_accents, squeeze, surface_words  # noqa: E402

SAFETY = ROOT / "content" / "safety"
CORPUS = ROOT / "tests" / "safety" / "corpus"

# Languages simplemma has a dictionary for; Hindi in Latin script has none (its rules
# spell out their word forms).
SIMPLEMMA_LANGUAGE = {"en": "en", "de": "de", "fr": "fr", "es": "es"}

# Function words are left as they are: the rules' negation and bridge words depend on
# them ("am", "not", "going to"), and their base forms carry no meaning of their own.
KEEP_AS_WRITTEN = {
    "en": "i me my myself you your he she it we they them his her their our am is are was were be been being have has had do does did will would can could shall should may might must not no never going gonna to",
    "de": "ich mich mir mein meine du dich dir er sie es wir ihr ist bin bist sind war waren sein habe hat haben hatte werde wird werden wurde kann konnte will wollte muss soll nicht kein keine nie niemals die der das den dem des",
    "fr": "je me moi mon ma mes tu te toi il elle on nous vous ils elles suis es est sommes etes sont etait ai as a avons avez ont vais va vas allons ne pas plus jamais rien le la les un une des",
    "es": "yo me mi mis tu te ti el ella nosotros ellos soy eres es somos son era estoy esta estan he ha han hay voy vas va vamos no nunca jamas nada el la los las un una",
}


def clean(word: str) -> str:
    """A word as the normaliser sees it: case-folded, without accents, squeezed."""
    return squeeze(fold_accents(word.casefold()))


def rule_words(rules_file: Path) -> set[str]:
    """Every plain word in a rules file (patterns, lexicon, replacements), as written."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(rules_file.read_text(encoding="utf-8"))
    texts: list[str] = []
    for entry in data.get("rules", []) + data.get("benign", []):
        texts.extend(entry.get("patterns", []))
    for entries in (data.get("lexicon") or {}).values():
        texts.extend(entries)
    texts.extend((data.get("words") or {}).values())
    texts.extend((data.get("phrases") or {}).values())
    words: set[str] = set()
    for text in texts:
        for word in text.replace("*", " ").replace("{", " ").replace("}", " ").split():
            word = word.strip("()|!?$.").casefold()
            if word.isalpha():
                words.add(word)
    return words


def corpus_words(language: str) -> set[str]:
    """The words of the corpus's risky development lines in ``language`` (for the learned layer)."""
    sys.path.insert(0, str(ROOT))
    from cfcoach.safety.corpus import read_corpus

    words: set[str] = set()
    for line in read_corpus(CORPUS):
        if line.language == language and line.split == "dev" and line.flag:
            words.update(w for w in surface_words(line.text) if w.isalpha())
    return words


def build_table(language: str, words: Iterable[str]) -> dict[str, str]:
    from simplemma import lemmatize
    from simplemma.strategies.dictionaries.dictionary_factory import (
        _load_dictionary_from_disk,
    )

    code = SIMPLEMMA_LANGUAGE[language]
    keep = {clean(w) for w in KEEP_AS_WRITTEN.get(language, "").split()}
    targets = {
        clean(lemmatize(word, lang=code)) for word in words if clean(word) not in keep
    } - keep
    dictionary = _load_dictionary_from_disk(code)
    # Squeezing and dropping accents can make two words one ("feel" and "fell" are both
    # "fel"); such a form is left as it is rather than given the wrong base.
    bases_of: dict[str, set[str]] = {}
    for raw_form, raw_base in dictionary.items():
        form = clean(raw_form.decode("utf-8"))
        bases_of.setdefault(form, set()).add(clean(raw_base.decode("utf-8")))
    for word in words:  # forms the dictionary does not list but simplemma's rules reduce
        bases_of.setdefault(clean(word), set()).add(clean(lemmatize(word, lang=code)))
    table: dict[str, str] = {}
    for form, bases in bases_of.items():
        if len(bases) != 1 or form in keep or not form.isalpha():
            continue
        (base,) = bases
        if base != form and base in targets:
            table[form] = base
    return table


def main() -> int:
    out = SAFETY / "lemmas"
    out.mkdir(exist_ok=True)
    files = {"en": SAFETY / "rules.yaml"}
    files.update({p.stem.removeprefix("rules-"): p for p in SAFETY.glob("rules-*.yaml")})
    for language, rules_file in sorted(files.items()):
        if language not in SIMPLEMMA_LANGUAGE:
            print(f"{language}: no simplemma dictionary; its rules spell out their forms")
            continue
        words = rule_words(rules_file) | corpus_words(language)
        table = build_table(language, words)
        lines = [f"{form}\t{base}" for form, base in sorted(table.items())]
        (out / f"{language}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{language}: {len(table)} forms from {len(words)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
