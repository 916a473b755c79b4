"""Measure the book's execution budget: time and peak memory per chapter, and whole builds.

Targets on a 2-core machine: every chapter executes in under 90 s from a cold
numba cache, the whole HTML build takes under 10 min cold (empty numba and
execution caches) and under 3 min warm.

Steps (each can be skipped):

1. Execute every notebook of ``_toc.yml`` (``scripts/toc.py``) in its own
   subprocess with nbclient, first with an empty private ``NUMBA_CACHE_DIR``
   (cold), then again with the cache that this cold run filled (warm). The
   subprocess reports its wall time and the peak resident memory (max RSS) of
   the Jupyter kernel that ran the chapter, read with ``resource.getrusage``
   after the kernel exited.
2. Build the whole book with ``scripts/build_book.py --cold`` into a private
   output folder, then again without ``--cold``: the second build reuses the
   execution cache (jupyter-cache) and the numba cache, so it measures Sphinx
   and the cache look-ups.

The kernels get the build's IPython configuration (``scripts/build_book.py``:
figures stored as PNG and PDF) and ``PLASTLIB_PROGRESS=0``, as in the build.

Usage (from the repository root, with the virtual environment active)::

    python benchmarks/book_budget.py                         # everything (about 10-20 min)
    python benchmarks/book_budget.py --chapters book/stdp.ipynb --skip-build   # quick check
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

CHAPTER_LIMIT = 90.0  # s, cold, per chapter
COLD_BUILD_LIMIT = 600.0  # s
WARM_BUILD_LIMIT = 180.0  # s


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", nargs="+", metavar="NOTEBOOK",
                        help="notebooks to execute (default: every notebook of _toc.yml)")
    parser.add_argument("--skip-chapters", action="store_true",
                        help="skip step 1 (per-chapter execution)")
    parser.add_argument("--skip-build", action="store_true",
                        help="skip step 2 (whole-book builds)")
    parser.add_argument("--strict", action="store_true",
                        help="build with --strict (Sphinx warnings fail the build)")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="time limit of one cell, in s (default: 600)")
    parser.add_argument("--workdir", default=None,
                        help="folder for caches and executed notebooks (default: a new "
                             "temporary folder, removed at the end unless --keep)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work folder (always kept when a target is not met)")
    # Internal: run by the subprocess that executes one notebook.
    parser.add_argument("--execute-one", nargs=2, metavar=("NOTEBOOK", "OUTPUT"),
                        help=argparse.SUPPRESS)
    return parser.parse_args()


def execute_one(notebook, output, timeout):
    """Execute ``notebook`` with nbclient, write it to ``output`` and print a JSON record.

    Runs in its own process, so that ``RUSAGE_CHILDREN`` covers exactly the
    kernel that nbclient started (and reaped at shutdown).
    """
    import nbclient
    import nbformat

    notebook = Path(notebook)
    book = nbformat.read(notebook, as_version=4)
    client = nbclient.NotebookClient(book, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(notebook.parent)}})
    start = time.perf_counter()
    error = None
    try:
        client.execute()
    except Exception as exception:  # report the failure of the chapter, then go on
        error = f"{type(exception).__name__}: {str(exception).splitlines()[0][:200]}"
    elapsed = time.perf_counter() - start
    nbformat.write(book, output)
    # The strict build fails on any output written to stderr, so count them.
    stderr_outputs = sum(1 for cell in book.cells if cell.cell_type == "code"
                         for item in cell.get("outputs", [])
                         if item.get("output_type") == "stream" and item.get("name") == "stderr")
    kernel = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    driver = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"time": elapsed, "kernel_maxrss_kb": kernel,
                      "driver_maxrss_kb": driver, "stderr_outputs": stderr_outputs,
                      "error": error}))


def chapter_environment(workdir, numba_cache):
    """Return the environment of a chapter's kernel, as ``scripts/build_book.py`` sets it."""
    import build_book

    environment = dict(os.environ, PLASTLIB_PROGRESS="0", NUMBA_CACHE_DIR=str(numba_cache),
                       IPYTHONDIR=str(build_book.write_ipython_dir(workdir)))
    environment.pop("MPLBACKEND", None)
    return environment


def run_chapter(notebook, output, environment, timeout):
    """Execute one notebook in a subprocess and return its record (time in s, memory in MiB)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--timeout", str(timeout),
               "--execute-one", str(notebook), str(output)]
    start = time.perf_counter()
    completed = subprocess.run(command, env=environment, cwd=ROOT, capture_output=True,
                               text=True)
    wall = time.perf_counter() - start
    try:
        record = json.loads(completed.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        message = (f"executor failed with status {completed.returncode}: "
                   f"{completed.stderr.strip()[-300:]}")
        record = {"time": wall, "kernel_maxrss_kb": 0, "driver_maxrss_kb": 0,
                  "stderr_outputs": 0, "error": message}
    record["wall"] = wall
    record["kernel_mib"] = record["kernel_maxrss_kb"] / 1024
    return record


def run_chapters(notebooks, workdir, timeout):
    """Execute every notebook cold then warm; print and return the records.

    The numba cache is emptied before each chapter's cold run, so no chapter
    profits from kernels that an earlier chapter compiled.
    """
    numba_cache = workdir / "numba"
    environment = chapter_environment(workdir, numba_cache)
    executed = workdir / "executed"
    executed.mkdir(parents=True, exist_ok=True)
    records = {}
    print(f"{'chapter':32s} {'cold (s)':>9s} {'warm (s)':>9s} {'max RSS (MiB)':>14s}  status")
    for notebook in notebooks:
        if numba_cache.exists():
            shutil.rmtree(numba_cache)
        cold = run_chapter(notebook, executed / notebook.name, environment, timeout)
        warm = run_chapter(notebook, executed / notebook.name, environment, timeout)
        records[notebook] = {"cold": cold, "warm": warm}
        errors = [record["error"] for record in (cold, warm) if record["error"]]
        if errors:
            status = "FAILED: " + errors[0]
        elif cold["wall"] >= CHAPTER_LIMIT:
            status = f"over {CHAPTER_LIMIT:g} s"
        else:
            status = "ok"
        if cold.get("stderr_outputs"):
            status += f" ({cold['stderr_outputs']} stderr outputs: the strict build fails)"
        memory = max(cold["kernel_mib"], warm["kernel_mib"])
        print(f"{notebook.relative_to(ROOT).as_posix():32s} {cold['wall']:9.1f} "
              f"{warm['wall']:9.1f} {memory:14.0f}  {status}", flush=True)
    total_cold = sum(record["cold"]["wall"] for record in records.values())
    total_warm = sum(record["warm"]["wall"] for record in records.values())
    print(f"{'sum':32s} {total_cold:9.1f} {total_warm:9.1f}")
    return records


def run_build(workdir, cold, strict):
    """Run ``scripts/build_book.py`` into ``workdir``; return (status, wall time in s, log path).

    NOTE: not yet run end to end (the whole build was left for a quiet machine).
    """
    command = [sys.executable, str(ROOT / "scripts" / "build_book.py"), "--output",
               str(workdir / "book")]
    if cold:
        command.append("--cold")
    if strict:
        command.append("--strict")
    environment = dict(os.environ, PLASTLIB_PROGRESS="0",
                       NUMBA_CACHE_DIR=str(workdir / "build-numba"))
    log = workdir / f"build-{'cold' if cold else 'warm'}.log"
    start = time.perf_counter()
    with log.open("w") as handle:
        status = subprocess.call(command, cwd=ROOT, env=environment, stdout=handle,
                                 stderr=subprocess.STDOUT)
    return status, time.perf_counter() - start, log


def describe_machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} logical CPUs, {cpu}; load average at start (1, 5, 15 min): {load}"


def main():
    args = parse_arguments()
    if args.execute_one:
        execute_one(*args.execute_one, args.timeout)
        return

    from toc import toc_notebooks

    notebooks = ([Path(path).resolve() for path in args.chapters] if args.chapters
                 else toc_notebooks())
    workdir = Path(args.workdir) if args.workdir else Path(
        tempfile.mkdtemp(prefix="book-budget-"))
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Book execution budget; {describe_machine()}")
    print(f"work folder: {workdir}; {len(notebooks)} notebooks\n")

    failures = []
    if not args.skip_chapters:
        print(f"Step 1: each notebook in its own kernel, cold (empty numba cache) then warm; "
              f"limit {CHAPTER_LIMIT:g} s cold per chapter")
        records = run_chapters(notebooks, workdir, args.timeout)
        failures += [f"{path.name}: {record['cold']['wall']:.0f} s cold"
                     for path, record in records.items()
                     if record["cold"]["wall"] >= CHAPTER_LIMIT]
        failures += [f"{path.name} failed" for path, record in records.items()
                     if record["cold"]["error"] or record["warm"]["error"]]

    if not args.skip_build:
        print("\nStep 2: whole book with scripts/build_book.py")
        for cold, limit in ((True, COLD_BUILD_LIMIT), (False, WARM_BUILD_LIMIT)):
            status, elapsed, log = run_build(workdir, cold, args.strict)
            label = "cold" if cold else "warm"
            verdict = "ok" if status == 0 and elapsed < limit else "NOT MET"
            print(f"{label} build: {elapsed:7.1f} s, status {status} (limit {limit:g} s): "
                  f"{verdict}; log {log}", flush=True)
            if verdict != "ok":
                failures.append(f"{label} build: {elapsed:.0f} s, status {status}")

    print("\nAll targets met" if not failures else "\nTargets not met: " + "; ".join(failures))
    if not args.workdir and not args.keep and not failures:
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
