"""The version has one source, and every place that shows it agrees with it."""
import datetime as dt
import pathlib
import re

import pytest

from conftest import ROOT
from malibook.publishing.version import BOOK_SLUG, Release, ReleaseError, citation_cff_problems, current_release, main
from malibook.sphinxext import page_tokens


def write_sources(root: pathlib.Path, version: str, changelog_heading: str) -> pathlib.Path:
    (root / "pyproject.toml").write_text(f'[project]\nname = "x"\nversion = "{version}"\n', encoding="utf-8")
    (root / "CHANGELOG.md").write_text(f"# Changelog\n\n{changelog_heading}\n\n- a change\n", encoding="utf-8")
    return root


def test_release_reads_version_and_date(tmp_path):
    release = current_release(write_sources(tmp_path, "1.2.3", "## [1.2.3] - 2025-01-09"))
    assert release == Release("1.2.3", dt.date(2025, 1, 9))
    assert release.date_label == "9 January 2025"
    assert release.pdf_name == f"{BOOK_SLUG}-1.2.3.pdf"


def test_unreleased_entry_has_no_date(tmp_path):
    release = current_release(write_sources(tmp_path, "0.2.0", "## [0.2.0] - Unreleased"))
    assert release.date is None and release.date_label == "unreleased draft"


def test_a_keep_a_changelog_unreleased_section_is_refused(tmp_path):
    """One way to say "not yet released": the next version's entry, dated Unreleased."""
    with pytest.raises(ReleaseError, match="a version heading must read"):
        current_release(write_sources(tmp_path, "1.2.3", "## [Unreleased]\n\n- a fix\n\n## [1.2.3] - 2025-01-09"))


@pytest.mark.parametrize("version, heading, message", [
    ("1.2", "## [1.2] - 2025-01-09", "not semantic versioning"),
    ("1.2.3", "## [1.2.2] - 2025-01-09", "top entry is for 1.2.2"),
    ("1.2.3", "## [1.2.3] - 2025-02-30", "not a calendar date"),
    ("1.2.3", "## 1.2.3 (January 2025)", "a version heading must read"),
])
def test_bad_version_sources_are_named(tmp_path, version, heading, message):
    with pytest.raises(ReleaseError, match=re.escape(message)):
        current_release(write_sources(tmp_path, version, heading))


def test_command_line_prints_fields(capsys):
    assert main(["version"]) == 0
    assert capsys.readouterr().out.strip() == current_release().version
    with pytest.raises(SystemExit) as refused:
        main(["nonsense"])
    assert refused.value.code == 2 and "invalid choice: 'nonsense'" in capsys.readouterr().err


def test_citation_cff_agrees_with_the_version_and_date():
    assert citation_cff_problems(ROOT) == []


def test_a_citation_cff_that_lags_behind_the_release_is_caught(tmp_path):
    write_sources(tmp_path, "1.2.3", "## [1.2.3] - 2025-01-09")
    (tmp_path / "CITATION.cff").write_text('version: "1.2.2"\ndate-released: "2025-01-08"\n', encoding="utf-8")
    assert citation_cff_problems(tmp_path) == ['CITATION.cff: version should be "1.2.3"',
                                               'CITATION.cff: date-released should be "2025-01-09"']


def test_page_tokens_come_from_the_release():
    tokens = page_tokens(Release("2.0.1", dt.date(2027, 3, 4)), "https://example.org/book")
    assert tokens["%BOOK_VERSION%"] == "2.0.1"
    assert tokens["%BOOK_VERSION_ID%"] == "2_0_1"
    assert tokens["%BOOK_DATE%"] == "4 March 2027"
    assert tokens["%BOOK_YEAR%"] == "2027"
    assert tokens["%BOOK_PDF%"] == f"{BOOK_SLUG}-2.0.1.pdf"


def test_citation_cff_points_at_the_configured_repository():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["repository-code"] == config["repository"]["url"]


def test_date_release_dates_the_changelog_and_citation_cff(tmp_path):
    from malibook.publishing.version import date_release

    write_sources(tmp_path, "1.2.3", "## [1.2.3] - Unreleased")
    (tmp_path / "CITATION.cff").write_text('title: "x"\nversion: "1.2.2"\ndate-released: "2025-01-01"\n',
                                           encoding="utf-8")
    assert date_release(tmp_path, dt.date(2025, 2, 3)) == Release("1.2.3", dt.date(2025, 2, 3))
    assert citation_cff_problems(tmp_path) == []
    assert (tmp_path / "CITATION.cff").read_text(encoding="utf-8").count("date-released") == 1
    with pytest.raises(ReleaseError, match="already dated 2025-02-03"):
        date_release(tmp_path, dt.date(2025, 2, 4))
