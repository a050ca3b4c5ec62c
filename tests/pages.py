"""Saved news pages, feeds and JSON Lines exports written for the tests.

Each page wraps an article body (ar, fa, de, uk, ru, en) in the furniture of
a real news site: a navigation bar, a cookie banner, a "related articles"
teaser block, a comment section and a footer, with metadata in ``<meta>``
tags and JSON-LD. Tests assert that the body is kept and the furniture is not.
"""

from __future__ import annotations

import html
import json

BODIES: dict[str, tuple[str, list[str]]] = {
    "ar": (
        "ارتفاع حركة القطارات بين كوريا الشمالية وروسيا",
        [
            "ارتفعت حركة السكك الحديدية عبر الحدود بين كوريا الشمالية وروسيا منذ الشهر الماضي مع بضائع غير معروفة، وفقا لصور الأقمار الصناعية.",
            "قال مركز الأبحاث إن عدد عربات الشحن في محطة تومانغانغ بلغ 73 عربة يوم الخامس من أكتوبر، وهو أعلى رقم منذ سنوات.",
            "ولم تعلق وزارة الخارجية الروسية على التقارير، بينما نفت بيونغ يانغ أي صفقات أسلحة مع موسكو.",
        ],
    ),
    "fa": (
        "افزایش ترافیک ریلی میان کره شمالی و روسیه",
        [
            "به گزارش خبرنگار ما، تصاویر ماهواره‌ای نشان می‌دهد که حرکت قطارها در مرز کره شمالی و روسیه از ماه گذشته افزایش یافته است.",
            "یک اندیشکده آمریکایی اعلام کرد که در ایستگاه تومانگانگ ۷۳ واگن باری دیده شده که بیشترین تعداد در پنج سال گذشته است.",
            "مقامات روسیه تاکنون درباره محموله‌ها توضیحی نداده‌اند و کره شمالی هرگونه معامله تسلیحاتی را رد کرده است.",
        ],
    ),
    "de": (
        "Mehr Güterzüge zwischen Nordkorea und Russland",
        [
            "Satellitenbilder zeigen, dass der Schienenverkehr an der Grenze zwischen Nordkorea und Russland seit dem vergangenen Monat stark zugenommen hat.",
            "Die Denkfabrik zählte am 5. Oktober 73 Güterwagen am Bahnhof Tumangang, so viele wie seit fünf Jahren nicht mehr.",
            "Das russische Außenministerium äußerte sich nicht; Pjöngjang bestreitet jegliche Waffengeschäfte mit Moskau.",
        ],
    ),
    "uk": (
        "КНДР різко наростила перевезення до РФ",
        [
            "Супутникові знімки свідчать, що залізничний рух на кордоні між Північною Кореєю та Росією з минулого місяця значно зріс.",
            "Аналітичний центр нарахував 5 жовтня 73 вантажні вагони на станції Туманган, що є найбільшою кількістю за п'ять років.",
            "У МЗС Росії ситуацію не коментують, а Пхеньян заперечує будь-які угоди щодо зброї з Москвою.",
        ],
    ),
    "ru": (
        "КНДР резко нарастила перевозки в Россию",
        [
            "Спутниковые снимки показывают, что железнодорожное движение на границе Северной Кореи и России с прошлого месяца заметно выросло.",
            "Аналитический центр насчитал 5 октября 73 грузовых вагона на станции Туманган, это максимум за пять лет.",
            "В МИД России ситуацию не комментируют, а Пхеньян отрицает какие-либо сделки по оружию с Москвой.",
        ],
    ),
    "en": (
        "Rail traffic between North Korea and Russia surges",
        [
            "Satellite images show that rail traffic across the border between North Korea and Russia has risen sharply since last month.",
            "The think tank counted 73 freight wagons at Tumangang station on October 5, the highest number in five years, it said.",
            "Russia's foreign ministry did not comment, while Pyongyang denied any arms deals with Moscow.",
        ],
    ),
}

FURNITURE = [
    "We use cookies to improve your experience. Accept all cookies",
    "Home Politics World Economy Sport Culture",
    "Related: Ten things you did not know about railway gauges in Asia",
    "Comment by reader42: This is fake news, I do not believe a word",
    "Copyright 2023 Example Media Group. All rights reserved. Imprint. Privacy",
]


def saved_page(language: str, *, site: str = "Example News", author: str = "Jane Roe") -> str:
    """A whole saved page in ``language`` with furniture around the body."""
    title, body = BODIES[language]
    rtl = ' dir="rtl"' if language in ("ar", "fa") else ""
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": "2023-10-05T09:30:00+00:00",
            "author": {"@type": "Person", "name": author},
            "publisher": {"@type": "Organization", "name": site},
        },
        ensure_ascii=False,
    )
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    teasers = "\n".join(
        f'<li><a href="/news/{i}">{html.escape(t)}</a></li>'
        for i, t in enumerate(
            [FURNITURE[2], "Another story about trains that you may like to read", "Weather: rain expected"]
        )
    )
    return f"""<!DOCTYPE html>
<html lang="{language}-XX"{rtl}>
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | {html.escape(site)}</title>
<meta property="og:site_name" content="{html.escape(site)}">
<meta property="og:title" content="{html.escape(title)}">
<meta name="author" content="{html.escape(author)}">
<link rel="canonical" href="https://news.example.org/{language}/2023/10/05/rail">
<script type="application/ld+json">{ld}</script>
<script>window.tracker = {{"id": 42}}; document.write("<p>tracking pixel text</p>");</script>
<style>body {{ font-family: serif; }}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>{FURNITURE[0]}</p><button>OK</button></div>
<header><nav class="main-nav"><ul>{"".join(f'<li><a href="/{w}">{w}</a></li>' for w in FURNITURE[1].split())}</ul></nav></header>
<main>
<article>
<h1>{html.escape(title)}</h1>
<div class="byline">By <a href="/authors/jane">{html.escape(author)}</a></div>
<div class="article-body">
{paragraphs}
</div>
</article>
<aside class="related"><h3>Related articles</h3><ul>{teasers}</ul></aside>
<section id="comments" class="comments">
<h3>Comments</h3>
<div class="comment"><p>{FURNITURE[3]}</p></div>
</section>
</main>
<footer><p>{FURNITURE[4]}</p></footer>
</body>
</html>
"""


def rss_feed(languages: list[str], *, summary_only: tuple[int, ...] = ()) -> str:
    """An RSS 2.0 feed with one entry per language (full content in
    ``content:encoded``), except entries in ``summary_only``."""
    items = []
    for i, language in enumerate(languages):
        title, body = BODIES[language]
        content = "".join(f"<p>{html.escape(p)}</p>" for p in body)
        full = "" if i in summary_only else f"<content:encoded><![CDATA[{content}]]></content:encoded>"
        items.append(
            f"""<item><title>{html.escape(title)}</title><link>https://news.example.org/{language}/{i}</link>
<guid>item-{i}</guid><pubDate>Thu, 0{i + 1} Oct 2023 10:00:00 GMT</pubDate><author>desk@example.org (Desk {i})</author>
<description>{html.escape(body[0][:80])}</description>{full}</item>"""
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://news.example.org/</link><language>en-us</language>
{"".join(items)}
</channel></rss>
"""


def atom_feed(language: str) -> str:
    title, body = BODIES[language]
    content = html.escape("".join(f"<p>{html.escape(p)}</p>" for p in body))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language}">
<title>Atom Desk</title><id>urn:x</id><updated>2023-10-06T00:00:00Z</updated>
<entry><title>{html.escape(title)}</title><id>urn:1</id><link href="https://atom.example.org/1"/>
<published>2023-10-06T08:00:00Z</published><updated>2023-10-06T08:00:00Z</updated>
<author><name>Atom Author</name></author>
<content type="html">{content}</content></entry>
</feed>
"""
