"""Build the print edition (``scripts/build_book.py --pdf``) and check the PDF.

Runs with ``-m build``. The PDF build executes every chapter in a folder of its
own (``_build/print``), apart from the HTML build.

The tests check that the LaTeX log has no error and no glyph missing from the
fonts, and that every chapter of ``_toc.yml`` is in the PDF, in the order of the
table of contents. Every figure must have content and be vector or at least
200 dpi, sampled pages must not be blank, and no raw widget, object or LaTeX
source text may be printed. They need XeLaTeX and poppler-utils from Debian (see
README.md) and are skipped, with that reason, without them.
"""

import json
import re
import shutil
import subprocess
import unicodedata

import matplotlib.image
import numpy as np
import pytest
from build_book import build, pdf_path
from toc import ROOT, toc_files

PDF = pdf_path(ROOT)
LATEX = PDF.parent
TOOLS = ("xelatex", "latexmk", "pdftotext", "pdftoppm", "pdfimages")
MISSING_TOOLS = [tool for tool in TOOLS if shutil.which(tool) is None]

# Print resolution for raster figures. Matplotlib figures are embedded as vector PDF.
MIN_RASTER_PPI = 200
# Fractions of non-white pixels (pdftoppm at 40 dpi) below which a rendered page or
# figure counts as blank. Measured on this book: ten sampled pages of text ink 5 to
# 15 %, its 51 figures 4.8 to 56 %, an empty matplotlib axes with ticks 2.0 %, and a
# blank page 0 %.
MIN_PAGE_INK = 0.005
MIN_FIGURE_INK = 0.025
# Text that only appears when an output was printed as its plain-text repr
# instead of being rendered: widgets, IPython display objects, figures, sympy LaTeX.
RAW_OUTPUT_PATTERNS = {
    "ipywidgets repr": re.compile(r"interactive\(children=|\b(?:VBox|HBox|Output)\(children="),
    "IPython display object": re.compile(r"<IPython\.core\.display\.\w+ object>"),
    "matplotlib figure repr": re.compile(r"<Figure size \d+x\d+ with \d+ Axes>"),
    "Python object repr": re.compile(r"<[\w.]+ (?:object )?at 0x[0-9a-f]+>"),
    "untypeset LaTeX from sympy": re.compile(r"\$\\displaystyle"),
    "traceback": re.compile(r"Traceback \(most recent call last\)"),
}

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(
        bool(MISSING_TOOLS),
        reason=f"{', '.join(MISSING_TOOLS)} not installed (TeX and poppler-utils: see README.md)",
    ),
]


@pytest.fixture(scope="module")
def built_pdf():
    status = build(ROOT, strict=True, builder="pdflatex")
    assert status == 0, "the PDF build failed; see the Sphinx and LaTeX messages above"
    assert PDF.is_file(), f"the build succeeded but wrote no {PDF}"
    return PDF


@pytest.fixture(scope="module")
def pdf_pages(built_pdf):
    """Return the text of every page, extracted by pdftotext (pages split at form feeds)."""
    text = subprocess.run(["pdftotext", "-layout", str(built_pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")


def _normalise(text):
    """Lower-case ``text`` and keep only letters and digits, so line breaks do not matter."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^0-9a-z]", "", text)


def _title(path):
    """Return the text of the first level-1 heading of a markdown file or notebook."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text())["cells"]
        lines = [line for cell in cells if cell["cell_type"] == "markdown"
                 for line in "".join(cell["source"]).splitlines()]
    else:
        lines = path.read_text().splitlines()
    for line in lines:
        if line.startswith("# "):
            return re.sub(r"[`*_]", "", line[2:]).strip()
    raise AssertionError(f"{path.relative_to(ROOT)} has no level-1 heading")


def _front_matter_pages(pages):
    """Return the pages numbered in roman numerals: the table of contents and its blank verso.

    ``pdftotext -layout`` prints the footer as the last line of each page, and
    the title page has no number.
    """
    roman = re.compile(r"^[ivxl]+$")
    numbered = []
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        numbered.append(bool(lines) and bool(roman.match(lines[-1])))
    first = numbered.index(True)
    last = len(numbered) - 1 - numbered[::-1].index(True)
    return pages[first:last + 1]


def _body_pages(pages):
    """Return the pages after the table of contents."""
    front = _front_matter_pages(pages)
    return pages[pages.index(front[-1]) + 1:]


def _ink_fraction(png_path):
    image = matplotlib.image.imread(str(png_path))
    grey = image[..., :3].mean(axis=2) if image.ndim == 3 else image
    return float((grey < 0.9).mean())


def test_latex_log_clean(built_pdf):
    log = (LATEX / "book.log").read_text(errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("! ")]
    assert not errors, f"LaTeX errors in {LATEX / 'book.log'}: {errors[:5]}"
    missing = sorted(set(re.findall(r"Missing character: There is no (.+?) in font", log)))
    assert not missing, f"glyphs missing from the fonts, printed as blanks: {missing}"
    undefined = re.findall(r"LaTeX Warning: (?:Reference|Citation) `([^']+)' .*undefined", log)
    assert not undefined, f"undefined references or citations in the PDF: {undefined}"


def test_every_toc_chapter_in_contents(pdf_pages):
    assert _normalise(_title(toc_files()[0])) in _normalise(pdf_pages[0]), (
        "the title page does not show the title of the root page"
    )
    contents = _normalise("".join(_front_matter_pages(pdf_pages)))
    position = -1
    for path in toc_files()[1:]:
        found = contents.find(_normalise(_title(path)), position + 1)
        assert found >= 0, (
            f"{path.name} ({_title(path)!r}) is missing from the table of contents, "
            "or is out of the order of _toc.yml"
        )
        position = found


def test_every_toc_chapter_in_body(pdf_pages):
    body = _normalise("".join(_body_pages(pdf_pages)))
    for path in toc_files()[1:]:
        assert _normalise(_title(path)) in body, f"{path.name} has no heading in the PDF body"


def test_chapters_numbered(pdf_pages):
    contents = "\n".join(_front_matter_pages(pdf_pages))
    numbers = [int(number) for number in
               re.findall(r"^\s*(\d+)\s+[A-Z]", contents, flags=re.MULTILINE)]
    notebooks = [path for path in toc_files() if path.suffix == ".ipynb"]
    assert numbers == list(range(1, len(numbers) + 1)), (
        f"chapter numbers in the table of contents are not 1, 2, ...: {numbers}"
    )
    assert len(numbers) >= len(notebooks), (
        f"{len(numbers)} numbered chapters in the table of contents, but {len(notebooks)} "
        "notebooks in _toc.yml"
    )
    sections = re.findall(r"^\s*\d+\.\d+\s+\S", contents, flags=re.MULTILINE)
    assert len(sections) >= len(notebooks), "the table of contents lists too few numbered sections"


def test_no_raw_output_text(pdf_pages):
    text = "\n".join(pdf_pages)
    for what, pattern in RAW_OUTPUT_PATTERNS.items():
        found = pattern.findall(text)
        assert not found, f"{what} printed as text in the PDF: {found[:3]}"


def _count_directives(pattern):
    """Count the lines of markdown in the toc's pages that open a directive matching ``pattern``."""
    opening = re.compile(r"^(?:`{3,}|:{3,})\{" + pattern + r"\}", flags=re.MULTILINE)
    count = 0
    for path in toc_files():
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text())["cells"]
            text = "\n".join("".join(cell["source"]) for cell in cells
                             if cell["cell_type"] == "markdown")
        else:
            text = path.read_text()
        count += len(opening.findall(text))
    return count


def test_exercises_and_solutions_printed(pdf_pages):
    text = "\n".join(_body_pages(pdf_pages))
    # sphinx-exercise titles each box "Exercise 3.2 (title)" or "Solution to Exercise 3.2 (title)",
    # and the LaTeX builder prints every solution, dropdown or not.
    exercises = re.findall(r"^\s*Exercise \d+\.\d+(?: \(.*\))?\s*$", text, flags=re.MULTILINE)
    solutions = re.findall(r"^\s*Solution to Exercise \d+\.\d+", text, flags=re.MULTILINE)
    expected_exercises = _count_directives("exercise")
    expected_solutions = _count_directives("solution(?:-start)?")
    assert len(exercises) == expected_exercises, (
        f"{len(exercises)} exercises in the PDF, {expected_exercises} in the sources"
    )
    assert len(solutions) == expected_solutions, (
        f"{len(solutions)} solutions in the PDF, {expected_solutions} in the sources"
    )


def test_reference_list_in_bibliography_chapter(built_pdf):
    tex = (LATEX / "book.tex").read_text()
    pages = [path for path in toc_files() if "{bibliography}" in path.read_text()]
    assert pages, "no page of _toc.yml holds the {bibliography} directive"
    for path in pages:
        docname = path.relative_to(ROOT).with_suffix("").as_posix()
        start = tex.find(f"\\label{{\\detokenize{{{docname}::doc}}}}")
        assert start >= 0, f"{path.name} is missing from book.tex"
        references = tex.find("\\begin{sphinxthebibliography}", start)
        next_chapter = tex.find("\\chapter{", start)
        assert references >= 0, "book.tex has no reference list after the bibliography page"
        assert next_chapter < 0 or references < next_chapter, (
            f"the reference list is printed after the chapter that follows {path.name}"
        )


@pytest.fixture(scope="module")
def included_figures(built_pdf):
    """Return the image files that book.tex includes, in the order they are printed."""
    tex = (LATEX / "book.tex").read_text()
    # Sphinx writes \sphinxincludegraphics[options]{{stem}.suffix}.
    names = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{([^}]+)\}(\.\w+)\}", tex)
    return [LATEX / f"{stem}{suffix}" for stem, suffix in names]


def test_figures_included(included_figures):
    assert included_figures, "book.tex includes no figures at all"
    for figure in included_figures:
        assert figure.is_file(), f"figure {figure.name} included by book.tex is missing"


def test_raster_figures_print_resolution(built_pdf, included_figures):
    """Check that PNG and JPEG figures print at MIN_RASTER_PPI or more (PDF figures are vector)."""
    listing = subprocess.run(["pdfimages", "-list", str(built_pdf)], check=True,
                             capture_output=True, text=True).stdout.splitlines()[2:]
    # Columns: page num type width height color comp bpc enc interp object ID x-ppi y-ppi ...
    printed = {}
    for row in listing:
        fields = row.split()
        size = (int(fields[3]), int(fields[4]))
        printed.setdefault(size, []).append((int(fields[0]), int(fields[12]), int(fields[13])))
    for figure in included_figures:
        if figure.suffix.lower() == ".pdf":
            continue
        height, width = matplotlib.image.imread(str(figure)).shape[:2]
        assert (width, height) in printed, f"raster figure {figure.name} not found in the PDF"
        for page, x_ppi, y_ppi in printed[(width, height)]:
            assert min(x_ppi, y_ppi) >= MIN_RASTER_PPI, (
                f"figure {figure.name} on page {page} is printed at {x_ppi}x{y_ppi} ppi, "
                f"below {MIN_RASTER_PPI}"
            )


def test_every_figure_has_content(included_figures, tmp_path):
    for figure in included_figures:
        if figure.suffix.lower() == ".pdf":
            subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(figure),
                            str(tmp_path / "figure")], check=True)
            rendered = tmp_path / "figure.png"
        else:
            rendered = figure
        ink = _ink_fraction(rendered)
        assert ink > MIN_FIGURE_INK, (
            f"figure {figure.name} is blank or empty axes ({ink:.2%} of pixels inked)"
        )


def test_sampled_pages_not_blank(built_pdf, pdf_pages, tmp_path):
    """Render the title page, the first contents page and figure pages, and check for ink."""
    # A caption reads "Fig. 3.2: ...", but a reference in the text has no colon.
    figure_pages = [number for number, page in enumerate(pdf_pages, start=1)
                    if re.search(r"Fig\. \d+\.\d+: ", page)]
    assert figure_pages, "no page carries a figure caption (Fig. N.M: ...)"
    first_contents = pdf_pages.index(_front_matter_pages(pdf_pages)[0]) + 1
    every = max(1, len(figure_pages) // 8)
    sampled = sorted({1, first_contents, *figure_pages[::every]})
    for number in sampled:
        prefix = tmp_path / f"page-{number}"
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", "-f", str(number),
                        "-l", str(number), str(built_pdf), str(prefix)], check=True)
        ink = _ink_fraction(prefix.with_suffix(".png"))
        assert ink > MIN_PAGE_INK, f"page {number} renders blank ({ink:.2%} of pixels inked)"
