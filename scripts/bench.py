"""Benchmarks for the book's build and data loading, and what each page weighs (`make bench`).

Each step runs in a fresh child process, so that its peak memory (the largest
resident set of any process it starts) is its own. Targets come from the issues;
the figures are printed as Markdown tables, written to docs/benchmarks.md (commit it: the README links
to it, and no figure is copied by hand into prose) and saved to _build/bench.json. This is a
measurement, not a test: it never fails on a slow run.

The build steps are measured for the English edition alone and for both editions (what `make html`
and `make pdf` build), so that the table shows what the French edition adds.

Usage: python scripts/bench.py [--builds-only | --edits | --pages | --check]

The fast tier (`--check`, `make bench-check`): `make check` run CHECK_RUNS times with nothing changed and
CHECK_RUNS times after an editor's mistake (a chapter given an English sentence without French), median
wall and CPU time (target: 30 s on 2 cores), beside the template book's no-change build in the same run.

The edit loop (`--edits`, `make bench-edits`) times a no-change build and a build after one chapter
was edited, side by side with the template book of `jupyter-book create` in the same run, and
reports the ratios of wall and CPU time (targets: 1.3× and 1.5× the template's).

Then Lighthouse (qa.lighthouse) measures every page of both editions' HTML build, served
gzipped on 127.0.0.1 (as most web hosts serve text): the bytes it transfers, compressed and decoded, and
the median of three runs of its performance score on Lighthouse's mobile settings (target ≥ 90).
`python scripts/bench.py --pages` measures the pages only, on the existing build.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
REPORT = ROOT / "docs" / "benchmarks.md"
REPORT_LINES: list[str] = []


def emit(text: str) -> None:
    """Print a piece of the report and keep it for docs/benchmarks.md."""
    print(text)
    REPORT_LINES.append(text)


def write_report(what: str) -> None:
    """docs/benchmarks.md: the figures of this run, with when, where and on which commit they were taken.
    A partial run (`make bench-check`, `bench-edits`, `bench-pages`) replaces only its own sections and
    says under each where its figures come from; the others keep those of the last run that wrote them."""
    commit = subprocess.run(["git", "rev-parse", "--short=10", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    dirty = " (with uncommitted changes)" if subprocess.run(  # the report itself does not count
        ["git", "status", "--porcelain", "--", ".", f":!{REPORT.relative_to(ROOT)}"], cwd=ROOT, capture_output=True,
        text=True).stdout.strip() else ""
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    provenance = (f"`make bench` ({what}) on {datetime.date.today().isoformat()}, commit `{commit}`{dirty}, "
                  f"on {os.cpu_count()} cores with Python {sys.version.split()[0]}; load average at the end "
                  f"(1, 5, 15 min): {load}")
    _, sections = report_sections("\n".join(REPORT_LINES))
    if what == "everything" or not REPORT.exists():
        head = ("# Benchmarks\n\nWritten by " + provenance + ". The machines are shared: compare figures of one "
                "run with each other (ratios) rather than with another run's. Earlier records are in the history "
                "of this file and of README.md.\n\n")
    else:
        head, kept = report_sections(REPORT.read_text(encoding="utf-8"))
        for heading, body in sections.items():
            kept[heading] = f"\n\n*Figures of this section: {provenance}.*" + body
        sections = kept
    REPORT.parent.mkdir(exist_ok=True)
    text = head.rstrip("\n") + "\n" + "".join(f"\n{heading}{body.rstrip()}\n" for heading, body in sections.items())
    REPORT.write_text(text, encoding="utf-8")
    print(f"\nWritten to {REPORT.relative_to(ROOT)}")


def report_sections(text: str) -> tuple[str, dict[str, str]]:
    """The text before the first "## " heading, and {heading: what follows it}, in order."""
    parts = re.split(r"^(## .*)$", text, flags=re.M)
    return parts[0], dict(zip(parts[1::2], parts[2::2]))


LOAD_RUNS = 20
SYNTHETIC_SIZES = (1_000, 10_000, 100_000)
# The pages with interactive charts (malibook.sphinxext.interactive_charts), and what they load for them.
CHART_PAGES = ("notebooks/timeline", "notebooks/actors", "chapters/context", "chapters/reading-together")
CHART_FILES = ("book-vega.js", "book-charts.js", "book-charts.css")
CHART_MARKUP = re.compile(r'<div class="book-chart-view".*?</script>|<details class="book-chart-table">.*?</details>',
                          re.DOTALL)


def child_run(command: list[str], cwd: pathlib.Path = ROOT) -> tuple[float, float, float, int, str]:
    """Wall time (s), peak RSS (MiB), CPU time (user + system, s), exit status and output of a command
    run by a fresh Python child, counting every process it starts (and only those)."""
    probe = ("import resource, subprocess, sys, time;"
             "t = time.perf_counter();"
             "r = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], 'w'), stderr=subprocess.STDOUT);"
             "t = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN);"
             "print(t, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime, r.returncode)")
    with tempfile.NamedTemporaryFile(mode="r", encoding="utf-8", suffix=".log") as output:
        result = subprocess.run([sys.executable, "-c", probe, output.name, *command], cwd=cwd, capture_output=True,
                                text=True, check=True)
        text = output.read()
    seconds, mebibytes, cpu, status = result.stdout.split()
    return float(seconds), float(mebibytes), float(cpu), int(status), text


def child_usage(command: list[str], cwd: pathlib.Path = ROOT) -> tuple[float, float, float]:
    """Wall time (s), peak RSS (MiB) and CPU time (s) of a command that must succeed (child_run)."""
    seconds, mebibytes, cpu, status, _ = child_run(command, cwd)
    if status != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed (exit {status})")
    return seconds, mebibytes, cpu


def measure(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of a command."""
    seconds, mebibytes, _ = child_usage(command)
    return seconds, mebibytes


def median_of(runs: int, command: list[str]) -> tuple[float, float]:
    """Median wall time and largest peak memory over several runs of a quick command."""
    samples = sorted(measure(command) for _ in range(runs))
    return samples[runs // 2][0], max(mib for _, mib in samples)


def cpu_seconds(command: list[str], cwd: pathlib.Path = ROOT) -> tuple[float, float]:
    """Wall time and CPU time of one run, in seconds: on a shared machine the CPU time moves less than
    the wall time with the load."""
    seconds, _, cpu = child_usage(command, cwd)
    return seconds, cpu


def median_pair(samples: list[tuple[float, float]]) -> tuple[float, float]:
    walls, cpus = sorted(wall for wall, _ in samples), sorted(cpu for _, cpu in samples)
    return walls[len(samples) // 2], cpus[len(samples) // 2]


# The reference for the book's edit loop: the template book of `jupyter-book create`, built by the
# same Jupyter Book in the same run, so that the ratio holds on a noisy machine.
TEMPLATE = BUILD / "bench-template" / "book"
EDIT_RUNS = 5


def edit_loops(books: list[tuple[pathlib.Path, pathlib.Path, list[str]]]) -> list[tuple[tuple, tuple]]:
    """For each (book, page, flags): median (wall, CPU) of a no-change HTML build, and of a build after
    the page was edited. The books take turns, run by run, so that a change in the machine's load
    weighs on each alike."""
    commands = [[str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(book), "--builder", "html", *flags]
                for book, _, flags in books]
    for command in commands:
        cpu_seconds(command)  # brings the build up to date
    nothing = [[] for _ in books]
    for _ in range(EDIT_RUNS):
        for samples, command in zip(nothing, commands):
            samples.append(cpu_seconds(command))
    originals = [page.read_text(encoding="utf-8") for _, page, _ in books]
    edited = [[] for _ in books]
    try:
        for run in range(EDIT_RUNS):
            for samples, command, (_, page, _), original in zip(edited, commands, books, originals):
                page.write_text(original + f"\n\nAn edit for the benchmark, number {run}.\n", encoding="utf-8")
                samples.append(cpu_seconds(command))
    finally:
        for (_, page, _), original, command in zip(books, originals, commands):
            page.write_text(original, encoding="utf-8")
            cpu_seconds(command)
    return [(median_pair(still), median_pair(changed)) for still, changed in zip(nothing, edited)]


def template_book() -> pathlib.Path:
    if not TEMPLATE.exists():
        subprocess.run([str(ROOT / ".venv" / "bin" / "jupyter-book"), "create", str(TEMPLATE)], check=True,
                       capture_output=True)
    return TEMPLATE


def edit_speed() -> None:
    """The book's no-change build and one-chapter edit, side by side with the template book's."""
    template, book = edit_loops([(template_book(), TEMPLATE / "markdown.md", []),
                                 (ROOT, ROOT / "chapters" / "context.md", ["-W", "-n", "--keep-going"])])
    emit("\n## Edits rebuild fast: the book against the template book, in the same run\n\n"
         f"Medians of {EDIT_RUNS} runs each, English HTML (`jupyter-book build`, without make's stamps); the two "
         "books take turns, run by run.\n\n"
         "| step | template: wall / CPU | book: wall / CPU | ratio, wall / CPU | target |\n"
         "| --- | --- | --- | --- | --- |")
    for name, target, (template_run, book_run) in (("no-change build", 1.3, (template[0], book[0])),
                                                    ("one page edited", 1.5, (template[1], book[1]))):
        emit(f"| {name} | {template_run[0]:.2f} s / {template_run[1]:.2f} s | {book_run[0]:.2f} s / "
             f"{book_run[1]:.2f} s | {book_run[0] / template_run[0]:.2f}× / {book_run[1] / template_run[1]:.2f}× "
             f"| ≤ {target}× |")


CHECK_RUNS = 3
CHECK_TARGET = 30.0  # seconds on 2 cores (issue 23)
CHECK_COMMAND = ["make", "--no-print-directory", "-o", ".venv/.setup-done", "check"]
# An editor's mistakes, as issue 23 names them: (what, the file, what is done to it in run N, what the one
# report must say). Each run plants another, so that nothing the tier keeps can answer for it.
EDITED_PAGE = ROOT / "chapters" / "context.md"
EVENTS = ROOT / "data" / "events.csv"
MISTAKES = [
    ("a chapter given a sentence without French", EDITED_PAGE,
     lambda text, run: text + f"\nA sentence the benchmark planted, number {run}.\n",
     "chapters/context.md:"),
    ("a chapter citing a key references.bib lacks", EDITED_PAGE,
     lambda text, run: text + f"\nAs {{cite:t}}`benchmark{run}` says.\n",
     "names 'benchmark"),
    ("a bad date in data/events.csv", EVENTS,
     lambda text, run: text.replace(",2015-08-15,", f",2015-13-1{run},", 1),
     "data/events.csv, line"),
]


def check_timing() -> dict[str, tuple[float, float, float]]:
    """`make check` CHECK_RUNS times with nothing changed, then CHECK_RUNS times after each of an editor's
    MISTAKES, which the tier must report once, with its file and line: median wall time, largest peak
    memory, median CPU time of each; and the template book's no-change build (median of five), a
    reference measured in the same run for the machine's speed."""
    def median(samples):
        walls, cpus = sorted(wall for wall, _, _ in samples), sorted(cpu for _, _, cpu in samples)
        return walls[len(samples) // 2], max(mib for _, mib, _ in samples), cpus[len(samples) // 2]

    timing = {"nothing changed": median([child_usage(CHECK_COMMAND) for _ in range(CHECK_RUNS)])}
    for name, path, plant, report in MISTAKES:
        original, samples = path.read_text(encoding="utf-8"), []
        try:
            for run in range(CHECK_RUNS):
                planted = plant(original, run)
                assert planted != original, f"bench: could not plant {name}"
                path.write_text(planted, encoding="utf-8")
                samples.append(failing_check(report))
        finally:
            path.write_text(original, encoding="utf-8")
        timing[name] = median(samples)
    template_command = [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(template_book()), "--builder",
                        "html"]
    child_usage(template_command)  # brings it up to date
    timing["template"] = median([child_usage(template_command) for _ in range(5)])
    return timing


def failing_check(report: str) -> tuple[float, float, float]:
    """One `make check` that must fail on the planted mistake alone: one failed test (or the data
    validator's one message) that says ``report``."""
    seconds, mebibytes, cpu, status, output = child_run(CHECK_COMMAND)
    one = "1 failed" in output or ("fix the data first" in output and " failed" not in output)
    if status == 0 or not one or report not in output:
        raise SystemExit(f"bench: make check did not report the planted mistake alone:\n{output[-2000:]}")
    return seconds, mebibytes, cpu


def emit_check(timing: dict[str, tuple[float, float, float]]) -> None:
    template = timing["template"][0]
    emit("\n## The fast tier: `make check`\n\n"
         f"Medians of {CHECK_RUNS} runs (lint, the data validator, unit, data, reference, catalogue and extension "
         "tests; no book build, no notebook kernel: the notebooks are `make check-notebooks`). Each planted "
         "mistake must be reported once, with its file and line (a bad date by the data validator, which stops "
         "the tier); after an edit of a chapter Sphinx reads that page again for the catalogues' check.\n\n"
         "| run | wall | CPU (user + system, every process) | peak memory | wall / template's no-change build "
         "| on a quiet machine (scaled by the template's build) | target |\n"
         "| --- | --- | --- | --- | --- | --- | --- |")
    for name, (wall, mib, cpu) in timing.items():
        if name != "template":
            per_core = cpu / (os.cpu_count() or 1)
            emit(f"| {name} | {wall:.1f} s | {cpu:.1f} s ({per_core:.1f} s per core) | {mib:.0f} MiB "
                 f"| {wall / template:.1f}× | about {wall * QUIET_TEMPLATE_SECONDS / template:.0f} s "
                 f"| ≤ {CHECK_TARGET:g} s on 2 cores |")
    emit(f"\nReference in the same run: the template book's no-change build, median of 5, {template:.2f} s "
         f"({QUIET_TEMPLATE_SECONDS} s on a quiet machine of this kind, 7 December 2026).")


# The template book's no-change build on a quiet machine (docs/benchmarks.md of 7 December 2026).
QUIET_TEMPLATE_SECONDS = 1.30


def load_timing() -> tuple[float, float]:
    """Mean time of malibook.load() over LOAD_RUNS runs, and the peak RSS of that process."""
    code = ("import time, resource; from malibook import load; load();"
            f"t = time.perf_counter(); [load() for _ in range({LOAD_RUNS})];"
            f"print((time.perf_counter() - t) / {LOAD_RUNS},"
            " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    seconds, mebibytes = map(float, output.stdout.split())
    return seconds, mebibytes


def synthetic_timing(event_rows: int) -> tuple[float, float]:
    """Time of one validate-and-load of a package whose events table has event_rows rows, and its peak RSS."""
    code = ("import resource, sys, tempfile, time, pathlib, pandas; from malibook import load;"
            "from malibook.data.synthetic import synthetic_package;"
            "d = synthetic_package(pathlib.Path(tempfile.mkdtemp()), int(sys.argv[1]));"
            "t = time.perf_counter(); load(d);"
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    output = subprocess.run([sys.executable, "-c", code, str(event_rows)], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    seconds, mebibytes = map(float, output.stdout.split())
    return seconds, mebibytes


def notebook_timing(name: str) -> tuple[float, float]:
    """Time and peak memory of executing one notebook from scratch with nbclient (as `make notebooks` does)."""
    code = ("import sys, nbformat; from malibook.notebook.execution import execute_notebook;"
            "execute_notebook(nbformat.read(sys.argv[1], as_version=4), 'notebooks')")
    return measure([sys.executable, "-c", code, f"notebooks/{name}.ipynb"])


def bundle_timing() -> tuple[float, float]:
    """Time and peak memory of writing the charts' JavaScript bundle (once per fresh HTML build)."""
    code = ("import pathlib, tempfile; from malibook.sphinxext.interactive_charts import write_bundle;"
            "write_bundle(pathlib.Path(tempfile.mkdtemp()))")
    return measure([sys.executable, "-c", code])


def chart_page_weights() -> list[tuple[str, int, int, int, int]]:
    """For each page with charts: its HTML, the part of it the charts add (their specs and table
    views), and what it loads for them once (bundle, script, style), raw and gzipped, in bytes."""
    static = BUILD / "html" / "_static"
    files = b"".join((static / name).read_bytes() for name in CHART_FILES)
    rows = []
    for page in CHART_PAGES:
        html = (BUILD / "html" / f"{page}.html").read_text(encoding="utf-8")
        added = "".join(CHART_MARKUP.findall(html)).encode()
        rows.append((page, len(html.encode()), len(added), len(gzip.compress(added)), len(files)))
    rows.append(("shared files, gzipped", 0, 0, 0, len(gzip.compress(files))))
    return rows


def print_chart_weights() -> None:
    emit("\n## What the interactive charts add\n\n"
         "| page | HTML | added by its charts (gzipped) | loaded once for charts |\n| --- | --- | --- | --- |")
    for page, html, added, added_gzip, files in chart_page_weights():
        emit(f"| {page} | {html / 1024:.0f} KiB | {added / 1024:.0f} KiB ({added_gzip / 1024:.0f} KiB) "
              f"| {files / 1024:.0f} KiB |")


def clean_builds() -> None:
    """Remove every build output and cache of both editions, so that the next build starts from scratch."""
    for stale in ("html", "jupyter_execute", ".jupyter_cache", ".doctrees", "latex", "fr", "stamps"):
        shutil.rmtree(BUILD / stale, ignore_errors=True)


def build_rows(make: list[str]) -> list[tuple[str, float, float, float]]:
    """The build steps, for the English edition alone, then for both editions as `make` builds them."""
    clean_builds()
    english = [
        ("clean HTML build, English edition only, notebooks executed", 60.0, *measure([*make, "html-en"])),
        ("HTML rebuild, nothing changed, English only (median of 5)", 3.0, *median_of(5, [*make, "html-en"])),
        ("PDF build, English only (LaTeX + xelatex), HTML cache warm", 90.0, *measure([*make, "tex", "pdf-en"])),
    ]
    clean_builds()
    both = [
        ("clean HTML build, both editions at once, notebooks executed", 90.0, *measure([*make, "html"])),
        ("HTML rebuild, nothing changed, both editions (median of 5)", 5.0, *median_of(5, [*make, "html"])),
        ("PDF build, both editions (LaTeX + xelatex), HTML cache warm", 120.0, *measure([*make, "pdf"])),
    ]
    return english + both


# Lighthouse's mobile performance score moves with the machine's load: each page is audited this many
# times and its median recorded, against the target of issue 24 (at least 90 on every page).
LIGHTHOUSE_RUNS = 3
MOBILE_TARGET = 90


def uncompressed_bytes(report_path: pathlib.Path) -> int:
    """What a page's requests weigh decoded (as served plain), from its Lighthouse report."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return sum(int(item.get("resourceSize") or 0) for item in report["audits"]["network-requests"]["details"]["items"])


def page_figures() -> list[dict]:
    """Each page of both editions: the bytes it transfers served gzipped (as a web host would) and
    decoded, and the median of Lighthouse's mobile performance score over LIGHTHOUSE_RUNS runs."""
    from qa.lighthouse import audit, book_pages

    pages = [*book_pages(ROOT), *(f"fr/{page}" for page in book_pages(ROOT))]
    lighthouse = BUILD / "lighthouse"
    runs = [audit(BUILD / "html", pages, lighthouse / f"bench-mobile-{run}", ["performance"], "mobile", compress=True)
            for run in range(LIGHTHOUSE_RUNS)]
    figures = []
    for number, page in enumerate(pages):
        reports = [run[number] for run in runs]
        scores = sorted(report.scores["performance"] for report in reports)
        report_file = lighthouse / "bench-mobile-0" / (page.replace("/", "__") + ".json")
        figures.append({"page": page, "transferred_bytes_gzip": reports[0].transferred_bytes,
                        "decoded_bytes": uncompressed_bytes(report_file),
                        "performance_mobile": scores[len(scores) // 2], "performance_mobile_runs": scores})
    emit(f"\n## What each page weighs, and Lighthouse's performance score on a phone\n\n"
         f"Both editions, served gzipped; the score is the median of {LIGHTHOUSE_RUNS} runs of Lighthouse's mobile "
         f"settings (simulated slow 4G and a processor four times slower), target ≥ {MOBILE_TARGET}.\n\n"
         "| page | transferred, gzip | decoded | performance, mobile (median) | runs |\n"
         "| --- | --- | --- | --- | --- |")
    for row in figures:
        score = row["performance_mobile"] * 100
        verdict = "" if score >= MOBILE_TARGET else " (under target)"
        emit(f"| {row['page']} | {row['transferred_bytes_gzip'] / 1e6:.2f} MB | {row['decoded_bytes'] / 1e6:.2f} MB | "
             f"{score:.0f}{verdict} | {', '.join(f'{run * 100:.0f}' for run in row['performance_mobile_runs'])} |")
    lowest = min(row["performance_mobile"] for row in figures) * 100
    emit(f"\nLowest median: {lowest:.0f} ({'every page meets' if lowest >= MOBILE_TARGET else 'under'} the target).")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--builds-only", action="store_true", help="the build steps only")
    only.add_argument("--edits", action="store_true", help="the edit loop only (make bench-edits)")
    only.add_argument("--pages", action="store_true", help="the pages only, on the existing build (make bench-pages)")
    only.add_argument("--check", action="store_true", help="make check only, timed three times (make bench-check)")
    arguments = parser.parse_args()
    if arguments.edits:
        edit_speed()
        write_report("`make bench-edits`: the edit loop only")
        return
    if arguments.check:
        emit_check(check_timing())
        write_report("`make bench-check`: the fast tier only")
        return
    if arguments.pages:
        figures = page_figures()
        BUILD.mkdir(exist_ok=True)
        (BUILD / "bench-pages.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        write_report("`make bench-pages`: the pages only")
        return
    make = ["make", "--no-print-directory"]
    rows = build_rows(make)
    if not arguments.builds_only:
        rows += [
            ("charts' JavaScript bundle (vl-convert), written once per fresh build", 10.0, *bundle_timing()),
            (f"load() with validation, mean of {LOAD_RUNS}", 0.5, *load_timing()),
            *((f"notebook {name}.ipynb, executed from scratch", 5.0, *notebook_timing(name))
              for name in ("timeline", "actors", "document-structure")),
            *((f"load() with validation, synthetic events table of {rows:,} rows", 5.0,
               *synthetic_timing(rows)) for rows in SYNTHETIC_SIZES),
            ("make test after make book (every test)", 150.0, *measure([*make, "test"])),
        ]
    check = None if arguments.builds_only else check_timing()
    if check:
        rows.append((f"make check (lint, data, references, catalogues; no build, no kernel), median of {CHECK_RUNS}",
                     CHECK_TARGET, check["nothing changed"][0], check["nothing changed"][1]))
    record = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
              "steps": [{"step": name, "target_s": target, "seconds": round(seconds, 3), "peak_mib": round(mib, 1)}
                        for name, target, seconds, mib in rows]}
    BUILD.mkdir(exist_ok=True)
    (BUILD / "bench.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    emit("## Builds, loads and tests\n\n| step | target | measured | peak memory |\n| --- | --- | --- | --- |")
    for name, target, seconds, mib in rows:
        verdict = "" if seconds <= target else " (over target)"
        emit(f"| {name} | ≤ {target:g} s | {seconds:.3f} s{verdict} | {mib:.0f} MiB |")
    english, both = [row[2] for row in rows[:3]], [row[2] for row in rows[3:6]]
    emit(f"\nThe French edition adds {both[0] - english[0]:+.1f} s to the clean HTML build, "
          f"{both[1] - english[1]:+.2f} s to the no-change rebuild and {both[2] - english[2]:+.1f} s to the PDF build "
          "(the two editions build at once, one per core).")
    if check:
        emit_check(check)
    print_chart_weights()
    synthetic = [seconds for name, _, seconds, _ in rows if "synthetic" in name]
    if len(synthetic) < 2:
        write_report("builds only")
        return
    growth = [later / earlier for earlier, later in zip(synthetic, synthetic[1:])]
    emit(f"\nSynthetic load time grows by {' and '.join(f'{ratio:.1f}x' for ratio in growth)} for each tenfold "
          "increase in rows (10x would be linear).")
    edit_speed()
    record["pages"] = page_figures()
    (BUILD / "bench.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    write_report("everything")


if __name__ == "__main__":
    main()
