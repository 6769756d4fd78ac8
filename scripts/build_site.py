"""Build the versioned site (`make site`): every release of releases.json, latest/ and dev/.

    python scripts/build_site.py [--output DIR]

A release is recorded by scripts/release.py (`make release`), which builds it with `build_release`.

The releases come from releases.json (malibook.publishing.record), a file on main, so a clone without
tags builds them all; a tag vX.Y.Z is optional, and must then name the recorded commit. Each release
is built once (both editions: the French one in each folder's fr/), from a git worktree of its
commit, with that commit's own Makefile (HTML and PDF) and this checkout's environment, and then
given its offline editions by this checkout's code (releases before 0.3.0 had none): an EPUB of each
edition (scripts/build_epub.py, run on the release's checkout with the release's own extension) and
the zip of its pages (malibook.publishing.offline); the result is kept in _build/site-cache/<commit>/ and
reused, so a new release builds only itself (`make release` builds it, `make site` reuses it).
dev/ is the working tree, unless it is a recorded release (give or take releases.json), whose build
it reuses. Every page gets a version switcher and, outside the latest release, a banner; dev/ pages
are kept out of search engines. The root gets versions.json, a sitemap index of the releases' sitemaps, robots.txt and a
page that redirects to latest/.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from malibook.publishing.offline import epub_name, write_offline_zip  # noqa: E402
from malibook.publishing.record import RecordedRelease, RecordError, read_record  # noqa: E402
from malibook.publishing.version import current_release  # noqa: E402
from malibook.publishing.versioned_site import (  # noqa: E402
    SiteVersion,
    decorate_folder,
    redirect_page,
    release_folder,
    release_tags,
    sitemap_index,
    version_key,
    versions_document,
    write_versions_json,
)

BUILD = ROOT / "_build"
CACHE = BUILD / "site-cache"
VENV = ROOT / ".venv"


def git(*args: str, cwd: pathlib.Path = ROOT, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise SystemExit(f"site: git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def run_make(directory: pathlib.Path, log: pathlib.Path, targets: tuple[str, ...] = ("html", "pdf"),
             release_commit: str = "") -> None:
    """`make html pdf` (or the targets given) in a checkout, with this checkout's environment and without
    re-running its set-up. A release's commit is passed on, so that its pages' Binder and Colab links open
    it, not the branch (malibook.sphinxext.launch)."""
    stamp = VENV / ".setup-done"
    environment = {**os.environ, "PYTHONPATH": str(directory)}  # the checkout's own malibook, not ours
    environment.pop("BOOK_SOURCE_COMMIT", None)
    if release_commit:
        environment["BOOK_SOURCE_COMMIT"] = release_commit
    command = ["make", "--no-print-directory", "-C", str(directory), f"VENV={VENV}", f"SETUP_STAMP={stamp}",
               "-o", str(stamp), *targets]
    with log.open("w", encoding="utf-8") as handle:
        result = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT, env=environment)
    if result.returncode != 0:
        raise SystemExit(f"site: building {directory} failed; see {log}")


def add_offline_editions(source: pathlib.Path, html_dir: pathlib.Path, log: pathlib.Path) -> None:
    """A checkout's EPUBs, beside its editions' pages (unless its own build made them), then the zip
    of its pages. The French edition's configuration is the one the checkout's own build wrote."""
    release = current_release(source)
    french = source / "_build" / "fr"
    editions = [("en", source / "_config.yml", source / "_toc.yml", source / "_build", html_dir)]
    if (html_dir / "fr" / "index.html").exists():  # releases before 0.2.0 have no French edition
        toc = french / "_toc.yml" if (french / "_toc.yml").exists() else source / "_toc.yml"
        editions.append(("fr", french / "_config.yml", toc, french / "_build", html_dir / "fr"))
    environment = {**os.environ, "PYTHONPATH": str(source)}  # the checkout's own malibook builds its pages
    # Both editions at once, each in its own build folder (as `make epub` does): half the time on two cores.
    running = []
    for language, config, toc, build, folder in editions:
        name = epub_name(release, language)
        if (folder / name).exists():
            continue
        command = [str(VENV / "bin" / "python"), str(ROOT / "scripts" / "build_epub.py"), str(source),
                   "--build", str(build), "--config", str(config), "--toc", str(toc), "--name", name]
        edition_log = log.with_name(f"{log.stem}-{language}{log.suffix}")
        with edition_log.open("w", encoding="utf-8") as handle:
            process = subprocess.Popen(command, cwd=source, stdout=handle, stderr=subprocess.STDOUT, env=environment)
        running.append((process, build / "epub" / name, folder / name, edition_log))
    failed = [(target, edition_log) for process, _, target, edition_log in running if process.wait() != 0]
    if failed:
        raise SystemExit("; ".join(f"site: the EPUB {target.name} of {source} failed; see {edition_log}"
                                   for target, edition_log in failed))
    for _, built, target, _ in running:
        shutil.copy2(built, target)
    write_offline_zip(html_dir, release)


def require_commit(commit: str, version: str) -> str:
    """The full hash of a release's commit, or a clear error if this clone lacks it."""
    full = git("rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}", check=False)
    if not full:
        raise SystemExit(f"site: releases.json records {version} as commit {commit}, which this clone does not "
                         "have; a shallow clone lacks old commits: fetch the whole history "
                         "(git fetch --unshallow, or actions/checkout with fetch-depth: 0)")
    return full


def build_release(version: str, commit: str) -> tuple[SiteVersion, pathlib.Path]:
    """The release's pristine HTML folder (with its PDF), built now or taken from the cache."""
    commit = require_commit(commit, version)
    cached = CACHE / commit
    # A release built before the offline editions existed is built again, to get them.
    if (cached / "done").exists() and any((cached / "html").glob(f"*-offline-{version}.zip")):
        print(f"site: {version} reused from {cached.relative_to(ROOT)}")
    else:
        print(f"site: building {version} ({commit[:10]})")
        shutil.rmtree(cached, ignore_errors=True)
        cached.mkdir(parents=True)
        source = cached / "src"
        git("worktree", "add", "--detach", "--force", str(source), commit)
        try:
            release = current_release(source)
            if release.version != version or release.date is None:
                raise SystemExit(f"site: commit {commit[:10]} is not release {version}: its pyproject.toml says "
                                 f"{release.version} and its CHANGELOG.md date is {release.date_label!r}")
            run_make(source, cached / "build.log", release_commit=commit)
            shutil.copytree(source / "_build" / "html", cached / "html")
            add_offline_editions(source, cached / "html", cached / "offline.log")
            if not (cached / "html" / release.pdf_name).exists():
                raise SystemExit(f"site: the build of {version} has no {release.pdf_name}")
            french_pdf = release.pdf_name_in("fr")
            has_french = (cached / "html" / "fr" / french_pdf).exists()  # releases before 0.2.0 have none
            (cached / "release.json").write_text(json.dumps(
                {"version": release.version, "date": release.date.isoformat(), "date_label": release.date_label,
                 "pdf": release.pdf_name, "date_fr": release.date_label_in("fr") if has_french else None,
                 "pdf_fr": french_pdf if has_french else None}) + "\n", encoding="utf-8")
        finally:
            git("worktree", "remove", "--force", str(source))
        (cached / "done").write_text(commit + "\n", encoding="utf-8")
    built = json.loads((cached / "release.json").read_text(encoding="utf-8"))
    return (SiteVersion(built["version"], release_folder(version), built["date_label"], built["pdf"], commit,
                        built.get("date_fr"), built.get("pdf_fr")), cached / "html")


def check_tags(releases: list[RecordedRelease]) -> None:
    """Tags are optional; a release tag must name the commit the record names."""
    recorded = {release.version: release.commit for release in releases}
    for tag in release_tags(git("tag", "--list").split()):
        tagged = git("rev-list", "-n", "1", tag)
        if recorded.get(tag[1:]) != tagged:
            what = (f"releases.json records {tag[1:]} as {recorded[tag[1:]][:10]}" if tag[1:] in recorded
                    else "releases.json records no such release (record one with `make release`)")
            raise SystemExit(f"site: tag {tag} names commit {tagged[:10]}, but {what}")


def site_url() -> str:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]


def build_dev(releases: list[SiteVersion]) -> tuple[SiteVersion, pathlib.Path]:
    """dev/: the working tree, or the build of a release it does not differ from (but for releases.json)."""
    head, dirty = git("rev-parse", "HEAD"), bool(git("status", "--porcelain"))
    same = [release for release in releases if not dirty and subprocess.run(
        ["git", "diff", "--quiet", release.commit, head, "--", ".", ":(exclude)releases.json"],
        cwd=ROOT).returncode == 0]
    dev_release = current_release(ROOT)
    dev = SiteVersion("dev", "dev", None, dev_release.pdf_name, head + ("-dirty" if dirty else ""),
                      pdf_fr=dev_release.pdf_name_in("fr"))
    if same:
        print(f"site: dev is release {same[-1].name} (but for releases.json); reusing it")
        return dev, CACHE / same[-1].commit / "html"
    print("site: building dev from the working tree")
    BUILD.mkdir(exist_ok=True)
    # The working tree's own Makefile makes its EPUBs and zip, and remakes them whenever the book changes.
    run_make(ROOT, BUILD / "site-dev.log", ("html", "pdf", "epub", "offline"))
    return dev, BUILD / "html"


def assemble(site: pathlib.Path, releases: list[SiteVersion], sources: dict[str, pathlib.Path],
             dev: SiteVersion) -> SiteVersion | None:
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    for folder, html_dir in sources.items():
        shutil.copytree(html_dir, site / folder)
    latest = max(releases, key=lambda release: version_key(release.name)) if releases else None
    folders = []
    if latest is not None:
        shutil.copytree(sources[latest.folder], site / "latest")
        folders.append((latest.name, "latest"))
    folders += [(release.name, release.folder) for release in sorted(releases, key=lambda release: version_key(
        release.name), reverse=True)]
    folders.append(("dev", "dev"))
    pages = {folder: {path.relative_to(site / folder).as_posix() for path in (site / folder).rglob("*.html")}
             for _, folder in folders}
    listed = [(label, folder, pages[folder]) for label, folder in folders]
    by_folder = {release.folder: release for release in releases}
    if latest is not None:
        by_folder["latest"] = SiteVersion(latest.name, "latest", latest.date, latest.pdf, latest.commit,
                                          latest.date_fr, latest.pdf_fr)
    by_folder["dev"] = dev
    for _, folder in folders:
        count = decorate_folder(site / folder, by_folder[folder], latest, listed, pages.get("latest", set()))
        print(f"site: {folder}/ has {count} pages")
    write_versions_json(site, versions_document(releases, dev))
    (site / "index.html").write_text(redirect_page("latest/" if latest else "dev/"), encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: serve _static/ as it is
    base = site_url()
    # Releases from before 0.2.0 have no sitemap of their own; an index needs at least one.
    with_sitemaps = [release.folder for release in releases if (site / release.folder / "sitemap.xml").exists()]
    robots = "User-agent: *\nAllow: /\n"
    if with_sitemaps:
        (site / "sitemap.xml").write_text(sitemap_index(base, with_sitemaps), encoding="utf-8")
        robots += f"Sitemap: {base}sitemap.xml\n"
    (site / "robots.txt").write_text(robots, encoding="utf-8")
    return latest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=pathlib.Path, default=BUILD / "site")
    arguments = parser.parse_args()
    try:
        recorded = read_record(ROOT)
    except RecordError as exc:
        raise SystemExit(f"site: {exc}") from None
    check_tags(recorded)
    releases, sources = [], {}
    for entry in recorded:
        release, html_dir = build_release(entry.version, entry.commit)
        releases.append(release)
        sources[release.folder] = html_dir
    dev, sources["dev"] = build_dev(releases)
    site = arguments.output.resolve()
    latest = assemble(site, releases, sources, dev)
    print(f"site: {site} ({len(releases)} releases, latest {latest.name if latest else 'none'})")


if __name__ == "__main__":
    main()
