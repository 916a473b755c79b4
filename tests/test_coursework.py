"""Checks on the chapters as coursework (sources only, no execution).

Every chapter must have a precomputed explorer that works on the static page and an
ipywidgets explorer, and must end with a reproducibility note. It links to the glossary and
to another chapter and has index entries. Every coding exercise (an exercise whose solution
contains code) names a check in ``plastlib.exercises``, which its solution calls.
"""

import ast
import importlib
import json
import re

import pytest
from student_edition import split_solutions
from toc import ROOT, toc_notebooks

CHAPTERS = toc_notebooks()
GLOSSARY = ROOT / "book" / "glossary.md"


def _cells(path):
    return json.loads(path.read_text())["cells"]


def _source(cell):
    return "".join(cell["source"])


def _markdown(path):
    return "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")


def _code(path):
    return "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "code")


def _glossary_terms():
    text = GLOSSARY.read_text()
    block = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return [line.strip() for line in block.splitlines() if line and not line.startswith(" ")]


def _term_targets(text):
    targets = []
    for body in re.findall(r"\{term\}`([^`]+)`", text):
        match = re.search(r"<([^>]+)>\s*$", body)
        targets.append((match.group(1) if match else body).strip())
    return targets


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_static_and_live_explorers(path):
    code = _code(path)
    assert "precomputed_explorer(" in code, f"{path.name}: no precomputed explorer"
    call = code[code.index("precomputed_explorer("):]
    call = call[:call.find("\n\n") if "\n\n" in call else len(call)]
    for argument in ("alt=", "caption=", "labels="):
        assert argument in call, f"{path.name}: the precomputed explorer needs {argument}..."
    assert re.search(r"\binteract(ive)?\(", code), f"{path.name}: no ipywidgets explorer"
    # nbclient can block for its whole cell timeout on a cell that creates widgets
    # (jupyter/nbclient#312), so the book build does not execute them; nbval does.
    for cell in _cells(path):
        source = _source(cell)
        if cell["cell_type"] == "code" and re.search(r"\binteract(ive)?\(", source):
            tags = cell.get("metadata", {}).get("tags", [])
            assert "skip-execution" in tags, (
                f"{path.name}: tag the ipywidgets cell skip-execution: {source[:60]!r}")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_ends_with_reproducibility_note(path):
    cells = _cells(path)
    code_cells = [c for c in cells if c["cell_type"] == "code"]
    assert "ChapterRecord(" in _source(code_cells[0]), (
        f"{path.name}: the first code cell must start the ChapterRecord clock")
    last = cells[-1]
    assert last["cell_type"] == "code", f"{path.name}: the last cell must be a code cell"
    assert "record.note(" in _source(last), (
        f"{path.name}: the last cell must display record.note(...)")
    # every seed constant of the chapter is reported
    seeds = set(re.findall(r"^([A-Z_]*SEEDS?[A-Z_]*)\s*=", _code(path), flags=re.MULTILINE))
    note_call = ast.parse(_source(last))
    reported = {kw.arg for node in ast.walk(note_call) if isinstance(node, ast.Call)
                for kw in node.keywords}
    missing = seeds - reported
    assert not missing, f"{path.name}: seeds missing from the reproducibility note: {missing}"


def test_glossary_terms_linked_from_chapters():
    terms = _glossary_terms()
    assert len(terms) >= 30
    linked = set()
    for path in CHAPTERS:
        targets = _term_targets(_markdown(path))
        unknown = [t for t in targets if t not in terms]
        assert not unknown, f"{path.name}: {{term}} targets not in the glossary: {unknown}"
        assert len(set(targets)) >= 3, f"{path.name} links fewer than 3 glossary terms"
        linked.update(targets)
    unlinked = sorted(set(terms) - linked)
    assert not unlinked, f"glossary terms that no chapter links to: {unlinked}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_index_entries_and_cross_references(path):
    text = _markdown(path)
    entries = re.findall(r"\{index\}`[^`]+`", text) + re.findall(r"```\{index\}", text)
    assert len(entries) >= 3, f"{path.name}: fewer than 3 index entries"
    others = {p.stem for p in CHAPTERS} - {path.stem}
    documents = set(re.findall(r"\{doc\}`(?:[^`<]*<)?([\w/.]+)>?`", text))
    for document in documents:
        assert (path.parent / f"{document}.ipynb").is_file() or \
               (path.parent / f"{document}.md").is_file(), f"{path.name}: no document {document}"
    labels_elsewhere = set()
    for other in CHAPTERS:
        if other != path:
            labels_elsewhere.update(re.findall(r"\(([\w-]+)\)=|:label: *(\S+)", _markdown(other)))
    labels_elsewhere = {a or b for a, b in labels_elsewhere}
    references = set(re.findall(r"\{(?:ref|numref|eq)\}`(?:[^`<]*<)?([\w-]+)>?`", text))
    assert documents & others or references & labels_elsewhere, (
        f"{path.name} does not link to any other chapter")


def _coding_exercises(path):
    """Yield (label, exercise text, solution code) of exercises whose solution has code."""
    cells = _cells(path)
    markdown = "\n".join(_source(c) for c in cells if c["cell_type"] == "markdown")
    exercise_text = dict(re.findall(
        r"\{exercise\}[^\n]*\n:label: *(\S+)\n(.*?)\n`{3,}\s*$", markdown,
        flags=re.DOTALL | re.MULTILINE))
    _, pieces = split_solutions(cells)
    code = {}
    for piece in pieces:
        if piece["kind"] == "code":
            code.setdefault(piece["label"], []).append(piece["text"])
    for label, texts in code.items():
        yield label, exercise_text.get(label, ""), "\n".join(texts)


CODING = [(path, label, text, code) for path in CHAPTERS
          for label, text, code in _coding_exercises(path)]


def test_there_are_coding_exercises():
    assert len(CODING) >= 15


@pytest.mark.parametrize("path, label, text, code", CODING,
                         ids=[f"{p.stem}-{label}" for p, label, _, _ in CODING])
def test_coding_exercise_has_a_check(path, label, text, code):
    named = re.findall(rf"plastlib\.exercises\.{path.stem}\.(check_\w+)", text)
    assert named, (f"{path.name}: exercise {label} must name its check "
                   f"plastlib.exercises.{path.stem}.check_...")
    module = importlib.import_module(f"plastlib.exercises.{path.stem}")
    for name in named:
        assert callable(getattr(module, name, None)), f"plastlib.exercises.{path.stem}.{name} missing"
    first_code = next(_source(c) for c in _cells(path) if c["cell_type"] == "code")
    assert f"import plastlib.exercises.{path.stem}" in first_code, (
        f"{path.name}: the first code cell must import plastlib.exercises.{path.stem}, so that "
        "the name the exercise prints works in the student edition")
    called = set(re.findall(r"\b(check_\w+)\(", code))
    assert called & set(named), f"{path.name}: the solution of {label} does not call {named}"
