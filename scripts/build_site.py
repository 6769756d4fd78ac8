"""Build the versioned site (`make site`): every release tag, latest/, dev/, versions.json.

Each release tag vX.Y.Z is built once (both editions: the French one in each folder's fr/), from a
git worktree of its commit, with that commit's own Makefile (HTML and PDF) and this checkout's
environment; the result is kept in _build/site-cache/<commit>/ and reused by later runs, so adding
a tag builds only that tag.
dev/ is the working tree, built with `make html pdf`. The site is then assembled in _build/site/
and every page gets a version switcher and, outside the latest release, a banner.

Usage: python scripts/build_site.py [--output DIR]
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

from malibook.site.release import current_release  # noqa: E402
from malibook.site.versions import (  # noqa: E402
    SiteVersion,
    decorate_folder,
    redirect_page,
    release_tags,
    version_key,
    versions_document,
    write_versions_json,
)

BUILD = ROOT / "_build"
CACHE = BUILD / "site-cache"
VENV = ROOT / ".venv"


def git(*args: str, cwd: pathlib.Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def run_make(directory: pathlib.Path, log: pathlib.Path) -> None:
    """`make html pdf` in a checkout, with this checkout's environment and without re-running its set-up."""
    stamp = VENV / ".setup-done"
    environment = {**os.environ, "PYTHONPATH": str(directory)}  # the checkout's own malibook, not ours
    command = ["make", "--no-print-directory", "-C", str(directory), f"VENV={VENV}", f"SETUP_STAMP={stamp}",
               "-o", str(stamp), "html", "pdf"]
    with log.open("w", encoding="utf-8") as handle:
        result = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT, env=environment)
    if result.returncode != 0:
        raise SystemExit(f"site: building {directory} failed; see {log}")


def build_release(tag: str) -> tuple[SiteVersion, pathlib.Path]:
    """The release's pristine HTML folder (with its PDF), built now or taken from the cache."""
    commit = git("rev-list", "-n", "1", tag)
    cached = CACHE / commit
    if (cached / "done").exists():
        print(f"site: {tag} reused from {cached.relative_to(ROOT)}")
    else:
        print(f"site: building {tag} ({commit[:10]})")
        shutil.rmtree(cached, ignore_errors=True)
        cached.mkdir(parents=True)
        source = cached / "src"
        git("worktree", "add", "--detach", "--force", str(source), commit)
        try:
            release = current_release(source)
            if release.version != tag[1:] or release.date is None:
                raise SystemExit(f"site: {tag} is not a release: its pyproject.toml says {release.version} and "
                                 f"its CHANGELOG.md date is {release.date_label!r}")
            run_make(source, cached / "build.log")
            shutil.copytree(source / "_build" / "html", cached / "html")
            if not (cached / "html" / release.pdf_name).exists():
                raise SystemExit(f"site: the build of {tag} has no {release.pdf_name}")
            french_pdf = release.pdf_name_in("fr")
            has_french = (cached / "html" / "fr" / french_pdf).exists()  # releases before 0.2.0 have none
            (cached / "release.json").write_text(json.dumps(
                {"version": release.version, "date": release.date_label, "pdf": release.pdf_name,
                 "date_fr": release.date_label_in("fr") if has_french else None,
                 "pdf_fr": french_pdf if has_french else None}) + "\n", encoding="utf-8")
        finally:
            git("worktree", "remove", "--force", str(source))
        (cached / "done").write_text(commit + "\n", encoding="utf-8")
    built = json.loads((cached / "release.json").read_text(encoding="utf-8"))
    return (SiteVersion(built["version"], tag, built["date"], built["pdf"], commit, built.get("date_fr"),
                        built.get("pdf_fr")), cached / "html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=pathlib.Path, default=BUILD / "site")
    site = parser.parse_args().output.resolve()
    tags = release_tags(git("tag", "--list").split())
    releases, sources = [], {}
    for tag in tags:
        release, html_dir = build_release(tag)
        releases.append(release)
        sources[release.folder] = html_dir
    dev_release = current_release(ROOT)
    head, dirty = git("rev-parse", "HEAD"), bool(git("status", "--porcelain"))
    if not dirty and (CACHE / head / "done").exists():
        print("site: dev is the commit of a release already built; reusing it")
        sources["dev"] = CACHE / head / "html"
    else:
        print("site: building dev from the working tree")
        BUILD.mkdir(exist_ok=True)
        run_make(ROOT, BUILD / "site-dev.log")
        sources["dev"] = BUILD / "html"
    dev = SiteVersion("dev", "dev", None, dev_release.pdf_name, head + ("-dirty" if dirty else ""),
                      pdf_fr=dev_release.pdf_name_in("fr"))

    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    for folder, html_dir in sources.items():
        shutil.copytree(html_dir, site / folder)
    latest = max(releases, key=lambda release: version_key(release.name)) if releases else None
    folders = []
    if latest is not None:
        shutil.copytree(sources[latest.folder], site / "latest")
        folders.append((latest.name, "latest", None))
    for release in sorted(releases, key=lambda release: version_key(release.name), reverse=True):
        folders.append((release.name, release.folder, None))
    folders.append(("dev", "dev", None))
    pages = {folder: {path.relative_to(site / folder).as_posix() for path in (site / folder).rglob("*.html")}
             for _, folder, _ in folders}
    folders = [(label, folder, pages[folder]) for label, folder, _ in folders]
    by_folder = {release.folder: release for release in releases}
    if latest is not None:
        by_folder["latest"] = SiteVersion(latest.name, "latest", latest.date, latest.pdf, latest.commit,
                                          latest.date_fr, latest.pdf_fr)
    by_folder["dev"] = dev
    for _, folder, _ in folders:
        count = decorate_folder(site / folder, by_folder[folder], latest, folders, pages.get("latest", set()))
        print(f"site: {folder}/ has {count} pages")
    write_versions_json(site, versions_document(releases, dev))
    (site / "index.html").write_text(redirect_page("latest/" if latest else "dev/"), encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: serve _static/ as it is
    print(f"site: {site} ({len(releases)} releases, latest {latest.name if latest else 'none'})")


if __name__ == "__main__":
    main()
