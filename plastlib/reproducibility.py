"""A short note, computed when a chapter is executed, that states how to reproduce it.

A chapter creates a :class:`ChapterRecord` in its first code cell, which starts
a clock, and ends with ``record.note(...)``, which displays the seeds it used,
the versions of plastlib and of the libraries it rests on, and the time the
chapter took to execute.

Functions
---------
ChapterRecord
    Clock and note of one chapter.
"""

import datetime
import platform
import time
from importlib import metadata

import numpy as np

import plastlib

__all__ = ["ChapterRecord"]

_LIBRARIES = ("numpy", "scipy", "numba", "matplotlib")


def _version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _is_seed(value):
    return (not isinstance(value, (bool, np.bool_)) and isinstance(value, (int, np.integer))
            and value >= 0)


def _check_seed(name, seed):
    """Return ``seed`` as an int, a range, a list of ints or a dict of ints; else raise."""
    if _is_seed(seed):
        return int(seed)
    if isinstance(seed, range) and seed.start >= 0 and (len(seed) == 0 or min(seed) >= 0):
        return seed
    if isinstance(seed, dict) and all(_is_seed(v) for v in seed.values()):
        return {str(k): int(v) for k, v in seed.items()}
    if isinstance(seed, (list, tuple, np.ndarray)) and all(_is_seed(v) for v in seed):
        return [int(v) for v in seed]
    raise ValueError(f"seed {name} must be a non-negative integer, a sequence of them or a "
                     f"dict of them, got {seed!r}")


def _seed_text(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {v}" for k, v in value.items()) + "}"
    if isinstance(value, list) and len(value) > 8:
        return "[" + ", ".join(map(str, value[:4])) + f", ... ({len(value)} seeds)]"
    return repr(value) if isinstance(value, range) else str(value)


class ChapterRecord:
    """Start a clock for a chapter; :meth:`note` reports seeds, versions and elapsed time.

    Parameters
    ----------
    chapter : str
        Name of the chapter, used in the note.
    """

    def __init__(self, chapter):
        if not isinstance(chapter, str) or not chapter.strip():
            raise ValueError(f"chapter must be a non-empty string, got {chapter!r}")
        self.chapter = chapter
        self.started = time.perf_counter()
        self.started_at = datetime.datetime.now(datetime.timezone.utc)

    def elapsed(self):
        """Return the seconds since the record was created."""
        return time.perf_counter() - self.started

    def facts(self, **seeds):
        """Return the facts of the note as a dict (seeds, versions, elapsed seconds).

        Each seed is a non-negative integer, a sequence of them (a ``range``, list or
        tuple) or a dict that maps names to them.
        """
        return {
            "chapter": self.chapter,
            "seeds": {name: _check_seed(name, seed) for name, seed in seeds.items()},
            "plastlib": plastlib.__version__,
            "python": platform.python_version(),
            **{name: _version(name) for name in _LIBRARIES},
            "elapsed_s": self.elapsed(),
            "executed_at": self.started_at.strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{platform.system()} {platform.machine()}",
        }

    def note(self, **seeds):
        """Return the reproducibility note as Markdown for display at the end of the chapter.

        Parameters
        ----------
        **seeds : int, sequence of int or dict of int
            Every seed the chapter used, by the name it has in the chapter
            (non-negative integers, or a ``range``, list or dict of them).

        Returns
        -------
        IPython.display.Markdown
            The note.
        """
        from IPython.display import Markdown

        facts = self.facts(**seeds)
        if facts["seeds"]:
            seed_text = ", ".join(f"`{name} = {_seed_text(value)}`"
                                  for name, value in facts["seeds"].items())
        else:
            seed_text = "none (this chapter draws no random numbers)"
        versions = ", ".join(f"{name} {facts[name]}" for name in _LIBRARIES)
        text = (
            "```{admonition} Reproducibility\n"
            ":class: note\n\n"
            f"This chapter was executed on {facts['executed_at']} ({facts['machine']}) in "
            f"{facts['elapsed_s']:.1f} s, with plastlib {facts['plastlib']}, "
            f"Python {facts['python']}, {versions}.\n"
            f"Seeds: {seed_text}. Running the chapter again with these seeds and versions gives "
            "the same figures and numbers.\n"
            "```\n"
        )
        return Markdown(text)
