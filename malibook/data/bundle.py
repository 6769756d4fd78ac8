"""The data package as one download: a zipped Frictionless Data Package.

The zip holds ``datapackage.json`` (with the release's ``version`` added) and every table it
lists, at the top of the archive, which is how Frictionless reads and writes a zipped package
(``frictionless validate pacts-and-putsches-data-0.2.0.zip``). The book's HTML build writes it next
to the pages (``malibook.sphinxext.data_download``); the same commit always gives the same bytes.
"""
from __future__ import annotations

import json
import pathlib
import zipfile

from malibook.data.package import DATA_DIR, PACKAGE_FILE, read_package
from malibook.data.validation import validate

# A fixed time stamp for every member, so that the archive depends only on the data.
ZIP_TIME = (2015, 12, 14, 0, 0, 0)


def _member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def write_data_zip(target: pathlib.Path, version: str, data_dir: pathlib.Path = DATA_DIR) -> pathlib.Path:
    """Validate the package, then write it as a zip whose descriptor carries ``version``; return target."""
    data_dir = pathlib.Path(data_dir)
    validate(data_dir)  # a package that does not load is never published
    package = read_package(data_dir)
    descriptor = {**package, "version": version}
    target = pathlib.Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        _member(archive, PACKAGE_FILE, (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        for resource in package["resources"]:
            _member(archive, resource["path"], (data_dir / resource["path"]).read_bytes())
    return target
