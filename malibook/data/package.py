"""The data package's descriptor and the one error every check raises.

``read_package()`` reads ``datapackage.json`` and refuses any type, constraint or rule that
``malibook.data.validation`` cannot check, so a schema can never ask for something silently ignored.
"""
from __future__ import annotations

import json
import pathlib
from typing import Any

from malibook.paths import BUNDLED_DIR, PROJECT_ROOT

PACKAGE_FILE = "datapackage.json"
# An installed malibook carries a copy of the data package (pyproject.toml, force-include); in a
# clone there is no such copy and the repository's data/ is read, so edits there count at once.
BUNDLED_DATA_DIR = BUNDLED_DIR / "data"
DATA_DIR = BUNDLED_DATA_DIR if (BUNDLED_DATA_DIR / PACKAGE_FILE).is_file() else PROJECT_ROOT / "data"

SUPPORTED_TYPES = {"string", "integer", "number"}
SUPPORTED_CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum", "maximum"}
SUPPORTED_RULES = {"together", "exactlyOne", "uniqueTogether", "notBefore", "filledWhen", "requiredUnless",
                   "provenance", "disputes"}


class DataError(ValueError):
    """A data file does not match its schema; says where and what."""

    def __init__(self, path: pathlib.Path | str, line: int | None, column: str | None, problem: str):
        self.path, self.line, self.column, self.problem = pathlib.Path(path), line, column, problem
        where = [str(self.path)]
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {problem}")


# --------------------------------------------------------------------------- the package

def read_package(data_dir: pathlib.Path = DATA_DIR) -> dict[str, Any]:
    """The package descriptor, after checking it asks for nothing this module cannot check."""
    path = pathlib.Path(data_dir) / PACKAGE_FILE
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(path, None, None, f"cannot read the data package ({exc})") from exc
    for resource in package.get("resources", []):
        for field in resource["schema"]["fields"]:
            unknown = set(field.get("constraints", {})) - SUPPORTED_CONSTRAINTS
            if field["type"] not in SUPPORTED_TYPES or unknown:
                raise DataError(path, None, field["name"],
                                f"resource {resource['name']!r} asks for type {field['type']!r} or constraints "
                                f"{sorted(unknown)} that malibook.data does not check")
        for rule in resource["schema"].get("malibook:rules", []):
            if rule["rule"] not in SUPPORTED_RULES:
                raise DataError(path, None, None, f"resource {resource['name']!r} asks for the rule "
                                                  f"{rule['rule']!r}, which malibook.data does not check")
    return package

