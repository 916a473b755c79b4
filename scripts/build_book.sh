#!/usr/bin/env bash
# Build the HTML book: set up .venv, execute every chapter, write _build/html/index.html.
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
python scripts/build_book.py "$@"
