"""Build the HTML book, or the PDF with --pdf, with every chapter executed.

Called by ``scripts/build_book.sh`` (which sets up the environment) and by the
build test. Execution results are cached by jupyter-cache. That cache and the
numba cache are cleared whenever the content of a plastlib source file
changes, so a page never shows results that an older library computed.

Usage: ``python scripts/build_book.py [--output DIR] [--strict] [--cold] [--pdf]
[--only CHAPTER ...]``
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# IPython kernel configuration for executing the chapters of the PDF edition. Each
# matplotlib figure is stored both as PNG and as vector PDF, which myst-nb puts
# first for the LaTeX builder, so the print edition has no bitmaps.
# NOTE: only the PDF build uses it, with an execution cache of its own. With it, the
# cell of an ipywidgets explorer now and then stalls until the cell timeout: seen in
# 4 of 18 nbclient runs of ltp_maintenance.ipynb, and in 0 of 16 runs without it.
KERNEL_CONFIG = 'c.InlineBackend.figure_formats = {"png", "pdf"}\n'
PRINT_FOLDER = Path("_build") / "print"


def plastlib_fingerprint():
    """Return a SHA-256 digest of every source file of plastlib."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "plastlib").rglob("*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def clear_stale_numba_cache(force=False):
    """Remove numba's compiled kernels if any plastlib file changed since they were made.

    numba checks only a jitted function's own file, so a kernel that calls a
    kernel of another module could otherwise load a stale compiled version.
    """
    numba_cache = Path(os.environ.get("NUMBA_CACHE_DIR", ROOT / ".cache" / "numba"))
    stamp = numba_cache.parent / f"{numba_cache.name}.plastlib-fingerprint"
    fingerprint = plastlib_fingerprint()
    if force or not stamp.is_file() or stamp.read_text() != fingerprint:
        if numba_cache.exists():
            print(f"Clearing {numba_cache} (plastlib changed, or --cold given)")
            shutil.rmtree(numba_cache)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)


def invalidate_stale_caches(output, cold):
    """Remove every cached result if plastlib changed since the last build.

    jupyter-cache keys executed notebooks on their own content only, and Sphinx
    re-reads a page only when its source changed, so both the execution cache
    and Sphinx's saved environment (doctrees) and pages are removed, together
    with numba's compiled kernels.
    """
    clear_stale_numba_cache(force=cold)
    build_folder = output / "_build"
    stamp = build_folder / ".plastlib-fingerprint"
    # Outputs executed with another kernel configuration are stale as well.
    kernel_digest = hashlib.sha256(KERNEL_CONFIG.encode()).hexdigest()
    fingerprint = f"{plastlib_fingerprint()} {kernel_digest}"
    if cold or not stamp.is_file() or stamp.read_text() != fingerprint:
        for name in (".jupyter_cache", ".doctrees", "html", "latex", "jupyter_execute"):
            cache = build_folder / name
            if cache.exists():
                print(f"Clearing {cache} (plastlib changed, or --cold given)")
                shutil.rmtree(cache)
    build_folder.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)


def write_ipython_dir(output):
    """Write an IPython folder that contains only ``KERNEL_CONFIG`` and return its path.

    Passed to the kernels as ``IPYTHONDIR``, so a reader's own IPython profile
    does not change the executed chapters either.
    """
    ipython_dir = output / "_build" / "ipython"
    config = ipython_dir / "profile_default" / "ipython_kernel_config.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(KERNEL_CONFIG)
    return ipython_dir


def write_partial_toc(output, pages):
    """Write a table of contents with the title page, preface, ``pages`` and the bibliography."""
    lines = ["format: jb-book", "root: book/intro", "chapters:", "  - file: book/preface"]
    for page in pages:
        relative = Path(page).resolve().relative_to(ROOT).with_suffix("")
        lines.append(f"  - file: {relative.as_posix()}")
    lines.append("  - file: book/bibliography")
    toc = output / "_build" / "partial_toc.yml"
    toc.parent.mkdir(parents=True, exist_ok=True)
    toc.write_text("\n".join(lines) + "\n")
    return toc


def pdf_path(output=ROOT):
    """Return the path of the PDF that ``build(output, builder="pdflatex")`` writes."""
    return Path(output).resolve() / PRINT_FOLDER / "_build" / "latex" / "book.pdf"


def run_jupyter_book(source, output, strict=False, options=(), ipython_dir=None, label="Book"):
    """Run ``jupyter-book build`` on ``source`` into ``output/_build``; return its exit status.

    The kernels get ``PLASTLIB_PROGRESS=0`` and matplotlib's inline backend, and
    ``ipython_dir`` (optional) as their ``IPYTHONDIR``.
    """
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book), "build", str(source), "--path-output", str(output), *options]
    if strict:
        # --all re-reads every page (executed results still come from the cache), so a
        # warning in a page that an earlier, non-strict build already read is reported.
        command += ["--warningiserror", "--keep-going", "--all"]
    environment = dict(os.environ, PLASTLIB_PROGRESS="0")
    if ipython_dir is not None:
        environment["IPYTHONDIR"] = str(ipython_dir)
    # The kernels must use matplotlib's inline backend, or figures never reach the page.
    environment.pop("MPLBACKEND", None)
    start = time.perf_counter()
    status = subprocess.call(command, cwd=source, env=environment)
    print(f"{label} build finished with status {status} in {time.perf_counter() - start:.0f} s")
    return status


def build(output=ROOT, strict=False, cold=False, only=(), builder="html"):
    """Build the book into ``output/_build/html``, or the PDF into ``pdf_path(output)``.

    Return the exit status of Jupyter Book. The PDF build has its own folder
    ``output/_build/print``, with its own execution cache, because its kernels
    use ``KERNEL_CONFIG``.

    ``only`` restricts the build to the given chapter files (plus the preface
    and the bibliography), for checking one chapter while others are drafted.
    """
    output = Path(output).resolve()
    if builder != "html":
        output = output / PRINT_FOLDER
    invalidate_stale_caches(output, cold)
    options = ["--builder", builder]
    if only:
        options += ["--toc", str(write_partial_toc(output, only))]
    ipython_dir = write_ipython_dir(output) if builder != "html" else None
    status = run_jupyter_book(ROOT, output, strict, options, ipython_dir)
    if status == 0 and builder == "html":
        print(f"Open {output / '_build' / 'html' / 'index.html'} in a browser")
    elif status == 0:
        print(f"The PDF is {output / '_build' / 'latex' / 'book.pdf'}")
    return status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT),
                        help="folder that receives _build/ (default: the repository root)")
    parser.add_argument("--strict", action="store_true",
                        help="fail on any Sphinx warning (as the test command does)")
    parser.add_argument("--cold", action="store_true",
                        help="clear the execution and numba caches first")
    parser.add_argument("--only", nargs="+", default=(), metavar="CHAPTER",
                        help="build only these chapter files, with the preface and bibliography")
    parser.add_argument("--pdf", action="store_true",
                        help="build the PDF edition instead of HTML "
                             "(in _build/print/_build/latex/book.pdf)")
    args = parser.parse_args()
    builder = "pdflatex" if args.pdf else "html"
    sys.exit(build(args.output, args.strict, args.cold, args.only, builder))


if __name__ == "__main__":
    main()
