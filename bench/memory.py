"""Peak resident memory: tandem on the seeds and on 5,000 articles, against a bare Textual app.

Each case runs in a fresh subprocess (Textual's headless driver, 120x40) and
reports the kernel's peak resident set size (``VmHWM`` in /proc/self/status)
and the resident size at the end (``VmRSS``):

* ``bare``: a Textual app with one ``Static`` and a ``Footer`` (the floor).
* ``seeds``: ``tandem seeds/`` until the reader has settled (every article
  read, languages detected), then every article opened and scrolled to its
  end, so every paragraph has been laid out and its claims extracted. No
  translation model is loaded (the test home has no Argos packages).
  Target: peak < 150 MB.
* ``folder``: a generated folder of 5,000 articles (``tests/corpus.py``) until
  settled. Reported, no target; takes a few minutes (``--skip-folder``).

tandem's sources are compiled to bytecode first (``isolated_env``, in
``nav_latency.py``): where ``PYTHONDONTWRITEBYTECODE`` is set (this project's
test machines) every run would otherwise compile them again in the measured
process, ~5 MB more of the peak (151-152 MB against 146 MB for the same
commit), which no user pays twice.

``--breakdown`` prints where the seeds' memory goes, stage by stage (loading,
claims, lingua's low-accuracy pass, the two-language high-accuracy
tie-breaks), in one process.

    .venv/bin/python bench/memory.py [--skip-folder] [--breakdown]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from corpus import write_corpus  # noqa: E402

PRELUDE = textwrap.dedent(
    f"""
    import asyncio, json, sys
    from pathlib import Path
    sys.path.insert(0, {str(ROOT)!r})

    def memory():
        found = {{}}
        with open("/proc/self/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    found[key] = int(value.split()[0]) / 1024
        return found
    """
)

BARE = PRELUDE + textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Footer, Static

    class Bare(App):
        def compose(self):
            yield Static("bare app ready")
            yield Footer()

    async def main():
        async with Bare().run_test(size=(120, 40)) as pilot:
            await pilot.pause()
        print(json.dumps(memory()))

    asyncio.run(main())
    """
)

TANDEM = PRELUDE + textwrap.dedent(
    """
    from tui.loading import discover
    from tui.ui.app import TandemApp
    from tui.ui.parallel import ParallelView

    async def main(folder, notes, visit):
        app = TandemApp(discover([Path(folder)]), notes_db=Path(notes))
        async with app.run_test(size=(120, 40)) as pilot:
            await asyncio.wait_for(app.screen.settled.wait(), 3600)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if visit:
                screen = app.screen
                for index in range(len(screen.collection)):
                    screen.open_article(index)
                    await pilot.pause()
                    view = screen.query_one(ParallelView)
                    # Every row laid out and drawn (claims extracted on the way).
                    for row in range(view.row_count):
                        view.move_to(row)
                        await pilot.pause()
        print(json.dumps(memory()))

    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3] == "visit"))
    """
)

BREAKDOWN = PRELUDE + textwrap.dedent(
    """
    from tui.loading import discover, load_article
    stages = [("python + tui.loading", memory()["VmRSS"])]
    articles = [load_article(p) for p in discover([Path(sys.argv[1])])]
    stages.append(("seeds read and segmented", memory()["VmRSS"]))
    from tui.claims.extract import extract_article_claims
    for article in articles:
        extract_article_claims(article)
    stages.append(("claims of every paragraph", memory()["VmRSS"]))
    import textual.app, tui.ui.app
    stages.append(("textual + tandem UI imported", memory()["VmRSS"]))
    from tui import language
    pairs = []
    original = language._article_share
    def counting(text, a, b):
        pairs.append(tuple(sorted((a, b))))
        return original(text, a, b)
    language._article_share = counting
    for article in articles:
        code, _ = language.article_language(article.paragraphs)
        for p in article.paragraphs:
            language.guess(p.text[: language.PARAGRAPH_SAMPLE_CHARS])
    stages.append(("lingua low-accuracy pass (all languages)", memory()["VmRSS"]))
    for article in articles:
        language.detect_languages(article)
    used = sorted(set(pairs))
    stages.append((f"+ high-accuracy tie-breaks {used}", memory()["VmRSS"]))
    for pair in used:
        language._pair_detector(*pair).unload_language_models()
    language._detector().unload_language_models()
    import ctypes
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    stages.append(("after unload_language_models() + malloc_trim", memory()["VmRSS"]))
    print(json.dumps({"stages": stages, "peak": memory()["VmHWM"]}))
    """
)


def run(code: str, *args: str, home: Path) -> dict:
    from nav_latency import isolated_env

    env = isolated_env(home)
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-folder", action="store_true", help="skip the 5,000-article folder (minutes)")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--breakdown", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-mem-") as tmp:
        home = Path(tmp)
        rows = [("bare Textual app", run(BARE, home=home))]
        rows.append(
            ("tandem seeds/ (all read)", run(TANDEM, str(ROOT / "seeds"), str(home / "n1.db"), "visit", home=home))
        )
        if not args.skip_folder:
            folder = home / "corpus"
            write_corpus(folder, args.articles)
            rows.append(
                (f"tandem {args.articles} articles", run(TANDEM, str(folder), str(home / "n2.db"), "settle", home=home))
            )
        bare = rows[0][1]["VmHWM"]
        print("peak resident memory (VmHWM), headless 120x40")
        for name, found in rows:
            print(
                f"  {name:<28} peak {found['VmHWM']:7.1f} MB   at end {found['VmRSS']:7.1f} MB   x{found['VmHWM'] / bare:.1f} bare"
            )
        seeds = rows[1][1]["VmHWM"]
        print(f"seeds peak {seeds:.1f} MB  (target < 150 MB: {'met' if seeds < 150 else 'NOT met'})")
        if args.breakdown:
            found = run(BREAKDOWN, str(ROOT / "seeds"), home=home)
            print("\nwhere the seeds' memory goes (resident size after each stage):")
            previous = 0.0
            for stage, rss in found["stages"]:
                print(f"  {rss:7.1f} MB  ({rss - previous:+7.1f})  {stage}")
                previous = rss
            print(f"  peak {found['peak']:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
