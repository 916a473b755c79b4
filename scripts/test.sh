#!/usr/bin/env bash
# Run every test: plastlib unit tests (with and without numba JIT), the checks on
# the book's sources, every chapter executed by nbval, and a full book build that
# fails on any Sphinx warning.
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"

# Compiled kernels from an older plastlib must not be reused (see scripts/build_book.py).
python -c "import sys; sys.path.insert(0, 'scripts'); import build_book; build_book.clear_stale_numba_cache()"

echo "== 1/4 plastlib unit tests and checks on the book's sources"
python -m pytest -m "not build" tests

echo "== 2/4 plastlib unit tests with NUMBA_DISABLE_JIT=1 (kernels as plain Python)"
NUMBA_DISABLE_JIT=1 python -m pytest -q -m "not build and not slow" tests/plastlib

echo "== 3/4 every chapter in the table of contents, executed by nbval"
mapfile -t NOTEBOOKS < <(python scripts/toc.py --notebooks)
python -m pytest --nbval-lax -p no:cacheprovider "${NOTEBOOKS[@]}"

echo "== 4/4 full book build with warnings as errors"
python -m pytest -m build tests
