"""Early and late LTP: synaptic tagging and capture, and bistable maintenance.

A simplified model of how LTP becomes lasting. It keeps the structure of the
tag-trigger-consolidation model of Clopath et al. (2008) and of the tagging
and capture experiments of Frey & Morris (1997), with fewer variables so that
its thresholds and windows have closed forms.

State of one pathway ``k`` (a group of synapses stimulated together) and of
each synapse ``i`` in it:

* ``e_k`` early LTP (AMPA receptor phosphorylation and insertion). A tetanus
  sets ``e_k = 1`` and it decays as ``exp(-t / tau_early)``.
* ``h_k`` synaptic tag. Any tetanus sets ``h_k = 1``, and it decays as
  ``exp(-t / tau_tag)``. The tag does not need protein synthesis.
* ``p`` plasticity-related proteins, shared by every pathway of the neuron. A
  strong tetanus sets ``p = max(p, 1)``, a neuromodulator pulse (dopamine,
  noradrenaline) sets ``p = max(p, modulator_protein)``, and ``p`` decays as
  ``exp(-t / tau_protein)``. While a protein-synthesis inhibitor (anisomycin)
  is present these triggers make no protein, but protein already made stays.
* ``z_ki`` late LTP (a maintenance variable, for example the amount of
  persistently active kinase such as PKMzeta at the synapse). It obeys

  .. math::

     \\tau_z \\frac{dz}{dt} = -z + f\\,\\beta\\,\\frac{z^2}{\\theta^2 + z^2}
        + \\gamma\\,h\\,p + \\sqrt{2 D \\tau_z}\\,\\xi(t),
     \\qquad \\beta = 1 + \\theta^2,

  where ``f`` is 1, or 0 while the feedback is blocked (ZIP). The Hill term is
  positive feedback (the kinase sustains its own synthesis or activity). With
  ``beta = 1 + theta**2`` the noise-free system has stable states ``z = 0`` and
  ``z = 1`` separated by an unstable state ``z = theta**2``. Capture,
  ``gamma * h * p``, can push ``z`` over that barrier only where a tag and
  proteins are present together. ``z`` is reflected at 0.

The synaptic weight relative to baseline is
``w = 1 + early_amplitude * e + late_amplitude * z``.

Public functions
----------------
Simulation: :func:`simulate_tagging` (returns :class:`TaggingResult`).
Thresholds found by simulation: :func:`simulated_capture_window`,
:func:`simulated_critical_block`.
Closed forms: :func:`maintenance_drift`, :func:`maintenance_potential`,
:func:`unstable_state`, :func:`capture_threshold`, :func:`capture_window`,
:func:`critical_block_duration`, :func:`kramers_rate`.
Unit conversion: :func:`hours_to_ms`, :func:`ms_to_hours`, :func:`minutes_to_ms`.

References
----------
Frey U, Morris RGM (1997). Synaptic tagging and long-term potentiation.
Nature 385:533-536.
Clopath C, Ziegler L, Vasilaki E, Buesing L, Gerstner W (2008).
Tag-trigger-consolidation: a model of early and late long-term-potentiation
and depression. PLoS Comput Biol 4:e1000248.
Barrett AB, Billings GO, Morris RGM, van Rossum MCW (2009). State based model
of long-term potentiation and synaptic tagging and capture. PLoS Comput Biol
5:e1000259.
Pastalkova E et al. (2006). Storage of spatial information by the maintenance
mechanism of LTP. Science 313:1141-1144.
Frey U, Krug M, Reymann KG, Matthies H (1988). Anisomycin, an inhibitor of
protein synthesis, blocks late phases of LTP phenomena in the hippocampal CA1
region in vitro. Brain Res 452:57-65.
Seidenbecher T, Reymann KG, Balschun D (1997). A post-tetanic time window for
the reinforcement of long-term potentiation by appetitive and aversive
stimuli. PNAS 94:1494-1499.
Kramers HA (1940). Brownian motion in a field of force and the diffusion model
of chemical reactions. Physica 7:284-304.
"""

from dataclasses import dataclass

import numba
import numpy as np
from scipy.optimize import minimize_scalar

from plastlib._validation import (
    as_generator,
    check_integer,
    check_nonnegative,
    check_positive,
    check_range,
)

__all__ = [
    "MINUTE",
    "HOUR",
    "TaggingParameters",
    "TaggingResult",
    "Tetanus",
    "simulate_tagging",
    "maintenance_drift",
    "maintenance_potential",
    "unstable_state",
    "capture_threshold",
    "capture_window",
    "critical_block_duration",
    "kramers_rate",
    "simulated_capture_window",
    "simulated_critical_block",
    "hours_to_ms",
    "ms_to_hours",
    "minutes_to_ms",
]

MINUTE = 60_000.0
"""One minute in ms."""
HOUR = 3_600_000.0
"""One hour in ms."""

# Noise samples drawn per kernel call: bounds the memory of long simulations
# (8 bytes each, so 2e6 samples are 16 MB) without changing the random stream.
_NOISE_CHUNK = 2_000_000


def _scale(value, factor):
    """Multiply a scalar (returned as float) or an array (returned as array) by ``factor``."""
    if np.ndim(value):
        return np.asarray(value, dtype=float) * factor
    return float(value) * factor


def hours_to_ms(hours):
    """Convert a time (scalar or array) from hours to ms."""
    return _scale(hours, HOUR)


def minutes_to_ms(minutes):
    """Convert a time (scalar or array) from minutes to ms."""
    return _scale(minutes, MINUTE)


def ms_to_hours(ms):
    """Convert a time (scalar or array) from ms to hours."""
    return _scale(ms, 1.0 / HOUR)


@dataclass(frozen=True)
class TaggingParameters:
    """Parameters of the tagging, capture and maintenance model.

    The time constants are chosen to match the experimental time scales, not
    fitted: early LTP fades within about three hours (Frey et al. 1988;
    Frey & Morris 1997), the tag lasts less than three hours (Frey & Morris
    1997), and reinforcement by a behavioural stimulus works up to about one
    hour after a tetanus (Seidenbecher et al. 1997).

    Attributes
    ----------
    tau_early : float
        Decay time constant of early LTP, in ms (default 60 min).
    tau_tag : float
        Decay time constant of the synaptic tag, in ms (default 60 min).
    tau_protein : float
        Decay time constant of the plasticity-related proteins, in ms
        (default 75 min).
    tau_z : float
        Time constant of the maintenance variable, in ms (default 10 min).
    theta : float
        Half-activation of the positive feedback, dimensionless in (0, 1).
        The unstable state is ``theta**2`` (default 0.6).
    capture_gain : float
        Gain ``gamma`` of capture, dimensionless (default 1.0, which puts the
        simulated capture windows at about 1.5 h for weak before strong and
        2 h for strong before weak, within the < 3 h of Frey & Morris 1997).
    modulator_protein : float
        Protein level made by one neuromodulator pulse, as a fraction of the
        level a strong tetanus makes, in [0, 1] (default 0.6).
    early_amplitude : float
        Weight increase of full early LTP, as a fraction of baseline
        (default 0.5, that is 150 % of baseline).
    late_amplitude : float
        Weight increase of full late LTP (``z = 1``), as a fraction of
        baseline (default 0.5).
    noise : float
        Noise intensity ``D`` of the maintenance variable, dimensionless, as
        ``z**2`` (default 0.001).
    """

    tau_early: float = 60 * MINUTE
    tau_tag: float = 60 * MINUTE
    tau_protein: float = 75 * MINUTE
    tau_z: float = 10 * MINUTE
    theta: float = 0.6
    capture_gain: float = 1.0
    modulator_protein: float = 0.6
    early_amplitude: float = 0.5
    late_amplitude: float = 0.5
    noise: float = 0.001

    def __post_init__(self):
        for name in ("tau_early", "tau_tag", "tau_protein", "tau_z"):
            check_positive(name, getattr(self, name), "ms")
        check_range("theta", self.theta, 0.0, 1.0, low_open=True, high_open=True)
        check_nonnegative("capture_gain", self.capture_gain)
        check_range("modulator_protein", self.modulator_protein, 0.0, 1.0)
        check_nonnegative("early_amplitude", self.early_amplitude)
        check_nonnegative("late_amplitude", self.late_amplitude)
        check_nonnegative("noise", self.noise)


@dataclass(frozen=True)
class Tetanus:
    """One tetanus delivered to one pathway.

    Attributes
    ----------
    time : float
        Time of the tetanus, in ms.
    pathway : int
        Index of the stimulated pathway, from 0.
    strong : bool
        ``True`` for a strong tetanus (sets the tag and triggers protein
        synthesis), ``False`` for a weak one (sets the tag only).
    """

    time: float
    pathway: int
    strong: bool


@dataclass(frozen=True)
class TaggingResult:
    """Recorded state of a tagging simulation.

    Attributes
    ----------
    time : numpy.ndarray
        Recording times, shape ``(n_records,)``, in ms.
    weight : numpy.ndarray
        Synaptic weights relative to baseline, shape
        ``(n_records, n_pathways, n_synapses)``.
    late : numpy.ndarray
        Maintenance variables ``z``, same shape as ``weight``.
    early : numpy.ndarray
        Early LTP ``e`` of each pathway, shape ``(n_records, n_pathways)``.
    tag : numpy.ndarray
        Tag ``h`` of each pathway, shape ``(n_records, n_pathways)``.
    protein : numpy.ndarray
        Protein level ``p``, shape ``(n_records,)``.
    final_late : numpy.ndarray
        Maintenance variables at the end of the run, shape
        ``(n_pathways, n_synapses)``.
    """

    time: np.ndarray
    weight: np.ndarray
    late: np.ndarray
    early: np.ndarray
    tag: np.ndarray
    protein: np.ndarray
    final_late: np.ndarray

    @property
    def mean_weight(self):
        """Weight averaged over the synapses of each pathway, shape ``(n_records, n_pathways)``."""
        return self.weight.mean(axis=2)

    def weight_at(self, time):
        """Return the mean weight of each pathway at the record nearest to ``time`` (ms)."""
        index = int(np.argmin(np.abs(self.time - time)))
        return self.mean_weight[index]


def maintenance_drift(z, params=TaggingParameters(), feedback=True, drive=0.0):
    """Return ``tau_z dz/dt`` without noise: ``-z + beta z^2/(theta^2+z^2) + drive``.

    Parameters
    ----------
    z : float or numpy.ndarray
        Maintenance variable, dimensionless.
    params : TaggingParameters
        Model parameters.
    feedback : bool
        ``False`` removes the positive feedback, as a ZIP block does.
    drive : float
        Capture drive ``gamma * h * p``, dimensionless.
    """
    z = np.asarray(z, dtype=float)
    theta2 = params.theta**2
    feedback_term = (1.0 + theta2) * z**2 / (theta2 + z**2) if feedback else 0.0
    return -z + feedback_term + drive


def maintenance_potential(z, params=TaggingParameters()):
    """Return the potential ``V(z)`` with ``V(0) = 0`` and ``tau_z dz/dt = -dV/dz``.

    ``V(z) = z^2/2 - beta (z - theta arctan(z / theta))``, with
    ``beta = 1 + theta^2``, the integral of minus :func:`maintenance_drift`.
    """
    z = np.asarray(z, dtype=float)
    theta = params.theta
    beta = 1.0 + theta**2
    return 0.5 * z**2 - beta * (z - theta * np.arctan(z / theta))


def unstable_state(params=TaggingParameters()):
    """Return the unstable state ``theta**2`` that separates the two stable states 0 and 1."""
    return params.theta**2


def capture_threshold(params=TaggingParameters()):
    """Return the smallest constant drive that removes the lower stable state.

    The threshold is ``max over 0 < z < theta**2 of [z - beta z^2 / (theta^2 + z^2)]``.
    A constant drive ``gamma h p`` above it makes ``dz/dt > 0`` everywhere
    below the barrier, so ``z`` climbs to the upper state. The maximum is
    found numerically (bounded scalar minimisation, ``xatol`` 1e-10).
    """
    result = minimize_scalar(
        lambda z: float(maintenance_drift(z, params)),
        bounds=(0.0, params.theta**2),
        method="bounded",
        options={"xatol": 1e-10},
    )
    return float(-result.fun)


def capture_window(params=TaggingParameters(), protein_level=1.0):
    """Return the quasi-static capture windows ``(before, after)``, in ms.

    A weak tetanus at time 0 and a protein trigger at time ``delta`` give the
    drive ``gamma h p`` whose peak is ``gamma * protein_level * exp(-delta /
    tau_tag)`` for ``delta > 0`` (weak before strong) and ``gamma *
    protein_level * exp(delta / tau_protein)`` for ``delta < 0``. Capture needs
    the peak above :func:`capture_threshold` ``g``, hence the windows

    ``before = tau_tag ln(gamma p / g)`` and ``after = tau_protein ln(gamma p / g)``.

    Notes
    -----
    These are upper bounds: they assume ``z`` follows the drive instantly
    (``tau_z`` much shorter than ``tau_tag`` and ``tau_protein``). With a
    finite ``tau_z`` the drive must stay above threshold long enough to carry
    ``z`` over the barrier, so the simulated windows are shorter. Returns
    ``(0.0, 0.0)`` when even coincident tag and protein cannot capture.
    """
    check_range("protein_level", protein_level, 0.0, 1.0)
    peak = params.capture_gain * protein_level
    threshold = capture_threshold(params)
    if peak <= threshold:
        return 0.0, 0.0
    log_ratio = np.log(peak / threshold)
    return float(params.tau_tag * log_ratio), float(params.tau_protein * log_ratio)


def critical_block_duration(params=TaggingParameters(), z_start=1.0):
    """Return how long the feedback must be blocked to erase late LTP, in ms.

    Without feedback and drive, ``z`` decays as ``z_start exp(-t / tau_z)``.
    Once it is below the unstable state ``theta**2``, it falls to 0 after the
    block ends, so the critical duration is ``tau_z ln(z_start / theta**2)``.
    """
    check_positive("z_start", z_start)
    theta2 = params.theta**2
    if z_start <= theta2:
        return 0.0
    return float(params.tau_z * np.log(z_start / theta2))


def kramers_rate(params=TaggingParameters(), from_state="lower"):
    """Return the Kramers escape rate out of one stable state, in events per ms.

    ``r = sqrt(V''(a) |V''(b)|) / (2 pi tau_z) exp(-(V(b) - V(a)) / D)`` with
    ``a`` the stable state left and ``b = theta**2`` the barrier, for the
    dynamics ``tau_z dz = -V'(z) dt + sqrt(2 D tau_z) dW``.

    Notes
    -----
    The formula is the leading term for barrier heights much larger than the
    noise ``D`` (Kramers 1940). For a barrier only a few ``D`` high it is an
    estimate that overshoots the simulated rate. The lower state ``z = 0`` sits on the reflecting
    boundary, so its well contains half the probability of an interior well of
    the same shape and the rate from it is twice the formula above.
    """
    if from_state not in ("lower", "upper"):
        raise ValueError(f"`from_state` = {from_state!r} is invalid: use 'lower' or 'upper'")
    if params.noise == 0:
        return 0.0
    theta2 = params.theta**2
    beta = 1.0 + theta2

    def curvature(z):
        # V''(z) = 1 - beta * 2 z theta^2 / (theta^2 + z^2)^2
        return 1.0 - beta * 2.0 * z * theta2 / (theta2 + z**2) ** 2

    start = 0.0 if from_state == "lower" else 1.0
    barrier = float(maintenance_potential(theta2, params) - maintenance_potential(start, params))
    prefactor = np.sqrt(curvature(start) * abs(curvature(theta2))) / (2 * np.pi * params.tau_z)
    half_well = 2.0 if from_state == "lower" else 1.0
    return float(half_well * prefactor * np.exp(-barrier / params.noise))


def _step_indices(times, dt, n_steps, name):
    """Convert event times (ms) to step indices, checking that they fall in the run."""
    steps = []
    for time in times:
        check_nonnegative(name, time, "ms")
        step = int(round(time / dt))
        if step >= n_steps:
            raise ValueError(
                f"`{name}` time {time} ms is invalid: it must be earlier than the duration "
                f"{n_steps * dt} ms"
            )
        steps.append(step)
    return steps


def _interval_mask(intervals, dt, n_steps, name):
    """Return a per-step mask that is 1 inside any ``(start, stop)`` interval (ms)."""
    mask = np.zeros(n_steps, dtype=np.float64)
    for interval in intervals:
        if len(interval) != 2:
            raise ValueError(f"`{name}` entry {interval!r} is invalid: give (start, stop) in ms")
        start = check_nonnegative(f"{name} start", interval[0], "ms")
        stop = check_nonnegative(f"{name} stop", interval[1], "ms")
        if stop <= start:
            raise ValueError(
                f"`{name}` interval ({start}, {stop}) ms is invalid: stop must exceed start"
            )
        mask[int(round(start / dt)):int(round(stop / dt))] = 1.0
    return mask


def simulate_tagging(duration, dt, tetani=(), modulators=(), anisomycin=(), feedback_block=(),
                     n_pathways=1, n_synapses=1, params=TaggingParameters(),
                     record_interval=None, initial_late=0.0, rng=None):
    """Simulate early LTP, tagging, capture and maintenance for several pathways.

    Parameters
    ----------
    duration : float
        Length of the simulation, in ms.
    dt : float
        Time step, in ms; at most ``tau_z / 10``.
    tetani : sequence of Tetanus
        Tetani, each with its time (ms), pathway and strength.
    modulators : sequence of float
        Times of neuromodulator pulses (for example dopamine released by
        novelty or reward), in ms. Each triggers protein synthesis at the level
        ``params.modulator_protein`` but sets no tag.
    anisomycin : sequence of (float, float)
        Intervals ``(start, stop)`` in ms during which protein synthesis is
        blocked.
    feedback_block : sequence of (float, float)
        Intervals ``(start, stop)`` in ms during which the maintenance
        feedback is blocked (as ZIP inhibits PKMzeta).
    n_pathways : int
        Number of independently stimulated pathways.
    n_synapses : int
        Synapses per pathway; they differ only through the noise.
    params : TaggingParameters
        Model parameters.
    record_interval : float, optional
        Time between records, in ms; a multiple of ``dt`` (rounded). Defaults
        to ``dt``.
    initial_late : float
        Initial maintenance variable of every synapse (1 for an already
        consolidated synapse), dimensionless, >= 0.
    rng : int, numpy.random.Generator or None
        Seed or generator for the noise.

    Returns
    -------
    TaggingResult

    Notes
    -----
    Early LTP, tag and proteins decay exactly (multiplication by
    ``exp(-dt / tau)`` per step); ``z`` is integrated with the Euler-Maruyama
    method. Events are applied at the start of the step nearest their time.
    The model follows Frey & Morris (1997) and Clopath et al. (2008) in spirit
    only: early LTP and the tag are separate variables with simple exponential
    decay, and proteins appear without the synthesis delay of the real cell.
    """
    duration = check_positive("duration", duration, "ms")
    dt = check_positive("dt", dt, "ms")
    if dt > params.tau_z / 10:
        raise ValueError(
            f"`dt` = {dt} ms is invalid: it must be at most tau_z / 10 = {params.tau_z / 10} ms"
        )
    n_pathways = check_integer("n_pathways", n_pathways, minimum=1)
    n_synapses = check_integer("n_synapses", n_synapses, minimum=1)
    initial_late = check_nonnegative("initial_late", initial_late)
    if record_interval is None:
        record_interval = dt
    record_interval = check_positive("record_interval", record_interval, "ms")
    stride = max(1, int(round(record_interval / dt)))
    n_steps = int(round(duration / dt))
    if n_steps < 1:
        raise ValueError(f"`duration` = {duration} ms is invalid: it must be at least dt = {dt} ms")
    generator = as_generator(rng)

    # Per-step event arrays built from the protocol.
    tag_set = np.zeros((n_steps, n_pathways), dtype=np.float64)
    protein_trigger = np.zeros(n_steps, dtype=np.float64)
    for tetanus in tetani:
        if not isinstance(tetanus, Tetanus):
            raise ValueError(f"`tetani` entry {tetanus!r} is invalid: it must be a Tetanus")
        check_integer("Tetanus.pathway", tetanus.pathway, minimum=0, maximum=n_pathways - 1)
        (step,) = _step_indices([tetanus.time], dt, n_steps, "Tetanus.time")
        tag_set[step, tetanus.pathway] = 1.0
        if tetanus.strong:
            protein_trigger[step] = max(protein_trigger[step], 1.0)
    for step in _step_indices(modulators, dt, n_steps, "modulators"):
        protein_trigger[step] = max(protein_trigger[step], params.modulator_protein)
    protein_trigger *= 1.0 - _interval_mask(anisomycin, dt, n_steps, "anisomycin")
    feedback_on = 1.0 - _interval_mask(feedback_block, dt, n_steps, "feedback_block")

    n_records = (n_steps - 1) // stride + 1
    late_record = np.empty((n_records, n_pathways, n_synapses))
    early_record = np.empty((n_records, n_pathways))
    tag_record = np.empty((n_records, n_pathways))
    protein_record = np.empty(n_records)

    state_early = np.zeros(n_pathways)
    state_tag = np.zeros(n_pathways)
    state_protein = np.zeros(1)
    state_late = np.full((n_pathways, n_synapses), initial_late)
    noise_scale = np.sqrt(2.0 * params.noise * dt / params.tau_z)

    steps_per_chunk = max(1, _NOISE_CHUNK // (n_pathways * n_synapses))
    for first in range(0, n_steps, steps_per_chunk):
        last = min(n_steps, first + steps_per_chunk)
        if params.noise > 0:
            noise = noise_scale * generator.standard_normal((last - first, n_pathways, n_synapses))
        else:
            noise = np.zeros((last - first, n_pathways, n_synapses))
        _tagging_kernel(
            first, last, stride, dt, params.tau_early, params.tau_tag, params.tau_protein,
            params.tau_z, params.theta, params.capture_gain, tag_set, protein_trigger,
            feedback_on, noise, state_early, state_tag, state_protein, state_late,
            early_record, tag_record, protein_record, late_record,
        )

    weight = 1.0 + params.early_amplitude * early_record[:, :, None] \
        + params.late_amplitude * late_record
    time = np.arange(n_records) * stride * dt
    return TaggingResult(time, weight, late_record, early_record, tag_record, protein_record,
                         state_late)


@numba.njit(cache=True)
def _tagging_kernel(first, last, stride, dt, tau_early, tau_tag, tau_protein, tau_z, theta,
                    capture_gain, tag_set, protein_trigger, feedback_on, noise, early, tag,
                    protein, late, early_record, tag_record, protein_record, late_record):
    n_pathways, n_synapses = late.shape
    decay_early = np.exp(-dt / tau_early)
    decay_tag = np.exp(-dt / tau_tag)
    decay_protein = np.exp(-dt / tau_protein)
    theta2 = theta * theta
    beta = 1.0 + theta2
    rate = dt / tau_z
    for step in range(first, last):
        # Events: a tetanus sets early LTP and the tag, and a trigger makes proteins.
        for k in range(n_pathways):
            if tag_set[step, k] > 0.0:
                early[k] = 1.0
                tag[k] = 1.0
        if protein_trigger[step] > protein[0]:
            protein[0] = protein_trigger[step]

        if step % stride == 0:
            row = step // stride
            protein_record[row] = protein[0]
            for k in range(n_pathways):
                early_record[row, k] = early[k]
                tag_record[row, k] = tag[k]
                for i in range(n_synapses):
                    late_record[row, k, i] = late[k, i]

        # Maintenance: Euler-Maruyama step with feedback, capture and noise.
        for k in range(n_pathways):
            drive = capture_gain * tag[k] * protein[0]
            for i in range(n_synapses):
                z = late[k, i]
                feedback = feedback_on[step] * beta * z * z / (theta2 + z * z)
                z = z + rate * (-z + feedback + drive) + noise[step - first, k, i]
                late[k, i] = abs(z)

        # Early LTP, tag and proteins decay exactly.
        for k in range(n_pathways):
            early[k] *= decay_early
            tag[k] *= decay_tag
        protein[0] *= decay_protein


def _bisect_duration(succeeds, high, tolerance):
    """Return the largest ``x`` in ``[0, high]`` (to ``tolerance``) with ``succeeds(x)`` true.

    ``succeeds`` must be true at 0 and switch once from true to false.
    """
    low = 0.0
    if succeeds(high):
        return high
    while high - low > tolerance:
        middle = 0.5 * (low + high)
        if succeeds(middle):
            low = middle
        else:
            high = middle
    return low


def simulated_capture_window(params=TaggingParameters(), dt=0.5 * MINUTE, modulator=False,
                             max_interval=6 * HOUR, tolerance=0.1 * MINUTE):
    """Find the capture windows ``(before, after)`` by noise-free simulation, in ms.

    A weak tetanus on pathway 0 is paired with a protein trigger (a strong
    tetanus on pathway 1, or a neuromodulator pulse if ``modulator``) that
    comes ``delta`` later (``before``: the weak tetanus is first) or earlier
    (``after``). The window is the largest ``delta`` for which the weak
    pathway ends in the upper state, found by bisection to ``tolerance`` (ms).

    Parameters
    ----------
    params : TaggingParameters
        Model parameters; ``noise`` is set to 0 here.
    dt : float
        Time step, in ms.
    modulator : bool
        Use a neuromodulator pulse instead of a strong tetanus.
    max_interval : float
        Largest interval searched, in ms.
    tolerance : float
        Resolution of the bisection, in ms.
    """
    from dataclasses import replace

    max_interval = check_positive("max_interval", max_interval, "ms")
    tolerance = check_positive("tolerance", tolerance, "ms")
    quiet = replace(params, noise=0.0)
    weak_time = max_interval + 10 * quiet.tau_z
    settle = 10 * max(quiet.tau_tag, quiet.tau_protein, quiet.tau_z)
    duration = 2 * max_interval + 10 * quiet.tau_z + settle

    def captured(delta):
        trigger_time = weak_time + delta
        tetani = [Tetanus(weak_time, 0, False)]
        modulators = []
        if modulator:
            modulators.append(trigger_time)
        else:
            tetani.append(Tetanus(trigger_time, 1, True))
        result = simulate_tagging(duration, dt, tetani=tetani, modulators=modulators,
                                  n_pathways=2, params=quiet, record_interval=duration)
        return result.final_late[0, 0] > unstable_state(quiet)

    before = _bisect_duration(captured, max_interval, tolerance)
    after = _bisect_duration(lambda delta: captured(-delta), max_interval, tolerance)
    return before, after


def simulated_critical_block(params=TaggingParameters(), dt=0.1 * MINUTE,
                             tolerance=0.01 * MINUTE):
    """Find by noise-free simulation the feedback block that erases late LTP, in ms.

    A consolidated synapse (``z = 1``) has its feedback blocked from time 0
    for a duration ``T``. The result is the largest ``T`` after which it
    returns to the upper state, found by bisection to ``tolerance`` (ms).
    Compare with :func:`critical_block_duration`: the Euler step shortens the
    simulated value by a relative amount of about ``dt / (2 tau_z)``.
    """
    from dataclasses import replace

    tolerance = check_positive("tolerance", tolerance, "ms")
    quiet = replace(params, noise=0.0)
    max_block = 10 * quiet.tau_z
    duration = max_block + 40 * quiet.tau_z

    def survives(block):
        if block <= 0:
            return True
        result = simulate_tagging(duration, dt, feedback_block=[(0.0, block)], params=quiet,
                                  initial_late=1.0, record_interval=duration)
        return result.final_late[0, 0] > unstable_state(quiet)

    return _bisect_duration(survives, max_block, tolerance)
