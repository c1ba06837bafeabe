"""The package as users install it: extras, version, license, entry points, wheel contents.

The wheel test builds a wheel from a copy of the sources, the way ``pip install .`` does,
and reads what a user would get: its metadata and its file list.
"""

from __future__ import annotations

import configparser
import email.parser
import re
import shutil
import subprocess
import sys
import zipfile
from email.message import Message
from pathlib import Path

import pytest

from openmetadata_fluent import __version__

ROOT = Path(__file__).resolve().parents[1]


def _setup_cfg() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    return config


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _extras() -> dict[str, list[str]]:
    section = _setup_cfg()["options.extras_require"]
    return {name: _lines(section[name]) for name in section}


def test_testing_extra_is_exactly_what_the_fixtures_need() -> None:
    assert _extras()["testing"] == ["responses>=0.24"]


def test_the_development_extra_includes_the_testing_extra() -> None:
    extras = _extras()
    assert set(extras["testing"]) <= set(extras["test"])
    assert {"pytest>=7.4", "ruff>=0.4", "mypy>=1.8"} <= set(extras["test"])


def test_the_version_lives_in_one_place() -> None:
    assert _setup_cfg()["metadata"]["version"] == "attr: openmetadata_fluent._version.__version__"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_changelog_describes_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.M)
    assert releases[0] == __version__
    assert releases[-1] == "0.1.0"


def test_license_is_an_spdx_expression_and_the_backend_can_write_it() -> None:
    metadata = _setup_cfg()["metadata"]
    assert metadata["license"] == "Apache-2.0"
    assert metadata["license_expression"] == "Apache-2.0"
    pyproject = (ROOT / "pyproject.toml").read_text()
    # 77 is the first setuptools to write License-Expression; older ones drop the field.
    assert re.search(r'^requires = \["setuptools>=77"\]$', pyproject, re.M)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """A wheel built from a copy of the sources (so the checkout gets no build folders)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "openmetadata_fluent",
        src / "openmetadata_fluent",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("*.whl")
    return zipfile.ZipFile(built)


def _metadata(wheel: zipfile.ZipFile) -> Message:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return email.parser.Parser().parsestr(wheel.read(name).decode())


def test_wheel_metadata(wheel: zipfile.ZipFile) -> None:
    meta = _metadata(wheel)
    assert meta["Name"] == "openmetadata-fluent"
    assert meta["Version"] == __version__
    assert meta["License-Expression"] == "Apache-2.0"
    assert meta["Requires-Python"] == ">=3.10"
    requires = meta.get_all("Requires-Dist") or []
    assert [r for r in requires if "extra ==" not in r] == [
        "requests>=2.28",
        "attrs>=23.1",
        "cattrs>=23.2",
    ]
    assert [r for r in requires if r.endswith('extra == "testing"')] == [
        'responses>=0.24; extra == "testing"'
    ]
    assert set(meta.get_all("Provides-Extra") or []) == {"testing", "test"}


def test_wheel_entry_points_and_files(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    parsed = configparser.ConfigParser()
    parsed.read_string(wheel.read(entry_points).decode())
    assert dict(parsed["console_scripts"]) == {
        "openmetadata-fluent": "openmetadata_fluent.cli:main"
    }
    assert dict(parsed["pytest11"]) == {
        "openmetadata_fluent": "openmetadata_fluent.testing.pytest_plugin"
    }
    assert "openmetadata_fluent/py.typed" in names
    assert "openmetadata_fluent/testing/pytest_plugin.py" in names
    assert not [n for n in names if n.startswith(("tests/", "examples/", "benchmarks/"))]
