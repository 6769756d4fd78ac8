"""Code shared by the notebooks and tests of *Pacts and Putsches: Mali 2015–2021*.

Load every table of the book's data package with one call::

    from malibook import load
    tables = load()
    tables["paragraphs"].head()

The subpackages, by audience (each imports only from those listed before it):

- ``malibook.paths``: where the package, its bundled data and the book's sources are;
- ``malibook.data``: the data package: schema, validation, load and write, dates;
- ``malibook.analysis``: what the notebooks compute and draw (timeline, actors, documents);
- ``malibook.notebook``: running the notebooks anywhere (glue, Colab bootstrap, execution);
- ``malibook.publishing``: what a release publishes: the version and date, citations, the record of
  releases, the versioned site, ``.zenodo.json``, the French edition's configuration;
- ``malibook.sphinxext``: the Sphinx extension that builds the book.
"""
import importlib.metadata

from malibook.data import DataError, load, validate
from malibook.paths import PROJECT_ROOT

__all__ = ["DataError", "load", "validate", "current_release", "__version__"]


def __getattr__(name: str):
    # Read on demand, so that `python -m malibook.publishing.version` does not import its own module twice.
    if name == "current_release":
        from malibook.publishing.version import current_release
        return current_release
    if name == "__version__":
        # In a clone, the version's one source (pyproject.toml, checked against CHANGELOG.md); an
        # installed copy has no pyproject.toml beside it and reads the same number from its metadata.
        if (PROJECT_ROOT / "pyproject.toml").is_file():
            from malibook.publishing.version import current_release
            return current_release().version
        return importlib.metadata.version("malibook")
    raise AttributeError(f"module 'malibook' has no attribute {name!r}")
