"""Compare plastlib's STDP simulator with Brian2 on the model of Song, Miller & Abbott (2000).

One conductance-based leaky integrate-and-fire neuron receives 1000 excitatory
Poisson inputs (15 Hz by default) through plastic synapses and 200 inhibitory
Poisson inputs at 10 Hz through fixed synapses. The synapses follow STDP with
exponential windows, all-to-all pairing and hard bounds 0 <= w <= 1. Two rules
are run: additive STDP (Song et al. 2000; mu_minus = 0) and depression
proportional to the weight (van Rossum, Bi & Turrigiano 2000; mu_minus = 1).

The same model is simulated with ``plastlib.stdp.simulate_stdp`` and with a
Brian2 model written from the equations of Song et al. (2000) with plastlib's
conventions (see ``build_brian2_network``), using Brian2's runtime
code-generation targets ``cython`` and ``numpy``. For every rule, duration and
seed the simulators run one after the other, in an order that alternates
between repetitions, so that a change of machine load affects all of them.
Both simulators start from the same initial weights. Their spike trains differ
because each draws its own, so results can agree only statistically. The
script prints the mean and standard error over seeds of the output rate and of
the weight statistics, and the difference between simulators in units of its
standard error.

Times are wall-clock times (``time.perf_counter``):

* ``run`` excludes compilation. For plastlib the numba kernel was compiled or
  loaded from the cache beforehand. For Brian2 it is the second ``Network.run``
  of a network whose code objects the first (1 ms) run compiled, so it still
  contains Brian2's per-run preparation.
* ``setup`` is the time of that first call: numba compilation or cache load,
  or Brian2's network construction, code generation and Cython compilation or
  cache load. Run plus setup is the time including compilation. The caches
  start empty unless ``--warm-caches`` is given, so the first repetition of
  each rule contains a real compilation (plastlib compiles one kernel for both
  rules, Brian2 compiles new code for each rule).

Usage (from the repository root, with the virtual environment active)::

    python benchmarks/stdp_vs_brian2.py                       # cython, 100 s and 300 s, 5 seeds
    python benchmarks/stdp_vs_brian2.py --targets cython numpy --durations 10 --seeds 2

References: Song S, Miller KD, Abbott LF (2000) Nat Neurosci 3:919-926.
van Rossum MCW, Bi GQ, Turrigiano GG (2000) J Neurosci 20:8812-8821.
"""

import argparse
import gc
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

RULES = ("additive", "weight-dependent")
TARGETS = ("cython", "numpy")
# A weight below LOW_FRACTION or above HIGH_FRACTION of the maximum counts as "at a bound".
LOW_FRACTION = 0.1
HIGH_FRACTION = 0.9
STATISTICS = ("rate", "mean_w", "sd_w", "frac_low", "frac_high")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", nargs="+", choices=RULES, default=list(RULES),
                        help="STDP rules to run (default: both)")
    parser.add_argument("--targets", nargs="+", choices=TARGETS, default=["cython"],
                        help="Brian2 code-generation targets (default: cython; numpy took 1 to 2 s "
                             "of wall time per simulated second on a loaded 2-core machine)")
    parser.add_argument("--durations", nargs="+", type=float, default=[100.0, 300.0],
                        help="simulated durations, in s (default: 100 300)")
    parser.add_argument("--seeds", type=int, default=5,
                        help="number of seeds (repetitions) per rule and duration (default: 5)")
    parser.add_argument("--rate", type=float, default=15.0,
                        help="rate of every excitatory input, in Hz (default: 15)")
    parser.add_argument("--depression-ratio", type=float, default=2.75,
                        help="a_minus / a_plus of the weight-dependent rule (default: 2.75, which "
                             "gives an output rate near 17 Hz at 15 Hz input after 100 s)")
    parser.add_argument("--warm-caches", action="store_true",
                        help="use the numba cache of NUMBA_CACHE_DIR and Brian2's default Cython "
                             "cache instead of fresh empty ones")
    return parser.parse_args()


def prepare_caches(warm):
    """Point numba and Brian2 at fresh cache folders unless ``warm``.

    Returns the numba cache folder, the Cython cache folder (None for Brian2's
    default) and the temporary folder that contains both (None when ``warm``).
    """
    if warm:
        numba_dir = os.environ.get("NUMBA_CACHE_DIR", "(numba default)")
        return numba_dir, None, None
    scratch = Path(tempfile.mkdtemp(prefix="stdp-bench-"))
    os.environ["NUMBA_CACHE_DIR"] = str(scratch / "numba")
    return str(scratch / "numba"), str(scratch / "cython"), scratch


# ---------------------------------------------------------------------------
# The model's parameters and the two simulators


def rule_params(rule, depression_ratio):
    """Return plastlib's parameters of ``rule`` (Song et al. 2000 defaults otherwise)."""
    from plastlib.stdp import STDPParams

    additive = STDPParams()
    if rule == "additive":
        return additive
    return replace(additive, mu_minus=1.0, depression_ratio=depression_ratio)


def weight_statistics(weights):
    """Return the mean and standard deviation of the weights and the fractions near the bounds.

    Weights are in units of the maximum. The fractions are those of weights
    below 10 % and above 90 % of the maximum.
    """
    return {"mean_w": float(np.mean(weights)), "sd_w": float(np.std(weights)),
            "frac_low": float(np.mean(weights < LOW_FRACTION)),
            "frac_high": float(np.mean(weights > HIGH_FRACTION))}


def run_plastlib(params, duration_ms, rate, initial_weights, seed):
    """Simulate with plastlib and return (wall time in s, statistics)."""
    from plastlib.stdp import simulate_stdp

    start = time.perf_counter()
    result = simulate_stdp(params, duration_ms, rates=rate, initial_weights=initial_weights,
                           snapshot_interval=duration_ms, rng=seed)
    elapsed = time.perf_counter() - start
    statistics = weight_statistics(result.final_weights)
    statistics["rate"] = result.output_rate()
    return elapsed, statistics


def warm_up_plastlib(params):
    """Compile (or load from the cache) the numba kernel; return the wall time in s."""
    from plastlib.stdp import simulate_stdp

    start = time.perf_counter()
    simulate_stdp(params, duration=1.0, rates=1.0, rng=0)
    return time.perf_counter() - start


def _weight_factor(exponent, expression):
    """Return the Brian2 code of ``expression**exponent``, simplified for exponents 0 and 1."""
    if exponent == 0:
        return "1"
    if exponent == 1:
        return f"({expression})"
    return f"({expression})**{exponent!r}"


def build_brian2_network(params, rate, initial_weights):
    """Build the Brian2 network of one neuron with plastic inputs.

    Returns the network, the plastic synapses and the output spike monitor.

    The equations are those of plastlib (and of Song et al. 2000):
    ``tau_m dV/dt = v_rest - V + g_ex (e_ex - V) + g_in (e_in - V)``, conductances
    in units of the leak conductance that decay exponentially, a presynaptic
    spike of input ``i`` adding ``g_max * w_i`` to ``g_ex``, threshold and reset
    without refractory period. ``exponential_euler`` integrates ``V`` exactly
    over a step with the conductances held fixed, the scheme plastlib uses.
    STDP uses event-driven traces that add 1 per spike (all-to-all pairing) and
    clips the weight to [0, 1] after each update.

    The schedule follows plastlib's step: the input spikes of a step (Poisson
    group threshold, presynaptic pathway, inhibitory ``PoissonInput``) run in
    the ``start`` slot, before the membrane update, so they act on the membrane
    in their own step. Output spikes are detected after the update, and the
    postsynaptic pathway runs after them, so a pair in one step counts as pre
    before post. Brian2's default schedule would apply input spikes one step
    (0.1 ms) later.

    One detail still differs: ``PoissonGroup`` emits at most one spike per
    input and step, where plastlib draws a Poisson count. Two spikes of one
    input in one step have a probability of about ``(rate dt)**2 / 2``, 1e-6
    at 15 Hz.
    """
    import brian2 as b2

    ms = b2.ms
    neuron = b2.NeuronGroup(
        1,
        """dv/dt = (v_rest - v + g_ex * (e_ex - v) + g_in * (e_in - v)) / tau_m : volt
           dg_ex/dt = -g_ex / tau_ex : 1
           dg_in/dt = -g_in / tau_in : 1""",
        threshold="v >= v_threshold", reset="v = v_reset", method="exponential_euler",
        namespace={"v_rest": params.v_rest * b2.mV, "e_ex": params.e_ex * b2.mV,
                   "e_in": params.e_in * b2.mV, "tau_m": params.tau_m * ms,
                   "tau_ex": params.tau_ex * ms, "tau_in": params.tau_in * ms,
                   "v_threshold": params.v_threshold * b2.mV,
                   "v_reset": params.v_reset * b2.mV},
        name="neuron")
    neuron.v = params.v_rest * b2.mV

    inputs = b2.PoissonGroup(params.n_inputs, rates=rate * b2.Hz, name="inputs")
    inputs.thresholder["spike"].when = "start"
    depression = _weight_factor(params.mu_minus, "w")
    potentiation = _weight_factor(params.mu_plus, "1 - w")
    synapses = b2.Synapses(
        inputs, neuron,
        model="""w : 1
                 dapre/dt = -apre / tau_plus : 1 (event-driven)
                 dapost/dt = -apost / tau_minus : 1 (event-driven)""",
        on_pre=f"""g_ex_post += g_max * w
                   w = clip(w - a_minus * {depression} * apost, 0, 1)
                   apre += 1""",
        on_post=f"""w = clip(w + a_plus * {potentiation} * apre, 0, 1)
                    apost += 1""",
        namespace={"tau_plus": params.tau_plus * ms, "tau_minus": params.tau_minus * ms,
                   "g_max": params.g_max, "a_plus": params.a_plus,
                   "a_minus": params.a_minus},
        name="plastic")
    synapses.pre.when = "start"
    synapses.pre.order = 1  # after the input group's threshold (order 0)
    synapses.connect()
    synapses.w = initial_weights
    inhibition = b2.PoissonInput(neuron, "g_in", N=params.n_inhibitory,
                                 rate=params.rate_inhibitory * b2.Hz, weight=params.g_in,
                                 when="start", order=2)
    spikes = b2.SpikeMonitor(neuron, name="output_spikes")
    network = b2.Network(neuron, inputs, synapses, inhibition, spikes)
    return network, synapses, spikes


def run_brian2(target, params, duration_ms, rate, initial_weights, seed):
    """Simulate with Brian2; return (setup time, run time, statistics), times in s.

    The setup time is that of building the network and a first run of 1 ms,
    which generates and compiles (or loads) the code. The weights learn during
    that millisecond too, so Brian2 simulates 1 ms more than plastlib. The
    output rate counts only the spikes of the timed run, over ``duration_ms``.
    """
    import brian2 as b2

    b2.prefs.codegen.target = target
    b2.defaultclock.dt = params.dt * b2.ms
    b2.seed(seed)
    start = time.perf_counter()
    network, synapses, spikes = build_brian2_network(params, rate, initial_weights)
    network.run(1 * b2.ms)
    setup = time.perf_counter() - start
    spikes_before = spikes.num_spikes

    start = time.perf_counter()
    network.run(duration_ms * b2.ms)
    elapsed = time.perf_counter() - start

    statistics = weight_statistics(np.asarray(synapses.w[:]))
    statistics["rate"] = (spikes.num_spikes - spikes_before) / (duration_ms * 1e-3)
    # The next network reuses the object names (and so the compiled code), which
    # Brian2 allows only once the old objects are gone.
    del network, synapses, spikes
    gc.collect()
    return setup, elapsed, statistics


def configure_brian2(cython_cache):
    """Keep Brian2 quiet (warnings still shown) and its Cython cache outside the repository."""
    import brian2 as b2

    b2.prefs.logging.file_log = False
    b2.prefs.logging.std_redirection = False
    b2.BrianLogger.log_level_warn()
    if cython_cache is not None:
        b2.prefs.codegen.runtime.cython.cache_dir = cython_cache
    return b2.prefs.codegen.runtime.cython.cache_dir or "~/.cython/brian_extensions"


# ---------------------------------------------------------------------------
# Report


def describe_machine():
    """Return lines describing the machine and the software versions."""
    import brian2
    import numba

    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        total_kb = int(meminfo.read_text().split()[1])
        memory = f"{total_kb / 2**20:.1f} GiB"
    try:
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        load = "unknown"
    try:
        import Cython
        cython_version = Cython.__version__
    except ImportError:
        cython_version = "not installed"
    return [
        f"machine: {platform.machine()}, {os.cpu_count()} logical CPUs, {cpu}, {memory} RAM",
        f"load average at start (1, 5, 15 min): {load}",
        f"Python {platform.python_version()}, numpy {np.__version__}, numba {numba.__version__}, "
        f"brian2 {brian2.__version__}, Cython {cython_version}",
    ]


def format_statistics(statistics):
    return (f"rate {statistics['rate']:6.2f} Hz  <w>/wmax {statistics['mean_w']:.3f}  "
            f"sd {statistics['sd_w']:.3f}  w<0.1 {statistics['frac_low']:.3f}  "
            f"w>0.9 {statistics['frac_high']:.3f}")


def mean_and_error(values):
    """Return the mean and its standard error (0 for a single value)."""
    values = np.asarray(values, dtype=float)
    error = values.std(ddof=1) / np.sqrt(values.size) if values.size > 1 else 0.0
    return float(values.mean()), float(error)


def print_summary(records, simulators):
    """Print, per rule and duration, mean times, speed ratios and the agreement of results."""
    print("\n=== Summary (mean over seeds; +- is the standard error of the mean) ===")
    keys = sorted({(r["rule"], r["duration"]) for r in records},
                  key=lambda key: (RULES.index(key[0]), key[1]))
    for rule, duration in keys:
        print(f"\n{rule} STDP, {duration:g} s simulated:")
        by_simulator = {name: [r for r in records if r["rule"] == rule
                               and r["duration"] == duration and r["simulator"] == name]
                        for name in simulators}
        reference = by_simulator["plastlib"]
        plastlib_run = np.array([r["run"] for r in reference])
        for name in simulators:
            rows = by_simulator[name]
            run_time = mean_and_error([r["run"] for r in rows])
            setups = [r["setup"] for r in rows]
            line = (f"  {name:9s} run {run_time[0]:8.2f} +- {run_time[1]:5.2f} s   "
                    f"setup first {setups[0]:6.2f} s, later {np.mean(setups[1:] or [0]):5.2f} s")
            if name != "plastlib":
                # Ratios of runs made back to back (same seed), so slow changes of load cancel.
                ratios = np.array([r["run"] for r in rows]) / plastlib_run
                line += f"   {name}/plastlib run-time ratio {np.mean(ratios):7.1f}"
                line += f" (min {ratios.min():.1f}, max {ratios.max():.1f})"
            print(line)
        for statistic in STATISTICS:
            cells = []
            values = {}
            for name in simulators:
                values[name] = mean_and_error([r[statistic] for r in by_simulator[name]])
                cells.append(f"{name} {values[name][0]:.4f} +- {values[name][1]:.4f}")
            for name in simulators[1:]:
                difference = values[name][0] - values["plastlib"][0]
                error = np.hypot(values[name][1], values["plastlib"][1])
                if error > 0:
                    cells.append(f"diff({name}) = {difference / error:+.1f} SE")
                else:
                    cells.append(f"diff({name}) = {difference:+.3f} (no spread)")
            print(f"  {statistic:9s} " + "   ".join(cells))


def main():
    args = parse_arguments()
    numba_dir, cython_cache, scratch = prepare_caches(args.warm_caches)
    cython_dir = configure_brian2(cython_cache)
    simulators = ["plastlib", *args.targets]

    print("STDP benchmark: plastlib.stdp.simulate_stdp versus Brian2 (runtime mode)")
    for line in describe_machine():
        print(line)
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"numba cache: {numba_dir}; Brian2 Cython cache: {cython_dir}")
    print(f"model: Song et al. (2000), 1000 excitatory inputs at {args.rate:g} Hz, "
          "200 inhibitory inputs at 10 Hz, dt = 0.1 ms, all-to-all pairing, hard bounds")
    print(f"rules: {', '.join(args.rules)} (weight-dependent: mu_minus = 1, "
          f"a_minus/a_plus = {args.depression_ratio:g}); durations {args.durations} s; "
          f"{args.seeds} seeds; simulators {simulators}")
    print("times: run = wall time without compilation; setup = first call (compilation or "
          "cache load, Brian2 network construction)\n")

    records = []
    for rule in args.rules:
        params = rule_params(rule, args.depression_ratio)
        plastlib_setup = warm_up_plastlib(params)
        for duration in args.durations:
            for repetition in range(args.seeds):
                seed = 1000 + repetition
                initial_weights = np.random.default_rng(seed).uniform(0.0, 1.0, params.n_inputs)
                # Alternate the order of the simulators between repetitions.
                order = simulators if repetition % 2 == 0 else simulators[::-1]
                for name in order:
                    if name == "plastlib":
                        setup = plastlib_setup
                        elapsed, statistics = run_plastlib(params, duration * 1e3, args.rate,
                                                           initial_weights, seed)
                        # Only the first run of a rule follows its warm-up call.
                        plastlib_setup = 0.0
                    else:
                        setup, elapsed, statistics = run_brian2(
                            name, params, duration * 1e3, args.rate, initial_weights, seed)
                    records.append({"rule": rule, "duration": duration, "seed": seed,
                                    "simulator": name, "setup": setup, "run": elapsed,
                                    **statistics})
                    print(f"{rule:16s} {duration:6g} s  seed {seed}  {name:8s} "
                          f"run {elapsed:8.2f} s  setup {setup:6.2f} s  "
                          f"{format_statistics(statistics)}", flush=True)
    print_summary(records, simulators)
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
