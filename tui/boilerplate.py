"""Which paragraphs are page furniture rather than the article.

Scraped news carries captions, photo credits, "click here for the app", share
and comment prompts, donation asks, related-article teasers and, after the
body, whole navigation blocks. The reader dims them (never drops them) so an
analyst reads the story, and translation and claims can skip them.

Hand-written rules, because the well-kept boilerplate removers (jusText,
trafilatura, boilerpy3) work on HTML structure, and tandem only has the text
lines. Three kinds of rule, in this order:

1. **Line rules**: a short paragraph that *is* a known prompt in one of the
   covered languages (ar, fa, de, uk, ru, en; a few fr/es/tr), a photo
   caption ending in a credit such as ``(AP Photo/…)``, a bare date or time.
2. **Tail rule**: a donation ask, comment prompt, footer or "all articles"
   link after at least :data:`MIN_BODY_BEFORE_TAIL` body paragraphs starts
   the page's tail *if* what follows looks like furniture (mostly short,
   unpunctuated lines, dates, or further prompts); everything from there on is
   flagged ("navigation" for short lines, "teaser" for headlines and ledes of
   other stories).
3. **Embedded teasers**: a single unpunctuated sentence of 7-30 words between
   body paragraphs is a related-article headline; an unpunctuated line right
   before a photo caption is that photo's title. A real sub-heading of 7+
   words would also be dimmed; shorter ones are left alone.

Rules match a folded form of the text: NFKC, case-folded, Arabic diacritics
and tatweel removed, alef/yeh/kaf variants unified, ZWNJ removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

MAX_PROMPT_CHARS = 200
"""Line rules only look at paragraphs up to this long: prompts are short."""

MIN_BODY_BEFORE_TAIL = 3
"""Body paragraphs needed before a tail marker can end the article."""

TEASER_WORDS = (7, 30)
"""Word range of an embedded related-article headline."""

# --------------------------------------------------------------------------
# folding

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD_TABLE = str.maketrans(
    {
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u064a": "\u06cc",  # ي -> ی (Arabic/Persian yeh)
        "\u0649": "\u06cc",  # ى -> ی
        "\u0643": "\u06a9",  # ك -> ک
        "\u0629": "\u0647",  # ة -> ه
        "\u200c": "",  # ZWNJ (patterns allow an optional space there)
        "\u200d": "",
        "\u00a0": " ",
        "\u2019": "'",
        "\u0451": "\u0435",  # ё -> е
    }
)
_EDGE = " \t.,;:!?\u2026\u061f\u060c\u061b-\u2013\u2014|\u2022\u00b7>\u00bb\u00ab\"'\u201c\u201d\u201e()[]*#"
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The form line rules match against (see module docstring)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_FOLD_TABLE)
    return _SPACES.sub(" ", text).strip(_EDGE).strip()


def _rx(*alternatives: str) -> re.Pattern[str]:
    """A pattern matching a whole folded line made of one of ``alternatives``.

    Alternatives are written in folded form: lower case, ی for ي, ک for ك,
    ه for ة, ا for أ/إ/آ, no diacritics.
    """
    return re.compile("(?:" + "|".join(alternatives) + ")")


# --------------------------------------------------------------------------
# line rules: (reason, pattern matched with fullmatch on the folded line)

_WHOLE_LINE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "share prompt",
        _rx(
            r"share(?: (?:this|the))?(?: (?:article|story|post|page))?(?: (?:on|via) \w+)?",
            r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|email|e-mail|viber|reddit|vk|print|copy link)"
            r"(?:[\s,|/]+(?:facebook|twitter|x|whatsapp|telegram|linkedin|email|e-mail|viber|reddit|vk|print|copy link))+",
            r"شارکها|شارک|مشارکه|شارک (?:المقال|الخبر|هذا المقال)",
            r"اشتراک(?: ?گذاری)?|به اشتراک بگذارید|هم ?رسانی",
            r"teilen|artikel teilen|diesen artikel teilen|beitrag teilen|jetzt teilen",
            r"поділитися|поширити|поділитись",
            r"поделиться|поделись",
            r"partager|compartir|paylaş",
        ),
    ),
    (
        "comment prompt",
        _rx(
            r"leave a (?:reply|comment)|add a comment|post a comment|(?:\d+ )?comments?(?: \d+)?",
            r"join the (?:conversation|discussion)|you must be logged in to post a comment",
            r"اترک (?:تعلیقا?|ردا?)|اضف تعلیقا?|التعلیقات|تعلیقات|اکتب تعلیقا?",
            r"دیدگاه(?: ?ها)?|دیدگاه ?تان را بنویسید|ارسال (?:نظر|دیدگاه)|نظر(?:ات)?|نظر خود را بنویسید|نظرات کاربران",
            r"kommentare?|(?:einen )?kommentar (?:schreiben|hinterlassen|verfassen)|schreibe einen kommentar|hinterlasse einen kommentar",
            r"коментарі|(?:залишити|залиште|написати|додати) коментар",
            r"комментарии|(?:оставить|оставьте|написать|добавить) комментарий",
            r"commentaires?|laisser un commentaire|comentarios?|deja un comentario|yorumlar?",
        ),
    ),
    (
        "donation ask",
        _rx(
            r"donate(?: now)?|support us|support (?:our|independent) journalism|become a (?:member|patron|supporter)",
            r"(?:jetzt )?spenden|unterstützen sie uns",
            r"підтримати(?: нас| проєкт| проект| редакцію)?|підтримайте(?: нас)?|задонатити",
            r"поддержать(?: нас| проект| редакцию)?|поддержите(?: нас)?",
            r"تبرع(?: الان)?|ادعمنا|حمایت(?: مالی)? کنید|حمایت از ما",
        ),
    ),
    (
        "navigation",
        _rx(
            r"exit mobile version|source site|source|back to top|skip to (?:main )?content|menu|home|search",
            r"read (?:more|also|next)|see also|related(?: articles| stories| news| content)?|more (?:news|stories|articles)(?: on this)?",
            r"all (?:articles|news|stories)|next article|previous article|most read|trending|latest news|you may also like|recommended(?: for you)?|advertisement",
            r"zurück nach oben|mehr zum thema|weitere artikel|alle artikel|lesen sie (?:auch|mehr)|auch interessant",
            r"das könnte sie auch interessieren|quelle|startseite|anzeige|werbung|zum artikel|(?:nächster|vorheriger) artikel|meistgelesen",
            r"статті|(?:всі|усі) (?:статті|новини|матеріали)|новини|читайте (?:також|ще|більше)|читати (?:також|далі)",
            r"головна|популярне|останні новини|реклама|джерело|більше новин|новини партнерів",
            r"статьи|все (?:статьи|новости|материалы)|новости|читайте (?:также|еще)|читать (?:также|далее)|главная|популярное",
            r"последние новости|источник|еще новости|новости партнеров",
            r"اقرا (?:ایضا|المزید)|(?:مقالات|اخبار|مواضیع) ذات صله|ذات صله|الرئیسیه|المصدر|اعلان|الاکثر قراءه|اخر الاخبار",
            r"(?:همچنین )?بیشتر بخوانید|بخوانید|(?:مطالب|اخبار) مرتبط|صفحه اصلی|منبع|تبلیغات|پربازدیدترین(?: ?ها)?|اخرین اخبار",
            # Section names as menu items: only as a whole paragraph.
            r"world|politics|business|opinion|culture|economy|country|sport|sports",
            r"країна|світ|політика|економіка|суспільство|культура|спорт|думки|війна",
            r"мир|политика|экономика|общество|культура|спорт|страна|мнения",
            r"welt|politik|wirtschaft|kultur|meinung|inland|ausland",
            r"العالم|سیاسه|اقتصاد|ریاضه|ثقافه|منوعات|راي",
            r"جهان|سیاست|اقتصاد|ورزش|فرهنگ|بین الملل",
        ),
    ),
    (
        "site footer",
        _rx(
            r"(?:©|\(?c\) |copyright\b)[^\n]*",
            r"all rights reserved|alle rechte vorbehalten|(?:всі|усі) права захищені|все права защищены",
            r"جمیع الحقوق محفوظه|(?:کلیه|تمامی) حقوق[^\n]*محفوظ است",
            r"privacy policy|terms of (?:use|service)|cookie(?:s| policy| settings)|impressum|datenschutz",
            r"політика конфіденційності|политика конфиденциальности|سیاسه الخصوصیه|حریم خصوصی",
        ),
    ),
)

# Searched (not whole-line) in short paragraphs.
_CONTAINS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "app prompt",
        _rx(
            r"\bclick here\b.*\bapp\b|\bdownload (?:the|our)\b.*\bapp\b|\bget the\b.*\bapp\b",
            r"(?:انقر|اضغط) هنا.*تطبیق|(?:حمل|تحمیل|نزل) تطبیق",
            r"(?:دانلود|نصب) (?:اپلیکیشن|اپ|برنامه)|اپلیکیشن.*(?:دانلود|نصب) کنید",
            r"\b(?:klicken|tippen) sie hier\b.*\bapp\b|\bladen sie (?:die|unsere)\b.*\bapp\b|\bhol dir die\b.*\bapp\b",
            r"(?:завантажте|завантажуйте|встановіть) (?:наш |наш безкоштовний )?(?:застосунок|додаток)",
            r"(?:скачайте|загрузите|установите) (?:наше )?приложение",
        ),
    ),
    (
        "subscription prompt",
        _rx(
            r"\bsubscribe to (?:our|the)\b.*\b(?:newsletter|channel)\b|\bsign up for (?:our|the)\b.*\bnewsletter\b",
            r"\babonnieren sie (?:unseren|den)\b.*\b(?:newsletter|kanal)\b",
            r"підпишіться на (?:наш|розсилку)|подпишитесь на (?:наш|рассылку)",
            r"اشترک فی (?:النشره|قناتنا)|(?:عضویت در|به) (?:کانال|خبرنامه)",
        ),
    ),
    (
        "donation ask",
        _rx(
            r"\bваша підтримка\b|\bнашу незалежність\b|\bпідтримували грантодавці\b",
            r"\bваша поддержка\b|\bнашу независимость\b",
            r"\bplease (?:donate|support us)\b|\bwe rely on (?:readers|your support)\b",
            r"\bunterstützen sie (?:unsere arbeit|unabhängigen journalismus)\b",
        ),
    ),
)

# "(AP Photo/Ng Han Guan)", "(Reuters/Handout)", "(Фото: УНІАН)" at the end.
_CREDIT_WORDS = re.compile(
    r"(?:/|\bphoto\b|\bfoto\b|\bфото\b|صوره|عکس|\bgetty\b|\breuters\b|\bafp\b|\bap\b|\bepa\b|"
    r"\bhandout\b|\bimages?\b|\bbild\b|\bkcna\b|\byonhap\b|\bxinhua\b|\btass\b|\bтасс\b|\bріа\b|"
    r"\bриа\b|\bsputnik\b|\bunian\b|\bуніан\b|\bcredit\b|رویترز|فرانس برس|خبرگزاری)",
    re.IGNORECASE,
)
_TRAILING_CREDIT = re.compile(r"\(([^()]{2,120})\)\s*$")
_LEADING_CREDIT = re.compile(r"^(?:photo|foto|фото|bild|image|credit|صوره|عکس)\s*(?:[:\uff1a/]|credit)", re.IGNORECASE)
_TIMESTAMP = re.compile(
    r"(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?:[\s,|]+(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}(?::\d{2})?))*"
)

# Sentence-final punctuation (after closing quotes/brackets are removed).
_FINAL = frozenset(".!?\u2026\u061f\u06d4\u3002;")
_CLOSERS = "\"'\u201c\u201d\u201e\u2019\u00bb\u00ab)]\u300d "
_INNER_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4][\"'\u201d\u201c\u00bb)]*\s+\S")

_TAIL_MARKERS = frozenset({"donation ask", "comment prompt", "site footer"})
_TAIL_NAVIGATION = re.compile(
    r"(?:all|alle|всі|усі|все) (?:articles|artikel|статті|статьи|news|новини|новости)|"
    r"related(?: articles| stories)?|(?:مقالات|اخبار) ذات صله|(?:مطالب|اخبار) مرتبط|"
    r"mehr zum thema|weitere artikel|more (?:news|stories|articles)"
)


def _combined(rules: tuple[tuple[str, re.Pattern[str]], ...]) -> tuple[re.Pattern[str], list[str]]:
    """One pattern with a named group per rule: one regex pass per paragraph."""
    reasons = [reason for reason, _ in rules]
    joined = "|".join(f"(?P<r{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(rules))
    return re.compile(joined), reasons


_WHOLE_LINE_ALL, _WHOLE_LINE_REASONS = _combined(_WHOLE_LINE)
_CONTAINS_ALL, _CONTAINS_REASONS = _combined(_CONTAINS)


def _first(match: re.Match[str] | None, reasons: list[str]) -> str | None:
    if match is None or match.lastgroup is None:
        return None
    return reasons[int(match.lastgroup[1:])]


def words(text: str) -> int:
    return len(text.split())


def terminated(text: str) -> bool:
    """True when the paragraph ends like a sentence (closing quotes ignored)."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _FINAL


def line_reason(text: str) -> str | None:
    """The furniture reason a single paragraph has on its own, if any."""
    if len(text) <= MAX_PROMPT_CHARS:
        folded = fold(text)
        if _TIMESTAMP.fullmatch(folded):
            return "timestamp"
        reason = _first(_WHOLE_LINE_ALL.fullmatch(folded), _WHOLE_LINE_REASONS)
        reason = reason or _first(_CONTAINS_ALL.search(folded), _CONTAINS_REASONS)
        if reason:
            return reason
    elif len(text) <= 2 * MAX_PROMPT_CHARS:
        reason = _first(_CONTAINS_ALL.search(fold(text)), _CONTAINS_REASONS)
        if reason:
            return reason
    return _credit_reason(text)


def _credit_reason(text: str) -> str | None:
    match = _TRAILING_CREDIT.search(text) if text.rstrip().endswith(")") else None
    if match and _CREDIT_WORDS.search(match.group(1)):
        before = text[: match.start()].strip()
        return "photo caption" if words(before) >= 3 else "photo credit"
    if len(text) <= 2 * MAX_PROMPT_CHARS and _LEADING_CREDIT.match(text.strip()):
        return "photo credit" if words(text) <= 12 else "photo caption"
    return None


def flag_boilerplate(paragraphs: Sequence[str]) -> list[str | None]:
    """A furniture reason per paragraph (``None`` for body text)."""
    reasons: list[str | None] = [line_reason(text) for text in paragraphs]
    _flag_tail(paragraphs, reasons)
    _flag_embedded(paragraphs, reasons)
    return reasons


def _furniture_like(text: str, reason: str | None) -> bool:
    return reason is not None or not terminated(text) or words(text) <= 3


def _flag_tail(paragraphs: Sequence[str], reasons: list[str | None]) -> None:
    n = len(paragraphs)
    # suffix[i]: furniture-like paragraphs among i..n-1.
    suffix = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        suffix[i] = suffix[i + 1] + _furniture_like(paragraphs[i], reasons[i])
    body_before = 0
    for i, text in enumerate(paragraphs):
        reason = reasons[i]
        is_marker = reason in _TAIL_MARKERS or (
            reason == "navigation" and _TAIL_NAVIGATION.fullmatch(fold(text)) is not None
        )
        if is_marker and body_before >= MIN_BODY_BEFORE_TAIL:
            after = n - i - 1
            if after <= 3 or suffix[i + 1] * 2 >= after:
                for j in range(i + 1, n):
                    if reasons[j] is None:
                        short = words(paragraphs[j]) <= 6 and not terminated(paragraphs[j])
                        reasons[j] = "navigation" if short else "teaser"
                return
        if reason is None:
            body_before += 1


def _flag_embedded(paragraphs: Sequence[str], reasons: list[str | None]) -> None:
    n = len(paragraphs)
    body = [reasons[i] is None and terminated(paragraphs[i]) for i in range(n)]
    body_after = [False] * (n + 1)
    for i in range(n - 1, -1, -1):
        body_after[i] = body_after[i + 1] or body[i]
    seen_body = False
    low, high = TEASER_WORDS
    for i, text in enumerate(paragraphs):
        if reasons[i] is None and i > 0 and not terminated(text):
            count = words(text)
            if i + 1 < n and reasons[i + 1] == "photo caption" and count <= 12:
                reasons[i] = "photo caption"
            elif seen_body and body_after[i + 1] and low <= count <= high and not _INNER_SENTENCE_END.search(text):
                reasons[i] = "teaser"
        seen_body = seen_body or body[i]
