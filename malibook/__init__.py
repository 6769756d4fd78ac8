"""Code shared by the notebooks and tests of *Pacts and Putsches: Mali 2015–2021*.

Load every table of the book's data package with one call::

    from malibook import load
    tables = load()
    tables["paragraphs"].head()
"""
import importlib.metadata

from malibook.data import DataError, load, validate
from malibook.release import PROJECT_ROOT, current_release

__all__ = ["DataError", "load", "validate", "current_release", "__version__"]
# In a clone, the version comes from its one source (pyproject.toml, checked against CHANGELOG.md);
# an installed copy has no pyproject.toml beside it, and reads the same number from its metadata.
if (PROJECT_ROOT / "pyproject.toml").is_file():
    __version__ = current_release().version
else:
    __version__ = importlib.metadata.version("malibook")
