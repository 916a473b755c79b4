"""List the slowest cells of each chapter, to find simulations that need a progress bar.

Executes each notebook of ``_toc.yml`` (or those given) with nbclient, as the book build does
(``PLASTLIB_PROGRESS=0``, the numba cache of ``NUMBA_CACHE_DIR``), and prints every cell that
took longer than ``--threshold`` seconds, with its first line of code.

Usage (from the repository root, with the virtual environment active)::

    python benchmarks/cell_times.py                     # every chapter, cells over 3 s
    python benchmarks/cell_times.py book/stdp.ipynb --threshold 1
"""

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


def cell_times(path, timeout=600):
    """Execute the notebook at ``path``; return [(cell index, seconds, first code line)]."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(path).parent)}})
    times = []
    original = client.async_execute_cell

    async def timed(cell, cell_index, *args, **kwargs):
        start = time.perf_counter()
        result = await original(cell, cell_index, *args, **kwargs)
        if cell.cell_type == "code":
            first = next((line for line in cell.source.splitlines()
                          if line.strip() and not line.startswith("#")), "")
            times.append((cell_index, time.perf_counter() - start, first[:70]))
        return result

    client.async_execute_cell = timed
    client.execute()
    return times


def main():
    from toc import toc_notebooks

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: every chapter)")
    parser.add_argument("--threshold", type=float, default=3.0,
                        help="report cells slower than this, in s (default: 3)")
    args = parser.parse_args()
    os.environ["PLASTLIB_PROGRESS"] = "0"
    os.environ.pop("MPLBACKEND", None)
    notebooks = [Path(n) for n in args.notebooks] or toc_notebooks()
    for path in notebooks:
        times = cell_times(path)
        total = sum(t for _, t, _ in times)
        print(f"{path.name}: {total:.1f} s in {len(times)} code cells")
        for index, seconds, first in sorted(times, key=lambda item: -item[1]):
            if seconds >= args.threshold:
                print(f"  cell {index:3d}: {seconds:6.1f} s  {first}")


if __name__ == "__main__":
    main()
