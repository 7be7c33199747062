"""The way in: `rapport docs`, `rapport list`, and guides that ship with the package and point inside it."""

from __future__ import annotations

import json
import re
import tomllib

from game import paths
from tests.conftest import ROOT, SCENARIOS
from tests.helpers import rapport


def test_docs_prints_the_guide_and_the_reference_and_says_where_they_are() -> None:
    guide = rapport("docs", "authoring")
    assert guide.returncode == 0
    assert "## 0. Before you start" in guide.stdout and "## YAML in one page" in guide.stdout
    assert guide.stdout.rstrip().endswith(f"(this is {(paths.docs_dir() / 'authoring.md').resolve()})")
    reference = rapport("docs", "format")
    assert reference.returncode == 0 and "# The Rapport scenario format" in reference.stdout
    assert rapport("docs").stdout == guide.stdout
    assert rapport("docs", "nonsense").returncode == 2


def test_the_docs_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"]["game.shipped.docs"] == "docs"
    assert {"authoring.md", "format.md"} <= set(config["package-data"]["game.shipped.docs"])


def test_the_reference_names_every_key_the_loader_reads() -> None:
    from game.scenario.keys import KNOWN_KEYS

    text = (paths.docs_dir() / "format.md").read_text("utf-8")
    missing = [key for key in sorted(KNOWN_KEYS) if f"`{key}`" not in text]
    assert missing == []


def test_readme_guide_and_template_point_only_inside_the_repository() -> None:
    from game.commands.new import template

    for text in ((ROOT / "README.md").read_text("utf-8"), (ROOT / "docs" / "authoring.md").read_text("utf-8")):
        assert "SCENARIO_FORMAT" not in text
        for target in re.findall(r"\]\(([^)#]+)\)", text):
            if not target.startswith("http"):
                assert (ROOT / target).exists() or (ROOT / "docs" / target).exists(), target
    assert "rapport docs authoring" in template("x")


def test_list_names_every_shipped_scenario() -> None:
    result = rapport("list", "--json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == sorted(p.stem for p in SCENARIOS.glob("*.yaml"))
    assert set(rows[0]) == {"id", "title", "client", "minutes", "path"}
    plain = rapport("list")
    assert plain.returncode == 0 and len(plain.stdout.splitlines()) == len(rows)
