"""Argument checks shared by the public functions of :mod:`plastlib`.

Each check raises :class:`ValueError` with a message that names the
parameter, the value received and the valid range, so that a caller can fix
the call without reading the source.
"""

import math
import numbers

import numpy as np

__all__ = [
    "as_generator",
    "check_finite",
    "check_integer",
    "check_positive",
    "check_nonnegative",
    "check_probability",
    "check_range",
    "kernel_seed",
]


def as_generator(rng):
    """Return a :class:`numpy.random.Generator` for a seed, a generator or ``None``.

    Parameters
    ----------
    rng : int, numpy.random.Generator, numpy.random.SeedSequence or None
        A seed (non-negative integer), an existing generator (returned as is)
        or ``None`` for fresh operating-system entropy.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, np.random.SeedSequence):
        return np.random.default_rng(rng)
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        if rng < 0:
            raise ValueError(f"`rng` = {rng} is invalid: a seed must be a non-negative integer")
        return np.random.default_rng(int(rng))
    raise ValueError(
        f"`rng` = {rng!r} is invalid: pass a non-negative int seed, a numpy.random.Generator "
        "or None"
    )


def kernel_seed(generator):
    """Draw a seed below 2**32 from ``generator`` for a numba kernel's own random stream.

    ``np.random.seed`` accepts only seeds below 2**32 when the kernel runs as plain
    Python (``NUMBA_DISABLE_JIT=1``), so the seed is reduced to that range.
    """
    return int(generator.integers(0, 2**63 - 1)) % 2**32


def check_finite(name, value):
    """Return ``value`` as a float after checking that it is a finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"`{name}` = {value!r} is invalid: it must be a real number")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"`{name}` = {value} is invalid: it must be finite")
    return value


def check_positive(name, value, unit=""):
    """Return ``value`` as a float after checking that it is finite and > 0."""
    value = check_finite(name, value)
    if value <= 0:
        raise ValueError(f"`{name}` = {value}{_unit(unit)} is invalid: it must be > 0")
    return value


def check_nonnegative(name, value, unit=""):
    """Return ``value`` as a float after checking that it is finite and >= 0."""
    value = check_finite(name, value)
    if value < 0:
        raise ValueError(f"`{name}` = {value}{_unit(unit)} is invalid: it must be >= 0")
    return value


def check_probability(name, value):
    """Return ``value`` as a float after checking that it lies in [0, 1]."""
    return check_range(name, value, 0.0, 1.0)


def check_range(name, value, low, high, unit="", low_open=False, high_open=False):
    """Return ``value`` as a float after checking ``low <= value <= high``.

    ``low_open`` and ``high_open`` make the corresponding end exclusive.
    """
    value = check_finite(name, value)
    too_low = value <= low if low_open else value < low
    too_high = value >= high if high_open else value > high
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        raise ValueError(
            f"`{name}` = {value}{_unit(unit)} is invalid: it must lie in "
            f"{left}{low}, {high}{right}{_unit(unit)}"
        )
    return value


def check_integer(name, value, minimum=None, maximum=None):
    """Return ``value`` as an int after checking that it is an integer within bounds."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"`{name}` = {value!r} is invalid: it must be an integer")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"`{name}` = {value} is invalid: it must be >= {minimum}")
    if maximum is not None and value > maximum:
        raise ValueError(f"`{name}` = {value} is invalid: it must be <= {maximum}")
    return value


def _unit(unit):
    return f" {unit}" if unit else ""
