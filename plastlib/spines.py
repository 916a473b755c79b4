"""Spine size, spine calcium, and the weight dependence they give to calcium-controlled plasticity.

The spine head is a sphere of radius ``r``. Its volume, and with it the
synaptic weight, grows as ``r**3``: the AMPA receptor content of a spine is
proportional to its head volume (Matsuzaki et al. 2001), so the weight is
measured here as the head volume relative to a reference spine,
``w = (r / r_ref)**3``. Calcium enters through the spine's NMDA receptors,
whose number scales as ``r**a`` (``nmda_exponent``), and is diluted in the
head volume (``r**3``). It is removed with a time constant that scales as
``r**b`` (``extrusion_exponent``): 1 for pumps on the membrane, 3 for
diffusion through a fixed neck, 0 for removal spread through the volume.
Which power of ``r`` the calcium signal follows then depends on the measure
of that signal (:func:`calcium_exponent`), and so does the NMDA receptor
scaling that keeps calcium independent of spine size
(:func:`compensating_nmda_exponent`).

The plateau calcium of a synaptic episode drives the calcium-controlled rule of
Shouval, Bear & Cooper (2002), ``dw/dt = k eta(c) (Omega(c) - Omega(0))``,
with ``omega`` and ``eta`` taken from :mod:`plastlib.calcium`. The rule has no
weight-dependent term of its own: every dependence of the weight change on the
weight comes from the spine geometry, as in the model of O'Donnell, Nolan &
van Rossum (2011).

Functions by role
-----------------
Geometry and scaling
    :func:`radius_ratio`, :func:`calcium_exponent`,
    :func:`compensating_nmda_exponent`.
Calcium
    :class:`SpineModel`, :func:`nmda_drive`, :func:`calcium_plateau`,
    :func:`calcium_trace`, :func:`calcium_measures`.
Plasticity
    :class:`EpisodeProtocol`, :func:`plasticity_rate`,
    :func:`crossing_calcium`, :func:`fixed_point_weight`, :func:`freezing_weight`,
    :func:`episode_weight_change`, :func:`simulate_population`,
    :class:`PopulationResult`, :func:`draw_episode_voltages`,
    :func:`relative_change_by_size`.

References
----------
Matsuzaki M, Ellis-Davies GCR, Nemoto T, Miyashita Y, Iino M, Kasai H (2001)
Dendritic spine geometry is critical for AMPA receptor expression in
hippocampal CA1 pyramidal neurons. Nat Neurosci 4:1086-1092.

Shouval HZ, Bear MF, Cooper LN (2002) A unified model of NMDA
receptor-dependent bidirectional synaptic plasticity. Proc Natl Acad Sci USA
99:10831-10836.

O'Donnell C, Nolan MF, van Rossum MCW (2011) Dendritic spine dynamics regulate
the long-term stability of synaptic plasticity. J Neurosci 31:16142-16156.
"""

import dataclasses

import numba
import numpy as np
from scipy import optimize

from plastlib import calcium
from plastlib.progress import progress as progress_bar
from plastlib._validation import (
    as_generator,
    check_finite,
    check_integer,
    check_positive,
    check_range,
)

__all__ = [
    "EpisodeProtocol",
    "MEASURES",
    "PopulationResult",
    "SpineModel",
    "calcium_exponent",
    "calcium_measures",
    "calcium_plateau",
    "calcium_trace",
    "compensating_nmda_exponent",
    "crossing_calcium",
    "draw_episode_voltages",
    "episode_weight_change",
    "fixed_point_weight",
    "freezing_weight",
    "nmda_drive",
    "plasticity_rate",
    "radius_ratio",
    "relative_change_by_size",
    "simulate_population",
]

MEASURES = ("peak", "plateau", "squared_integral")

# The plasticity rate eta(c) (Omega(c) - Omega(0)) is tabulated on this calcium
# grid and interpolated linearly inside the kernels. The 1 nM spacing keeps the
# interpolation error below 1e-6 /ms (the steepest sigmoid of Omega has a
# slope of 80 /uM, so the error bound h**2 max|f''| / 8 is about 1e-7 /ms).
_TABLE_MAX_CA = 5.0  # uM; the rate is constant above this, where Omega and eta saturate
_TABLE_STEP = 0.001  # uM
# simulate_population runs its kernel on this many blocks of synapses, one progress-bar tick each.
_PROGRESS_BLOCKS = 20


def _check_weights(name, value):
    """Return ``value`` as a float64 array after checking every element is finite and > 0."""
    array = np.array(value, dtype=float)
    if not np.all(np.isfinite(array)) or np.any(array <= 0):
        raise ValueError(
            f"`{name}` is invalid: every weight (spine volume relative to the reference "
            "spine) must be finite and > 0"
        )
    return array


def radius_ratio(w):
    """Return the spine head radius relative to the reference spine, ``w**(1/3)``.

    Parameters
    ----------
    w : float or array_like
        Synaptic weight, the head volume relative to the reference spine
        (dimensionless, > 0).
    """
    return np.cbrt(_check_weights("w", w))


def calcium_exponent(nmda_exponent, extrusion_exponent, measure="plateau"):
    """Return the power of the radius ``r`` that a measure of spine calcium follows.

    Parameters
    ----------
    nmda_exponent : float
        Exponent ``a`` of the NMDA receptor number, ``N ~ r**a`` (2 for a
        constant density on the membrane, 3 for a constant density in the
        volume).
    extrusion_exponent : float
        Exponent ``b`` of the calcium decay time constant, ``tau ~ r**b``
        (1 for pumps on the membrane, 3 for diffusion through a fixed neck,
        0 for removal spread through the volume).
    measure : {"peak", "plateau", "squared_integral"}
        ``"peak"``: peak of a transient after a brief influx, ``N / V``.
        ``"plateau"``: steady level during a long influx, ``N tau / V``, which
        is also the time integral of any transient.
        ``"squared_integral"``: time integral of the squared transient after a
        brief influx, ``(N / V)**2 tau / 2``.

    Returns
    -------
    float
        ``a - 3``, ``a + b - 3`` or ``2 (a - 3) + b``.
    """
    a = check_finite("nmda_exponent", nmda_exponent)
    b = check_finite("extrusion_exponent", extrusion_exponent)
    if measure == "peak":
        return a - 3.0
    if measure == "plateau":
        return a + b - 3.0
    if measure == "squared_integral":
        return 2.0 * (a - 3.0) + b
    raise ValueError(f"`measure` = {measure!r} is invalid: it must be one of {MEASURES}")


def compensating_nmda_exponent(extrusion_exponent, measure="plateau"):
    """Return the NMDA receptor exponent ``a`` that makes a calcium measure independent of size.

    Parameters
    ----------
    extrusion_exponent : float
        Exponent ``b`` of the calcium decay time constant, ``tau ~ r**b``.
    measure : {"peak", "plateau", "squared_integral"}
        The calcium measure, as in :func:`calcium_exponent`.

    Returns
    -------
    float
        ``3``, ``3 - b`` or ``3 - b / 2``: the root of :func:`calcium_exponent`.
    """
    b = check_finite("extrusion_exponent", extrusion_exponent)
    if measure == "peak":
        return 3.0
    if measure == "plateau":
        return 3.0 - b
    if measure == "squared_integral":
        return 3.0 - b / 2.0
    raise ValueError(f"`measure` = {measure!r} is invalid: it must be one of {MEASURES}")


@dataclasses.dataclass(frozen=True)
class SpineModel:
    """Calcium handling of a spherical spine head as a function of its size.

    The defaults are illustrative, not fitted: they put the plateau calcium of
    the reference spine below the depression threshold of Shouval et al.
    (2002) at rest, inside the depression window near -40 mV and above the
    potentiation threshold from about -30 mV.

    Attributes
    ----------
    nmda_exponent : float
        Exponent ``a`` of the NMDA receptor number, ``N ~ r**a``, in [0, 6].
        Default 2: a constant receptor density on the membrane.
    extrusion_exponent : float
        Exponent ``b`` of the calcium decay time constant, ``tau ~ r**b``, in
        [0, 6]. Default 1: pumps at a constant density on the membrane, so that
        ``tau ~ volume / area``.
    tau_ref : float
        Calcium decay time constant of the reference spine, in ms (> 0).
        Default 15 ms (illustrative).
    ca_rest : float
        Plateau calcium above rest of the reference spine during presynaptic
        activity at the resting potential, in uM (> 0). Default 0.1 uM.
    v_rest : float
        Resting potential at which ``nmda_drive`` is 1, in mV. Default -65 mV.
    mg : float
        Extracellular magnesium concentration, in mM. Default 1 mM.
    v_ca : float
        Reversal potential of the NMDA receptor calcium current, in mV.
        Default 130 mV (Shouval et al. 2002).
    """

    nmda_exponent: float = 2.0
    extrusion_exponent: float = 1.0
    tau_ref: float = 15.0
    ca_rest: float = 0.1
    v_rest: float = -65.0
    mg: float = 1.0
    v_ca: float = 130.0

    def __post_init__(self):
        check_range("nmda_exponent", self.nmda_exponent, 0.0, 6.0)
        check_range("extrusion_exponent", self.extrusion_exponent, 0.0, 6.0)
        check_positive("tau_ref", self.tau_ref, "ms")
        check_positive("ca_rest", self.ca_rest, "uM")
        v_rest = check_range("v_rest", self.v_rest, -120.0, 60.0, "mV")
        check_range("mg", self.mg, 0.0, 10.0, "mM")
        v_ca = check_range("v_ca", self.v_ca, 0.0, 300.0, "mV")
        if v_rest >= v_ca:
            raise ValueError(
                f"`v_rest` = {v_rest} mV is invalid: it must be below `v_ca` = {v_ca} mV"
            )

    @property
    def weight_exponent(self):
        """Exponent ``s`` of the plateau calcium as a function of the weight, ``c ~ w**s``.

        Equal to ``(a + b - 3) / 3``: 0 when the NMDA receptors compensate
        exactly for the volume, < 0 when they under-compensate and > 0 when
        they over-compensate.
        """
        return calcium_exponent(self.nmda_exponent, self.extrusion_exponent, "plateau") / 3.0


def _check_model(model):
    if not isinstance(model, SpineModel):
        raise ValueError(f"`model` = {model!r} is invalid: pass a SpineModel instance")


def nmda_drive(v, model=SpineModel()):
    """Compute the NMDA receptor calcium influx at potential ``v`` relative to rest.

    Parameters
    ----------
    v : float or array_like
        Postsynaptic membrane potential during presynaptic activity, in mV,
        below ``model.v_ca``.
    model : SpineModel
        Supplies ``mg``, ``v_ca`` and ``v_rest``.

    Returns
    -------
    float or numpy.ndarray
        ``B(v) (v_ca - v) / (B(v_rest) (v_ca - v_rest))``, dimensionless, where
        ``B`` is :func:`plastlib.calcium.mg_block`; 1 at the resting potential.
    """
    _check_model(model)
    v = np.asarray(v, dtype=float)
    if not np.all(np.isfinite(v)) or np.any(v >= model.v_ca):
        raise ValueError(
            f"`v` is invalid: every potential must be finite and below `v_ca` = {model.v_ca} mV"
        )
    flux = calcium.mg_block(v, model.mg) * (model.v_ca - v)
    flux_rest = calcium.mg_block(model.v_rest, model.mg) * (model.v_ca - model.v_rest)
    return flux / flux_rest


def calcium_plateau(w, drive, model=SpineModel()):
    """Compute the plateau calcium above rest during a long influx, in uM.

    Parameters
    ----------
    w : float or array_like
        Weight (head volume relative to the reference spine), > 0.
    drive : float or array_like
        NMDA receptor drive relative to rest (see :func:`nmda_drive`), >= 0;
        broadcast with ``w``.
    model : SpineModel

    Returns
    -------
    float or numpy.ndarray
        ``ca_rest * drive * w**s`` with ``s = model.weight_exponent``.

    Notes
    -----
    With influx ``N(r) j`` into the buffered volume ``V(r)`` and a decay time
    constant ``tau(r)``, the steady state is ``N j tau / V``, and relative to
    the reference spine this is ``(r / r_ref)**(a + b - 3) = w**s``.
    """
    _check_model(model)
    w = _check_weights("w", w)
    drive = np.asarray(drive, dtype=float)
    if not np.all(np.isfinite(drive)) or np.any(drive < 0):
        raise ValueError("`drive` is invalid: every NMDA drive must be finite and >= 0")
    return model.ca_rest * drive * w ** model.weight_exponent


@numba.njit(cache=True)
def _trace_kernel(plateaus, taus, t_on, dt, out):
    """Fill ``out[i, k]``, the calcium of spine ``i`` at time ``k dt``, in place.

    The influx is constant during ``[0, t_on)`` and zero afterwards, so the
    exponential update below is exact at every grid point.
    """
    n_spines, n_times = out.shape
    for i in range(n_spines):
        decay = np.exp(-dt / taus[i])
        c = 0.0
        out[i, 0] = c
        for k in range(1, n_times):
            target = plateaus[i] if (k - 1) * dt < t_on else 0.0
            c = target + (c - target) * decay
            out[i, k] = c


def calcium_trace(w, drive, t_on, t_total, dt=0.1, model=SpineModel()):
    """Simulate the spine calcium during and after a square NMDA receptor influx.

    Parameters
    ----------
    w : float or array_like
        Weights (head volumes relative to the reference spine), > 0, one per spine.
    drive : float
        NMDA receptor drive relative to rest during the influx (>= 0).
    t_on : float
        Duration of the influx, in ms (> 0). A multiple of ``dt`` is exact.
    t_total : float
        Duration of the trace, in ms (>= ``t_on``).
    dt : float
        Time step, in ms (> 0). Default 0.1 ms.
    model : SpineModel

    Returns
    -------
    times : numpy.ndarray, shape (n_times,)
        Time points, in ms, from 0.
    ca : numpy.ndarray, shape (n_spines, n_times)
        Calcium above rest of each spine, in uM.

    Notes
    -----
    Each spine obeys ``dc/dt = c_inf / tau - c / tau`` with the plateau
    ``c_inf`` of :func:`calcium_plateau` during the influx and 0 afterwards,
    and ``tau = tau_ref (w**(1/3))**b``.
    """
    _check_model(model)
    w = np.atleast_1d(_check_weights("w", w))
    drive = check_range("drive", drive, 0.0, 1e6)
    t_on = check_positive("t_on", t_on, "ms")
    dt = check_positive("dt", dt, "ms")
    t_total = check_range("t_total", t_total, t_on, 1e7, "ms")
    plateaus = calcium_plateau(w, drive, model)
    taus = model.tau_ref * np.cbrt(w) ** model.extrusion_exponent
    n_times = int(round(t_total / dt)) + 1
    out = np.empty((w.size, n_times))
    _trace_kernel(plateaus, taus, t_on, dt, out)
    return np.arange(n_times) * dt, out


def calcium_measures(times, ca):
    """Return the peak, the time integral and the squared time integral of calcium traces.

    Parameters
    ----------
    times : numpy.ndarray, shape (n_times,)
        Equally spaced time points, in ms.
    ca : numpy.ndarray, shape (n_spines, n_times)
        Calcium traces, in uM.

    Returns
    -------
    dict of str to numpy.ndarray
        ``"peak"`` (uM), ``"integral"`` (uM ms) and ``"squared_integral"``
        (uM**2 ms), one value per spine; the integrals use the trapezoid rule.
    """
    ca = np.atleast_2d(np.asarray(ca, dtype=float))
    return {
        "peak": ca.max(axis=1),
        "integral": np.trapezoid(ca, times, axis=1),
        "squared_integral": np.trapezoid(ca**2, times, axis=1),
    }


@dataclasses.dataclass(frozen=True)
class EpisodeProtocol:
    """One plasticity episode and the limits of the weights.

    An episode is a burst of presynaptic activity that keeps the NMDA receptor
    influx constant for ``t_on`` ms while the postsynaptic potential is fixed,
    followed by ``t_after`` ms during which calcium decays. Episodes are far
    enough apart that calcium starts from rest in each.

    Attributes
    ----------
    t_on : float
        Duration of the influx, in ms (> 0). Default 200 ms.
    t_after : float
        Time simulated after the influx, in ms (>= 0). Default 100 ms.
    dt : float
        Time step, in ms, at most ``t_on``. Default 1 ms; calcium is updated
        exactly and the weight by forward Euler (rates are below 1e-3 /ms).
    learning_rate : float
        Factor ``k`` of the rule ``dw/dt = k eta(c) (Omega(c) - Omega(0))``,
        dimensionless (> 0). Default 1.
    w_min, w_max : float
        Smallest and largest spine volume relative to the reference spine,
        with ``0 < w_min < w_max``. Defaults 0.1 and 10: spine head volumes
        span about two orders of magnitude.
    """

    t_on: float = 200.0
    t_after: float = 100.0
    dt: float = 1.0
    learning_rate: float = 1.0
    w_min: float = 0.1
    w_max: float = 10.0

    def __post_init__(self):
        t_on = check_positive("t_on", self.t_on, "ms")
        check_range("t_after", self.t_after, 0.0, 1e6, "ms")
        check_range("dt", self.dt, 0.0, t_on, "ms", low_open=True)
        check_positive("learning_rate", self.learning_rate)
        w_min = check_positive("w_min", self.w_min)
        w_max = check_positive("w_max", self.w_max)
        if w_min >= w_max:
            raise ValueError(
                f"`w_min` = {w_min} and `w_max` = {w_max} are invalid: they need w_min < w_max"
            )


def _check_protocol(protocol):
    if not isinstance(protocol, EpisodeProtocol):
        raise ValueError(f"`protocol` = {protocol!r} is invalid: pass an EpisodeProtocol instance")


def plasticity_rate(ca):
    """Compute the weight change rate ``eta(c) (Omega(c) - Omega(0))`` of the rule, in 1/ms.

    Parameters
    ----------
    ca : float or array_like
        Calcium above rest, in uM (>= 0).

    Returns
    -------
    float or numpy.ndarray
        Zero at rest, negative in the depression window and positive above the
        potentiation threshold. ``omega`` and ``eta`` are those of
        :mod:`plastlib.calcium`, with their default parameters (Shouval et al.
        2002).
    """
    return calcium.eta(ca) * (calcium.omega(ca) - calcium.omega(0.0))


def _rate_table():
    grid = np.arange(0.0, _TABLE_MAX_CA + 0.5 * _TABLE_STEP, _TABLE_STEP)
    return plasticity_rate(grid)


def crossing_calcium():
    """Return the calcium level above which the rule potentiates, in uM.

    The root of ``Omega(c) = Omega(0)`` on the rising limb of Omega, between
    the depression and the potentiation thresholds of
    :func:`plastlib.calcium.omega`.
    """
    omega_rest = calcium.omega(0.0)
    return optimize.brentq(lambda c: calcium.omega(c) - omega_rest, 0.45, 0.7, xtol=1e-12)


def fixed_point_weight(drive, model=SpineModel()):
    """Return the weight at which repeated episodes of one drive neither potentiate nor depress.

    Parameters
    ----------
    drive : float or array_like
        NMDA receptor drive relative to rest (> 0).
    model : SpineModel
        Its ``weight_exponent`` must be non-zero.

    Returns
    -------
    float or numpy.ndarray
        ``w* = (c_x / (ca_rest drive))**(1 / s)``, where ``c_x`` is
        :func:`crossing_calcium`: the weight whose plateau calcium sits at
        the border between depression and potentiation. The fixed point is
        stable for ``s < 0`` (under-compensation) and unstable for ``s > 0``.

    Notes
    -----
    The rise and decay of each transient pass through the depression window,
    which this plateau approximation ignores. Simulated episodes therefore
    settle slightly below ``w*`` when ``s < 0``.
    """
    _check_model(model)
    exponent = model.weight_exponent
    if exponent == 0.0:
        raise ValueError(
            "`model` is invalid here: with weight_exponent = 0 (exact compensation) calcium "
            "does not depend on the weight, so no fixed point exists"
        )
    drive = np.asarray(drive, dtype=float)
    if not np.all(np.isfinite(drive)) or np.any(drive <= 0):
        raise ValueError("`drive` is invalid: every NMDA drive must be finite and > 0")
    return (crossing_calcium() / (model.ca_rest * drive)) ** (1.0 / exponent)


def freezing_weight(drive_max, model=SpineModel(), ca_floor=0.30):
    """Return the weight above which no episode up to ``drive_max`` raises calcium to ``ca_floor``.

    Parameters
    ----------
    drive_max : float or array_like
        Largest NMDA receptor drive a synapse receives, relative to rest (> 0).
    model : SpineModel
        Its ``weight_exponent`` must be negative (under-compensation).
    ca_floor : float
        Calcium level below which the rule is taken to be inactive, in uM
        (> 0). Default 0.30 uM, the depression threshold 0.35 uM of
        :func:`plastlib.calcium.omega` minus four widths 1/80 uM, where the
        depression sigmoid is at 2 % of its full value.

    Returns
    -------
    float or numpy.ndarray
        ``(ca_floor / (ca_rest drive_max))**(1 / s)``: heavier synapses have a
        plateau below ``ca_floor`` in every episode, so they keep their weight.

    Notes
    -----
    Calcium rises monotonically to the plateau and then decays, so the bound
    applies to the whole transient, not only to the plateau.
    """
    _check_model(model)
    exponent = model.weight_exponent
    if exponent >= 0.0:
        raise ValueError(
            f"`model` has weight_exponent = {exponent}, which is invalid here: only "
            "under-compensating spines (weight_exponent < 0) have a freezing weight"
        )
    ca_floor = check_positive("ca_floor", ca_floor, "uM")
    drive_max = np.asarray(drive_max, dtype=float)
    if not np.all(np.isfinite(drive_max)) or np.any(drive_max <= 0):
        raise ValueError("`drive_max` is invalid: every NMDA drive must be finite and > 0")
    return (ca_floor / (model.ca_rest * drive_max)) ** (1.0 / exponent)


@numba.njit(cache=True)
def _episodes_kernel(weights, drives, exponent_a, exponent_b, tau_ref, ca_rest, t_on,
                     t_after, dt, learning_rate, w_min, w_max, table, table_step,
                     record_every, out):
    """Apply every episode in ``drives`` to ``weights`` in place, recording into ``out``.

    ``drives[i, e]`` is the NMDA drive of episode ``e`` at synapse ``i``;
    ``out[i, m]`` receives the weight after ``m * record_every`` episodes.
    """
    n_synapses, n_episodes = drives.shape
    n_on = int(round(t_on / dt))
    n_steps = n_on + int(round(t_after / dt))
    n_table = table.shape[0]
    calcium_power = exponent_a + exponent_b - 3.0
    for i in range(n_synapses):
        w = weights[i]
        out[i, 0] = w
        for e in range(n_episodes):
            # Geometry is set by the weight at the start of the episode.
            radius = w ** (1.0 / 3.0)
            decay = np.exp(-dt / (tau_ref * radius**exponent_b))
            plateau = ca_rest * drives[i, e] * radius**calcium_power

            c = 0.0
            for k in range(n_steps):
                target = plateau if k < n_on else 0.0
                c = target + (c - target) * decay

                # Linear interpolation of the tabulated rate; constant beyond the table.
                position = c / table_step
                index = int(position)
                if index >= n_table - 1:
                    rate = table[n_table - 1]
                else:
                    fraction = position - index
                    rate = table[index] + fraction * (table[index + 1] - table[index])

                w += dt * learning_rate * rate
                if w < w_min:
                    w = w_min
                elif w > w_max:
                    w = w_max

            if (e + 1) % record_every == 0:
                out[i, (e + 1) // record_every] = w
        weights[i] = w


@dataclasses.dataclass(frozen=True)
class PopulationResult:
    """Outcome of :func:`simulate_population`; the arrays are read-only.

    Attributes
    ----------
    weights : numpy.ndarray, shape (n_synapses, n_records)
        Weight of every synapse after 0, ``record_every``, 2 ``record_every``,
        ... episodes (dimensionless).
    episodes : numpy.ndarray, shape (n_records,)
        Number of episodes applied before each recorded column.
    """

    weights: np.ndarray
    episodes: np.ndarray

    @property
    def final(self):
        """Weights after the last recorded episode."""
        return self.weights[:, -1]


def simulate_population(w0, drives, model=SpineModel(), protocol=EpisodeProtocol(),
                        record_every=1, progress=True):
    """Simulate independent spines, each receiving its own sequence of plasticity episodes.

    Parameters
    ----------
    w0 : float or array_like of shape (n_synapses,)
        Initial weights, in ``[protocol.w_min, protocol.w_max]``.
    drives : array_like, shape (n_synapses, n_episodes)
        NMDA receptor drive (relative to rest, >= 0) of every episode at every
        synapse, for example ``nmda_drive(voltages, model)``.
    model : SpineModel
    protocol : EpisodeProtocol
    record_every : int
        Record the weights every this many episodes (>= 1); ``n_episodes`` must
        be a multiple of it.
    progress : bool
        Show a progress bar over blocks of synapses (see
        :func:`plastlib.progress.progress`; off when ``PLASTLIB_PROGRESS=0``).
        The result does not depend on it.

    Returns
    -------
    PopulationResult

    Notes
    -----
    Within an episode calcium follows ``dc/dt = (c_inf - c) / tau`` (exact
    update) and the weight ``dw/dt = k eta(c) (Omega(c) - Omega(0))``
    (forward Euler), clipped to ``[w_min, w_max]``. The rate is read from a
    table of :func:`plasticity_rate` with 1 nM spacing. The simulation is
    deterministic: randomness enters only through ``drives``.
    """
    _check_model(model)
    _check_protocol(protocol)
    drives = np.ascontiguousarray(np.array(drives, dtype=float, ndmin=2))
    if drives.ndim != 2 or not np.all(np.isfinite(drives)) or np.any(drives < 0):
        raise ValueError(
            "`drives` is invalid: pass a finite array of shape (n_synapses, n_episodes) "
            "with every NMDA drive >= 0"
        )
    n_synapses, n_episodes = drives.shape
    weights = _check_weights("w0", w0)
    if weights.ndim == 0:
        weights = np.full(n_synapses, float(weights))
    if weights.shape != (n_synapses,):
        raise ValueError(
            f"`w0` has shape {weights.shape}, which is invalid: pass a number or an array "
            f"of shape ({n_synapses},), one weight per row of `drives`"
        )
    if weights.min() < protocol.w_min or weights.max() > protocol.w_max:
        raise ValueError(
            f"`w0` spans [{weights.min()}, {weights.max()}], which is invalid: every initial "
            f"weight must lie in [{protocol.w_min}, {protocol.w_max}]"
        )
    record_every = check_integer("record_every", record_every, minimum=1)
    if n_episodes % record_every != 0:
        raise ValueError(
            f"`record_every` = {record_every} is invalid: it must divide the number of "
            f"episodes, {n_episodes}"
        )

    n_records = n_episodes // record_every + 1
    out = np.empty((n_synapses, n_records))
    weights = weights.copy()
    p = protocol
    # Synapses are independent, so the kernel runs on blocks of rows, which lets a
    # progress bar advance without changing any result.
    n_blocks = min(n_synapses, _PROGRESS_BLOCKS)
    blocks = np.array_split(np.arange(n_synapses), n_blocks)
    if progress:
        blocks = progress_bar(blocks, desc="synapses (blocks)")
    for rows in blocks:
        start, stop = rows[0], rows[-1] + 1
        _episodes_kernel(weights[start:stop], drives[start:stop], float(model.nmda_exponent),
                         float(model.extrusion_exponent), float(model.tau_ref),
                         float(model.ca_rest), float(p.t_on), float(p.t_after), float(p.dt),
                         float(p.learning_rate), float(p.w_min), float(p.w_max),
                         _rate_table(), _TABLE_STEP, record_every, out[start:stop])
    episodes = np.arange(n_records) * record_every
    out.flags.writeable = False
    episodes.flags.writeable = False
    return PopulationResult(out, episodes)


def episode_weight_change(w, drive, model=SpineModel(), protocol=EpisodeProtocol()):
    """Return the weight change caused by one episode, for each initial weight.

    Parameters
    ----------
    w : float or array_like
        Initial weights, in ``[protocol.w_min, protocol.w_max]``.
    drive : float
        NMDA receptor drive of the episode, relative to rest (>= 0).
    model : SpineModel
    protocol : EpisodeProtocol

    Returns
    -------
    numpy.ndarray
        Weight after the episode minus the weight before it (dimensionless),
        with the shape of ``np.atleast_1d(w)``.
    """
    w = np.atleast_1d(_check_weights("w", w))
    drive = check_range("drive", drive, 0.0, 1e6)
    drives = np.full((w.size, 1), drive)
    result = simulate_population(w, drives, model, protocol, progress=False)
    return result.final - w


def draw_episode_voltages(n_synapses, n_episodes, mean=-52.0, sd=14.0, v_max=0.0, rng=None):
    """Draw the postsynaptic potential of every random episode, in mV.

    Parameters
    ----------
    n_synapses, n_episodes : int
        Shape of the output (>= 1 each).
    mean, sd : float
        Mean and standard deviation of the normal distribution, in mV
        (``sd`` > 0). Defaults -52 mV and 14 mV, for which LTP and LTD of the
        reference spine nearly balance when calcium does not depend on size.
    v_max : float
        Upper clip, in mV (above ``mean``). Default 0 mV.
    rng : int, numpy.random.Generator or None

    Returns
    -------
    numpy.ndarray, shape (n_synapses, n_episodes)
        Normal samples clipped at ``v_max``.
    """
    n_synapses = check_integer("n_synapses", n_synapses, minimum=1)
    n_episodes = check_integer("n_episodes", n_episodes, minimum=1)
    mean = check_range("mean", mean, -120.0, 60.0, "mV")
    sd = check_positive("sd", sd, "mV")
    v_max = check_range("v_max", v_max, mean, 100.0, "mV", low_open=True)
    generator = as_generator(rng)
    return np.minimum(generator.normal(mean, sd, (n_synapses, n_episodes)), v_max)


def relative_change_by_size(w_start, w_end, n_groups=5):
    """Return the mean relative weight change in groups of synapses sorted by initial size.

    Parameters
    ----------
    w_start, w_end : array_like, shape (n_synapses,)
        Weights at the start and the end of a period (> 0).
    n_groups : int
        Number of equally populated groups (quantiles of ``w_start``), in
        [1, n_synapses].

    Returns
    -------
    centres : numpy.ndarray, shape (n_groups,)
        Median initial weight of each group, smallest first.
    change : numpy.ndarray, shape (n_groups,)
        Mean of ``|w_end - w_start| / w_start`` in each group.
    """
    w_start = np.atleast_1d(_check_weights("w_start", w_start))
    w_end = np.atleast_1d(_check_weights("w_end", w_end))
    if w_start.shape != w_end.shape or w_start.ndim != 1:
        raise ValueError(
            f"`w_start` and `w_end` have shapes {w_start.shape} and {w_end.shape}, which is "
            "invalid: pass two 1-d arrays of the same length"
        )
    n_groups = check_integer("n_groups", n_groups, minimum=1, maximum=w_start.size)
    order = np.argsort(w_start, kind="stable")
    groups = np.array_split(order, n_groups)
    relative = np.abs(w_end - w_start) / w_start
    centres = np.array([np.median(w_start[g]) for g in groups])
    change = np.array([relative[g].mean() for g in groups])
    return centres, change
