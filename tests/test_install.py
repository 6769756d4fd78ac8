"""The Debian install step asks apt only for what is missing (scripts/install-debian-packages.sh).

Each case runs the script with the Makefile's own package lists on a PATH that holds only stubs:
`apt-get` records what it is asked for, `id` says who we are, `dpkg-query` answers from a list.
"""
from __future__ import annotations

import pathlib
import subprocess

import pytest

from conftest import ROOT, make_variable

SCRIPT = ROOT / "scripts" / "install-debian-packages.sh"


def stub(folder: pathlib.Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/bash\n{body}\n")
    path.chmod(0o755)


def run_install(tmp_path: pathlib.Path, packages: list[str], on_path: set[str] = frozenset(),
                dpkg_installed: set[str] = frozenset(), uid: int = 0) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run the script as on a machine that has the commands `on_path` and the dpkg packages given."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    apt_log = tmp_path / "apt.log"
    stub(bin_dir, "apt-get", f'echo "$*" >> {apt_log}')
    stub(bin_dir, "id", f"echo {uid}")
    installed = " ".join(sorted(dpkg_installed))
    stub(bin_dir, "dpkg-query",
         f'for p in {installed}; do [ "$p" = "${{@: -1}}" ] && {{ echo -n "install ok installed"; exit 0; }};'
         " done; exit 1")
    for command in on_path:
        stub(bin_dir, command, "exit 0")
    result = subprocess.run(["/bin/bash", str(SCRIPT), "test", *packages], env={"PATH": str(bin_dir)},
                            capture_output=True, text=True)
    calls = apt_log.read_text().splitlines() if apt_log.exists() else []
    installs = [call.split() for call in calls if call.split()[:1] == ["install"] or " install " in f" {call} "]
    asked = [word for call in installs for word in call if not word.startswith("-") and word != "install"]
    return result, asked


def test_browser_install_keeps_a_nodejs_and_npm_from_elsewhere(tmp_path):
    """The fresh-machine case: Node.js and npm from NodeSource, no Chromium. Debian's npm would conflict."""
    result, asked = run_install(tmp_path, make_variable("BROWSER_PACKAGES"), on_path={"node", "npm"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert asked == ["chromium", "chromium-driver"]


def test_browser_install_brings_npm_only_when_there_is_none(tmp_path):
    result, asked = run_install(tmp_path, make_variable("BROWSER_PACKAGES"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert asked == ["chromium", "chromium-driver", "npm"]


def test_nothing_is_installed_when_everything_is_there(tmp_path):
    everything = {"chromium", "chromedriver", "npm"}
    result, asked = run_install(tmp_path, make_variable("BROWSER_PACKAGES"), on_path=everything)
    assert result.returncode == 0 and asked == []


def test_tex_install_asks_dpkg_for_packages_without_a_command(tmp_path):
    tex = make_variable("TEX_PACKAGES")
    result, asked = run_install(tmp_path, tex, on_path={"xelatex", "latexmk", "pdffonts"},
                                dpkg_installed={"texlive-latex-extra"})
    assert result.returncode == 0, result.stdout + result.stderr
    # The font file and babel's French do not exist under the stubbed root either, so their packages
    # are asked for.
    expected = {"texlive-fonts-recommended", "texlive-pictures"}
    if not pathlib.Path("/usr/share/fonts/opentype/freefont/FreeSerif.otf").exists():
        expected.add("fonts-freefont-otf")
    if not pathlib.Path("/usr/share/texlive/texmf-dist/tex/generic/babel-french/french.ldf").exists():
        expected.add("texlive-lang-french")
    assert set(asked) == expected


@pytest.mark.parametrize("packages", ["BROWSER_PACKAGES", "TEX_PACKAGES", "EPUB_PACKAGES"])
def test_without_root_it_prints_the_command_and_fails(tmp_path, packages):
    result, asked = run_install(tmp_path, make_variable(packages), uid=1000)
    assert result.returncode == 1 and asked == []
    assert "sudo apt-get install --no-install-recommends" in result.stdout
