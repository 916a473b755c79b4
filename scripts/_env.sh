# Create or update the project's virtual environment in .venv and activate it.
# Sourced by scripts/build_book.sh and scripts/test.sh; needs only Python >= 3.11.
# Set PYTHON to choose the interpreter (default: python3.11, else python3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating the virtual environment in $VENV with $PYTHON"
    "$PYTHON" -m venv "$VENV"
fi
# shellcheck disable=SC1091
source "$VENV/bin/activate"

# Reinstall only when the declared dependencies or the chosen extras change.
EXTRAS="book,test,dask"
STAMP="$VENV/.plastlib-install-stamp"
WANT="$( (cat pyproject.toml; echo "$EXTRAS") | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    echo "Installing plastlib with its extras: pip install -e '.[$EXTRAS]'"
    python -m pip install --quiet --disable-pip-version-check -e ".[$EXTRAS]"
    echo "$WANT" > "$STAMP"
fi

# Caches live inside the checkout; scripts/build_book.py clears them when plastlib changes.
export NUMBA_CACHE_DIR="$ROOT/.cache/numba"
# No progress bars in the built pages or in test logs.
export PLASTLIB_PROGRESS=0
