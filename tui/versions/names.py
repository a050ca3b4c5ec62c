"""Proper names as cross-script keys: Tumangang = تومانغانغ = Туманганг.

Versions of one story in Arabic, Persian, German and Ukrainian share few
words but many names, and a name survives translation almost unchanged in
sound. Each candidate name is transliterated to ASCII with ``anyascii`` (a
well-kept table covering Arabic, Persian and Cyrillic; writing those tables by
hand would be a worse copy) and reduced to a *consonant skeleton*, because the
scripts disagree about vowels (Arabic writes long vowels as w/y and short ones
not at all) and about some consonants (Arabic has no p, v or g):

* lower case; ``dzh``/``zh`` -> j, ``gh`` -> g, ``kh``/``ch``/``c``/``q``/``x`` -> k,
  ``sh``/``z``/``ts`` -> s, ``th``/``d`` -> t, ``ph``/``v`` -> f, ``p`` -> b;
* vowels and the half-vowels ``w``, ``y`` and ``h`` are dropped;
* doubled consonants collapse.

So Tumangang, تومانغانغ (``twmnghngh``) and Туманганг all become ``tmngng``;
Putin, بوتين and پوتین become ``btn``. Two skeletons *match* when they are
equal, or when both have at least :data:`MIN_PREFIX` consonants and one is a
prefix of the other (Ukrainian case endings: Зеленського/Zelensky).

Which words are candidate names:

* in Latin or Cyrillic script: capitalised words;
* German capitalises every noun (and every first word of a sentence), so in
  German text (:data:`NOUN_CAPITALISING`) a capitalised *common word* —
  "Erdbeben", "Demokraten", "Freitag", "Allerdings" — is tagged
  :data:`COMMON` instead of :data:`LATIN`: compared only with names in
  another script (where it keeps what it gave before: a German-Arabic pair
  scores as it did), never with another Latin-script word (two German
  reports of one topic share dozens of nouns, which made them look like one
  story), and never shown as a shared name. Hyphenated German compounds are
  judged part by part ("Trump-Regierung": the name Trump, the noun
  Regierung). See :func:`is_common_word` for what counts as a common word.
  Why word frequencies across languages (``wordfreq``, its lists inside the
  wheel) rather than a German noun lexicon: a name is what other languages
  write alike, and the same test catches the capitalised sentence openers
  ("Allerdings", "Laut") that no noun list holds; the one offline noun
  lexicon on the package index (``german-nouns``, from Wiktionary) pins
  ``lxml<5``, which this project's ``lxml>=5`` excludes. What it gets wrong:
  nouns written alike elsewhere ("Interview", "Person", "Richter") stay
  names, and names mostly written in German ("Scholz", "Pjöngjang",
  "Indonesien") become common words — which still meet their Arabic- or
  Cyrillic-script forms;
* Latin-script words inside text of another script (``Beyond Parallel`` in
  Arabic, ``COVID-19`` in Ukrainian) whatever their case;
* in Arabic script (no capitals): every word of at least four letters, with
  the article and the clitics و/ف/ب/ل + ال removed. These are only compared
  with names from *another* script (see :func:`comparable`): between two
  Arabic-script texts most such "names" are ordinary words, and same-script
  word overlap is the job of the embedding and lexical signals.

Skeletons shorter than :data:`MIN_SKELETON` consonants are dropped ("Kim" is
``km``): too many words share them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

MIN_SKELETON = 3
"""Fewer consonants than this carry no identity (km, rs, ...)."""
MIN_PREFIX = 4
"""Prefix matches (inflected forms) need at least this many consonants on both sides."""

LATIN, CYRILLIC, ARABIC = "latin", "cyrillic", "arabic"
COMMON = "common"
"""The "script" of a capitalised common word of a language that capitalises
nouns (Latin script): compared only with names of another script."""

NOUN_CAPITALISING = frozenset({"de"})
"""Languages (ISO 639-1) that capitalise every noun, with a word list in ``wordfreq``."""
REFERENCE_LANGUAGES = (("en", "large"), ("fr", "small"), ("es", "small"), ("it", "small"), ("pt", "small"))
"""Word lists a name is also found in: news names (Trump, Feinstein, Sulawesi,
Merkel) are written alike in these languages, a German noun is not. Dutch is
left out (it shares many nouns with German: Brief, Hand, Juli); English is the
large list (down to one word in 10 million: Feinstein, Sulawesi, Palu)."""
COMMON_MARGIN = 1.5
"""A common word is at least this much more frequent (Zipf, log10) in its own
language than in any reference language: 30 times. Names famous in German
news come closer (Berlin 1.2, Merkel 0.9)."""
COMPOUND_HEAD = 6
"""A word missing from the word list is a compound common noun when it ends in a
common word this long ("Erdbebengebiet", "Wahlkampfveranstaltung"); shorter
heads end too many names (Feinstein, Goldberg)."""
_INFLECTIONS = ("s", "es", "n", "en", "e", "er", "ern", "nen")
_FEMININE = ("in", "innen")
_AGENT_ENDINGS = ("er", "or", "at", "ist", "ent", "ant", "eur", "ier", "ot", "og", "ekt")
"""Feminine forms are taken apart only after an agent-noun ending (Demokrat-in,
Senator-innen, Politiker-in), not Feinstein (feinste) or Putin."""

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’ʼ\u200c\u0300-\u036f\u064b-\u065f\u0670-](?=[^\W\d_]))*|\d+")
_DIGRAPHS = (
    ("dzh", "j"), ("zh", "j"), ("gh", "g"), ("kh", "k"), ("ch", "k"), ("sh", "s"),
    ("ts", "s"), ("th", "t"), ("ph", "f"),
)  # fmt: skip
_SINGLE = str.maketrans({"c": "k", "q": "k", "x": "k", "z": "s", "d": "t", "v": "f", "p": "b"})
_DROP = re.compile(r"[aeiouwyh'\W_0-9]")
_DOUBLE = re.compile(r"(.)\1+")
_AR_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه", "\u0640": None})


def script_of(word: str) -> str | None:
    """``latin``, ``cyrillic`` or ``arabic`` from the word's first letter; else ``None``."""
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if name.startswith("LATIN"):
                return LATIN
            if name.startswith("CYRILLIC"):
                return CYRILLIC
            if name.startswith("ARABIC"):
                return ARABIC
            return None
    return None


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonant skeleton of one word in any of the three scripts."""
    from anyascii import anyascii  # light, but only needed once names are asked for

    text = anyascii(word).lower()
    for digraph, to in _DIGRAPHS:
        text = text.replace(digraph, to)
    text = _DROP.sub("", text.translate(_SINGLE))
    return _DOUBLE.sub(r"\1", text)


def _strip_arabic(word: str) -> str:
    word = word.translate(_AR_FOLD)
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


def _base_language(language: str | None) -> str | None:
    return language.replace("_", "-").split("-")[0].lower() if language else None


@cache
def _word_lists(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the common words, every word of the list), read in a child process.
    The common words: lower-case words of ``language``'s ``wordfreq`` list (the
    small one: at least one word in a million) that are :data:`COMMON_MARGIN`
    more frequent there than in every :data:`REFERENCE_LANGUAGES` list: the
    language's own nouns, adverbs and sentence openers, not the names it shares
    with the others. Read once, from the data inside the ``wordfreq`` wheel
    (nothing is downloaded); 1-2 s and 30,000 words for German.

    Why a process: reading the lists (and importing ``wordfreq``) took the
    reader's peak memory from 138 to 166 MB on the seeds (``bench/memory.py``,
    target < 150 MB) for two sets of about 70,000 words; the child's memory
    goes back to the system when it ends. A plain child interpreter (as the
    language detector is), not ``multiprocessing``: its spawned children run
    the parent's main module again, the reader's. If the child fails, the
    lists are read here."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    import tui

    code = "import json, sys; from tui.versions.names import _read_word_lists as r; "
    code += "c, k = r(sys.argv[1]); json.dump([sorted(c), sorted(k)], sys.stdout)"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, language],
            capture_output=True,
            timeout=120,
            check=True,
            cwd=Path(tui.__file__).resolve().parent.parent,  # this tandem's modules, not another install's
        )
        common, known = json.loads(done.stdout)
        return frozenset(common), frozenset(known)
    except (OSError, subprocess.SubprocessError, ValueError):
        return _read_word_lists(language)


def _read_word_lists(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """What :func:`_word_lists` returns, worked out here (in the child)."""
    import wordfreq

    def zipf(lang: str, wordlist: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for centibels, bucket in enumerate(wordfreq.get_frequency_list(lang, wordlist)):
            for word in bucket:
                out.setdefault(word, 9.0 - centibels / 100)
        return out

    own = zipf(language, "small")
    elsewhere: dict[str, float] = {}
    for lang, wordlist in REFERENCE_LANGUAGES:
        for word, z in zipf(lang, wordlist).items():
            if word in own and z > elsewhere.get(word, 0.0):
                elsewhere[word] = z
    common = frozenset(w for w, z in own.items() if z - elsewhere.get(w, 0.0) >= COMMON_MARGIN)
    return common, frozenset(own)


def is_name(script: str) -> bool:
    """Whether a name key of this script is a name: not a :data:`COMMON` word
    (those serve only to match another script's spelling, :func:`comparable`)."""
    return script != COMMON


@lru_cache(maxsize=65536)
def is_common_word(word: str, language: str) -> bool:
    """Whether ``word`` (one word, no hyphen) is a common word of ``language``
    rather than a name: among the common words of :func:`_word_lists`; or missing from the word
    list and an inflected form ("Erdbebens", "Anhörungen") or a compound
    ("Erdbebengebiet") of one. A word in the list but not common there is
    written alike elsewhere (Trump, Berlin, and international nouns such as
    Interview and Tsunami: those still count as names). Words the list does
    not know and cannot explain are names (Kavanaugh, Tumangang)."""
    common, known = _word_lists(language)
    w = word.lower()
    if w in common:
        return True
    if w in known:
        return False

    def inflected(form: str) -> bool:
        if form in common or any(form.endswith(s) and form[: -len(s)] in common for s in _INFLECTIONS):
            return True
        for ending in _FEMININE:
            stem = form[: -len(ending)]
            if form.endswith(ending) and stem.endswith(_AGENT_ENDINGS) and stem in common:
                return True
        return False

    if inflected(w):
        return True
    return any(inflected(w[k:]) for k in range(3, len(w) - COMPOUND_HEAD + 1))


def name_keys(text: str, language: str | None = None) -> tuple[tuple[str, str], ...]:
    """``(script, skeleton)`` of each distinct candidate name in ``text``, in order."""
    return tuple(name_forms(text, language))


def name_forms(text: str, language: str | None = None) -> dict[tuple[str, str], str]:
    """:func:`name_keys` with the word each was first read from (to show which name is shared).

    ``language`` (of the text, ISO 639-1) matters for :data:`NOUN_CAPITALISING`
    languages: their capitalised common words are tagged :data:`COMMON`."""
    base = _base_language(language)
    nouns_capitalised = base in NOUN_CAPITALISING
    words = [m.group() for m in _WORD.finditer(text) if not m.group().isdigit()]
    scripts = [script_of(w) for w in words]
    counts: dict[str | None, int] = {}
    for s in scripts:
        counts[s] = counts.get(s, 0) + 1
    main = max(counts, key=lambda s: counts[s]) if counts else None
    seen: dict[tuple[str, str], str] = {}
    for word, script in zip(words, scripts, strict=True):
        if script is None:
            continue
        if script == ARABIC:
            word = _strip_arabic(word)
            if len(word) < 4:
                continue
        elif script == main and not word[0].isupper():
            continue  # in its own script a name is capitalised; inside another, any case
        elif nouns_capitalised and script == LATIN == main and base is not None:
            for part in word.split("-"):
                if part[:1].isupper() and len(key := skeleton(part)) >= MIN_SKELETON:
                    seen.setdefault((COMMON if is_common_word(part, base) else LATIN, key), part)
            continue
        key = skeleton(word)
        if len(key) >= MIN_SKELETON:
            seen.setdefault((script, key), word)
    return seen


def comparable(script_a: str, script_b: str) -> bool:
    """Whether names of these scripts are compared: not Arabic script with
    itself, and a :data:`COMMON` word only with Cyrillic or Arabic script."""
    if script_a == COMMON or script_b == COMMON:
        return script_a in (CYRILLIC, ARABIC) or script_b in (CYRILLIC, ARABIC)
    return not (script_a == ARABIC and script_b == ARABIC)


def skeletons_match(a: str, b: str) -> bool:
    """Equal skeletons, or one a prefix of the other with both long enough."""
    if a == b:
        return True
    if len(a) < MIN_PREFIX or len(b) < MIN_PREFIX:
        return False
    return a.startswith(b) or b.startswith(a)


def specificity(key: str) -> float:
    """How much a match on this skeleton says by itself: longer is rarer (0.3..1)."""
    return min(1.0, 0.3 + 0.15 * (len(key) - MIN_SKELETON + 1))


def matching_pairs(
    keys_a: Iterable[tuple[str, str]], keys_b: Iterable[tuple[str, str]]
) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Every comparable, matching pair of keys, in near-linear time.

    Keys are bucketed by their first :data:`MIN_PREFIX` consonants (exact keys
    shorter than that by themselves), so only keys that can match are compared.
    """
    buckets: dict[str, list[tuple[str, str]]] = {}
    for key in set(keys_b):
        buckets.setdefault(key[1][:MIN_PREFIX], []).append(key)
    pairs = []
    for ka in set(keys_a):
        for kb in buckets.get(ka[1][:MIN_PREFIX], ()):
            if comparable(ka[0], kb[0]) and skeletons_match(ka[1], kb[1]):
                pairs.append((ka, kb))
    return sorted(pairs)


@cache
def calendar_skeletons() -> frozenset[str]:
    """Skeletons of month names in every language the claims extractor reads
    ("September", "سپتامبر", "вересня"): capitalised and shared by any two
    stories of one month, they are dates, not names (the dates themselves are
    facts of their own)."""
    from tui.claims.dates import _MONTHS

    return frozenset(
        skeleton(_strip_arabic(word) if script_of(word) == ARABIC else word)
        for months in _MONTHS.values()
        for _, words, _, _ in months
        for word in words.split()
    )
