#!/usr/bin/env bash
# Build the student edition (every solution removed): set up .venv, write the stripped
# sources to _build/student/source and their executed HTML to _build/student/_build/html.
# Takes the options of scripts/student_edition.py.
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
python scripts/student_edition.py "$@"
