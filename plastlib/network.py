"""Receptive fields in a feed-forward network of integrate-and-fire neurons with STDP.

A layer of ``n_inputs`` Poisson neurons encodes the orientation of a stimulus:
input ``j`` has a preferred orientation ``theta_j`` (evenly spaced on
[0, 180) degrees) and fires at the von Mises rate::

    r_j(theta) = rate_background + rate_peak * exp(kappa * (cos(2 (theta - theta_j)) - 1))

which is periodic with period 180 degrees. A new orientation, drawn uniformly,
is shown every ``stimulus_duration`` ms. The inputs drive ``n_outputs``
conductance-based leaky integrate-and-fire neurons (the neuron of
:mod:`plastlib.stdp`, Song, Miller & Abbott 2000) through plastic synapses
that follow the STDP rule of :mod:`plastlib.stdp`: additive, van Rossum or
multiplicative, chosen by the exponents ``mu_plus`` and ``mu_minus``.

The output neurons inhibit each other: a spike of output ``k`` raises the
inhibitory conductance of every other output by ``g_lateral`` (in units of
the leak conductance). Billings & van Rossum (2009) showed that such lateral
inhibition stabilises receptive fields learned with STDP. Optional recurrent excitation between outputs,
of peak conductance ``g_recurrent * W_rec[k, l]``, may follow the same STDP
rule.

The network kernel calls the numba kernels ``_depress``, ``_potentiate`` and
``_bump_trace`` of :mod:`plastlib.stdp`. numba checks only this file when it
loads a cached kernel, so after a change to ``plastlib/stdp.py`` the numba
cache must be cleared (the book's build script does this whenever any
plastlib file changes).

Public functions
----------------
:class:`NetworkParams`, :func:`simulate_network`, :class:`NetworkResult`
    Parameters, simulation and its result.
:func:`preferred_orientations`, :func:`input_rates`, :func:`mean_input_rate`
    The input layer's tuning and its average rate over stimuli.
:func:`weight_selectivity`, :func:`weight_preferred_orientation`
    Orientation selectivity and preferred orientation of weight vectors.
:func:`tuning_curves`, :func:`vector_correlation`, :func:`receptive_field_correlation`
    Response tuning from spike counts, and the correlation of weight vectors,
    population vectors or receptive fields over time.
:func:`decay_time`
    Time constant of the decay of such a correlation.

References
----------
Song S, Miller KD, Abbott LF (2000) Competitive Hebbian learning through
spike-timing-dependent synaptic plasticity. Nat Neurosci 3:919-926.
Song S, Abbott LF (2001) Cortical development and remapping through spike
timing-dependent plasticity. Neuron 32:339-350.
Billings G, van Rossum MCW (2009) Memory retention and spike-timing-dependent
plasticity. J Neurophysiol 101:2775-2788.
"""

import math
from dataclasses import dataclass, field

import numba
import numpy as np

from plastlib._validation import (
    as_generator,
    check_integer,
    check_nonnegative,
    check_positive,
    check_range,
    kernel_seed,
)
from plastlib.progress import progress as progress_bar
from plastlib.stdp import STDPParams, _bump_trace, _depress, _potentiate

__all__ = [
    "NetworkParams",
    "NetworkResult",
    "simulate_network",
    "preferred_orientations",
    "input_rates",
    "mean_input_rate",
    "weight_selectivity",
    "weight_preferred_orientation",
    "tuning_curves",
    "vector_correlation",
    "receptive_field_correlation",
    "decay_time",
]


def _default_cell():
    # 100 inputs instead of the 1000 of Song et al. (2000), each 5.3 times stronger, and no
    # background inhibition, because the outputs inhibit each other. a_plus is four times that
    # of Song et al. (2000) so that receptive fields form within a few hundred seconds.
    return STDPParams(n_inputs=100, g_max=0.08, n_inhibitory=0, a_plus=0.02, dt=0.5)


@dataclass(frozen=True)
class NetworkParams:
    """Parameters of the input layer, the output neurons and their connections.

    Attributes
    ----------
    cell : STDPParams
        Neuron, feed-forward synapse and STDP rule parameters. ``cell.n_inputs``
        is the number of input neurons, ``cell.g_max`` the peak conductance of a
        feed-forward synapse with ``w = 1`` (units of the leak conductance), and
        ``cell.n_inhibitory``, ``cell.rate_inhibitory``, ``cell.g_in`` describe
        background Poisson inhibition onto each output. Default: the neuron
        and additive rule of Song et al. (2000) with 100 inputs,
        ``g_max = 0.08``, ``a_plus = 0.02``, no background inhibition and
        ``dt = 0.5`` ms.
    n_outputs : int
        Number of output neurons.
    rate_background : float
        Rate of an input for a stimulus far from its preferred orientation, in Hz.
    rate_peak : float
        Extra rate of an input at its preferred orientation, in Hz.
    concentration : float
        Concentration ``kappa`` of the von Mises tuning (dimensionless). The
        tuning half-width at half height is
        ``0.5 * arccos(1 + ln(0.5) / kappa)`` for ``kappa > ln(2) / 2``.
    stimulus_duration : float
        Time each stimulus is shown, in ms (a multiple of ``cell.dt``).
    g_lateral : float
        Increment of the inhibitory conductance of every other output when one
        output spikes, in units of the leak conductance (0: no inhibition).
    g_recurrent : float
        Peak conductance of a recurrent excitatory synapse with weight 1, in
        units of the leak conductance (0: no recurrent excitation).
    recurrent_plastic : bool
        Whether the recurrent weights follow the STDP rule of ``cell``.
    """

    cell: STDPParams = field(default_factory=_default_cell)
    n_outputs: int = 10
    rate_background: float = 5.0
    rate_peak: float = 45.0
    concentration: float = 2.0
    stimulus_duration: float = 50.0
    g_lateral: float = 0.0
    g_recurrent: float = 0.0
    recurrent_plastic: bool = False

    def __post_init__(self):
        if not isinstance(self.cell, STDPParams):
            raise ValueError(f"`cell` = {self.cell!r} is invalid: pass an STDPParams instance")
        check_integer("n_outputs", self.n_outputs, minimum=1)
        check_nonnegative("rate_background", self.rate_background, "Hz")
        check_nonnegative("rate_peak", self.rate_peak, "Hz")
        check_nonnegative("concentration", self.concentration)
        check_positive("stimulus_duration", self.stimulus_duration, "ms")
        check_nonnegative("g_lateral", self.g_lateral)
        check_nonnegative("g_recurrent", self.g_recurrent)
        # Input spikes are Bernoulli draws per step, which stand in for Poisson
        # spikes only if the spike probability per step stays small.
        max_rate = 0.1 / (self.cell.dt * 1e-3)
        check_range("rate_background + rate_peak", self.rate_background + self.rate_peak,
                    0.0, max_rate, "Hz")
        steps = self.stimulus_duration / self.cell.dt
        if abs(steps - round(steps)) > 1e-9 * steps:
            raise ValueError(f"`stimulus_duration` = {self.stimulus_duration} ms is invalid: it "
                             f"must be a multiple of dt = {self.cell.dt} ms")


@dataclass(frozen=True)
class NetworkResult:
    """Output of :func:`simulate_network`.

    Attributes
    ----------
    params : NetworkParams
        The parameters of the run.
    snapshot_times : numpy.ndarray
        Times of the weight snapshots, in ms (the first is 0).
    weights : numpy.ndarray
        Feed-forward weights at those times, shape
        ``(len(snapshot_times), n_outputs, n_inputs)``, in units of ``g_max``.
    recurrent_weights : numpy.ndarray
        Recurrent weights at those times, shape
        ``(len(snapshot_times), n_outputs, n_outputs)``; entry ``[., k, l]``
        is the synapse from output ``l`` onto output ``k``.
    orientations : numpy.ndarray
        Orientation of each stimulus, in degrees.
    spike_counts : numpy.ndarray
        Spikes of each output during each stimulus, shape
        ``(n_stimuli, n_outputs)``.
    input_counts : numpy.ndarray
        Total spikes of each input neuron.
    """

    params: NetworkParams
    snapshot_times: np.ndarray
    weights: np.ndarray
    recurrent_weights: np.ndarray
    orientations: np.ndarray
    spike_counts: np.ndarray
    input_counts: np.ndarray

    @property
    def duration(self):
        """Simulated time, in ms."""
        return float(self.snapshot_times[-1])

    @property
    def final_weights(self):
        """Feed-forward weights at the end of the run, shape ``(n_outputs, n_inputs)``."""
        return self.weights[-1]

    def output_rates(self, start=0.0, stop=None):
        """Return the mean rate of each output, in Hz, over stimuli shown in [start, stop) ms."""
        duration = self.params.stimulus_duration
        stop = self.duration if stop is None else stop
        first = int(round(start / duration))
        last = int(round(stop / duration))
        if not 0 <= first < last <= self.spike_counts.shape[0]:
            raise ValueError(f"`start` = {start} ms and `stop` = {stop} ms are invalid: they "
                             f"must satisfy 0 <= start < stop <= {self.duration} ms")
        return self.spike_counts[first:last].mean(axis=0) * 1e3 / duration


# ---------------------------------------------------------------------------
# numba kernel


@numba.njit(cache=True)
def _network_kernel(n_steps, dt, steps_per_stimulus, orientations, preferred,
                    rate_background, rate_peak, concentration, weights, recurrent,
                    plastic, recurrent_plastic, tau_m, v_rest, v_threshold, v_reset, e_ex,
                    e_in, tau_ex, tau_in, g_max, g_recurrent, g_lateral,
                    background_inhibitory_rate, g_in, a_plus, a_minus, tau_plus, tau_minus,
                    mu_plus, mu_minus, nearest, snapshot_every, first_snapshot,
                    weight_snapshots, recurrent_snapshots, spike_counts, input_counts,
                    pre_trace, post_trace, output_pre_trace, v, g_ex, g_inh, seed):
    # pre_trace (inputs, decays with tau_plus), post_trace (outputs, tau_minus),
    # output_pre_trace (outputs as presynaptic sources, tau_plus), v, g_ex and g_inh carry the
    # state from one chunk of a run to the next. Only the first chunk seeds (seed >= 0); the
    # later chunks (seed = -1) continue the random stream, which numba and NumPy keep between
    # calls, so that the spikes do not depend on the number of chunks.
    if seed >= 0:
        np.random.seed(seed)
    n_outputs, n_inputs = weights.shape
    spike_probability = np.zeros(n_inputs)
    spiked = np.zeros(n_outputs, dtype=np.bool_)
    decay_plus = math.exp(-dt / tau_plus)
    decay_minus = math.exp(-dt / tau_minus)
    decay_ex = math.exp(-dt / tau_ex)
    decay_in = math.exp(-dt / tau_in)

    for step in range(n_steps):
        # A new stimulus sets the spike probability of every input until the next stimulus.
        if step % steps_per_stimulus == 0:
            theta = orientations[step // steps_per_stimulus] * math.pi / 180.0
            for j in range(n_inputs):
                tuning = math.exp(concentration * (math.cos(2.0 * (theta - preferred[j])) - 1.0))
                spike_probability[j] = (rate_background + rate_peak * tuning) * dt * 1e-3
        stimulus = step // steps_per_stimulus

        for j in range(n_inputs):
            pre_trace[j] *= decay_plus
        for k in range(n_outputs):
            post_trace[k] *= decay_minus
            output_pre_trace[k] *= decay_plus

        # Input spikes: excite every output, depress through its trace, then bump the input trace.
        for j in range(n_inputs):
            if np.random.random() < spike_probability[j]:
                input_counts[j] += 1
                for k in range(n_outputs):
                    g_ex[k] += g_max * weights[k, j]
                    if plastic:
                        weights[k, j] = _depress(weights[k, j], post_trace[k], a_minus, mu_minus)
                pre_trace[j] = _bump_trace(pre_trace[j], nearest)

        # Membrane of each output: exact integration over dt with the conductances held fixed.
        for k in range(n_outputs):
            if background_inhibitory_rate > 0:
                g_inh[k] += g_in * np.random.poisson(background_inhibitory_rate * dt)
            g_total = 1.0 + g_ex[k] + g_inh[k]
            v_inf = (v_rest + g_ex[k] * e_ex + g_inh[k] * e_in) / g_total
            v[k] = v_inf + (v[k] - v_inf) * math.exp(-dt * g_total / tau_m)
            g_ex[k] *= decay_ex
            g_inh[k] *= decay_in
            spiked[k] = v[k] >= v_threshold

        # Output spikes as presynaptic events of the recurrent synapses: lateral inhibition and
        # recurrent excitation reach the other outputs in the next step.
        for l in range(n_outputs):
            if not spiked[l]:
                continue
            for k in range(n_outputs):
                if k == l:
                    continue
                g_inh[k] += g_lateral
                g_ex[k] += g_recurrent * recurrent[k, l]
                if recurrent_plastic:
                    recurrent[k, l] = _depress(recurrent[k, l], post_trace[k], a_minus, mu_minus)
            output_pre_trace[l] = _bump_trace(output_pre_trace[l], nearest)

        # Output spikes as postsynaptic events: reset and potentiate through presynaptic traces.
        for k in range(n_outputs):
            if not spiked[k]:
                continue
            v[k] = v_reset
            spike_counts[stimulus, k] += 1
            if plastic:
                for j in range(n_inputs):
                    if pre_trace[j] > 0.0:
                        weights[k, j] = _potentiate(weights[k, j], pre_trace[j], a_plus, mu_plus)
            if recurrent_plastic:
                for l in range(n_outputs):
                    if l != k and output_pre_trace[l] > 0.0:
                        recurrent[k, l] = _potentiate(recurrent[k, l], output_pre_trace[l],
                                                      a_plus, mu_plus)
            post_trace[k] = _bump_trace(post_trace[k], nearest)

        if (step + 1) % snapshot_every == 0:
            index = first_snapshot + (step + 1) // snapshot_every
            weight_snapshots[index] = weights
            recurrent_snapshots[index] = recurrent


# ---------------------------------------------------------------------------
# input layer


def preferred_orientations(n_inputs):
    """Return ``n_inputs`` preferred orientations evenly spaced on [0, 180) degrees."""
    n_inputs = check_integer("n_inputs", n_inputs, minimum=1)
    return np.arange(n_inputs) * 180.0 / n_inputs


def input_rates(orientation, params=None):
    """Return the rate of every input neuron, in Hz, for a stimulus orientation in degrees.

    Parameters
    ----------
    orientation : float or array_like
        Stimulus orientation(s), in degrees (any real value: the tuning has
        period 180 degrees).
    params : NetworkParams, optional
        Tuning parameters and ``cell.n_inputs``.

    Returns
    -------
    numpy.ndarray
        Shape ``orientation.shape + (n_inputs,)``, in Hz:
        ``rate_background + rate_peak * exp(kappa (cos(2 (theta - theta_j)) - 1))``.
    """
    params = NetworkParams() if params is None else params
    theta = np.asarray(orientation, dtype=float)
    if not np.all(np.isfinite(theta)):
        raise ValueError("`orientation` contains a non-finite value: orientations must be finite")
    preferred = preferred_orientations(params.cell.n_inputs)
    difference = np.deg2rad(theta[..., None] - preferred)
    tuning = np.exp(params.concentration * (np.cos(2 * difference) - 1))
    return params.rate_background + params.rate_peak * tuning


def mean_input_rate(params=None):
    """Return the rate of an input averaged over uniformly drawn orientations, in Hz.

    The average of ``exp(kappa (cos(phi) - 1))`` over a uniform phase ``phi`` is
    ``exp(-kappa) I_0(kappa)``, with ``I_0`` the modified Bessel function of
    order zero, so the mean rate is ``rate_background + rate_peak exp(-kappa) I_0(kappa)``.
    """
    params = NetworkParams() if params is None else params
    return float(params.rate_background
                 + params.rate_peak * np.i0(params.concentration) * math.exp(-params.concentration))


# ---------------------------------------------------------------------------
# simulation


def _initial_array(name, value, shape, generator, low):
    """Return a validated copy of ``value`` broadcast to ``shape``, or uniform random weights."""
    if value is None:
        return generator.uniform(low, 1.0, shape) if low < 1.0 else np.full(shape, low)
    array = np.broadcast_to(np.asarray(value, dtype=float), shape).copy()
    if np.any(~np.isfinite(array)) or array.min() < 0 or array.max() > 1:
        raise ValueError(f"`{name}` spans [{array.min()}, {array.max()}], which is invalid: "
                         "weights must lie in [0, 1]")
    return array


def simulate_network(params=None, duration=10_000.0, initial_weights=None,
                     initial_recurrent=None, orientations=None, plastic=True,
                     snapshot_interval=None, n_chunks=10, rng=None, progress=True):
    """Simulate the input layer and the output neurons with plastic feed-forward synapses.

    Parameters
    ----------
    params : NetworkParams, optional
        Network parameters (default :class:`NetworkParams`).
    duration : float
        Simulated time, in ms. A run ends at the last whole snapshot interval.
    initial_weights : array_like, optional
        Feed-forward weights in [0, 1], broadcast to ``(n_outputs, n_inputs)``
        (default: uniform random in [0, 1]).
    initial_recurrent : array_like, optional
        Recurrent weights in [0, 1], broadcast to ``(n_outputs, n_outputs)``;
        the diagonal is ignored (default: uniform random if ``g_recurrent > 0``
        or ``recurrent_plastic``, else 0).
    orientations : array_like, optional
        Stimulus orientations in degrees, one per stimulus (at least
        ``duration / stimulus_duration`` of them). Default: uniform on [0, 180).
    plastic : bool
        Whether the feed-forward weights follow STDP (``False`` probes the network).
    snapshot_interval : float, optional
        Time between weight snapshots, in ms, a multiple of
        ``stimulus_duration`` (default: ``duration``).
    n_chunks : int
        Number of pieces in which the run is simulated, so that a progress bar
        can follow it (at most one piece per snapshot interval). The state of
        the network and the random stream carry over from one piece to the
        next: the result does not depend on ``n_chunks``.
    rng : int, numpy.random.Generator or None
        Seed or generator for the initial weights, the orientations and the spikes.
    progress : bool
        Whether to show a progress bar over the pieces (it also stays hidden
        when the environment variable ``PLASTLIB_PROGRESS`` is ``0``).

    Returns
    -------
    NetworkResult

    Notes
    -----
    Each output obeys the membrane equation and the STDP rule of
    :func:`plastlib.stdp.simulate_stdp`, with the same order of events within a
    step: input spikes (depression), membrane update, output spikes
    (potentiation), so that an input spike in the step of an output spike
    counts as pre before post. Input spikes are Bernoulli draws with
    probability ``rate * dt`` per step. Lateral inhibition and recurrent
    excitation arrive one step (``dt``) after the output spike. Spikes are
    drawn inside the kernel from a seed taken from ``rng``, so a seed gives the
    same result on every run, but a different one with ``NUMBA_DISABLE_JIT=1``.
    """
    params = NetworkParams() if params is None else params
    if not isinstance(params, NetworkParams):
        raise ValueError(f"`params` = {params!r} is invalid: pass a NetworkParams instance")
    cell = params.cell
    duration = check_positive("duration", duration, "ms")
    if duration < params.stimulus_duration:
        raise ValueError(f"`duration` = {duration} ms is invalid: it must be at least "
                         f"stimulus_duration = {params.stimulus_duration} ms")
    snapshot_interval = duration if snapshot_interval is None else snapshot_interval
    snapshot_interval = check_range("snapshot_interval", snapshot_interval,
                                    params.stimulus_duration, duration, "ms")
    stimuli_per_snapshot = int(round(snapshot_interval / params.stimulus_duration))
    if abs(stimuli_per_snapshot * params.stimulus_duration - snapshot_interval) > \
            1e-9 * snapshot_interval:
        raise ValueError(f"`snapshot_interval` = {snapshot_interval} ms is invalid: it must be "
                         f"a multiple of stimulus_duration = {params.stimulus_duration} ms")
    n_chunks = check_integer("n_chunks", n_chunks, minimum=1)
    snapshot_interval = stimuli_per_snapshot * params.stimulus_duration
    n_snapshots = int(duration / snapshot_interval + 1e-9)
    n_stimuli = n_snapshots * stimuli_per_snapshot
    generator = as_generator(rng)

    n_out, n_in = params.n_outputs, cell.n_inputs
    weights = _initial_array("initial_weights", initial_weights, (n_out, n_in), generator, 0.0)
    has_recurrent = params.g_recurrent > 0 or params.recurrent_plastic
    recurrent = _initial_array("initial_recurrent", initial_recurrent, (n_out, n_out),
                               generator, 0.0 if has_recurrent else 1.0)
    if not has_recurrent and initial_recurrent is None:
        recurrent[:] = 0.0
    np.fill_diagonal(recurrent, 0.0)

    if orientations is None:
        orientations = generator.uniform(0.0, 180.0, n_stimuli)
    else:
        orientations = np.asarray(orientations, dtype=float).ravel()
        if orientations.size < n_stimuli or not np.all(np.isfinite(orientations)):
            raise ValueError(f"`orientations` has {orientations.size} values, which is invalid: "
                             f"pass at least {n_stimuli} finite orientations (one per stimulus)")
        orientations = orientations[:n_stimuli].copy()

    steps_per_stimulus = int(round(params.stimulus_duration / cell.dt))
    weight_snapshots = np.empty((n_snapshots + 1, n_out, n_in))
    recurrent_snapshots = np.empty((n_snapshots + 1, n_out, n_out))
    weight_snapshots[0] = weights
    recurrent_snapshots[0] = recurrent
    spike_counts = np.zeros((n_stimuli, n_out), dtype=np.int64)
    input_counts = np.zeros(n_in, dtype=np.int64)
    preferred = np.deg2rad(preferred_orientations(n_in))
    # Traces, membrane potentials and conductances, carried across chunks.
    state = (np.zeros(n_in), np.zeros(n_out), np.zeros(n_out), np.full(n_out, cell.v_rest),
             np.zeros(n_out), np.zeros(n_out))

    # The run is split at snapshot boundaries so that a progress bar can follow it.
    boundaries = np.linspace(0, n_snapshots, min(n_chunks, n_snapshots) + 1).round().astype(int)
    pieces = list(zip(boundaries[:-1], boundaries[1:]))
    if progress:
        pieces = progress_bar(pieces, desc="network simulation")
    # np.random.seed without JIT accepts only 32-bit seeds.
    first_seed = kernel_seed(generator) % 2**32
    for first, last in pieces:
        stimuli = slice(first * stimuli_per_snapshot, last * stimuli_per_snapshot)
        seed = first_seed if first == 0 else -1
        _network_kernel(
            (last - first) * stimuli_per_snapshot * steps_per_stimulus, cell.dt,
            steps_per_stimulus, orientations[stimuli], preferred, params.rate_background,
            params.rate_peak, params.concentration, weights, recurrent, bool(plastic),
            bool(params.recurrent_plastic), cell.tau_m, cell.v_rest, cell.v_threshold,
            cell.v_reset, cell.e_ex, cell.e_in, cell.tau_ex, cell.tau_in, cell.g_max,
            params.g_recurrent, params.g_lateral, cell.n_inhibitory * cell.rate_inhibitory * 1e-3,
            cell.g_in, cell.a_plus, cell.a_minus, cell.tau_plus, cell.tau_minus, cell.mu_plus,
            cell.mu_minus, cell.pairing == "nearest", stimuli_per_snapshot * steps_per_stimulus,
            first, weight_snapshots, recurrent_snapshots, spike_counts[stimuli], input_counts,
            *state, seed)

    return NetworkResult(
        params=params,
        snapshot_times=np.arange(n_snapshots + 1) * snapshot_interval,
        weights=weight_snapshots,
        recurrent_weights=recurrent_snapshots,
        orientations=orientations,
        spike_counts=spike_counts,
        input_counts=input_counts,
    )


# ---------------------------------------------------------------------------
# analysis


def _orientation_vector(weights):
    weights = np.asarray(weights, dtype=float)
    if weights.ndim < 1 or weights.shape[-1] < 2 or np.any(weights < 0):
        raise ValueError("`weights` must be an array of non-negative weights whose last axis "
                         "has one entry per input (at least 2)")
    angles = np.deg2rad(preferred_orientations(weights.shape[-1]))
    return weights @ np.exp(2j * angles), weights.sum(axis=-1)


def weight_selectivity(weights):
    """Return the orientation selectivity of weight vectors, between 0 and 1.

    The selectivity is the length of the weighted mean of ``exp(2 i theta_j)``,
    ``|sum_j w_j exp(2 i theta_j)| / sum_j w_j``, over inputs with evenly spaced
    preferred orientations ``theta_j`` along the last axis: 0 for uniform
    weights, 1 for weight on a single input. An all-zero vector gives 0.
    """
    vector, total = _orientation_vector(weights)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, np.abs(vector) / np.where(total > 0, total, 1.0), 0.0)


def weight_preferred_orientation(weights):
    """Return the preferred orientation of weight vectors, in degrees in [0, 180).

    Half the angle of ``sum_j w_j exp(2 i theta_j)`` over the last axis.
    """
    vector, _ = _orientation_vector(weights)
    return np.mod(np.rad2deg(np.angle(vector)) / 2, 180.0)


def tuning_curves(result, n_bins=12, start=0.0, stop=None):
    """Return the mean rate of each output against stimulus orientation.

    Parameters
    ----------
    result : NetworkResult
        A simulation.
    n_bins : int
        Number of orientation bins on [0, 180) degrees.
    start, stop : float
        Time window, in ms, whose stimuli are used (default: the whole run).

    Returns
    -------
    centres : numpy.ndarray
        Bin centres, in degrees.
    rates : numpy.ndarray
        Shape ``(n_bins, n_outputs)``, in Hz; NaN for a bin without stimuli.
    """
    n_bins = check_integer("n_bins", n_bins, minimum=1)
    duration = result.params.stimulus_duration
    stop = result.duration if stop is None else stop
    first, last = int(round(start / duration)), int(round(stop / duration))
    if not 0 <= first < last <= result.spike_counts.shape[0]:
        raise ValueError(f"`start` = {start} ms and `stop` = {stop} ms are invalid: they must "
                         f"satisfy 0 <= start < stop <= {result.duration} ms")
    bins = (np.mod(result.orientations[first:last], 180.0) * n_bins / 180.0).astype(int)
    bins = np.minimum(bins, n_bins - 1)
    counts = result.spike_counts[first:last]
    rates = np.full((n_bins, counts.shape[1]), np.nan)
    for b in range(n_bins):
        members = bins == b
        if members.any():
            rates[b] = counts[members].mean(axis=0) * 1e3 / duration
    centres = (np.arange(n_bins) + 0.5) * 180.0 / n_bins
    return centres, rates


def vector_correlation(vectors, reference=0):
    """Return the Pearson correlation of each flattened vector with a reference one.

    Parameters
    ----------
    vectors : array_like
        Shape ``(n_times, ...)``: for example weight snapshots
        ``(n_times, n_outputs, n_inputs)`` or population responses
        ``(n_times, n_orientations, n_outputs)``.
    reference : int
        Index of the reference along the first axis.

    Returns
    -------
    numpy.ndarray
        One correlation coefficient per time; 1 at ``reference``.
    """
    vectors = np.asarray(vectors, dtype=float)
    if vectors.ndim < 2 or vectors.shape[0] < 1:
        raise ValueError(f"`vectors` has shape {vectors.shape}, which is invalid: pass an array "
                         "of shape (n_times, ...) with at least one time")
    flat = vectors.reshape(vectors.shape[0], -1)
    reference = check_integer("reference", reference, minimum=0, maximum=flat.shape[0] - 1)
    centred = flat - flat.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(centred, axis=1)
    if np.any(norms == 0):
        raise ValueError("`vectors` contains a constant vector, whose correlation is undefined")
    return centred @ centred[reference] / (norms * norms[reference])


def receptive_field_correlation(weights, reference=0):
    """Return the similarity of the receptive fields at each time to those at a reference time.

    Each output's receptive field is summarised by its orientation vector
    ``z_k = sum_j w_kj exp(2 i theta_j) / sum_j w_kj``, whose length is the
    selectivity and whose angle is twice the preferred orientation. The
    similarity is ``Re sum_k z_k(t) conj(z_k(ref)) / (|z(t)| |z(ref)|)`` with
    ``|z|`` the norm over outputs: 1 for unchanged receptive fields, near 0 when
    they have turned or faded into noise. Unlike :func:`vector_correlation` of
    the raw weights, it ignores weight fluctuations that carry no orientation.

    Parameters
    ----------
    weights : array_like
        Weight snapshots, shape ``(n_times, n_outputs, n_inputs)``.
    reference : int
        Index of the reference snapshot.
    """
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 3:
        raise ValueError(f"`weights` has shape {weights.shape}, which is invalid: pass "
                         "snapshots of shape (n_times, n_outputs, n_inputs)")
    reference = check_integer("reference", reference, minimum=0, maximum=weights.shape[0] - 1)
    vector, total = _orientation_vector(weights)
    z = vector / np.where(total > 0, total, 1.0)
    norms = np.linalg.norm(z, axis=1)
    if np.any(norms == 0):
        raise ValueError("`weights` contains a snapshot without orientation preference "
                         "(all orientation vectors zero), whose similarity is undefined")
    return np.real(z @ np.conj(z[reference])) / (norms * norms[reference])


def decay_time(times, correlations, floor=0.1):
    """Return the time constant of an exponential decay ``C(t) = exp(-t / tau)``, in ms.

    Fits ``log C = -t / tau`` by least squares through the origin to the points
    with ``C > floor``; below the floor the sampling noise of ``C`` dominates.

    Parameters
    ----------
    times : array_like
        Times since the reference, in ms (the reference itself, ``t = 0``, may
        be included).
    correlations : array_like
        Correlation with the reference at those times (1 at ``t = 0``).
    floor : float
        Points with a correlation at or below this value are left out, in (0, 1).

    Returns
    -------
    float
        ``tau`` in the unit of ``times``; ``inf`` if the correlation does not
        decrease.
    """
    floor = check_range("floor", floor, 0.0, 1.0, low_open=True, high_open=True)
    times = np.asarray(times, dtype=float).ravel()
    correlations = np.asarray(correlations, dtype=float).ravel()
    if times.shape != correlations.shape:
        raise ValueError(f"`times` has {times.size} values and `correlations` {correlations.size}:"
                         " they must have the same length")
    # Only points before the first drop below the floor: later ones may rise by chance.
    below = np.flatnonzero(correlations <= floor)
    end = below[0] if below.size else correlations.size
    used = slice(0, end)
    t, c = times[used], correlations[used]
    keep = t > 0
    if not np.any(keep):
        raise ValueError("`correlations` has no point above `floor` at t > 0: sample the decay "
                         "more finely or lower `floor`")
    slope = np.sum(t[keep] * np.log(np.minimum(c[keep], 1.0))) / np.sum(t[keep] ** 2)
    return float(-1.0 / slope) if slope < 0 else float("inf")
