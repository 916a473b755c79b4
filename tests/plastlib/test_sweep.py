"""Tests of plastlib.sweep: grids, ordering, executors and error reporting."""

import concurrent.futures

import numpy as np
import pytest

from plastlib import capacity, sweep


def scaled_seed(scale, offset=0, rng=None):
    """Return a record that exposes the arguments (module level, so it pickles)."""
    return {"value": scale * rng + offset}


def failing_call(level, rng=None):
    raise ArithmeticError(f"level {level} cannot be computed")


def test_parameter_grid_order():
    grid = sweep.parameter_grid(rule=["soft", "hard"], learning_rate=[0.1, 0.2, 0.3])
    assert len(grid) == 6
    assert grid[0] == {"rule": "soft", "learning_rate": 0.1}
    assert grid[1] == {"rule": "soft", "learning_rate": 0.2}
    assert grid[3] == {"rule": "hard", "learning_rate": 0.1}


def test_parameter_grid_rejects_bad_axes():
    with pytest.raises(ValueError, match="`rule` is empty"):
        sweep.parameter_grid(rule=[])
    with pytest.raises(ValueError, match="`rule` = 'soft' is invalid"):
        sweep.parameter_grid(rule="soft")


def test_serial_sweep_records_in_grid_then_seed_order():
    records = sweep.run_sweep(scaled_seed, {"scale": [1, 10]}, seeds=[3, 4],
                              executor=sweep.SerialExecutor(), fixed={"offset": 0.5})
    assert [record["seed"] for record in records] == [3, 4, 3, 4]
    assert [record["value"] for record in records] == [3.5, 4.5, 30.5, 40.5]
    assert records[0] == {"scale": 1, "offset": 0.5, "seed": 3, "value": 3.5}


def test_non_mapping_result_is_stored_under_result():
    records = sweep.run_sweep(lambda scale, rng: scale + rng, [{"scale": 2}], seeds=[1],
                              executor=sweep.SerialExecutor())
    assert records == [{"scale": 2, "seed": 1, "result": 3}]


def test_failing_call_names_parameters():
    with pytest.raises(RuntimeError, match=r"parameters \{'level': 2\} and seed 0") as info:
        sweep.run_sweep(failing_call, {"level": [2]}, seeds=[0], executor=sweep.SerialExecutor())
    assert isinstance(info.value.__cause__, ArithmeticError)


def test_process_pool_matches_serial():
    grid = {"rule": ["soft"], "learning_rate": [0.3, 0.5]}
    fixed = {"n_synapses": 20, "n_tests": 200}
    serial = sweep.run_sweep(capacity.measure_capacity, grid, seeds=[0, 1],
                             executor=sweep.SerialExecutor(), fixed=fixed)
    pooled = sweep.run_sweep(capacity.measure_capacity, grid, seeds=[0, 1], max_workers=2,
                             fixed=fixed)
    assert pooled == serial


def test_given_executor_is_left_open():
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as executor:
        sweep.run_sweep(scaled_seed, {"scale": [2]}, seeds=[1], executor=executor)
        assert executor.submit(abs, -3).result() == 3


def test_records_to_columns():
    records = [{"rule": "soft", "x": 1.0}, {"rule": "hard", "x": 2.0}]
    columns = sweep.records_to_columns(records)
    np.testing.assert_array_equal(columns["x"], [1.0, 2.0])
    assert columns["x"][columns["rule"] == "hard"].tolist() == [2.0]
    with pytest.raises(ValueError, match="record 1 has keys"):
        sweep.records_to_columns([{"x": 1}, {"y": 2}])


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (dict(function=3, grid={"scale": [1]}, seeds=[0]), "`function` = 3"),
        (dict(function=scaled_seed, grid=[], seeds=[0]), "`grid` is invalid"),
        (dict(function=scaled_seed, grid={"scale": [1]}, seeds=4), "`seeds` = 4 is invalid"),
        (dict(function=scaled_seed, grid={"scale": [1]}, seeds=[-1]), "`seeds` = -1"),
        (dict(function=scaled_seed, grid={"scale": [1]}, seeds=[0], max_workers=0),
         "`max_workers` = 0"),
    ],
)
def test_run_sweep_rejects_invalid_arguments(arguments, message):
    with pytest.raises(ValueError, match=message):
        sweep.run_sweep(**arguments)


@pytest.mark.slow
def test_dask_local_cluster_matches_serial():
    distributed = pytest.importorskip("distributed")
    grid = {"rule": ["soft", "hard"], "learning_rate": [0.5]}
    fixed = {"n_synapses": 20, "n_tests": 200}
    serial = sweep.run_sweep(capacity.measure_capacity, grid, seeds=[0, 1],
                             executor=sweep.SerialExecutor(), fixed=fixed)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            records = sweep.run_sweep(capacity.measure_capacity, grid, seeds=[0, 1],
                                      executor=client.get_executor(), fixed=fixed)
    assert records == serial
