"""Attribution: who said, wrote or reported it, with the source's name.

Two kinds of cue. Prepositional cues ("according to", "وفقًا لـ", "به گفته",
"laut", "за даними") are followed by the source. Reporting verbs ("قال",
"گفت", "sagte", "пише", "said") have it on either side, and word order tells
which: Persian is verb-final (source before); Arabic is verb-first (source
after, unless the verb is followed by "أن"/"إن"); Ukrainian/Russian put the
source after unless a "що"/"что" clause follows; German and English put it
after the verb when the verb follows a quotation or a comma ("…“, sagte
Seth Jones"), before it otherwise ("Seth Jones sagte"). A source is a run of
at most six words that stops at punctuation and at function words
(prepositions, "that", "to the network …"). An apposition is skipped back over
("Seth Jones, director of …, said" → "Seth Jones").

No source, no claim: a bare "he added" with an elided subject is not marked.
Vague sources that are really hedges ("Berichten zufolge", "بحسب ما ورد")
belong to :mod:`tui.claims.hedges`.

No NLP library: a dependency parser would need model downloads and a GPU-free
budget we do not have on key presses; cue lexicons and word order suffice.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from tui.claims.model import Found
from tui.claims.tokens import PhraseIndex, Token, fold, is_space

_VERB, _PREP, _POSTP, _HEISST = "verb", "prep", "postp", "heisst"
MAX_SOURCE_WORDS = 6
MAX_TITLE_WORDS = 10
MAX_CLAUSE_WORDS = 8
MAX_CLAUSE_WORDS_VERB_FINAL = 12  # Persian subjects sit far before the verb

_CUES: dict[str, dict[str, str]] = {
    "ar": {
        _VERB: "قال|قالت|قالوا|يقول|تقول|يقولون|أضاف|أضافت|أكد|أكدت|أكدوا|يؤكد|صرح|صرحت|صرحوا|ذكر|ذكرت|"
        "ذكروا|أعلن|أعلنت|أعلنوا|يعلن|كتب|كتبت|أفاد|أفادت|أفادوا|أشار|أشارت|أشاروا|ادعى|ادعت|زعم|زعمت|"
        "أبلغ|أبلغت|أوضح|أوضحت|تابع|تابعت|لخص|لخصت|أورد|أوردت|اعترف|اعترفت|حذر|حذرت",
        _PREP: "وفقا|وفقا ل|طبقا|طبقا ل|بحسب|حسب|نقلا عن|على لسان",
    },
    "fa": {
        _VERB: "گفت|گفتند|میگوید|میگویند|افزود|افزودند|نوشت|نوشتند|اعلام کرد|اعلام کردند|اعلام کرده است|"
        "خبر داد|خبر دادند|اظهار داشت|اظهار کرد|تاکید کرد|تأکید کرد|ادعا کرد|ادعا کردند|مدعی شد|"
        "تصریح کرد|گزارش داد|اذعان کرد|هشدار داد",
        _PREP: "به گزارش|به نوشته|به گفته|به نقل از|به ادعای|طبق|بنا بر|بنابر|از قول",
    },
    "de": {
        _VERB: "sagte|sagten|sagt|schrieb|schrieben|schreibt|erklärte|erklärten|erklärt|behauptete|"
        "behaupteten|behauptet|betonte|betonten|berichtete|berichteten|berichtet|meldete|meldeten|"
        "warnte|warnten|zitierte|zitiert|teilte mit",
        _PREP: "laut|nach Angaben|nach Angaben von|gemäß",
        _POSTP: "zufolge",
        _HEISST: "heißt es|hieß es|heisst es",
    },
    "uk": {
        _VERB: "сказав|сказала|сказали|каже|кажуть|заявив|заявила|заявили|заявляє|заявляють|розповів|"
        "розповіла|розповіли|розповідає|пише|пишуть|написав|написала|написали|зазначив|зазначила|"
        "зазначили|зазначає|повідомив|повідомила|повідомили|повідомляє|повідомляють|підкреслив|"
        "підкреслила|додав|додала|додали|говорять|говорить|стверджує|стверджують|наголосив|наголосила",
        _PREP: "за даними|за словами|на думку|згідно з|згідно із|за інформацією",
    },
    "ru": {
        _VERB: "сказал|сказала|сказали|заявил|заявила|заявили|заявляет|сообщил|сообщила|сообщили|сообщает|"
        "пишет|пишут|написал|написала|отметил|отметила|отметили|рассказал|рассказала|добавил|добавила|"
        "подчеркнул|утверждает|говорит",
        _PREP: "по данным|по словам|по мнению|согласно|по информации",
    },
    "en": {
        # not "claims"/"reports": far more often nouns
        _VERB: "said|says|told|tells|wrote|writes|stated|claimed|added|reported|announced|"
        "noted|stressed|warned|argued|insisted|explained|confirmed|acknowledged",
        _PREP: "according to|citing|as reported by",
    },
    "fr": {
        # compound past first: "a déclaré Reed", "Reed a déclaré aux journalistes que …"
        _VERB: "a déclaré|a dit|a affirmé|a ajouté|a expliqué|a indiqué|a précisé|a souligné|a annoncé|a écrit|"
        "a assuré|a estimé|a averti|a confirmé|a reconnu|a raconté|a rapporté|ont déclaré|ont dit|ont affirmé|"
        "ont indiqué|ont annoncé|déclare|affirme|ajoute|explique|indique|précise|souligne|annonce|écrit|"
        "estime|assure|a-t-il déclaré|a-t-elle déclaré|a-t-il dit|a-t-elle dit|a-t-il ajouté|a-t-elle ajouté|"
        "déclarait|affirmait|dit-il|dit-elle|explique-t-il|explique-t-elle",
        _PREP: "selon|d'après|de source",
    },
}
_STOP = {
    "ar": "في إلى الى على عن من أن ان إن بأن انه انها إنه إنها أنه أنها بعد قبل خلال أمس اليوم يوم حول عبر مع ل "
    "لشبكة لوكالة لصحيفة لقناة لموقع لـ الذي التي الذين ما لم لن لا قد كما هذا هذه ذلك",
    "fa": "که در از به با را برای و تا این آن هم نیز روز",
    "de": "in im am an auf aus bei gegenüber mit nach von vor zu zum zur über für dass es ihn sie sich bereits "
    "auch jedoch weiter ist sind war hat habe haben wird wurde, sei seien",
    "uk": "у в на про для з із до від після під через що як також вже ще раніше",
    "ru": "в во на о об для с со из до от после под через что как также уже еще ранее",
    "en": "in on at to for with that from who about during after before last this which when while on",
    "fr": "à au aux de du des dans en sur pour par avec que qu qui lors après avant ce cette le la les l d "
    "samedi dimanche lundi mardi mercredi jeudi vendredi",
}
_LEADING_SKIP = {
    "ar": "أن إن بأن و ثم حيث",
    "fa": "که و اما ولی",
    "de": "nachdem dass weil als wie ob obwohl und aber denn in im",
    "uk": "що як коли і а але бо",
    "ru": "что как когда и а но",
    "en": "that after when because as and but",
    "fr": "que qu quand lorsque parce comme et mais",
}
_AFTER_MEANS_BEFORE = {
    "ar": "أن إن بأن انه انها إنه إنها أنه أنها",
    "uk": "що",
    "ru": "что",
}
_COMPLEMENTIZERS = frozenset({"dass", "that", "що", "что"})
"""'That' before a clause: a subject is not looked for before it. Not Persian "که", which
also opens relative clauses ("الیورا … ۷۹ ساله که در اسکوپیه زندگی می‌کند گفت": the
speaker is before it); the "که" written here before was never equal to a folded token."""
_CASED = frozenset({"de", "en", "fr", "uk", "ru"})
_OBJECT_FOLLOWS = frozenset({"told", "tells"})
_IMPERSONAL = frozenset(fold(w) for w in "ورد أفيد افيد يبدو تردد يقال قيل".split())
_ONE_OF = frozenset(fold(w) for w in "یکی برخی بعضی تعدادی".split())
_GENERIC = frozenset(
    fold(w) for w in "تقارير التقارير ما berichten medienberichten berichte reports повідомленнями сообщениям".split()
)
_PRONOUN_OBJECTS = {
    "de": frozenset({"das", "dies", "so", "dem"}),
    "en": frozenset({"this", "that", "so"}),
    "fr": frozenset({"l", "le", "c"}),
}
_BOUNDARY = frozenset('.,،:;!?؟«»"“”„()[]–—')


class _Lexicon:
    __slots__ = ("cues", "leading", "means_before", "stop")

    def __init__(self, language: str):
        items = []
        for kind, phrases in _CUES.get(language, {}).items():
            for phrase in phrases.split("|"):
                items.append((phrase, kind))
        self.cues = PhraseIndex(items)
        self.stop = frozenset(fold(w) for w in _STOP.get(language, "").replace(",", " ").split())
        self.leading = frozenset(fold(w) for w in _LEADING_SKIP.get(language, "").split())
        self.means_before = frozenset(fold(w) for w in _AFTER_MEANS_BEFORE.get(language, "").split())


@lru_cache(maxsize=8)
def _lexicon(language: str) -> _Lexicon:
    return _Lexicon(language)


def find_attributions(text: str, tokens: Sequence[Token], language: str) -> list[Found]:
    """Attribution claims: the cue and the source, one span."""
    if language not in _CUES:
        return []
    lex = _lexicon(language)
    out: list[Found] = []
    after = 0  # the next token not inside an attribution found already
    for i in lex.cues.candidates(tokens):
        if i < after:
            continue
        tok = tokens[i]
        if tok.number:
            continue
        hit = lex.cues.match(text, tokens, i, language)
        if hit is None:
            continue
        last, kind = hit
        if kind == _VERB and language == "ar" and tok.fold.startswith(("ال", "وال", "بال", "لل")):
            continue  # "التابع" is not "تابع" 'he went on'
        source = _source(text, tokens, i, last, str(kind), language, lex)
        if source is not None:
            s_first, s_last, name = source
            if fold(name) not in _GENERIC and name.split()[0].lower() not in _GENERIC:
                start = min(tok.start, tokens[s_first].start)
                end = max(tokens[last].end, tokens[s_last].end)
                out.append(Found("attribution", start, end, None, None, name))
        after = last + 1
    return out


def _source(
    text: str,
    tokens: Sequence[Token],
    i: int,
    last: int,
    kind: str,
    language: str,
    lex: _Lexicon,
) -> tuple[int, int, str] | None:
    if kind in (_PREP,):
        nxt = last + 1
        if language == "ar" and nxt + 1 < len(tokens) and tokens[nxt].fold == "ما":
            # "بحسب ما نقلته صحيفة …": the source follows the verb; "بحسب ما ورد" is a hedge
            if tokens[nxt + 1].fold in _IMPERSONAL:
                return None
            nxt += 2
        return _following(text, tokens, nxt, language, lex, strip_lam=True)
    if kind in (_POSTP, _HEISST):
        return _preceding(text, tokens, i, language, lex)
    if language == "fa":
        return _preceding(text, tokens, i, language, lex)
    after_ok = True
    n = len(tokens)
    nxt = last + 1
    if nxt >= n or not is_space(text[tokens[last].end : tokens[nxt].start]):
        after_ok = False
    elif tokens[nxt].fold in lex.means_before:
        after_ok = False
    if language == "en" and tokens[i].fold in _OBJECT_FOLLOWS:
        return _preceding(text, tokens, i, language, lex)  # "X told reporters"
    if language in ("de", "en", "fr"):
        before = text[tokens[i - 1].end : tokens[i].start] if i > 0 else ""
        verb_first = i == 0 or any(ch in _BOUNDARY for ch in before) or before.strip() in ("-",)
        if not verb_first:
            prev = tokens[i - 1].fold
            if prev in _PRONOUN_OBJECTS.get(language, ()) and (
                i == 1 or any(ch in _BOUNDARY for ch in text[tokens[i - 2].end : tokens[i - 1].start])
            ):
                verb_first = True
        if verb_first and after_ok:
            found = _following(text, tokens, nxt, language, lex)
            if found is not None or language != "fr":
                return found
            return _preceding(text, tokens, i, language, lex)  # "Reed, l’entraîneur …, a déclaré aux …"
        if not verb_first:
            return _preceding(text, tokens, i, language, lex)
        return None
    if after_ok:
        found = _following(text, tokens, nxt, language, lex)
        if found is not None:
            return found
    return _preceding(text, tokens, i, language, lex)


def _following(
    text: str,
    tokens: Sequence[Token],
    j: int,
    language: str,
    lex: _Lexicon,
    strip_lam: bool = False,
) -> tuple[int, int, str] | None:
    n = len(tokens)
    if j >= n:
        return None
    if j > 0 and not _joined(text[tokens[j - 1].end : tokens[j].start]):
        return None
    if strip_lam and language == "ar" and tokens[j].fold == "ل" and j + 1 < n:
        j += 1
    first = j
    k = j
    named = False
    while k < n and k - first < MAX_SOURCE_WORDS:
        tok = tokens[k]
        if tok.number:
            break
        if k > first:
            if not _joined(text[tokens[k - 1].end : tok.start]):
                break
            if named and tok.text[:1].islower() and language in _CASED and text[tok.start - 1] != "-":
                break  # "Дмитрий Песков журналистам …": the name ends where lower case starts
            if any(key in lex.stop for key in tok.keys(language)):
                break
            if language == "ar" and _object_suffix(tok.text):
                break
            if language == "ar" and tok.fold.startswith("لل"):
                break
            if lex.cues.match(text, tokens, k, language) is not None:
                break
        elif tok.fold in lex.stop and not (language == "fr" and tok.fold in ("le", "la", "les")):
            return None  # "…», a déclaré la ministre" keeps its article
        named = named or tok.text[:1].isupper()
        k += 1
    if k == first:
        return None
    name = text[tokens[first].start : tokens[k - 1].end]
    if strip_lam and language == "ar":
        name = _strip_lam(name)
    return first, k - 1, name


def _object_suffix(word: str) -> bool:
    """Arabic words ending in the pronoun suffix ه ('مقتله' his killing) end a subject."""
    return len(word) > 3 and word.endswith("ه") and word not in ("الله", "لله")


def _strip_lam(name: str) -> str:
    if name.startswith("لل"):
        return "ال" + name[2:]
    if name.startswith("ل") and len(name) > 3:
        return name[1:]
    return name


def _joined(between: str) -> bool:
    return is_space(between) or between in ("-", "")


def _preceding(text: str, tokens: Sequence[Token], i: int, language: str, lex: _Lexicon) -> tuple[int, int, str] | None:
    """The subject at the start of the clause that ends with the cue at ``i``."""
    limit = MAX_CLAUSE_WORDS_VERB_FINAL if language == "fa" else MAX_CLAUSE_WORDS
    start = i
    while start > 0 and i - start < limit + 1:
        between = text[tokens[start - 1].end : tokens[start].start]
        if any(ch in _BOUNDARY for ch in between):
            break
        if tokens[start - 1].fold in lex.leading and start - 1 > 0:
            prev_gap = text[tokens[start - 2].end : tokens[start - 1].start]
            if any(ch in _BOUNDARY for ch in prev_gap) or tokens[start - 1].fold in _COMPLEMENTIZERS:
                break
        start -= 1
    if i - start > limit:
        return None
    while start < i and tokens[start].fold in lex.leading:
        start += 1
    if start >= i:
        # "Shin Won-sik, South Korea's defence minister, told reporters"
        segment = _before_comma(text, tokens, i, language, lex, limit=MAX_TITLE_WORDS, title=True)
        if segment is None:
            return None
        first, last = _before_comma(text, tokens, segment[0], language, lex) or segment
        return first, last, text[tokens[first].start : tokens[last].end]
    words = _subject(tokens, start, i, language, lex)
    if words is None:
        return None
    # "Name, title of …, said": prefer the name before the apposition
    first, last = _before_comma(text, tokens, start, language, lex) or words
    return first, last, text[tokens[first].start : tokens[last].end]


def _before_comma(
    text: str, tokens: Sequence[Token], k: int, language: str, lex: _Lexicon, limit: int = 4, title: bool = False
) -> tuple[int, int] | None:
    """The :func:`_apposition` that ends at a comma right before token ``k``, if there is one."""
    if k > 0 and text[tokens[k - 1].end : tokens[k].start].strip() in (",", "،"):
        return _apposition(text, tokens, k - 1, language, lex, limit=limit, title=title)
    return None


def _subject(tokens: Sequence[Token], start: int, stop: int, language: str, lex: _Lexicon) -> tuple[int, int] | None:
    k = start
    while k < stop and k - start < MAX_SOURCE_WORDS:
        f = tokens[k].fold
        if k > start and (f in lex.stop or tokens[k].keys(language)[0] in lex.stop):
            if not (language == "fa" and f == "از" and tokens[k - 1].fold in _ONE_OF):
                break
        if k == start and f in lex.stop:
            return None
        if tokens[k].number and k == start:
            return None
        k += 1
    return (start, k - 1) if k > start else None


def _apposition(
    text: str, tokens: Sequence[Token], end: int, language: str, lex: _Lexicon, limit: int = 4, title: bool = False
) -> tuple[int, int] | None:
    """A short name (≤ ``limit`` words, no function words) ending at token ``end``, before a comma.

    ``title``: the segment is a title between commas ("l’entraîneur en chef de
    l’État du Tennessee"): function words are allowed, cues are not."""
    k = end
    while k > 0 and end - k < limit:
        between = text[tokens[k - 1].end : tokens[k].start]
        if any(ch in _BOUNDARY for ch in between):
            break
        k -= 1
    if end - k >= limit:
        return None
    if k > 0 and not any(ch in _BOUNDARY for ch in text[tokens[k - 1].end : tokens[k].start]):
        return None
    for j in range(k, end + 1):
        if lex.cues.match(text, tokens, j, language):
            return None
        if not title and (tokens[j].fold in lex.stop or tokens[j].number):
            return None
        if tokens[j].fold in lex.leading:
            return None
    return k, end
