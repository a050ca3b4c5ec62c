"""Which other articles state the same figure about the same thing, and which disagree.

For each valued claim (quantity, percent, date, time) of an article, the
claims panel lists the other articles that **corroborate** it and the claims
that **conflict** with it.

*Same value* is the claims extractor's normalised value
(:func:`tui.claims.pairing.value_key`). *Same thing* is harder across
languages: the counted noun is "عربة" in Arabic, "Triebwagen" in German,
"вагони" in Ukrainian. It is decided by, in order:

1. **linked paragraphs** — the two claims' paragraphs are linked in the
   alignment of the two articles (:mod:`tui.versions.align`): same value in
   paragraphs that say the same thing. Score: the link's score.
2. **same unit** — the claims' units match after mapping each to English:
   the claim is paired by value with the claims of its paragraph's English
   translation (:func:`tui.claims.pairing.pair_by_value`), whose unit is an
   English noun ("cars", "railcars", "wagons"). Units match when equal or one
   ends or starts with the other (railcar/car; گلولههای/گلوله when no
   English is available and both are in one language). Score 0.9.
Only the best-scoring claim of each other article is kept.

3. **a specific value** — a figure or date telling enough by itself (weight
   ≥ :data:`SPECIFIC` in :mod:`tui.versions.facts`: 73, 6,700, 5 October 2023)
   stated in another article, units unknown. Score 0.6.

Known units that differ (20 cars / 20th month) rule 3 out.

**Conflicts** — same measured thing, different values — show on *both*
sides and name every source: a claim lists the claims its own conflicts name,
and those of every article that corroborates it (its side), and with each of
them every article that corroborates *that* value (the other side). So when a
copy of 000 says 85 where 000, 002 and 003 say 73, each of the four articles
shows the conflict, and 000 lists the copy while the copy lists 000, 002 and
003. A conflict is first found in two situations only, because a wrong conflict costs an analyst more than a missed
one:

* *across articles*: linked paragraphs state the same kind of figure with
  the same unit but a different value, and neither value is found in the
  other paragraph (a mistranslated or updated figure — not "73 … of at most
  20" against "73 … of at most 20");
* *inside one article*: two **estimates** (each qualified by a hedge:
  "probably", "believes") with the same unit from **different sources**, and
  within a factor of :data:`MAX_RATIO` of each other. This flags 001's "about
  3 million shells" (South Korea's defence minister, "probably") against
  "1.5 million artillery shells" (Ukraine's president, "believes"): two
  sources estimating North Korea's deliveries. It does not flag "1 million
  shells" in the same article — the EU's unhedged promise to Kyiv, a
  different quantity that merely has the same unit. That distinction rests
  on hedging, not understanding: an unhedged conflicting figure is missed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tui.article import Article
from tui.claims.kinds import VALUED
from tui.claims.model import Claim
from tui.claims.pairing import value_key
from tui.versions.align import Alignment
from tui.versions.facts import claim_facts

SPECIFIC = 0.8
MAX_SAME_VALUE = 200
"""A value stated by more claims than this (a year, "10") is compared only
between linked paragraphs, so a large collection is not compared claim by claim."""
MAX_RATIO = 2.5

MEASURED = frozenset({"quantity", "percent"})


@dataclass(frozen=True, slots=True)
class ValuedClaim:
    """A claim with what corroboration compares."""

    article: str
    language: str | None
    claim: Claim
    key: tuple[str, object]
    unit: str | None
    """Normalised English unit ("car"), from the translation or an ASCII unit (mm, USD)."""
    source_unit: str | None
    """The unit as written in the source language, folded (lower case, letter variants)."""
    sentence: int
    """Start offset of the claim's sentence in its paragraph."""
    source: str | None
    """Who says it: the attribution in the same sentence, if any."""
    hedged: bool
    weight: float
    """How telling the value is by itself (:mod:`tui.versions.facts`)."""


@dataclass(frozen=True, slots=True)
class Support:
    """Another article's claim stating the same value about the same thing."""

    other: ValuedClaim
    score: float
    why: str
    """``linked paragraphs``, ``same unit`` or ``specific value``."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """A claim about the same measured thing with a different value."""

    other: ValuedClaim
    score: float
    why: str


@dataclass(frozen=True, slots=True)
class Corroboration:
    claim: ValuedClaim
    support: tuple[Support, ...]
    conflicts: tuple[Conflict, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        """Other articles that corroborate the claim, in first-seen order."""
        return tuple(dict.fromkeys(s.other.article for s in self.support))

    def record(self) -> dict[str, object]:
        def item(x: Support | Conflict) -> dict[str, object]:
            c = x.other.claim
            return {
                "article": x.other.article,
                "language": x.other.language,
                "paragraph": c.paragraph,
                "text": c.text,
                "value": c.value,
                "score": round(x.score, 3),
                "why": x.why,
            }

        c = self.claim.claim
        return {
            "article": self.claim.article,
            "paragraph": c.paragraph,
            "kind": c.kind,
            "text": c.text,
            "value": c.value,
            "unit": self.claim.unit,
            "support": [item(s) for s in self.support],
            "conflicts": [item(x) for x in self.conflicts],
        }


def normal_unit(unit: str | None) -> str | None:
    """Lower case, last word, a plural -s dropped: "train cars" -> "car"."""
    if not unit:
        return None
    word = unit.lower().split()[-1] if unit.split() else unit.lower()
    if word.endswith("s") and len(word) > 3 and word != "%":
        word = word[:-1]
    return word


def units_match(a: str | None, b: str | None) -> bool:
    """Equal, or one a suffix or prefix of the other (railcar/car, گلولههای/گلوله)."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and (long.endswith(short) or long.startswith(short))


def valued_claims(
    article: Article, claims: Sequence[Claim], english: Mapping[int, str] | None = None
) -> list[ValuedClaim]:
    """The valued claims of ``article`` ready for comparison.

    ``english`` maps paragraph index to its English translation (for units).
    """
    from tui.claims.extract import extract_claims
    from tui.claims.pairing import pair_by_value
    from tui.claims.tokens import fold, sentence_starts

    english = english or {}
    by_paragraph: dict[int, list[Claim]] = {}
    for c in claims:
        by_paragraph.setdefault(c.paragraph, []).append(c)
    out: list[ValuedClaim] = []
    for index, items in sorted(by_paragraph.items()):
        valued = [c for c in items if c.kind in VALUED and value_key(c) is not None]
        if not valued:
            continue
        text = article.paragraphs[index].text if index < len(article.paragraphs) else ""
        starts = sentence_starts(text)
        english_unit: dict[int, str | None] = {}
        if english.get(index):
            translated = extract_claims(english[index], "en")
            for orig, tr in pair_by_value(valued, translated):
                english_unit[id(orig)] = tr.unit
        hedged = {c.qualifies for c in items if c.kind == "hedge" and c.qualifies}
        attributions = [c for c in items if c.kind == "attribution" and c.source]
        language = article.paragraphs[index].language if index < len(article.paragraphs) else None
        language = language or article.language
        for c in valued:
            sentence = max(s for s in starts if s <= c.start)
            nxt = min((s for s in starts if s > c.start), default=len(text) + 1)
            source = next((a.source for a in attributions if sentence <= a.start < nxt), None)
            unit = normal_unit(english_unit.get(id(c)))
            if unit is None and c.unit and c.unit.isascii():  # mm, km, USD, %
                unit = normal_unit(c.unit)
            weights = claim_facts([c])
            out.append(
                ValuedClaim(
                    article=article.id,
                    language=language,
                    claim=c,
                    key=value_key(c),  # type: ignore[arg-type]
                    unit=unit,
                    source_unit=fold(c.unit) if c.unit else None,
                    sentence=sentence,
                    source=source,
                    hedged=(c.start, c.end) in hedged,
                    weight=max(weights.values(), default=0.0),
                )
            )
    return out


def _comparable_units(x: ValuedClaim, y: ValuedClaim) -> bool | None:
    """Whether the units match; ``None`` when they cannot be compared."""
    if x.unit is not None and y.unit is not None:
        return units_match(x.unit, y.unit)
    if x.source_unit is not None and y.source_unit is not None and x.language == y.language:
        return units_match(x.source_unit, y.source_unit)
    return None


def _links(alignments: Iterable[Alignment]) -> dict[tuple[str, int, str, int], float]:
    linked: dict[tuple[str, int, str, int], float] = {}
    for al in alignments:
        for link in al.links:
            for i in link.a:
                for j in link.b:
                    for key in ((al.a, i, al.b, j), (al.b, j, al.a, i)):
                        linked[key] = max(link.score, linked.get(key, 0.0))
    return linked


def corroborate(
    claim_sets: Sequence[Sequence[ValuedClaim]], alignments: Iterable[Alignment] = ()
) -> list[Corroboration]:
    """Support and conflicts for every valued claim of every article given."""
    linked = _links(alignments)
    everything = [c for group in claim_sets for c in group]
    by_key: dict[tuple[str, object], list[ValuedClaim]] = {}
    keys: dict[tuple[str, int], set[tuple[str, object]]] = {}
    by_paragraph: dict[tuple[str, int], list[ValuedClaim]] = {}
    by_article: dict[str, list[ValuedClaim]] = {}
    for c in everything:
        by_key.setdefault(c.key, []).append(c)
        keys.setdefault((c.article, c.claim.paragraph), set()).add(c.key)
        by_paragraph.setdefault((c.article, c.claim.paragraph), []).append(c)
        by_article.setdefault(c.article, []).append(c)
    neighbours: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for a, i, b, j in linked:
        neighbours.setdefault((a, i), []).append((b, j))
    supports: dict[int, list[Support]] = {}
    direct: dict[int, list[Conflict]] = {}
    for x in everything:
        here = (x.article, x.claim.paragraph)
        linked_claims = [y for place in neighbours.get(here, ()) for y in by_paragraph.get(place, ())]
        same_value = by_key.get(x.key, [])
        if len(same_value) > MAX_SAME_VALUE:  # a common value: only where the paragraphs are linked
            same_value = [y for y in linked_claims if y.key == x.key]
        best: dict[str, Support] = {}
        for y in same_value:
            if y.article == x.article:
                continue
            found = _support(x, y, linked)
            if found is not None and (y.article not in best or found.score > best[y.article].score):
                best[y.article] = found
        supports[id(x)] = sorted(best.values(), key=lambda s: (-s.score, s.other.article))
        # a conflict needs linked paragraphs, or two estimates in one article
        candidates = linked_claims + by_article.get(x.article, [])
        direct[id(x)] = [cf for y in candidates if (cf := _conflict(x, y, linked, keys)) is not None]
    results = []
    for x in everything:
        conflicts = _both_sides(x, supports, direct)
        conflicts.sort(key=lambda c: (-c.score, c.other.article, c.other.claim.paragraph))
        results.append(Corroboration(x, tuple(supports[id(x)]), tuple(conflicts)))
    return results


def _both_sides(
    x: ValuedClaim, supports: Mapping[int, Sequence[Support]], direct: Mapping[int, Sequence[Conflict]]
) -> list[Conflict]:
    """The conflicts of ``x``: its own, and those of every article that states
    the same value (its supporters), each with every article stating the other
    value (the other claim's supporters) — so a disagreement shows in every
    article that states either value, with every source on each side (issue 12)."""
    found: dict[tuple[str, int, int, int], Conflict] = {}

    def add(conflict: Conflict) -> None:
        c = conflict.other
        if c.key == x.key or c is x:
            return
        key = (c.article, c.claim.paragraph, c.claim.start, c.claim.end)
        if key not in found or conflict.score > found[key].score:
            found[key] = conflict

    sides: list[tuple[ValuedClaim, float, str | None]] = [(x, 1.0, None)]
    sides += [(s.other, s.score, s.other.article) for s in supports.get(id(x), ())]
    for same, same_score, via in sides:
        for conflict in direct.get(id(same), ()):
            if via is not None and conflict.other.article == x.article:
                continue  # x's own article seen through another: its own conflicts say it
            why = conflict.why if via is None else f"{conflict.why} (via {via})"
            score = conflict.score * same_score
            add(Conflict(conflict.other, score, why))
            if conflict.why.startswith("linked"):  # every source of the other value too
                for other_side in supports.get(id(conflict.other), ()):
                    if other_side.other.article != x.article:
                        add(
                            Conflict(
                                other_side.other, score * other_side.score, f"{why}, same as {conflict.other.article}"
                            )
                        )
    return list(found.values())


def _support(x: ValuedClaim, y: ValuedClaim, linked: Mapping[tuple[str, int, str, int], float]) -> Support | None:
    link = linked.get((x.article, x.claim.paragraph, y.article, y.claim.paragraph))
    if link is not None:
        return Support(y, link, "linked paragraphs")
    units = _comparable_units(x, y)
    if units:
        return Support(y, 0.9, "same unit")
    if units is None and min(x.weight, y.weight) >= SPECIFIC:
        return Support(y, 0.6, "specific value")
    return None


def _conflict(
    x: ValuedClaim,
    y: ValuedClaim,
    linked: Mapping[tuple[str, int, str, int], float],
    keys: Mapping[tuple[str, int], set[tuple[str, object]]],
) -> Conflict | None:
    if x is y or x.claim.kind not in MEASURED or y.claim.kind != x.claim.kind or x.key == y.key:
        return None
    if not _comparable_units(x, y):
        return None
    if x.article != y.article:
        link = linked.get((x.article, x.claim.paragraph, y.article, y.claim.paragraph))
        if link is None:
            return None
        if x.key in keys.get((y.article, y.claim.paragraph), set()) or y.key in keys.get(
            (x.article, x.claim.paragraph), set()
        ):
            return None  # each value has its match over there: two figures, not a disagreement
        return Conflict(y, link, "linked paragraphs, different value")
    if x.claim.paragraph == y.claim.paragraph and x.sentence == y.sentence:
        return None
    if not (x.hedged and y.hedged) or x.source is None or y.source is None or x.source == y.source:
        return None
    vx, vy = abs(float(x.key[1])), abs(float(y.key[1]))  # type: ignore[arg-type]
    if min(vx, vy) == 0:
        return None
    ratio = max(vx, vy) / min(vx, vy)
    if ratio > MAX_RATIO:
        return None
    score = 1.0 - 0.5 * math.log(ratio) / math.log(MAX_RATIO)
    return Conflict(y, score, "estimates by different sources")
