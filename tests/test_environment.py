"""environment.yml (used by Binder) must install what pyproject.toml declares."""

import re
import tomllib

import yaml
from toc import ROOT

BINDER_EXTRAS = ("book", "test")


def _name(requirement):
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in BINDER_EXTRAS:
        requirements += project["optional-dependencies"][extra]
    return {_name(requirement): requirement.replace(" ", "") for requirement in requirements}


def _environment_requirements():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(
        entry["pip"] for entry in environment["dependencies"] if isinstance(entry, dict)
    )
    return {_name(requirement): requirement.replace(" ", "") for requirement in pip_section}


def test_environment_matches_pyproject():
    declared = _pyproject_requirements()
    binder = _environment_requirements()
    assert binder == declared, (
        "environment.yml and pyproject.toml disagree; "
        f"only in pyproject.toml: {sorted(set(declared.items()) - set(binder.items()))}, "
        f"only in environment.yml: {sorted(set(binder.items()) - set(declared.items()))}"
    )


def test_environment_python_matches_pyproject():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in environment["dependencies"]


def test_postbuild_installs_plastlib():
    post_build = (ROOT / "postBuild").read_text()
    assert "pip install --no-deps -e ." in post_build
