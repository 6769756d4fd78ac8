"""Citation metadata: CITATION.cff validates against the Citation File Format schema (cffconvert)."""
import subprocess

from conftest import ROOT, tool

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
