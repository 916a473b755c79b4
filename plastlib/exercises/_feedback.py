"""The result type shared by every exercise check."""

import math
import numbers

import numpy as np

__all__ = ["Feedback"]


class Feedback:
    """What a check found in an answer: a list of problems, empty when it passed.

    A ``Feedback`` is truthy when the answer passed, so a solution can
    ``assert check_something(answer)``. Jupyter displays it as a short report.

    Parameters
    ----------
    exercise : str
        Label of the exercise in the book, for example ``"stdp-ex-width"``.

    Attributes
    ----------
    exercise : str
        Label of the exercise.
    problems : list of str
        One sentence per problem found; empty if the answer passed.
    """

    def __init__(self, exercise):
        self.exercise = exercise
        self.problems = []

    # -- recording -------------------------------------------------------------------------
    def fail(self, message):
        """Record a problem and return ``self``."""
        self.problems.append(message)
        return self

    def require(self, condition, message):
        """Record ``message`` as a problem unless ``condition`` holds; return the condition."""
        if not condition:
            self.fail(message)
        return bool(condition)

    def number(self, name, value):
        """Return ``value`` as a finite float, or ``None`` after recording why it is not one."""
        if isinstance(value, (bool, np.bool_)) or value is None:
            self.fail(f"`{name}` must be a number, got {value!r}.")
            return None
        if isinstance(value, np.ndarray) and value.size == 1:
            value = value.item()
        if not isinstance(value, numbers.Real):
            self.fail(f"`{name}` must be a number, got a {type(value).__name__}.")
            return None
        value = float(value)
        if not math.isfinite(value):
            self.fail(f"`{name}` must be finite, got {value}.")
            return None
        return value

    def array(self, name, value, shape=None):
        """Return ``value`` as a float array, or ``None`` after recording why it is not one.

        ``shape`` (optional) is the expected shape; ``None`` entries accept any length.
        """
        try:
            result = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            self.fail(f"`{name}` must be an array of numbers, got {type(value).__name__}.")
            return None
        if shape is not None:
            ok = result.ndim == len(shape) and all(
                want is None or want == got for want, got in zip(shape, result.shape))
            if not ok:
                sizes = ["any" if s is None else str(s) for s in shape]
                wanted = "(" + ", ".join(sizes) + ("," if len(sizes) == 1 else "") + ")"
                self.fail(f"`{name}` must have shape {wanted}, got {result.shape}.")
                return None
        if not np.all(np.isfinite(result)):
            self.fail(f"`{name}` contains NaN or infinite values.")
            return None
        return result

    def table(self, name, value, keys, entry, what):
        """Return ``value`` as a dict with an entry for every key of ``keys``, or ``None``.

        On failure the problems are recorded first.

        ``value`` must be a dict whose keys are numbers; ``entry(label, item)`` converts
        each item (for example :meth:`number` or :meth:`array`) and returns ``None`` on
        failure. Keys are compared after rounding to 6 decimals. ``what`` names the keys
        in messages, for example ``"step sizes"``.
        """
        if not isinstance(value, dict):
            self.fail(f"`{name}` must be a dict keyed by {what}, got a {type(value).__name__}.")
            return None
        given = {}
        for key, item in value.items():
            number = self.number(f"{name} key {key!r}", key)
            converted = entry(f"{name}[{key!r}]", item)
            if number is not None and converted is not None:
                given[round(number, 6)] = converted
        if not self.passed:
            return None
        missing = [key for key in keys if round(key, 6) not in given]
        if missing:
            self.fail(f"`{name}` has no entry for the {what} {missing}.")
            return None
        return {key: given[round(key, 6)] for key in keys}

    def close(self, name, value, expected, rtol=0.0, atol=0.0, hint=""):
        """Check that ``value`` is within ``atol + rtol*|expected|`` of ``expected``.

        The message says whether the answer is too large, too small or of the wrong
        sign. It gives neither the expected value nor the size of the error, from
        which the expected value could be worked back. Return whether the check passed.
        """
        value = self.number(name, value)
        if value is None:
            return False
        tolerance = atol + rtol * abs(expected)
        if abs(value - expected) <= tolerance:
            return True
        direction = "too large" if value > expected else "too small"
        if expected != 0 and np.sign(value) != np.sign(expected) and value != 0:
            direction = "of the wrong sign"
        message = f"`{name}` = {value:.4g} is {direction}."
        if hint:
            message += " " + hint
        self.fail(message)
        return False

    # -- reading ---------------------------------------------------------------------------
    @property
    def passed(self):
        """``True`` when no problem was found."""
        return not self.problems

    def __bool__(self):
        return self.passed

    def __str__(self):
        if self.passed:
            return f"{self.exercise}: correct."
        lines = [f"{self.exercise}: {len(self.problems)} problem(s) found."]
        lines += [f"- {problem}" for problem in self.problems]
        return "\n".join(lines)

    def __repr__(self):
        return str(self)

    def _repr_markdown_(self):
        if self.passed:
            return f"**{self.exercise}**: correct."
        return "\n".join([f"**{self.exercise}**: {len(self.problems)} problem(s) found.", ""]
                         + [f"- {problem}" for problem in self.problems])
