"""Cross-lingual agreement of claim values: English line i against translated line i.

Professional translations carry the same figures and dates as their English
originals, so every (kind, value) tandem extracts from an English line should
come back from the translated line, and nothing else. Recall here is the share
of English values found in the translation, precision the share of
translation values found in the English. Disagreements are classified
automatically where a rule can tell:

* ``unit conversion`` — the English line has an imperial unit or °F (the
  translator converted "550 pound" to "250 Kilo");
* ``year as number`` — the same value on both sides, a date on one and a
  quantity on the other;
* ``other kind`` — the same value, another kind (percent vs quantity …);
* ``date precision`` — dates that agree on what both say ("2019-05-30" and
  "--05-30", "2019" and "2019-05");
* ``vague`` — a number in words on one side with no counterpart (translators
  render "two" as "both", "a dozen" as "about ten");
* ``unclassified`` — everything else.

``-v`` lists every disagreement with both lines, for reading.

Run: ``.venv/bin/python bench/claims_xling.py [-v] [--lang ar] [--set ntrex|newstest]``.
Languages are the files' own (claims are measured, not language detection;
``bench/language_eval.py`` measures that).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.claims.extract import extract_claims  # noqa: E402
from tui.claims.model import Claim  # noqa: E402
from tui.claims.pairing import value_key  # noqa: E402

DEVSETS = ROOT.parent / "shared" / "devsets"
NTREX_CODES = {"eng": "en", "arb": "ar", "fas": "fa", "deu": "de", "ukr": "uk", "rus": "ru", "fra": "fr"}
_IMPERIAL = re.compile(
    r"\b(?:pounds?|lbs?|miles?|mph|feet|foot|ft|inch(?:es)?|yards?|gallons?|ounces?|oz|acres?|"
    r"fahrenheit|°F|degrees)\b",
    re.IGNORECASE,
)


def ntrex() -> dict[str, list[tuple[str, int, str, str]]]:
    """language -> [(document, line, english, translated)]."""
    out: dict[str, list[tuple[str, int, str, str]]] = {}
    base = DEVSETS / "ntrex"
    for en_path in sorted(base.glob("*.eng.txt")):
        doc = en_path.name[: -len(".eng.txt")]
        en = en_path.read_text(encoding="utf-8").split("\n")
        for code, lang in NTREX_CODES.items():
            if lang == "en":
                continue
            other = (base / f"{doc}.{code}.txt").read_text(encoding="utf-8").split("\n")
            out.setdefault(lang, []).extend(
                (doc, i, a, b) for i, (a, b) in enumerate(zip(en, other, strict=False)) if a.strip() or b.strip()
            )
    return out


def newstest() -> dict[str, list[tuple[str, int, str, str]]]:
    out: dict[str, list[tuple[str, int, str, str]]] = {}
    base = DEVSETS / "newstest2012"
    for en_path in sorted(base.glob("*.en.txt")):
        doc = en_path.name[: -len(".en.txt")]
        en = [p.strip() for p in en_path.read_text(encoding="utf-8").split("\n\n")]
        for lang in ("de", "fr", "ru"):
            other = [p.strip() for p in (base / f"{doc}.{lang}.txt").read_text(encoding="utf-8").split("\n\n")]
            out.setdefault(lang, []).extend((doc, i, a, b) for i, (a, b) in enumerate(zip(en, other, strict=False)))
    return out


@dataclass
class Tally:
    english: int = 0
    translated: int = 0
    shared: int = 0
    classes: Counter[str] = field(default_factory=Counter)
    listed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.shared / self.english if self.english else 1.0

    @property
    def precision(self) -> float:
        return self.shared / self.translated if self.translated else 1.0


def _keys(claims: list[Claim]) -> Counter[tuple[str, object]]:
    return Counter(k for c in claims if (k := value_key(c)) is not None)


def _date_compatible(a: object, b: object) -> bool:
    """ISO dates that agree on every field both give."""
    if not (isinstance(a, str) and isinstance(b, str)) or "/" in a or "/" in b:
        return False

    def fields(v: str) -> tuple[str | None, str | None, str | None]:
        if v.startswith("--"):
            parts = v[2:].split("-")
            return None, parts[0], parts[1] if len(parts) > 1 else None
        parts = v.split("-")
        return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None

    return all(x is None or y is None or x == y for x, y in zip(fields(a), fields(b), strict=True))


def classify(
    side: str,
    key: tuple[str, object],
    own: list[Claim],
    other_rest: Counter[tuple[str, object]],
    en_text: str,
) -> str:
    kind, value = key
    for okind, ovalue in other_rest:
        if str(ovalue) == str(value) and okind != kind:
            return "year as number" if "date" in (kind, okind) else "other kind"
        if kind == okind == "date" and _date_compatible(value, ovalue):
            return "date precision"
    if _IMPERIAL.search(en_text) and kind == "quantity":
        return "unit conversion"
    claim = next((c for c in own if value_key(c) == key), None)
    if claim is not None and kind == "quantity" and not re.search(r"\d", claim.text):
        return "vague"
    return "unclassified"


def _around(claims: list[Claim], key: tuple[str, object], text: str) -> str:
    """The claim's words with some text either side, marked with ⟦ ⟧."""
    claim = next((c for c in claims if value_key(c) == key), None)
    if claim is None:
        return "?"
    before = text[max(0, claim.start - 50) : claim.start]
    after = text[claim.end : claim.end + 50]
    return f"…{before}⟦{claim.text}⟧{after}…".replace("\n", " ")


def compare(rows: list[tuple[str, int, str, str]], lang: str, verbose: bool) -> Tally:
    t = Tally()
    for doc, i, en_text, other_text in rows:
        en_claims = extract_claims(en_text, "en")
        other_claims = extract_claims(other_text, lang)
        left, right = _keys(en_claims), _keys(other_claims)
        shared = left & right
        t.english += sum(left.values())
        t.translated += sum(right.values())
        t.shared += sum(shared.values())
        only_en, only_other = left - right, right - left
        for side, rest, own, opposite in (
            ("miss", only_en, en_claims, only_other),
            ("extra", only_other, other_claims, only_en),
        ):
            for key, n in rest.items():
                cls = classify(side, key, own, opposite, en_text)
                t.classes[f"{side}: {cls}"] += n
                if verbose:
                    own_text = en_text if side == "miss" else other_text
                    where = _around(own, key, own_text)
                    t.listed.append(f"  {side:<5} [{cls}] {doc} l{i} {key[0]} {key[1]!r} in {where}\n"
                                    f"      en: {en_text[:200]}\n      {lang}: {other_text[:200]}")  # fmt: skip
    return t


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    only = argv[argv.index("--lang") + 1] if "--lang" in argv else None
    sets = [argv[argv.index("--set") + 1]] if "--set" in argv else ["ntrex", "newstest"]
    for name in sets:
        data = ntrex() if name == "ntrex" else newstest()
        print(f"== {name}: English values found in line i of the translation")
        print(f"{'lang':<6}{'en':>6}{'xx':>6}{'shared':>8}{'recall':>8}{'prec':>7}  disagreements")
        for lang, rows in data.items():
            if only and lang != only:
                continue
            t = compare(rows, lang, verbose)
            classes = ", ".join(f"{k} {v}" for k, v in sorted(t.classes.items()))
            print(
                f"{lang:<6}{t.english:>6}{t.translated:>6}{t.shared:>8}{t.recall:>8.2f}{t.precision:>7.2f}  {classes}"
            )
            for line in t.listed:
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
