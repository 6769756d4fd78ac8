"""The English messages `make po` would extract today, each with its page and line: what the fast tier
compares with the French catalogues (tests/test_translations.py), so that an English sentence added
or changed without `make po` is caught before the French edition ships it in English.

Sphinx's gettext builder reads a mirror of the book's sources (notebooks not executed: their committed
outputs), kept in a work folder from one run to the next with its doctrees, so that after an edit of
a page Sphinx reads that page again, not the whole book (half the time of a full extraction). A change
to anything else it reads (the configuration, the table of contents, the data, the extension's code)
starts the mirror afresh: Sphinx cannot see that a page's messages depend on those. The messages are
also kept under a digest of every file read, so that a run with nothing changed starts no Sphinx.
`make book` extracts them once (``python -m qa.english_messages``), so that the first `make check`
after it reads only the pages edited since.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import shutil
import subprocess
import sys

from malibook.paths import PROJECT_ROOT

# The mirror, its doctrees and the messages, between runs.
WORK = PROJECT_ROOT / "_build" / "cache" / "english-messages"
# Not read by the extraction: the catalogues it is compared with, the tests, the maintainers' pages,
# build output, environments and caches.
NOT_READ = {"locales", "tests", "docs", ".github", ".git", "_build", "node_modules", "__pycache__",
            ".ruff_cache", ".pytest_cache"}
# Pages: Sphinx sees their changes itself (and those of the pages they draw on: parallel views).
PAGE_SUFFIXES = (".md", ".ipynb")
CONFIG = "_config.yml"
GENERATED = {"conf.py"}  # written into the mirror by `jupyter-book config sphinx`; _build/ holds Sphinx's output


def _read_by_extraction(root: pathlib.Path) -> dict[str, bytes]:
    """{relative path: content} of every file the extraction reads."""
    files = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        skipped = any(part in NOT_READ or part.startswith(".venv") or part.endswith(".egg-info")
                      for part in relative.parts)
        if not skipped and path.is_file():
            files[relative.as_posix()] = path.read_bytes()
    files[CONFIG] = _without_execution(files[CONFIG])
    return files


def _without_execution(config: bytes) -> bytes:
    text = config.decode("utf-8")
    if "execute_notebooks: cache" not in text:
        raise ValueError(f"{CONFIG} no longer says `execute_notebooks: cache`")
    return text.replace("execute_notebooks: cache", "execute_notebooks: off").encode("utf-8")


def _digest(files: dict[str, bytes], only_settings: bool = False) -> str:
    import sphinx

    digest = hashlib.sha256(sphinx.__version__.encode())
    for relative in sorted(files):
        if not (only_settings and relative.endswith(PAGE_SUFFIXES)):
            digest.update(relative.encode() + b"\0" + files[relative] + b"\0")
    return digest.hexdigest()


def _mirror(files: dict[str, bytes], mirror: pathlib.Path) -> bool:
    """Bring the mirror up to date, writing only the files that changed (Sphinx goes by their times);
    whether a file had to be removed (then the mirror starts afresh)."""
    for relative, content in files.items():
        target = mirror / relative
        if not target.exists() or target.read_bytes() != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    return any(path.is_file() and relative.as_posix() not in files and relative.parts[0] not in GENERATED
               for path in mirror.rglob("*") if (relative := path.relative_to(mirror)).parts[0] != "_build")


def english_messages(root: pathlib.Path, work: pathlib.Path) -> dict[str, list[tuple[str, list[tuple]]]]:
    """{page: [(message, [(file, line), ...]), ...]} of every page of the book at ``root``; ``work`` keeps
    the mirror, Sphinx's doctrees and the messages for the next run."""
    from babel.messages.pofile import read_po

    files = _read_by_extraction(root)
    digest, settings = _digest(files), _digest(files, only_settings=True)
    kept = work / "messages.json"
    state = json.loads(kept.read_text(encoding="utf-8")) if kept.exists() else {}
    if state.get("digest") == digest:
        return {page: [(message, [tuple(location) for location in locations]) for message, locations in found]
                for page, found in state["messages"].items()}
    # The output inside the mirror: the builder writes each message's file relative to it (../../chapters/...).
    mirror = work / "book"
    doctrees, output = mirror / "_build" / ".doctrees", mirror / "_build" / "gettext"
    fresh = state.get("settings") != settings
    if fresh:
        shutil.rmtree(work, ignore_errors=True)
    if _mirror(files, mirror) and not fresh:
        shutil.rmtree(work)
        _mirror(files, mirror)
        fresh = True
    if fresh or not (mirror / "conf.py").exists():
        jupyter_book = pathlib.Path(sys.executable).parent / "jupyter-book"
        subprocess.run([str(jupyter_book), "config", "sphinx", str(mirror)], check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-D", "gettext_location=1",
                             "-D", "gettext_compact=0", "-d", str(doctrees), str(mirror), str(output)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the extraction of the English messages failed:\n{result.stderr}")
    messages = {}
    for template in output.rglob("*.pot"):
        page = template.relative_to(output).with_suffix("").as_posix()
        with template.open("rb") as handle:
            messages[page] = [(message.id, message.locations) for message in read_po(handle) if message.id]
    kept.write_text(json.dumps({"digest": digest, "settings": settings, "messages": messages}), encoding="utf-8")
    return messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa.english_messages", description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    messages = english_messages(PROJECT_ROOT, WORK)
    print(f"english messages: {sum(len(found) for found in messages.values())} messages of {len(messages)} pages, "
          f"kept in {WORK.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
