"""Shared pytest configuration: scripts/ on sys.path, and the built book for page checks."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="session")
def built_book():
    """Build the HTML book strictly (warnings are errors) once per session; return its folder."""
    from build_book import build

    status = build(ROOT, strict=True)
    assert status == 0, "the strict book build failed; see the Sphinx messages above"
    return ROOT / "_build" / "html"
