"""``.zenodo.json``, the metadata Zenodo gives a release it archives, generated from ``CITATION.cff``.

When a repository holds a ``.zenodo.json``, Zenodo's GitHub integration takes a release's metadata
from it alone and ignores ``CITATION.cff``; so the file is generated from ``CITATION.cff`` (the one
place the editors write the book's citation metadata) and ``tests/test_zenodo.py`` fails when the
committed file differs from what this module makes of ``CITATION.cff``.

    python -m malibook.publishing.zenodo          # write .zenodo.json (`make zenodo`)
    python -m malibook.publishing.zenodo --check  # exit 1, saying what differs, if it is stale

The DOI is not written here: Zenodo mints one for each archived release. Once it has, the DOI that
names every version goes into ``CITATION.cff`` (``doi:``), and the book prints it.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys

import yaml

from malibook.paths import PROJECT_ROOT

ZENODO_FILE = ".zenodo.json"
# CITATION.cff's type, and Zenodo's upload type for it.
UPLOAD_TYPES = {"dataset": "dataset", "software": "software"}


class ZenodoError(ValueError):
    """CITATION.cff lacks what Zenodo needs, or says it in a form this module does not map."""


def _required(cff: dict, key: str, path: pathlib.Path):
    if key not in cff or cff[key] in (None, "", []):
        raise ZenodoError(f"{path}: '{key}' is missing, and Zenodo needs it")
    return cff[key]


def _creator(author: dict) -> dict:
    """Zenodo writes a person as "Family, Given"; an organisation (CFF ``name``) as it is."""
    if "name" in author:
        return {"name": author["name"]}
    return {"name": f"{author['family-names']}, {author.get('given-names', '')}".rstrip(", ")}


def zenodo_metadata(cff_path: pathlib.Path) -> dict:
    """What Zenodo should record for the release that CITATION.cff describes."""
    try:
        cff = yaml.safe_load(cff_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ZenodoError(f"{cff_path}: cannot read it ({exc})") from exc
    kind = cff.get("type", "software")
    if kind not in UPLOAD_TYPES:
        raise ZenodoError(f"{cff_path}: type {kind!r} has no Zenodo upload type here ({', '.join(UPLOAD_TYPES)})")
    metadata = {
        "title": _required(cff, "title", cff_path),
        "upload_type": UPLOAD_TYPES[kind],
        "description": " ".join(str(_required(cff, "abstract", cff_path)).split()),
        "creators": [_creator(author) for author in _required(cff, "authors", cff_path)],
        "version": str(_required(cff, "version", cff_path)),
        "license": str(_required(cff, "license", cff_path)).lower(),
        "access_right": "open",
        "keywords": list(cff.get("keywords", [])),
    }
    if cff.get("date-released"):
        metadata["publication_date"] = str(cff["date-released"])
    related = [{"identifier": reference["url"], "relation": "references", "scheme": "url"}
               for reference in cff.get("references", []) if reference.get("url")]
    if cff.get("repository-code"):
        related.append({"identifier": cff["repository-code"], "relation": "isSupplementedBy", "scheme": "url"})
    if related:
        metadata["related_identifiers"] = related
    return metadata


def zenodo_text(root: pathlib.Path = PROJECT_ROOT) -> str:
    return json.dumps(zenodo_metadata(root / "CITATION.cff"), indent=2, ensure_ascii=False) + "\n"


def stale(root: pathlib.Path = PROJECT_ROOT) -> str | None:
    """Why the committed .zenodo.json is out of date, or None when it matches CITATION.cff."""
    path = root / ZENODO_FILE
    if not path.exists():
        return f"{path} is missing; run `make zenodo`"
    committed, expected = json.loads(path.read_text(encoding="utf-8")), json.loads(zenodo_text(root))
    differing = sorted(key for key in committed.keys() | expected.keys() if committed.get(key) != expected.get(key))
    if differing:
        return f"{path} disagrees with CITATION.cff on {', '.join(differing)}; run `make zenodo`"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m malibook.publishing.zenodo",
                                     description=f"Write {ZENODO_FILE} from CITATION.cff.")
    parser.add_argument("--check", action="store_true", help=f"write nothing; exit 1 if {ZENODO_FILE} is stale")
    arguments = parser.parse_args(argv)
    try:
        if arguments.check:
            problem = stale()
        else:
            (PROJECT_ROOT / ZENODO_FILE).write_text(zenodo_text(), encoding="utf-8")
            problem = None
    except ZenodoError as exc:
        problem = f"zenodo: {exc}"
    if problem:
        print(problem, file=sys.stderr)
    return 1 if problem else 0


if __name__ == "__main__":
    sys.exit(main())
