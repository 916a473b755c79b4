"""Parameter sweeps on any :class:`concurrent.futures.Executor`.

:func:`run_sweep` calls a function once for every point of a parameter grid and
every seed, and returns one flat record (a ``dict``) per call, in grid order.
The calls are submitted to an executor, so the same sweep runs

* in the calling process, with :class:`SerialExecutor` (for debugging, or where
  starting processes costs more than the work);
* on the local cores, with :class:`concurrent.futures.ProcessPoolExecutor`
  (the default);
* on a cluster, with any executor that implements ``submit``, for example the one
  that Dask returns from ``distributed.Client.get_executor()``.

The function and its arguments must be picklable for a process pool or a
cluster: a function defined at module level (such as
:func:`plastlib.capacity.measure_capacity`) qualifies, a lambda or a function
defined in a notebook cell does not, because worker processes import functions
by name.

Functions
---------
:func:`parameter_grid`, :func:`run_sweep`, :func:`records_to_columns`;
class :class:`SerialExecutor`.
"""

import concurrent.futures
import itertools
import numbers
from collections.abc import Mapping

import numpy as np

from ._validation import check_integer

__all__ = ["SerialExecutor", "parameter_grid", "records_to_columns", "run_sweep"]


class SerialExecutor(concurrent.futures.Executor):
    """Run each submitted call at once in the calling process.

    ``submit`` returns a finished :class:`concurrent.futures.Future` holding the
    call's result or its exception, so code written for a process pool runs
    unchanged, without pickling (a lambda or a notebook function works too).
    """

    def submit(self, fn, /, *args, **kwargs):
        """Call ``fn(*args, **kwargs)`` now and return a finished future."""
        future = concurrent.futures.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # stored in the future, raised by future.result()
            future.set_exception(error)
        return future


def parameter_grid(**axes):
    """Return the Cartesian product of parameter values as a list of ``dict``.

    Parameters
    ----------
    **axes : sequence
        One non-empty sequence of values per parameter name.

    Returns
    -------
    list of dict
        Every combination, with the last axis varying fastest.

    Examples
    --------
    >>> parameter_grid(rule=["soft", "hard"], learning_rate=[0.1, 0.2])[1]
    {'rule': 'soft', 'learning_rate': 0.2}
    """
    names = list(axes)
    values = []
    for name in names:
        axis = axes[name]
        if isinstance(axis, (str, bytes)) or not hasattr(axis, "__iter__"):
            raise ValueError(f"`{name}` = {axis!r} is invalid: it must be a sequence of values")
        axis = list(axis)
        if not axis:
            raise ValueError(f"`{name}` is empty: give at least one value")
        values.append(axis)
    return [dict(zip(names, combination)) for combination in itertools.product(*values)]


def _call_with_seed(function, parameters, seed_argument, seed):
    """Call ``function`` with ``parameters`` and the seed, in the worker process."""
    return function(**parameters, **{seed_argument: seed})


def _check_seeds(seeds):
    if isinstance(seeds, numbers.Integral) or isinstance(seeds, (str, bytes)):
        raise ValueError(
            f"`seeds` = {seeds!r} is invalid: pass a sequence of seeds, for example "
            "range(4), not a single number"
        )
    seeds = list(seeds)
    if not seeds:
        raise ValueError("`seeds` is empty: give at least one seed")
    return [check_integer("seeds", seed, minimum=0) for seed in seeds]


def run_sweep(function, grid, seeds, executor=None, max_workers=None, seed_argument="rng",
              fixed=None):
    """Call ``function`` for every grid point and seed, on an executor, and collect records.

    Parameters
    ----------
    function : callable
        Called as ``function(**point, **fixed, rng=seed)``. It returns a mapping
        (its items become columns of the record) or any other value (stored
        under ``"result"``). It must be picklable unless ``executor`` is a
        :class:`SerialExecutor`.
    grid : list of dict or dict of sequences
        The parameter points: a list such as :func:`parameter_grid` returns, or
        a dict of axes passed to :func:`parameter_grid`.
    seeds : sequence of int
        Non-negative seeds; every grid point runs once per seed.
    executor : concurrent.futures.Executor, optional
        Where the calls run. Default: a new
        :class:`~concurrent.futures.ProcessPoolExecutor` with ``max_workers``
        processes, shut down before returning. A given executor is left open.
    max_workers : int, optional
        Number of processes of the default executor (default: the number of CPUs).
    seed_argument : str, optional
        Name of the keyword through which ``function`` receives the seed.
    fixed : dict, optional
        Keyword arguments passed unchanged to every call.

    Returns
    -------
    list of dict
        One record per call, ordered by grid point and then by seed, holding the
        point's parameters, ``fixed``, the seed (under ``"seed"``) and the result.

    Raises
    ------
    RuntimeError
        If a call raises; the message names its parameters and seed, and the
        original exception is chained.
    """
    if not callable(function):
        raise ValueError(f"`function` = {function!r} is invalid: it must be callable")
    points = parameter_grid(**grid) if isinstance(grid, Mapping) else list(grid)
    if not points or not all(isinstance(point, Mapping) for point in points):
        raise ValueError("`grid` is invalid: pass a non-empty list of dicts or a dict of axes")
    seeds = _check_seeds(seeds)
    fixed = dict(fixed or {})
    if max_workers is not None:
        max_workers = check_integer("max_workers", max_workers, minimum=1)

    own_executor = executor is None
    if own_executor:
        executor = concurrent.futures.ProcessPoolExecutor(max_workers=max_workers)
    try:
        tasks = []
        for point in points:
            parameters = {**point, **fixed}
            for seed in seeds:
                future = executor.submit(_call_with_seed, function, parameters,
                                         seed_argument, seed)
                tasks.append((parameters, seed, future))
        records = [_make_record(parameters, seed, future) for parameters, seed, future in tasks]
    finally:
        if own_executor:
            executor.shutdown(wait=True, cancel_futures=True)
    return records


def _make_record(parameters, seed, future):
    """Wait for ``future`` and merge its result with the call's parameters."""
    try:
        result = future.result()
    except Exception as error:
        raise RuntimeError(
            f"sweep call failed for parameters {parameters} and seed {seed}: {error}"
        ) from error
    record = {**parameters, "seed": seed}
    if isinstance(result, Mapping):
        record.update(result)
    else:
        record["result"] = result
    return record


def records_to_columns(records):
    """Turn a list of records into a ``dict`` of NumPy arrays, one per key.

    Parameters
    ----------
    records : list of dict
        Records with the same keys, as :func:`run_sweep` returns.

    Returns
    -------
    dict of numpy.ndarray
        Column arrays in record order; select rows with boolean masks, for
        example ``columns["information"][columns["rule"] == "soft"]``.
    """
    records = list(records)
    if not records:
        raise ValueError("`records` is empty: there is nothing to convert")
    keys = list(records[0])
    for index, record in enumerate(records):
        if list(record) != keys:
            raise ValueError(
                f"record {index} has keys {sorted(record)}: every record must have the keys "
                f"{sorted(keys)}"
            )
    return {key: np.array([record[key] for record in records]) for key in keys}
