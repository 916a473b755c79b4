"""Open every built page in headless Chromium and check how it renders.

Runs after the strict build (``-m build``). For the preface and every chapter
it checks that MathJax typeset every formula (no raw TeX left on the page),
that every image loaded, and that every internal link points to an existing
file and anchor. A screenshot of each page is saved under
``_build/screenshots/``. The same pages are then opened in the theme's dark mode, with every
solution revealed, and every text element must keep a contrast ratio of at least 4.5 against
its background (WCAG AA); those screenshots go to ``_build/screenshots/dark/``. On each
chapter, the precomputed explorer must answer its slider without a kernel. Chromium comes from Debian's ``chromium`` package
(see README.md); the test is skipped, with that reason, when it is missing.
Only the loopback address is reachable from the browser.
"""

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from toc import ROOT, toc_files

HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        )
        yield chromium
        chromium.close()


def _pages():
    return [path.relative_to(ROOT).with_suffix(".html").as_posix() for path in toc_files()]


RAW_TEX_SCRIPT = """
() => {
  const walker = document.createTreeWalker(document.querySelector('main') || document.body,
                                           NodeFilter.SHOW_TEXT);
  const leftovers = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('pre, code, script, style, mjx-container, .highlight')) continue;
    const text = node.textContent;
    if (/\\\\\\(|\\\\\\[|\\$\\$|\\\\frac|\\\\tau|\\\\begin\\{/.test(text)) leftovers.push(text.slice(0, 80));
  }
  return leftovers;
}
"""


@pytest.mark.parametrize("page_path", _pages())
def test_page_renders(server, browser, page_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/{page_path}", wait_until="load")
    if page.evaluate("() => document.querySelector('script[src*=\"mathjax\"]') !== null"):
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise")

    raw_tex = page.evaluate(RAW_TEX_SCRIPT)
    assert not raw_tex, f"{page_path}: untypeset TeX on the page: {raw_tex[:3]}"

    broken_images = page.evaluate(
        "() => Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
        ".map(i => i.src)"
    )
    assert not broken_images, f"{page_path}: images that did not load: {broken_images}"

    links = page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    for link in links:
        parsed = urlparse(link)
        if not link.startswith(server):
            continue
        target = HTML / unquote(parsed.path).lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        assert target.is_file(), f"{page_path}: broken link {link}"
        if parsed.fragment and target.suffix == ".html":
            html = target.read_text()
            assert f'id="{parsed.fragment}"' in html, f"{page_path}: missing anchor {link}"

    assert not errors, f"{page_path}: JavaScript errors: {errors}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / (Path(page_path).stem + ".png")), full_page=True)
    page.close()


CONTRAST_SCRIPT = (Path(__file__).parent / "contrast.js").read_text()
REVEAL_SOLUTIONS = "() => document.querySelectorAll('button.toggle-button').forEach(b => b.click())"


@pytest.mark.parametrize("page_path", _pages())
def test_page_readable_in_dark_mode(server, browser, page_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    # pydata-sphinx-theme stores the reader's choice of theme under "mode" and "theme"
    page.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    page.goto(f"{server}/{page_path}", wait_until="load")
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
    page.evaluate(REVEAL_SOLUTIONS)
    page.wait_for_timeout(300)
    low_contrast = page.evaluate(CONTRAST_SCRIPT)
    assert not low_contrast, f"{page_path}: text hard to read in dark mode: {low_contrast[:5]}"
    (SCREENSHOTS / "dark").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dark" / (Path(page_path).stem + ".png")), full_page=True)
    page.close()


def _chapters():
    return [path.relative_to(ROOT).with_suffix(".html").as_posix()
            for path in toc_files() if path.suffix == ".ipynb"]


VISIBLE_FRAME = """
(explorer) => {
  const shown = Array.from(explorer.querySelectorAll('img[data-key]'))
      .filter(i => getComputedStyle(i).display !== 'none');
  return shown.map(i => i.dataset.key);
}
"""


@pytest.mark.parametrize("page_path", _chapters())
def test_precomputed_explorer_works_without_kernel(server, browser, page_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/{page_path}", wait_until="load")
    explorers = page.locator(".plastlib-explorer")
    assert explorers.count() >= 1, f"{page_path} has no precomputed explorer"
    for index in range(explorers.count()):
        explorer = explorers.nth(index)
        explorer.scroll_into_view_if_needed()
        before = explorer.evaluate(VISIBLE_FRAME)
        assert len(before) == 1, f"{page_path}: {len(before)} pictures shown at once"
        sliders = explorer.locator("input[type=range]")
        for number in range(sliders.count()):
            slider = sliders.nth(number)
            output = explorer.locator(f"output[data-for='{number}']")
            value_before = output.text_content()
            slider.focus()
            at_end = slider.evaluate("s => s.value === s.max")
            page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
            after = explorer.evaluate(VISIBLE_FRAME)
            assert len(after) == 1, f"{page_path}: {len(after)} pictures shown at once"
            assert after != before, (
                f"{page_path}: moving slider {number} did not change the picture")
            assert output.text_content() != value_before, (
                f"{page_path}: slider {number} does not print its new value")
            before = after
        if index == 0:
            explorer.screenshot(path=str(SCREENSHOTS / (Path(page_path).stem + "-explorer.png")))
    assert not errors, f"{page_path}: JavaScript errors: {errors}"
    page.close()
