"""Build the whole HTML book with warnings as errors, then check the pages.

This is the slowest test (every chapter is executed), so ``scripts/test.sh``
runs it last, on its own, with ``-m build``.
"""

import re

import pytest
from toc import ROOT, toc_files

HTML = ROOT / "_build" / "html"


def _page(path):
    return HTML / path.relative_to(ROOT).with_suffix(".html")


@pytest.mark.build
def test_every_toc_page_built(built_book):
    assert (built_book / "index.html").is_file()
    for path in toc_files():
        assert _page(path).is_file(), f"no HTML page for {path.relative_to(ROOT)}"


@pytest.mark.build
def test_mathjax_served_locally(built_book):
    assert (built_book / "_static" / "mathjax" / "tex-mml-chtml.js").is_file()
    pages_with_math = 0
    for path in toc_files():
        html = _page(path).read_text()
        if 'class="math' not in html:
            continue  # Sphinx adds MathJax only to pages that contain math
        pages_with_math += 1
        assert "_static/mathjax/tex-mml-chtml.js" in html, f"{path.name} does not load local MathJax"
    assert pages_with_math >= len(toc_files()) // 2, "most chapters should contain typeset math"


@pytest.mark.build
def test_no_remote_scripts(built_book):
    remote = re.compile(r"<(?:script|link)[^>]+(?:src|href)=\"(?:https?:)?//[^\"]+\"")
    for path in toc_files():
        found = remote.findall(_page(path).read_text())
        assert not found, f"{path.name} loads remote assets: {found}"


@pytest.mark.build
def test_no_tracebacks_or_warnings_in_outputs(built_book):
    output_area = re.compile(r'<div class="cell_output.*?</div>\s*</div>', re.DOTALL)
    for path in toc_files():
        for block in output_area.findall(_page(path).read_text()):
            assert "Traceback" not in block, f"{path.name} shows a traceback"
            assert "Warning:" not in block, f"{path.name} shows a warning"
            assert "stderr" not in block, f"{path.name} shows stderr output"


@pytest.mark.build
def test_figures_have_opaque_backgrounds(built_book):
    """A transparent figure shows black axes on the dark theme's black page: forbid it."""
    import numpy as np
    from PIL import Image

    images = sorted((built_book / "_images").glob("*.png"))
    assert len(images) >= 40
    for image_path in images:
        with Image.open(image_path) as image:
            if image.mode in ("RGBA", "LA") or "transparency" in image.info:
                alpha = np.asarray(image.convert("RGBA"))[..., 3]
                assert alpha.min() == 255, f"{image_path.name} has transparent pixels"


@pytest.mark.build
def test_index_page_lists_entries(built_book):
    html = (built_book / "genindex.html").read_text()
    entries = re.findall(r'<li><a href="book/[^"]+">', html)
    assert len(entries) >= 60, f"the index has only {len(entries)} entries"
    assert "genindex.html" in (built_book / "book" / "preface.html").read_text()


@pytest.mark.build
def test_launch_buttons_follow_config(built_book):
    """Binder and Thebe point at the repository, branch and notebook that _config.yml names."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    repository = config["repository"]["url"].removeprefix("https://github.com/").strip("/")
    branch = config["repository"]["branch"]
    for path in toc_files():
        if path.suffix != ".ipynb":
            continue
        html = _page(path).read_text()
        notebook = path.relative_to(ROOT).as_posix()
        binder = f"https://mybinder.org/v2/gh/{repository}/{branch}?urlpath=tree/{notebook}"
        assert binder in html, f"{path.name}: no Binder link {binder}"
        assert f'repo: "{repository}"' in html, f"{path.name}: Thebe does not name {repository}"
        assert f'ref: "{branch}"' in html, f"{path.name}: Thebe does not name branch {branch}"
        assert 'path: "./book"' in html, f"{path.name}: Thebe kernel not started in book/"
