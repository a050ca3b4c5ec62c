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
* ``other kind`` also covers a share against a percentage ("half" and "50%");
* ``scale word`` — the same figure a thousand times apart ("1.8 billion" and
  the German "1,8 Billionen", 10^12: one side mistranslated the scale word);
* ``decade`` — "les années 60" (60) against "the 1960s" (1960);
* ``misprint`` — the same number of digits, one changed or two neighbours
  swapped ("25%" and "26%", "2102" and "2012");
* ``referential in English`` — a two or three in the translation where the
  English says "the two …", "all three …" (tandem reads those as a reference
  back, not a count; a language without articles cannot tell);
* ``vague`` — a number in words on one side with no counterpart (translators
  render "two" as "both", "a dozen" as "about ten");
* ``not in the other text`` — a figure in digits whose digits appear nowhere
  in the other paragraph: added or left out by a translator, not missed by tandem;
* ``other value`` — each side has its own value of that kind (a translator
  wrote "October" for "September", "eighteen months" for "six months");
* ``unclassified`` — everything else: read these first, they are where
  tandem's own errors would show.

``-v`` lists every disagreement with both lines, for reading.

Run: ``.venv/bin/python bench/claims_xling.py [-v] [--lang ar] [--set ntrex|newstest|DIR]``.
``--set DIR`` measures articles of the same kind that the devsets did not take
(see ``../shared/devsets/README.md`` for the sources): with the WMT 2012
``newstest2012-src.{en,de,fr,ru}.sgm`` files in DIR, the 89 other documents;
with NTREX-128's ``DOCUMENT_IDS.tsv`` and ``newstest2019-{src.eng,ref.LANG}.txt``
in DIR, the 103 other documents in all six languages.
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
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand))"
    r"[\s-]*(?:pounds?|lbs?|miles?|mph|feet|foot|ft|inch(?:es)?|yards?|gallons?|ounces?|oz|acres?|"
    r"fahrenheit|°F|degrees)\b",
    re.IGNORECASE,
)
"""An imperial unit after a number ("20 feet", "six-foot"), not "rose to its feet"."""


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


_SGM_DOC = re.compile(r"<doc [^>]*>(.*?)</doc>", re.DOTALL)
_SGM_BLOCK = re.compile(r"<(?:h1|p)>(.*?)</(?:h1|p)>", re.DOTALL)
_SGM_SEG = re.compile(r"<seg[^>]*>(.*?)</seg>", re.DOTALL)


def newstest_sgm(folder: Path) -> dict[str, list[tuple[str, int, str, str]]]:
    """The WMT 2012 documents the devset left out (held out: every position but 5, 15, 25 …),
    from ``newstest2012-src.{en,de,fr,ru}.sgm`` in ``folder``; paragraphs are ``<h1>``/``<p>``."""
    import html

    def docs(lang: str) -> list[list[str]]:
        raw = (folder / f"newstest2012-src.{lang}.sgm").read_text(encoding="utf-8")
        return [
            [
                " ".join(html.unescape(seg).strip() for seg in _SGM_SEG.findall(block))
                for block in _SGM_BLOCK.findall(doc)
            ]
            for doc in _SGM_DOC.findall(raw)
        ]

    en = docs("en")
    out: dict[str, list[tuple[str, int, str, str]]] = {}
    for lang in ("de", "fr", "ru"):
        other = docs(lang)
        for k, (a, b) in enumerate(zip(en, other, strict=True)):
            if k % 10 == 5:
                continue  # in the devset
            out.setdefault(lang, []).extend((f"h{k:02d}", i, x, y) for i, (x, y) in enumerate(zip(a, b, strict=False)))
    return out


def ntrex_full(folder: Path) -> dict[str, list[tuple[str, int, str, str]]]:
    """The NTREX-128 documents the devset left out (every document but those at positions
    3, 9, 15 …), from ``DOCUMENT_IDS.tsv`` and ``newstest2019-{src.eng,ref.LANG}.txt`` in
    ``folder`` (the repository's ``NTREX-128`` files; one line per sentence)."""
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    order = list(dict.fromkeys(d for d in ids if d))
    held_out = {d for k, d in enumerate(order) if k % 6 != 3}
    en = (folder / "newstest2019-src.eng.txt").read_text(encoding="utf-8").split("\n")
    out: dict[str, list[tuple[str, int, str, str]]] = {}
    for code, lang in NTREX_CODES.items():
        if lang == "en":
            continue
        other = (folder / f"newstest2019-ref.{code}.txt").read_text(encoding="utf-8").split("\n")
        out[lang] = [
            (doc, i, a, b)
            for i, (doc, a, b) in enumerate(zip(ids, en, other, strict=False))
            if doc in held_out and (a.strip() or b.strip())
        ]
    return out


def held_out(folder: Path) -> dict[str, list[tuple[str, int, str, str]]]:
    if (folder / "DOCUMENT_IDS.tsv").is_file():
        return ntrex_full(folder)
    return newstest_sgm(folder)


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
    other_text: str = "",
) -> str:
    """The first class whose rule holds; ``other_text`` is the opposite side's paragraph."""
    kind, value = key
    for okind, ovalue in other_rest:
        if str(ovalue) == str(value) and okind != kind:
            return "year as number" if "date" in (kind, okind) else "other kind"
        if kind == okind == "date" and _date_compatible(value, ovalue):
            return "date precision"
        if _fraction_as_percent(kind, value, okind, ovalue):
            return "other kind"
    if _IMPERIAL.search(en_text) and kind == "quantity":
        return "unit conversion"
    for okind, ovalue in other_rest:
        if _decade(value, ovalue) or _decade(ovalue, value):
            return "decade"
        if kind == okind and _thousandfold(value, ovalue):
            return "scale word"
        if _one_digit_apart(value, ovalue):
            return "misprint"
    claim = next((c for c in own if value_key(c) == key), None)
    if side == "extra" and kind == "quantity" and isinstance(value, int) and _ENGLISH_REFERENCE.get(value):
        if re.search(rf"\b(?:the|these|those|all|both)\s+{_ENGLISH_REFERENCE[value]}\b", en_text, re.IGNORECASE):
            return "referential in English"
    if claim is not None and kind == "quantity" and not re.search(r"\d", claim.text):
        return "vague"
    if claim is not None and re.search(r"\d", claim.text) and not _digits_in(claim.text, other_text):
        return "not in the other text"
    if any(okind == kind for okind, _ in other_rest):
        return "other value"
    return "unclassified"


_ENGLISH_REFERENCE = {2: "(?:two|2)", 3: "(?:three|3)"}


def _fraction_as_percent(kind: str, value: object, okind: str, ovalue: object) -> bool:
    """ "half" (0.5) on one side, "50%" on the other."""
    if {kind, okind} != {"quantity", "percent"}:
        return False
    share, percent = (value, ovalue) if kind == "quantity" else (ovalue, value)
    return isinstance(share, (int, float)) and isinstance(percent, (int, float)) and abs(share * 100 - percent) < 1e-9


def _decade(short: object, full: object) -> bool:
    """ "les années 60" (60) against "the 1960s" (1960): the same decade written two ways."""
    return (
        isinstance(short, int)
        and 10 <= short <= 90
        and short % 10 == 0
        and str(full) in (f"19{short}", f"18{short}", f"20{short}")
    )


def _thousandfold(a: object, b: object) -> bool:
    """ "billion" against "Billion"/"billions" (10^12): the same digits a thousand times apart."""
    if not (isinstance(a, (int, float)) and isinstance(b, (int, float))) or not a or not b:
        return False
    ratio = max(a, b) / min(a, b)
    return any(abs(ratio - 1000 * f) < 1e-6 * ratio for f in (1, 1.0))  # exact ×1000


def _significant(value: object) -> str:
    """The digits of a number or a year ("2102", "1.8e9" → "18", "2012")."""
    if isinstance(value, str):
        return value if value.isdigit() else ""
    if not isinstance(value, (int, float)):
        return ""
    return re.sub(r"\D", "", f"{value:g}" if isinstance(value, float) else str(value)).strip("0")


def _one_digit_apart(a: object, b: object) -> bool:
    """ "25%" against "26%", "2102" against "2012", "1.8 billion" against "1,9 billions":
    the same number of digits, one changed or two neighbours swapped."""
    x, y = _significant(a), _significant(b)
    if not x or not y or len(x) != len(y) or x == y or len(x) < 2:
        return False
    diff = [k for k in range(len(x)) if x[k] != y[k]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]


def _digits_in(claim_text: str, other_text: str) -> bool:
    """Do the claim's digit groups appear anywhere in the other paragraph (in any script)?"""
    other = re.sub(r"[\s\u00a0\u202f.,'’٬٫]", "", _ascii_digits(other_text))
    groups = re.findall(r"\d+", _ascii_digits(claim_text))
    return bool(groups) and all(g in other for g in groups)


def _ascii_digits(text: str) -> str:
    return text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))


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
                cls = classify(side, key, own, opposite, en_text, other_text if side == "miss" else en_text)
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
        data = ntrex() if name == "ntrex" else newstest() if name == "newstest" else held_out(Path(name))
        print(f"== {name}: English values found in line i of the translation")
        print(f"{'lang':<6}{'en':>6}{'xx':>6}{'shared':>8}{'recall':>8}{'prec':>7}")
        for lang, rows in data.items():
            if only and lang != only:
                continue
            t = compare(rows, lang, verbose)
            print(f"{lang:<6}{t.english:>6}{t.translated:>6}{t.shared:>8}{t.recall:>8.2f}{t.precision:>7.2f}")
            for side in ("miss", "extra"):
                classes = ", ".join(
                    f"{k.split(': ')[1]} {v}" for k, v in sorted(t.classes.items()) if k.startswith(side)
                )
                print(f"{'':6}{side}: {classes or '-'}")
            for line in t.listed:
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
