"""The student edition: every exercise kept, no solution text or code anywhere in it.

Solutions are fingerprinted as runs of eight consecutive words (lower case, two letters or
more) that occur inside a solution and nowhere else in the book's sources. Every file of the
student edition that a student can read is searched for them: the HTML pages, the notebooks
offered for download (``_sources``), the executed notebooks, and the source folder that is
handed out and published for Binder. The copy of plastlib in that folder is not searched:
the exercise checks in ``plastlib.exercises`` compute reference answers by design. The same search on the full book must find the
solutions, which shows that the fingerprints work.
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from student_edition import split_solutions, strip_markdown_file, strip_notebook
from toc import ROOT, toc_files

STUDENT = ROOT / "_build" / "student"
WINDOW = 8


def _words(text):
    return re.findall(r"[a-z]{2,}", text.lower())


def _windows(text):
    words = _words(text)
    return {" ".join(words[i:i + WINDOW]) for i in range(len(words) - WINDOW + 1)}


def _sources():
    """Return (removed solution pieces by file, text of everything outside solutions)."""
    removed, outside = {}, []
    for path in toc_files():
        if path.suffix == ".ipynb":
            notebook, pieces = strip_notebook(path)
            outside += ["".join(c["source"]) for c in notebook["cells"]]
        else:
            text, pieces = strip_markdown_file(path)
            outside.append(text)
        removed[path.name] = pieces
    return removed, "\n".join(outside)


def _solution_fingerprints():
    """Return {solution label: set of word windows unique to that solution}."""
    removed, outside = _sources()
    common = _windows(outside)
    fingerprints = {}
    for pieces in removed.values():
        by_label = {}
        for piece in pieces:
            by_label.setdefault(piece["label"], []).append(piece["text"])
        for label, texts in by_label.items():
            fingerprints[label] = _windows("\n".join(texts)) - common
    return fingerprints


def _readable_text(path):
    if path.suffix == ".html":
        return BeautifulSoup(path.read_text(errors="replace"), "html.parser").get_text(" ")
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text())
        parts = []
        for cell in notebook["cells"]:
            parts.append("".join(cell["source"]))
            for output in cell.get("outputs", []):
                parts.append(json.dumps(output.get("data", {})) + "".join(output.get("text", "")))
        return "\n".join(parts)
    return path.read_text(errors="replace")


def _leaks(folder, fingerprints):
    """Return {file: labels of solutions found in it} for readable files under ``folder``."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".html", ".ipynb", ".md", ".txt", ".py") or not path.is_file():
            continue
        if ".jupyter_cache" in path.parts or ".doctrees" in path.parts:
            continue  # build caches are not published
        if "plastlib" in path.relative_to(folder).parts:
            # The library itself: its exercise checks must compute a reference answer.
            continue
        windows = _windows(_readable_text(path))
        labels = sorted(label for label, prints in fingerprints.items() if prints & windows)
        if labels:
            found[str(path.relative_to(folder))] = labels
    return found


def _exercise_labels(cells):
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return re.findall(r"\{exercise\}[^\n]*\n:label: *(\S+)", text)


def test_every_exercise_has_a_solution():
    for path in toc_files():
        if path.suffix != ".ipynb":
            continue
        cells = json.loads(path.read_text())["cells"]
        exercises = _exercise_labels(cells)
        _, pieces = split_solutions(cells)
        solved = {piece["label"] for piece in pieces}
        assert exercises, f"{path.name} has no exercises"
        missing = [label for label in exercises if label not in solved]
        assert not missing, f"{path.name}: exercises without a solution: {missing}"
        unknown = solved - set(exercises)
        assert not unknown, f"{path.name}: solutions of unknown exercises: {unknown}"


def test_every_solution_can_be_fingerprinted():
    fingerprints = _solution_fingerprints()
    assert len(fingerprints) >= 30
    too_short = [label for label, prints in fingerprints.items() if len(prints) < 3]
    assert not too_short, f"solutions too short to detect a leak: {too_short}"


@pytest.fixture(scope="module")
def student_book():
    from student_edition import build

    status = build(STUDENT, binder_branch="student", strict=True)
    assert status == 0, "the strict student edition build failed; see the messages above"
    return STUDENT


@pytest.mark.build
def test_leak_detector_finds_solutions_in_full_book(built_book):
    fingerprints = _solution_fingerprints()
    found = set()
    for labels in _leaks(built_book / "book", fingerprints).values():
        found.update(labels)
    missed = sorted(set(fingerprints) - found)
    assert len(missed) <= len(fingerprints) // 10, (
        f"the detector does not see these solutions in the full book: {missed}")


@pytest.mark.build
def test_student_edition_has_no_solution(student_book):
    fingerprints = _solution_fingerprints()
    for folder in (student_book / "_build" / "html", student_book / "_build" / "jupyter_execute",
                   student_book / "source"):
        assert folder.is_dir(), f"missing {folder}"
        leaks = _leaks(folder, fingerprints)
        assert not leaks, f"solution text in the student edition under {folder}: {leaks}"
    for page in (student_book / "_build" / "html").rglob("*.html"):
        html = page.read_text()
        assert "Solution to" not in html, f"{page.name} contains a solution title"
        assert 'class="solution' not in html, f"{page.name} contains a solution block"
    for notebook in (student_book / "source").rglob("*.ipynb"):
        text = notebook.read_text()
        assert "{solution" not in text, f"{notebook.name} contains solution markup"
    preface = (student_book / "source" / "book" / "preface.md").read_text()
    assert "full edition only" not in preface
    assert "% student edition" not in preface
    assert "this edition of the book has" in preface


@pytest.mark.build
def test_student_edition_keeps_every_exercise(student_book):
    html = student_book / "_build" / "html"
    for path in toc_files():
        if path.suffix != ".ipynb":
            continue
        text = path.read_text()
        exercises = _exercise_labels(json.loads(text)["cells"])
        assert exercises
        page = (html / path.relative_to(ROOT).with_suffix(".html")).read_text()
        for label in exercises:
            assert f'id="{label}"' in page, f"exercise {label} missing from the student edition"
        page_text = BeautifulSoup(page, "html.parser").get_text(" ")
        for check in re.findall(r"plastlib\.exercises\.\w+\.check_\w+", text):
            assert check in page_text, f"{path.name}: the student page does not name {check}"


@pytest.mark.build
def test_student_binder_button_opens_student_branch(student_book, built_book):
    chapter = next(p for p in toc_files() if p.suffix == ".ipynb")
    relative = chapter.relative_to(ROOT).with_suffix(".html")
    student_page = (student_book / "_build" / "html" / relative).read_text()
    full_page = (built_book / relative).read_text()
    binder = re.compile(r"mybinder\.org/v2/gh/[^\"']+?/(\w+)\?")
    assert set(binder.findall(student_page)) == {"student"}
    assert "student" not in set(binder.findall(full_page))
    # The repository button would lead from the student pages to the full book.
    assert "btn-source-repository-button" in full_page
    assert "btn-source-repository-button" not in student_page
