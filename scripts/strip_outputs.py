"""Remove outputs and execution counts from notebooks, in place.

Usage: ``python scripts/strip_outputs.py book/*.ipynb``. Chapters are committed
without outputs; the book build and nbval execute them afresh.
"""

import sys

import nbformat


def strip(path):
    """Clear every code cell's outputs and execution count in the notebook at ``path``."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        strip(argument)
