"""Where the package, its bundled data and (in a clone) the book's sources are.

The bottom layer of ``malibook``: it imports nothing from the package, and every other module may
import it.
"""
from __future__ import annotations

import pathlib

PACKAGE_DIR = pathlib.Path(__file__).resolve().parent
# In a clone (or an editable install) the repository; after a plain `pip install`, site-packages.
PROJECT_ROOT = PACKAGE_DIR.parent
# What a wheel carries beside the code (pyproject.toml, force-include): data/ and references.bib.
BUNDLED_DIR = PACKAGE_DIR / "bundled"
