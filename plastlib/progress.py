"""Progress bars for long simulations, quiet when the book is built.

A reader running a chapter gets a notebook-aware bar (``tqdm.auto``). When the
environment variable ``PLASTLIB_PROGRESS`` is ``0`` the bar is disabled; the
book build and the test scripts set it, so that no bar is rendered into the
static HTML pages.
"""

import os

from tqdm.auto import tqdm

__all__ = ["progress", "progress_enabled"]


def progress_enabled():
    """Return whether progress bars are shown (``PLASTLIB_PROGRESS`` is not ``0``)."""
    return os.environ.get("PLASTLIB_PROGRESS", "1") != "0"


def progress(iterable=None, total=None, desc=None):
    """Wrap ``iterable`` in a progress bar, or return it unchanged when bars are off.

    Parameters
    ----------
    iterable : iterable, optional
        The items to iterate over.
    total : int, optional
        Number of items, for iterables without ``len``.
    desc : str, optional
        Label shown before the bar.
    """
    return tqdm(iterable, total=total, desc=desc, disable=not progress_enabled(), leave=False)
