#!/usr/bin/env bash
# Build the print edition: set up .venv, execute every chapter and typeset the book
# with XeLaTeX in _build/print, then copy the result to _build/book.pdf. Takes the
# options of scripts/build_book.py.
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"

for program in xelatex latexmk makeindex; do
    if ! command -v "$program" > /dev/null; then
        echo "error: $program not found. Install TeX from Debian's packages (see README.md):" >&2
        echo "  apt-get install --no-install-recommends texlive-xetex texlive-latex-extra" \
             "texlive-fonts-recommended texlive-plain-generic fonts-freefont-otf latexmk" >&2
        exit 1
    fi
done

# The folder that receives _build/ is the repository root unless --output is given.
OUTPUT="$ROOT"
previous=""
for argument in "$@"; do
    case "$argument" in
        --output=*) OUTPUT="${argument#--output=}" ;;
    esac
    if [ "$previous" = "--output" ]; then
        OUTPUT="$argument"
    fi
    previous="$argument"
done

python scripts/build_book.py --pdf "$@"
cp "$OUTPUT/_build/print/_build/latex/book.pdf" "$OUTPUT/_build/book.pdf"
echo "The print edition is $OUTPUT/_build/book.pdf"
