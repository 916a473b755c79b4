"""Repeat the retention sweep of the receptive-field chapter over several seeds.

For each seed, the weight-dependent network (van Rossum rule, g_lat = 1) learns for
300 s, then runs 200 s of ongoing random stimuli at each lateral inhibition strength.
Prints the retention time of the receptive fields (s) and the mean output rate (Hz)
per inhibition strength and seed, then the median over seeds.

Usage: ``python benchmarks/receptive_field_runs.py [--seeds N]`` (about 15 s per seed
on one core of a 2-core machine).
"""

import argparse
from dataclasses import replace

import numpy as np

from plastlib import network

G_SWEEP = (0.0, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0)


def retention_sweep(seed):
    """Return the retention times (s) and output rates (Hz) of one seed, per inhibition."""
    cell = replace(network.NetworkParams().cell, mu_minus=1.0, depression_ratio=2.0)
    params = network.NetworkParams(cell=cell, g_lateral=1.0)
    learned = network.simulate_network(params, 300e3, rng=seed)
    retention, rates = [], []
    for g_lateral in G_SWEEP:
        run = network.simulate_network(replace(params, g_lateral=g_lateral), 200e3,
                                       initial_weights=learned.final_weights,
                                       snapshot_interval=1e3, rng=seed + 1000)
        similarity = network.receptive_field_correlation(run.weights)
        retention.append(network.decay_time(run.snapshot_times, similarity, 0.2) / 1e3)
        rates.append(run.output_rates().mean())
    return np.array(retention), np.array(rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="number of seeds (default 5)")
    args = parser.parse_args()
    table = []
    print("seed  " + "  ".join(f"g={g:<5g}" for g in G_SWEEP) + "   (retention time, s)")
    for seed in range(1, args.seeds + 1):
        retention, rates = retention_sweep(seed)
        table.append(retention)
        print(f"{seed:4d}  " + "  ".join(f"{t:7.1f}" for t in retention)
              + "   rates (Hz): " + " ".join(f"{r:.1f}" for r in rates))
    print("median " + "  ".join(f"{t:7.1f}" for t in np.median(table, axis=0)))


if __name__ == "__main__":
    main()
