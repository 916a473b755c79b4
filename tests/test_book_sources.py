"""Checks on the book's sources: table of contents, stored outputs, bibliography."""

import json
import re
from pathlib import Path

import pytest
from toc import ROOT, toc_files, toc_notebooks

BOOK = ROOT / "book"


def _book_notebooks():
    return sorted(path for path in BOOK.rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts)


def test_toc_files_exist():
    for path in toc_files():
        assert path.is_file(), f"_toc.yml lists {path}, which does not exist"


def test_every_notebook_in_toc():
    listed = set(toc_notebooks())
    missing = [str(path.relative_to(ROOT)) for path in _book_notebooks() if path not in listed]
    assert not missing, f"notebooks under book/ missing from _toc.yml: {missing}"


@pytest.mark.parametrize("path", _book_notebooks(), ids=lambda path: path.name)
def test_notebook_committed_without_outputs(path):
    notebook = json.loads(path.read_text())
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        assert cell.get("outputs", []) == [], (
            f"{path.name} cell {index} has stored outputs; run scripts/strip_outputs.py"
        )
        assert cell.get("execution_count") is None, (
            f"{path.name} cell {index} has an execution count; run scripts/strip_outputs.py"
        )


@pytest.mark.parametrize("path", _book_notebooks(), ids=lambda path: path.name)
def test_notebook_uses_python3_kernel(path):
    notebook = json.loads(path.read_text())
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


def _bib_keys():
    text = (BOOK / "references.bib").read_text()
    return re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.MULTILINE)


def test_bibliography_keys_unique():
    keys = _bib_keys()
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, f"duplicate keys in book/references.bib: {duplicates}"


def test_cited_keys_exist():
    keys = set(_bib_keys())
    cite = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")
    missing = {}
    for path in toc_files():
        text = path.read_text()
        for group in cite.findall(text):
            for key in group.split(","):
                key = key.strip()
                if key and key not in keys:
                    missing.setdefault(path.name, []).append(key)
    assert not missing, f"citations without an entry in book/references.bib: {missing}"


def test_every_plastlib_module_in_api_reference():
    documented = set(re.findall(r"automodule:: (plastlib[\w.]*)", (BOOK / "api.md").read_text()))
    package = ROOT / "plastlib"
    modules = {"plastlib." + ".".join(path.relative_to(package).with_suffix("").parts)
               for path in package.rglob("*.py") if not path.name.startswith("_")}
    modules |= {"plastlib.exercises"}
    missing = sorted(modules - documented)
    assert not missing, f"modules missing from book/api.md: {missing}"
