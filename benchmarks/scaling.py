"""Measure how the cost of ``plastlib.stdp.simulate_stdp`` grows with inputs and duration.

The simulator's loop does three kinds of work (see ``_neuron_kernel`` in
``plastlib/stdp.py``):

* per time step: two Poisson draws, the membrane update and the conductance decays;
* per presynaptic spike: the choice of the input (a binary search over the
  cumulative rates), the conductance increment and the depression of one weight;
* per postsynaptic spike: the potentiation of every synapse, ``n_inputs`` updates.

Three sweeps separate them. Every point is timed ``--repeats`` times and the
minimum is kept, because load from other processes only ever adds time.

1. Number of inputs, 100 to 10,000 at 15 Hz, with ``g_max`` scaled by
   1000 / n_inputs so that the mean excitatory drive equals that of 1000
   inputs. The output rate still changes, because fewer and stronger inputs
   make the drive fluctuate more; the table lists the output spikes.
2. Duration, 1000 inputs at 15 Hz.
3. Input rate (0 to 40 Hz) with 1000 inputs, and a run with no input at all
   (rate 0, no inhibition), which gives the cost of an empty time step.

A least-squares fit of ``time = c_step * steps + c_pre * presynaptic spikes +
c_post * postsynaptic spikes * n_inputs`` over all points gives the unit
costs. The cost per presynaptic spike is compared with a floor: a numba loop
that does only the unavoidable work of one spike. It draws a uniform number,
finds the input by binary search, decays its trace with one ``exp`` and
updates its weight. An event-driven implementation of this model that picks inputs by
binary search cannot do much better than that floor. The script prints the
table and the fit and saves a figure of time against the number of
presynaptic spikes.

Usage: ``python benchmarks/scaling.py [--duration 100] [--repeats 3] [--output FILE.png]``
"""

import argparse
import os
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

INPUT_COUNTS = (100, 300, 1000, 3000, 10000)
REFERENCE_INPUTS = 1000
RATE = 15.0  # Hz, rate of every excitatory input
DURATIONS = (10.0, 30.0, 100.0, 300.0)  # s
RATES = (0.0, 5.0, 10.0, 20.0, 40.0)  # Hz


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=100.0,
                        help="simulated time of the input-count and rate sweeps, in s "
                             "(default: 100)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="timings per point; the minimum is kept (default: 3)")
    parser.add_argument("--output", default=str(Path(__file__).with_name("scaling.png")),
                        help="path of the PNG figure (default: benchmarks/scaling.png)")
    return parser.parse_args()


def time_point(params, duration_s, rate, repeats):
    """Return the minimum wall time over ``repeats`` runs, in s, and the last result."""
    from plastlib.stdp import simulate_stdp

    best = np.inf
    for repeat in range(repeats):
        start = time.perf_counter()
        result = simulate_stdp(params, duration_s * 1e3, rates=rate,
                               snapshot_interval=duration_s * 1e3, rng=repeat)
        best = min(best, time.perf_counter() - start)
    return best, result


def measure(sweep, params, duration_s, rate, repeats):
    """Time one point and return its row of the table."""
    elapsed, result = time_point(params, duration_s, rate, repeats)
    steps = int(round(duration_s * 1e3 / params.dt))
    # The kernel does not count presynaptic spikes, so the expected count is used.
    # Its relative sampling error is below 1 % for every point at the default durations.
    presynaptic = params.n_inputs * rate * duration_s
    postsynaptic = result.spike_times.size
    return {"sweep": sweep, "n_inputs": params.n_inputs, "duration": duration_s, "rate": rate,
            "steps": steps, "pre": presynaptic, "post": postsynaptic,
            "post_updates": postsynaptic * params.n_inputs, "time": elapsed}


def measure_spike_floor(n_inputs=REFERENCE_INPUTS, n_events=2_000_000, repeats=3):
    """Return the time per presynaptic spike of the minimal spike loop, in s."""
    import math

    import numba

    @numba.njit
    def spike_loop(cumulative, weights, traces, last_spike, n_events, seed):
        np.random.seed(seed)
        total = cumulative[-1]
        n = weights.shape[0]
        for k in range(n_events):
            t = 0.1 * k
            i = min(np.searchsorted(cumulative, np.random.random() * total, side="right"),
                    n - 1)
            trace = traces[i] * math.exp(-(t - last_spike[i]) / 20.0)
            weights[i] = min(max(weights[i] - 0.001 * trace, 0.0), 1.0)
            traces[i] = trace + 1.0
            last_spike[i] = t

    cumulative = np.cumsum(np.full(n_inputs, RATE * 1e-3))
    weights = np.full(n_inputs, 0.5)
    traces = np.zeros(n_inputs)
    last_spike = np.zeros(n_inputs)
    spike_loop(cumulative, weights, traces, last_spike, 10, 0)  # compile
    best = np.inf
    for repeat in range(repeats):
        start = time.perf_counter()
        spike_loop(cumulative, weights, traces, last_spike, n_events, repeat)
        best = min(best, time.perf_counter() - start)
    return best / n_events


def run_sweeps(args):
    from plastlib.stdp import STDPParams, simulate_stdp

    reference = STDPParams()
    simulate_stdp(reference, 1.0, rng=0)  # compile, or load the kernel from the cache
    rows = []
    for n_inputs in INPUT_COUNTS:
        params = replace(reference, n_inputs=n_inputs,
                         g_max=reference.g_max * REFERENCE_INPUTS / n_inputs)
        rows.append(measure("inputs", params, args.duration, RATE, args.repeats))
    for duration in DURATIONS:
        rows.append(measure("duration", reference, duration, RATE, args.repeats))
    for rate in RATES:
        rows.append(measure("rate", reference, args.duration, rate, args.repeats))
    empty = replace(reference, n_inhibitory=0)
    rows.append(measure("empty", empty, args.duration, 0.0, args.repeats))
    return rows


def fit_costs(rows):
    """Return the least-squares costs per step, per pre spike and per post update, in s.

    The fixed cost of a call (validation, allocation, the call into the
    kernel) is left out of the model. It is about 1 ms, a few percent of the
    shortest point at the default durations, and fitting it gave a negative value.
    """
    design = np.array([[row["steps"], row["pre"], row["post_updates"]] for row in rows],
                      dtype=float)
    times = np.array([row["time"] for row in rows])
    # Weight by 1 / time so that short and long runs count alike (relative residuals).
    weights = 1.0 / times
    costs, *_ = np.linalg.lstsq(design * weights[:, None], times * weights, rcond=None)
    predicted = design @ costs
    return costs, predicted


def fit_slope(rows, sweep):
    """Return the slope (s per presynaptic spike) and intercept of time against spikes."""
    selected = [row for row in rows if row["sweep"] == sweep]
    spikes = np.array([row["pre"] for row in selected])
    times = np.array([row["time"] for row in selected])
    slope, intercept = np.polyfit(spikes, times, 1)
    return slope, intercept


def print_report(rows, costs, predicted):
    header = (f"{'sweep':8s} {'inputs':>6s} {'T (s)':>6s} {'rate':>5s} {'steps':>9s} "
              f"{'pre spikes':>11s} {'post':>6s} {'time (s)':>9s} {'fit (s)':>8s} "
              f"{'ns/pre':>7s}")
    print(header)
    for row, fit in zip(rows, predicted):
        per_spike = 1e9 * row["time"] / row["pre"] if row["pre"] > 0 else float("nan")
        print(f"{row['sweep']:8s} {row['n_inputs']:6d} {row['duration']:6g} {row['rate']:5g} "
              f"{row['steps']:9d} {row['pre']:11.3g} {row['post']:6d} {row['time']:9.4f} "
              f"{fit:8.4f} {per_spike:7.1f}")
    c_step, c_pre, c_post = costs
    print(f"\nfitted cost per time step          {1e9 * c_step:7.1f} ns")
    print(f"fitted cost per presynaptic spike  {1e9 * c_pre:7.1f} ns")
    print(f"fitted cost per synapse potentiated at a postsynaptic spike "
          f"{1e9 * c_post:7.2f} ns")
    empty = [row for row in rows if row["sweep"] == "empty"][0]
    print(f"measured cost per empty time step  {1e9 * empty['time'] / empty['steps']:7.1f} ns "
          "(no input, no inhibition; includes the fixed cost of the call)")
    for sweep in ("inputs", "duration"):
        slope, intercept = fit_slope(rows, sweep)
        print(f"linear fit of the {sweep} sweep: {1e9 * slope:.1f} ns per presynaptic spike, "
              f"intercept {intercept:.4f} s")
    relative = np.abs(predicted / np.array([row["time"] for row in rows]) - 1)
    print(f"largest relative residual of the fit: {relative.max():.1%}")


def plot(rows, costs, output):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from plastlib.plotting import COLORS, LINESTYLES, MARKERS, use_book_style

    use_book_style()
    figure, axis = plt.subplots(figsize=(6, 4))
    labels = {"inputs": "100 to 10,000 inputs at 15 Hz",
              "duration": "1000 inputs, 10 to 300 s",
              "rate": "1000 inputs, 5 to 40 Hz"}
    for index, (sweep, label) in enumerate(labels.items()):
        selected = [row for row in rows if row["sweep"] == sweep and row["pre"] > 0]
        spikes = np.array([row["pre"] for row in selected])
        times = np.array([row["time"] for row in selected])
        axis.plot(spikes, times, marker=MARKERS[index], linestyle="none", color=COLORS[index],
                  label=label)
    spikes = np.array([row["pre"] for row in rows if row["pre"] > 0])
    grid = np.geomspace(spikes.min(), spikes.max(), 50)
    axis.plot(grid, costs[1] * grid, color=COLORS[3], linestyle=LINESTYLES[1],
              label=f"{1e9 * costs[1]:.0f} ns per presynaptic spike")
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("presynaptic spikes")
    axis.set_ylabel("wall time (s)")
    axis.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(output, dpi=120)
    print(f"figure saved to {output}")


def main():
    args = parse_arguments()
    os.environ.setdefault("PLASTLIB_PROGRESS", "0")
    try:
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        load = "unknown"
    print(f"STDP simulator scaling; {os.cpu_count()} logical CPUs; load average at start {load}")
    print(f"minimum of {args.repeats} timings per point; dt = 0.1 ms\n")
    rows = run_sweeps(args)
    costs, predicted = fit_costs(rows)
    print_report(rows, costs, predicted)
    floor = measure_spike_floor(repeats=args.repeats)
    print(f"floor: minimal spike loop {1e9 * floor:.1f} ns per presynaptic spike "
          f"({REFERENCE_INPUTS} inputs); the simulator's fitted cost is "
          f"{costs[1] / floor:.1f} times that")
    plot(rows, costs, args.output)


if __name__ == "__main__":
    main()
