"""Code shared by the notebooks and tests of *Pacts and Putsches: Mali 2015–2021*.

Load every table of the book's data package with one call::

    from malibook import load
    tables = load()
    tables["paragraphs"].head()
"""
from malibook.data import DataError, load, validate
from malibook.release import current_release

__all__ = ["DataError", "load", "validate", "current_release", "__version__"]
__version__ = current_release().version
