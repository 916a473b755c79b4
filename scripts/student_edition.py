"""Build the student edition: the same book with every solution removed.

The solutions of the book are written with sphinx-exercise in two forms:

- a ``{solution}`` directive inside a Markdown cell (text and maths only);
- a ``{solution-start}`` ... ``{solution-end}`` pair, which may enclose code
  cells and Markdown cells.

This script copies the book's sources to ``OUTPUT/source`` with both forms cut
out (exercises stay), then builds that copy into ``OUTPUT/_build/html`` with
every chapter executed, so the remaining cells are checked to run without the
solution code. ``OUTPUT/source`` is a complete repository with plastlib, the
environment files and the stripped chapters. An instructor hands out
``OUTPUT/source/book/*.ipynb``. Published on a branch of its own
(``--binder-branch``, default ``student``), the folder also lets the Binder
button of the student pages open notebooks without solutions.

Usage: ``python scripts/student_edition.py [--output DIR] [--binder-branch NAME]
[--repository-url URL] [--strict] [--no-build]``
"""

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_book import invalidate_stale_caches, run_jupyter_book  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "_build" / "student"
# Repository files that the student copy needs to build and to run on Binder.
COPIED = ("_toc.yml", "pyproject.toml", "environment.yml", "postBuild", "start", "LICENSE",
          "plastlib", "book", "scripts")
# Instructor and test tools that the student copy leaves out.
NOT_COPIED = ("student_edition.py", "build_student.sh", "test.sh")
# MyST comment lines that mark text for one edition only. Text between the two
# FULL_ONLY lines is cut from the student edition. A STUDENT_ONLY line is a
# comment in the full edition and becomes plain text in the student edition.
FULL_ONLY_BEGIN = "% full edition only: begin"
FULL_ONLY_END = "% full edition only: end"
STUDENT_ONLY = "% student edition: "
FENCE = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})\s*\{(?P<name>[a-z-]+)\}(?P<rest>.*)$")


class SolutionMarkupError(ValueError):
    """Invalid solution or edition markup: a block that is not closed, or an end without a start."""


def _closes(line, fence):
    stripped = line.strip()
    return (stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence))


def split_solutions(cells):
    """Split notebook cells into the student cells and the removed solution parts.

    Parameters
    ----------
    cells : list of dict
        Notebook cells (nbformat 4 JSON).

    Returns
    -------
    kept : list of dict
        The cells without any solution; Markdown cells that only held a solution are dropped.
    removed : list of dict
        ``{"label": str, "kind": "markdown" | "code", "text": str}`` for each removed piece.
    """
    kept, removed = [], []
    inside_gated = None  # label of the open solution-start, if any
    for cell in cells:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] != "markdown":
            if inside_gated is not None:
                removed.append({"label": inside_gated, "kind": cell["cell_type"], "text": source})
            else:
                kept.append(cell)
            continue
        out_lines = []
        lines = source.split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            match = FENCE.match(line)
            if inside_gated is not None:
                if match and match["name"] == "solution-end":
                    # skip the fence of solution-end up to its closing line
                    i += 1
                    while i < len(lines) and not _closes(lines[i], match["fence"]):
                        i += 1
                    inside_gated = None
                else:
                    removed.append({"label": inside_gated, "kind": "markdown", "text": line})
                i += 1
                continue
            if match and match["name"] == "solution-end":
                raise SolutionMarkupError(f"solution-end without solution-start: {line!r}")
            if match and match["name"] in ("solution", "solution-start"):
                label = match["rest"].strip()
                body = []
                i += 1
                while i < len(lines) and not _closes(lines[i], match["fence"]):
                    body.append(lines[i])
                    i += 1
                if i == len(lines):
                    raise SolutionMarkupError(f"solution {label!r} is not closed")
                i += 1
                if match["name"] == "solution":
                    removed.append({"label": label, "kind": "markdown", "text": "\n".join(body)})
                else:
                    inside_gated = label
                continue
            out_lines.append(line)
            i += 1
        text = "\n".join(out_lines).strip("\n")
        if text.strip():
            new_cell = dict(cell)
            new_cell["source"] = text
            kept.append(new_cell)
    if inside_gated is not None:
        raise SolutionMarkupError(f"solution-start {inside_gated!r} has no solution-end")
    return kept, removed


def apply_edition_markers(text):
    """Return Markdown ``text`` as the student edition reads it (see FULL_ONLY_BEGIN)."""
    lines, skipping = [], False
    for line in text.split("\n"):
        if line.strip() == FULL_ONLY_BEGIN:
            skipping = True
        elif line.strip() == FULL_ONLY_END:
            if not skipping:
                raise SolutionMarkupError(f"{FULL_ONLY_END!r} without {FULL_ONLY_BEGIN!r}")
            skipping = False
        elif not skipping:
            lines.append(line[len(STUDENT_ONLY):] if line.startswith(STUDENT_ONLY) else line)
    if skipping:
        raise SolutionMarkupError(f"{FULL_ONLY_BEGIN!r} is not closed")
    return "\n".join(lines)


def strip_notebook(path):
    """Return (student notebook JSON, removed pieces) for the notebook at ``path``."""
    notebook = json.loads(Path(path).read_text())
    kept, removed = split_solutions(notebook["cells"])
    for cell in kept:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        else:
            cell["source"] = apply_edition_markers("".join(cell["source"]))
    notebook["cells"] = kept
    return notebook, removed


def strip_markdown_file(path):
    """Return (student Markdown text, removed pieces) for a MyST Markdown file."""
    kept, removed = split_solutions([{"cell_type": "markdown",
                                      "source": Path(path).read_text()}])
    text = apply_edition_markers("".join(cell["source"] for cell in kept))
    return text + "\n", removed


def write_source(output, binder_branch, repository_url=None):
    """Copy the book to ``output/source`` without solutions; return the removed pieces.

    ``repository_url`` is the repository where the student copy is published. Without it,
    the launch buttons use the book's repository with ``binder_branch``, and the
    repository button, which would lead to the full book, is removed.
    """
    source = output / "source"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", *NOT_COPIED)
    for name in COPIED:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=ignore)
        else:
            shutil.copy2(origin, source / name)
    removed = {}
    for path in sorted((source / "book").rglob("*")):
        if path.suffix == ".ipynb":
            notebook, pieces = strip_notebook(path)
            path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
        elif path.suffix == ".md":
            text, pieces = strip_markdown_file(path)
            path.write_text(text)
        else:
            continue
        if pieces:
            removed[path.relative_to(source).as_posix()] = pieces

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["title"] = f"{config['title']} (student edition)"
    config.setdefault("repository", {})["branch"] = binder_branch
    if repository_url:
        config["repository"]["url"] = repository_url
    else:
        config.setdefault("html", {})["use_repository_button"] = False
    (source / "_config.yml").write_text(
        "# Generated by scripts/student_edition.py from the book's _config.yml.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    (source / "README.md").write_text(
        "# Synaptic plasticity: student edition\n\n"
        "The chapters of the book with their exercises and without solutions. The notebooks\n"
        "are in `book/`. Each coding exercise names a check from `plastlib.exercises` that you\n"
        "can run on your answer, offline.\n\n"
        "With Python 3.11 or newer:\n\n"
        "```bash\n"
        "bash scripts/build_book.sh     # creates .venv, installs plastlib, builds _build/html\n"
        "source .venv/bin/activate\n"
        "jupyter lab book/\n"
        "```\n\n"
        "or, without building the HTML book, `pip install -e '.[book]'` and `jupyter lab book/`.\n")
    return removed


def build(output=DEFAULT_OUTPUT, binder_branch="student", strict=False, run_build=True,
          repository_url=None):
    """Write the student sources and build their HTML; return the exit status."""
    output = Path(output).resolve()
    removed = write_source(output, binder_branch, repository_url)
    n_pieces = sum(len(v) for v in removed.values())
    print(f"Student sources in {output / 'source'}: {n_pieces} solution pieces removed "
          f"from {len(removed)} files")
    if not run_build:
        return 0
    # Results executed with an older plastlib must not be reused (see build_book.py).
    invalidate_stale_caches(output, cold=False)
    status = run_jupyter_book(output / "source", output, strict, label="Student edition")
    if status == 0:
        print(f"Open {output / '_build' / 'html' / 'index.html'}; the notebooks to hand out "
              f"are in {output / 'source' / 'book'}")
    return status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT),
                        help="folder for the student sources and build (default: _build/student)")
    parser.add_argument("--binder-branch", default="student",
                        help="branch the Binder button of the student pages opens "
                             "(default: student)")
    parser.add_argument("--repository-url", default=None,
                        help="public address of the repository that holds the student copy "
                             "(default: the book's repository, without its repository button)")
    parser.add_argument("--strict", action="store_true", help="fail on any Sphinx warning")
    parser.add_argument("--no-build", action="store_true",
                        help="only write the student sources, do not build HTML")
    args = parser.parse_args()
    sys.exit(build(args.output, args.binder_branch, args.strict, not args.no_build,
                   args.repository_url))


if __name__ == "__main__":
    main()
