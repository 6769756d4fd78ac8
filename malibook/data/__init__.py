"""The book's data package (``data/datapackage.json``): read, validate, load, write.

- ``package``: the descriptor, where the data is, and ``DataError``;
- ``dates``: dates of reduced precision and their labels;
- ``validation``: every table against its schema, with file, line and column in each error;
- ``frames``: ``load()`` to typed pandas DataFrames and ``write()`` back to CSV;
- ``spreadsheet``: reading a CSV file as Excel or LibreOffice save it, with the fix in each error;
- ``references``: the package's references table, made from ``references.bib``;
- ``bundle``: the zipped data package a release publishes;
- ``exports``, ``acled``, ``ucdp``, ``workbook``: the ACLED, UCDP GED and xlsx exports, each ACLED or
  GED column with the rule that fills it;
- ``mentions``, ``dictionary``, ``synthetic``: the mentions join, the data dictionary page, and
  synthetic packages and ACLED or GED rows for benchmarks and tests.
"""
from malibook.data.dates import date_bounds, date_label, format_partial_date, span_label
from malibook.data.frames import load, write
from malibook.data.package import DATA_DIR, DataError, read_package
from malibook.data.validation import validate

__all__ = ["DATA_DIR", "DataError", "date_bounds", "date_label", "format_partial_date", "load", "read_package",
           "span_label", "validate", "write"]
