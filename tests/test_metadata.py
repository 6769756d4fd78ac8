"""Citation metadata: CITATION.cff validates against the Citation File Format schema (cffconvert), and
.zenodo.json, which Zenodo reads instead of it, is generated from it."""
import shutil
import subprocess

from conftest import ROOT, tool
from malibook.publishing.version import current_release

CFFCONVERT = tool("cffconvert")


def validate_cff(path):
    assert CFFCONVERT.exists(), "run `make setup`: it installs cffconvert into .venv-tools/cffconvert"
    return subprocess.run([str(CFFCONVERT), "--validate", "-i", str(path)], capture_output=True, text=True,
                          timeout=120)


def test_citation_cff_validates():
    result = validate_cff(ROOT / "CITATION.cff")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_a_broken_citation_cff_is_caught(tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("cff-version:", "cff-versoin:"),
                      encoding="utf-8")
    assert validate_cff(broken).returncode != 0


def test_zenodo_json_is_generated_from_citation_cff():
    """Zenodo reads .zenodo.json alone when it exists: it must say what CITATION.cff says."""
    from malibook.publishing.zenodo import stale, zenodo_metadata

    assert stale(ROOT) is None
    metadata = zenodo_metadata(ROOT / "CITATION.cff")
    release = current_release()
    assert metadata["version"] == release.version
    assert metadata.get("publication_date") == (release.date.isoformat() if release.date else None)
    assert metadata["license"] == "cc-by-4.0" and metadata["upload_type"] == "dataset"


def test_a_stale_or_incomplete_zenodo_json_is_caught(tmp_path):
    import pytest

    from malibook.publishing.zenodo import ZenodoError, stale, zenodo_metadata, zenodo_text

    shutil.copy(ROOT / "CITATION.cff", tmp_path / "CITATION.cff")
    (tmp_path / ".zenodo.json").write_text(zenodo_text(tmp_path), encoding="utf-8")
    cff = (tmp_path / "CITATION.cff").read_text(encoding="utf-8")
    (tmp_path / "CITATION.cff").write_text(cff.replace('version: "', 'version: "9', 1), encoding="utf-8")
    assert "disagrees with CITATION.cff on version" in stale(tmp_path)
    (tmp_path / "CITATION.cff").write_text(cff.replace("title:", "titel:", 1), encoding="utf-8")
    with pytest.raises(ZenodoError, match="CITATION.cff: 'title' is missing"):
        zenodo_metadata(tmp_path / "CITATION.cff")
