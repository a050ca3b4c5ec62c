"""Hedges (how sure) and denials (who says it is not so).

Hedges are words that weaken a statement: "likely", "allegedly",
"reportedly", "may" and their equivalents ("من المحتمل", "على الأرجح",
"يُزعم", "وبحسب ما ورد", "احتمالاً", "برآورد می‌شود", "wahrscheinlich",
"Berichten zufolge", "ймовірно"). Approximators ("about", "حوالي") are not
hedges here: they bound a number and stay notes on that quantity.

Denials are explicit ("denied", "نفى", "تکذیب", "dementierte",
"заперечив") or a negated verb inside an attributed statement ("أعلنت … أنها
لم تزود" — DPRK said it did *not* supply). A negation the writer makes in
their own voice ("the Americans could not provide evidence") is not a denial.

Which claim a hedge or denial qualifies is decided by
:func:`tui.claims.extract.extract_claims`, which sees all kinds at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from tui.claims.model import Found
from tui.claims.tokens import PhraseIndex, Token, fold, is_space

_HEDGES = {
    "ar": "من المحتمل|من المرجح|على الأرجح|على الارجح|يزعم|المزعوم|المزعومة|مزعوم|مزعومة|ربما|قد يكون|"
    "قد تكون|قد يكونون|يبدو|على ما يبدو|بحسب ما ورد|حسبما ورد|حسب ما ورد|وفقا للتقارير|بحسب التقارير|"
    "يعتقد|يرجح|يشتبه|يقال|مفترض|المفترض",
    "fa": "احتمالا|احتمال دارد|به احتمال زیاد|ممکن است|شاید|ظاهرا|گفته میشود|گفته شده است|به نظر میرسد|"
    "برآورد میشود|تخمین زده میشود|گمان میرود|ادعا شده|گویا|معتقد است|معتقدند|ظن",
    "de": "wahrscheinlich|vermutlich|angeblich|mutmaßlich|mutmasslich|möglicherweise|offenbar|dürfte|dürften|"
    "könnte|könnten|scheint|scheinen|womöglich|eventuell|vermeintlich|unbestätigten|Berichten zufolge|"
    "Medienberichten zufolge|Schätzungen zufolge",
    "uk": "ймовірно|імовірно|можливо|начебто|нібито|мабуть|вірогідно|може|можуть|могли б|міг би|"
    "за неперевіреними даними|як стверджується|припускають|за повідомленнями|схоже",
    "ru": "вероятно|возможно|предположительно|якобы|по-видимому|может|могут|по неподтвержденным данным|"
    "судя по всему|по сообщениям|по-видимому",
    "en": "likely|unlikely|probably|possibly|allegedly|reportedly|apparently|may|might|could|perhaps|"
    "presumably|purportedly|suspected|believed to|said to be|is thought|according to reports",
    "fr": "probablement|vraisemblablement|peut-être|sans doute|apparemment|présumé|présumée|présumés|"
    "prétendument|supposément|aurait|auraient|pourrait|pourraient|semble|semblent|il semble|selon certaines "
    "sources|selon des informations|serait|seraient|possiblement|éventuellement|on pense|on estime",
}
_DENIALS = {
    "ar": "نفى|نفت|ينفي|تنفي|نفوا|نفي|النفي|أنكر|أنكرت|ينكر|دحض|دحضت|رفض الاتهامات|رفضت الاتهامات|"
    "رفض المزاعم|رفضت المزاعم",
    "fa": "تکذیب|انکار|نفی|رد کرد|رد کردند|رد کرده",
    "de": "dementiert|dementierte|dementierten|dementieren|bestritt|bestritten|bestreitet|bestreiten|leugnete|"
    "leugneten|leugnet|zurückgewiesen|zurückweisen|verneinte|Dementi",
    "uk": "заперечив|заперечила|заперечили|заперечує|заперечують|заперечення|спростував|спростувала|"
    "спростували|спростовує|спростування|відкинув|відкинула|відкинули|відкидає",
    "ru": "опроверг|опровергла|опровергли|опровергает|отрицает|отрицают|отрицал|отрицала|отрицали|"
    "опровержение|отверг|отвергла|отвергли",
    "en": "denied|denies|deny|denial|rejected the claims|refuted|dismissed the claims",
    "fr": "a démenti|a nié|ont démenti|ont nié|dément|démentent|nie|nient|démenti|démentait|niait|"
    "a rejeté les accusations|a réfuté|réfute|dément catégoriquement",
}
_NEGATORS = {
    "ar": "لم لن ليس ليست",
    "fa": "هیچ",
    "de": "nicht nie kein keine keinen keinem keiner niemals",
    "uk": "не ні ніколи",
    "ru": "не ни никогда",
    "en": "not never no",
    "fr": "ne n pas jamais aucun aucune",
}


@lru_cache(maxsize=8)
def _indexes(language: str) -> tuple[PhraseIndex, PhraseIndex, frozenset[str]]:
    hedges = PhraseIndex((p, "hedge") for p in _HEDGES.get(language, "").split("|") if p)
    denials = PhraseIndex((p, "denial") for p in _DENIALS.get(language, "").split("|") if p)
    negators = frozenset(fold(w) for w in _NEGATORS.get(language, "").split())
    return hedges, denials, negators


def find_hedges(
    text: str,
    tokens: Sequence[Token],
    language: str,
    attributed: Sequence[tuple[int, int, str | None]] = (),
    sentence_of: Callable[[int], int] | None = None,
) -> list[Found]:
    """Hedge and denial claims.

    ``attributed`` lists ``(sentence start, cue end, source)`` of the paragraph's
    attributions: a negation after a cue in the same sentence is a denial by
    that source. ``sentence_of(pos)`` gives the sentence start of an offset.
    """
    hedges, denials, negators = _indexes(language)
    cues: dict[int, list[tuple[int, str | None]]] = {}
    for s_start, cue_end, src in attributed:
        cues.setdefault(s_start, []).append((cue_end, src))
    for cue_list in cues.values():
        cue_list.sort(key=lambda e: e[0])
    complementizer_after: dict[int, int] = {}
    out: list[Found] = []
    n = len(tokens)
    firsts = hedges.firsts | denials.firsts

    def phrase(k: int) -> int | None:
        """A denial or hedge phrase at token ``k`` (denials first) added to ``out``: its last token."""
        hit = denials.match(text, tokens, k, language) or hedges.match(text, tokens, k, language)
        if hit is None:
            return None
        last, kind = hit
        out.append(Found(str(kind), tokens[k].start, tokens[last].end))
        return last

    if not cues:  # no negation can be a denial: only the phrase tables, at the tokens they can start at
        i = -1
        for k, tok in enumerate(tokens):
            if k <= i or firsts.isdisjoint(tok.stems) or tok.number:
                continue
            last = phrase(k)
            if last is not None:
                i = last
        return out
    english = language == "en"
    wanted = [  # may start a phrase or be a negator: the only tokens worth a look
        not t.number
        and (not firsts.isdisjoint(t.stems) or not negators.isdisjoint(t.stems[:2]) or (english and "'" in t.fold))
        for t in tokens
    ]
    i = 0
    while i < n:
        if not wanted[i]:
            i += 1
            continue
        tok = tokens[i]
        last = phrase(i) if not firsts.isdisjoint(tok.stems) else None
        if last is not None:
            i = last + 1
            continue
        if cues and sentence_of is not None and _is_negator(tok, language, negators):
            entries: Sequence[tuple[int, str | None]] = cues.get(sentence_of(tok.start), [])
            k = _right(entries, tok.start)
            if k > 0 and _verb_follows(text, tokens, i, language):
                cue_end, source = entries[k - 1]
                ok = True
                if language == "ar":
                    # Arabic reported speech runs through أن/إن: "أعلنت … أنها لم تزود";
                    # a negation without one ("… لم تكشف عن هويتهم") is the writer's.
                    if cue_end not in complementizer_after:
                        m = _AR_COMPLEMENTIZER.search(text, cue_end, cue_end + _COMPLEMENTIZER_WINDOW)
                        complementizer_after[cue_end] = m.start() if m else len(text)
                    ok = complementizer_after[cue_end] < tok.start
                if ok:
                    end = tok.end
                    if i + 1 < n and is_space(text[tok.end : tokens[i + 1].start]) and not tokens[i + 1].number:
                        end = tokens[i + 1].end
                        i += 1
                    out.append(Found("denial", tok.start, end, None, None, source, notes=("negated",)))
        i += 1
    return out


def _right(entries: Sequence[tuple[int, str | None]], pos: int) -> int:
    lo, hi = 0, len(entries)
    while lo < hi:
        mid = (lo + hi) // 2
        if entries[mid][0] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


_COMPLEMENTIZER_WINDOW = 200
_AR_COMPLEMENTIZER = re.compile(r"(?<![^\W\d_])[وب]?[أإا]ن(?:ه|ها|هم|هما)?(?![^\W\d_])")
_SLAVIC_VERB_ENDINGS = ("в", "ла", "ло", "ли", "л", "ти", "ть", "є", "ють", "ять", "уть", "ить", "ет", "ут", "ат", "ят")


def _verb_follows(text: str, tokens: Sequence[Token], i: int, language: str) -> bool:
    """Ukrainian/Russian "не" negates anything; a denial needs a negated verb."""
    if language not in ("uk", "ru"):
        return True
    if i + 1 >= len(tokens) or not is_space(text[tokens[i].end : tokens[i + 1].start]):
        return False
    return tokens[i + 1].fold.endswith(_SLAVIC_VERB_ENDINGS)


def _is_negator(tok: Token, language: str, negators: frozenset[str]) -> bool:
    if tok.fold in negators:
        return True
    if language == "ar":
        return any(k in negators for k in tok.keys(language)[1:2])
    if language == "en":
        return tok.fold.endswith("n't")
    return False
