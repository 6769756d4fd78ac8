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
import zlib

from malibook.data.package import DATA_DIR, PACKAGE_FILE, read_package
from malibook.data.validation import validate

# A fixed time stamp for every member, so that the archive depends only on the data.
ZIP_TIME = (2015, 12, 14, 0, 0, 0)


def _member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _members(version: str, data_dir: pathlib.Path) -> list[tuple[str, bytes]]:
    """The archive's files, in order: the descriptor carrying ``version``, then every table."""
    package = read_package(data_dir)
    descriptor = {**package, "version": version}
    return [(PACKAGE_FILE, (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")),
            *((resource["path"], (data_dir / resource["path"]).read_bytes()) for resource in package["resources"])]


def _holds(target: pathlib.Path, members: list[tuple[str, bytes]]) -> bool:
    """Whether the zip at ``target`` holds exactly these files (by name, order, size and CRC-32)."""
    try:
        with zipfile.ZipFile(target) as archive:
            held = [(info.filename, info.file_size, info.CRC, info.date_time) for info in archive.infolist()]
    except (OSError, zipfile.BadZipFile):
        return False
    return held == [(name, len(data), zlib.crc32(data), ZIP_TIME) for name, data in members]


def write_data_zip(target: pathlib.Path, version: str, data_dir: pathlib.Path = DATA_DIR) -> pathlib.Path:
    """Validate the package, then write it as a zip whose descriptor carries ``version``; return target.

    A zip already there with the same files is left as it is: it was validated when it was written,
    and an unchanged build (the edit loop) need not validate and compress the data again."""
    data_dir, target = pathlib.Path(data_dir), pathlib.Path(target)
    members = _members(version, data_dir)
    if _holds(target, members):
        return target
    validate(data_dir)  # a package that does not load is never published
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members:
            _member(archive, name, data)
    return target
