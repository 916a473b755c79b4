"""NMDA receptors, calcium and the calcium control hypothesis of plasticity.

This module computes the ingredients of calcium-controlled plasticity in the
form proposed by Shouval, Bear & Cooper (2002):

* :func:`mg_block` is the fraction of NMDA receptor conductance left unblocked
  by extracellular magnesium at a given membrane potential (Jahr & Stevens 1990).
* :func:`omega` maps the calcium concentration to the target of the weight:
  no change at low calcium, depression (LTD) at moderate and potentiation (LTP)
  at high calcium.
* :func:`eta` is the calcium-dependent learning rate, in 1/ms.
* :func:`weight_rate` is the right-hand side ``dw/dt = eta(ca) (omega(ca) - lam w)``.
* :func:`nmda_calcium_influx` is the calcium flux through open, partially
  unblocked NMDA receptors.
* :class:`SynapseModel` and :func:`simulate_pathways` simulate a single
  electrical compartment that receives groups of synapses (pathways), each with
  its own spine calcium and weight; :func:`regular_train` builds the stimulus
  trains of the classic induction protocols, and :func:`frequency_sweep` runs
  one train per stimulation frequency.

Concentrations are in uM, except the magnesium concentration of
:func:`mg_block`, which is in mM as in the source paper. As in Shouval et al.
(2002), calcium is measured relative to its resting level, so ``ca = 0`` is
rest.

References
----------
Jahr, C. E. & Stevens, C. F. (1990). Voltage dependence of NMDA-activated
macroscopic conductances predicted by single-channel kinetics. J. Neurosci.
10, 3178-3182.

Shouval, H. Z., Bear, M. F. & Cooper, L. N. (2002). A unified model of NMDA
receptor-dependent bidirectional synaptic plasticity. Proc. Natl. Acad. Sci.
USA 99, 10831-10836.
"""

import dataclasses

import numba
import numpy as np

from plastlib._validation import check_nonnegative, check_positive, check_range
from plastlib.progress import progress as progress_bar

__all__ = [
    "PathwayResult",
    "SynapseModel",
    "eta",
    "frequency_sweep",
    "mg_block",
    "nmda_calcium_influx",
    "omega",
    "regular_train",
    "simulate_pathways",
    "weight_rate",
]

# Jahr & Stevens (1990): the unblocked fraction is 1 / (1 + exp(-0.062 v) [Mg] / 3.57)
# with v in mV and [Mg] in mM.
_MG_SLOPE = 0.062  # 1/mV
_MG_HALF = 3.57  # mM


def _as_float_array(name, value):
    array = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"`{name}` is invalid: every element must be finite")
    return array


def _check_calcium(ca):
    array = _as_float_array("ca", ca)
    if np.any(array < 0):
        low = float(np.min(array))
        raise ValueError(
            f"`ca` contains {low} uM, which is invalid: calcium above rest must be >= 0 uM"
        )
    return array


def _scalar_or_array(array):
    return float(array) if array.ndim == 0 else array


def mg_block(v, mg=1.0):
    """Compute the fraction of NMDA receptor conductance not blocked by magnesium.

    Parameters
    ----------
    v : float or array_like
        Membrane potential, in mV.
    mg : float, optional
        Extracellular magnesium concentration, in mM (the one concentration
        in :mod:`plastlib` that is not in uM, to match the source). Default
        1.0 mM, close to the concentration in cerebrospinal fluid.

    Returns
    -------
    float or numpy.ndarray
        Unblocked fraction, between 0 and 1, with the shape of ``v``.

    Notes
    -----
    Jahr & Stevens (1990) fitted

    .. math:: B(v) = \\frac{1}{1 + e^{-0.062\\,v}\\,[\\mathrm{Mg}^{2+}] / 3.57}

    to the NMDA conductance of hippocampal neurons. With 1 mM magnesium,
    :math:`B = 1/2` at :math:`v = \\ln(1/3.57)/0.062 \\approx -20.5` mV.
    """
    v = _as_float_array("v", v)
    mg = check_nonnegative("mg", mg, "mM")
    return _scalar_or_array(1.0 / (1.0 + np.exp(-_MG_SLOPE * v) * mg / _MG_HALF))


def _sigmoid(x, beta):
    # exp(beta x) / (1 + exp(beta x)) in its tanh form, which cannot overflow for large x.
    return 0.5 * (1.0 + np.tanh(0.5 * beta * x))


def omega(ca, alpha1=0.35, alpha2=0.55, beta1=80.0, beta2=80.0):
    """Compute the calcium-dependent target of the weight, Omega.

    Parameters
    ----------
    ca : float or array_like
        Calcium concentration above rest, in uM (>= 0).
    alpha1 : float, optional
        Depression threshold, in uM. Default 0.35 uM (Shouval et al. 2002).
    alpha2 : float, optional
        Potentiation threshold, in uM; must exceed ``alpha1``. Default 0.55 uM.
    beta1, beta2 : float, optional
        Steepness of the two thresholds, in 1/uM. Default 80 /uM each.

    Returns
    -------
    float or numpy.ndarray
        Omega, dimensionless: 0.25 below ``alpha1`` (no change from the resting
        weight 0.25), about 0 between the thresholds (LTD) and 1 above
        ``alpha2`` (LTP).

    Notes
    -----
    Shouval, Bear & Cooper (2002) use

    .. math:: \\Omega = 0.25 + \\sigma(c - \\alpha_2, \\beta_2)
              - 0.25\\,\\sigma(c - \\alpha_1, \\beta_1),
              \\qquad \\sigma(x, \\beta) = \\frac{e^{\\beta x}}{1 + e^{\\beta x}}.
    """
    ca = _check_calcium(ca)
    alpha1 = check_nonnegative("alpha1", alpha1, "uM")
    alpha2 = check_positive("alpha2", alpha2, "uM")
    if alpha2 <= alpha1:
        raise ValueError(
            f"`alpha2` = {alpha2} uM is invalid: it must exceed `alpha1` = {alpha1} uM"
        )
    beta1 = check_positive("beta1", beta1, "1/uM")
    beta2 = check_positive("beta2", beta2, "1/uM")
    value = 0.25 + _sigmoid(ca - alpha2, beta2) - 0.25 * _sigmoid(ca - alpha1, beta1)
    return _scalar_or_array(value)


def eta(ca, p1=100.0, p2=1e-5, p3=3.0, p4=1000.0):
    """Compute the calcium-dependent learning rate, in 1/ms.

    Parameters
    ----------
    ca : float or array_like
        Calcium concentration above rest, in uM (>= 0).
    p1 : float, optional
        Numerator of the calcium-dependent part of the time constant, in
        ms uM^p3. Default 100 ms uM^3 (P1 = 0.1 s in Shouval et al. 2002).
    p2 : float, optional
        Offset that sets the time constant at rest, in uM^p3. Default
        1e-5 uM^3 (P2 = P1 x 1e-4 with P1 in s), which gives a time
        constant of 1e4 s (about 2.8 h) at rest.
    p3 : float, optional
        Hill exponent, dimensionless. Default 3.
    p4 : float, optional
        Shortest time constant, reached at high calcium, in ms. Default
        1000 ms (P4 = 1 s).

    Returns
    -------
    float or numpy.ndarray
        Learning rate ``1 / tau(ca)``, in 1/ms.

    Notes
    -----
    Shouval, Bear & Cooper (2002) write the rate as the inverse of

    .. math:: \\tau(c) = \\frac{P_1}{P_2 + c^{P_3}} + P_4 .

    The rate rises steeply with calcium, so that weights hardly move at
    rest and move within seconds when calcium is high.

    NOTE: the value of ``P2`` differs between published re-implementations
    of the model. It only sets how slowly weights relax towards 0.25 at
    rest, which the simulations in this library never rely on.
    """
    ca = _check_calcium(ca)
    p1 = check_positive("p1", p1, "ms uM^p3")
    p2 = check_positive("p2", p2, "uM^p3")
    p3 = check_positive("p3", p3)
    p4 = check_positive("p4", p4, "ms")
    return _scalar_or_array(1.0 / (p1 / (p2 + ca**p3) + p4))


def weight_rate(w, ca, lam=1.0):
    """Compute the rate of change of a weight under calcium control, in 1/ms.

    Parameters
    ----------
    w : float or array_like
        Synaptic weight, dimensionless.
    ca : float or array_like
        Calcium concentration above rest, in uM (>= 0); broadcast with ``w``.
    lam : float, optional
        Weight-decay coefficient, dimensionless. Default 1, so that the
        resting weight is Omega(0) = 0.25 and weights stay in [0, 1].

    Returns
    -------
    float or numpy.ndarray
        ``dw/dt = eta(ca) (omega(ca) - lam w)``, in 1/ms.
    """
    w = _as_float_array("w", w)
    lam = check_positive("lam", lam)
    return _scalar_or_array(eta(ca) * (omega(ca) - lam * w))


def nmda_calcium_influx(open_fraction, v, g_ca, mg=1.0, v_ca=130.0):
    """Compute the calcium flux through NMDA receptors, in uM/ms.

    Parameters
    ----------
    open_fraction : float or array_like
        Fraction of the synapse's NMDA receptors bound by glutamate and open
        (the gating variable), between 0 and 1.
    v : float or array_like
        Membrane potential, in mV.
    g_ca : float
        Calcium permeability of the fully open, unblocked receptors, as the
        calcium flux per mV of driving force, in uM/(ms mV).
    mg : float, optional
        Extracellular magnesium concentration, in mM. Default 1.0 mM.
    v_ca : float, optional
        Reversal potential of the calcium current, in mV. Default 130 mV
        (Shouval et al. 2002).

    Returns
    -------
    float or numpy.ndarray
        Flux ``g_ca * open_fraction * mg_block(v, mg) * (v_ca - v)``, in uM/ms;
        positive (inward) for ``v < v_ca``.
    """
    open_fraction = _as_float_array("open_fraction", open_fraction)
    if np.any((open_fraction < 0) | (open_fraction > 1)):
        raise ValueError("`open_fraction` is invalid: every element must lie in [0, 1]")
    v = _as_float_array("v", v)
    g_ca = check_nonnegative("g_ca", g_ca, "uM/(ms mV)")
    v_ca = check_range("v_ca", v_ca, -200.0, 300.0, "mV")
    return _scalar_or_array(g_ca * open_fraction * mg_block(v, mg) * (v_ca - v))


@dataclasses.dataclass(frozen=True)
class SynapseModel:
    """Parameters of a single electrical compartment with NMDA-dependent plasticity.

    Conductances are in units of the leak conductance (dimensionless) and are
    given per recruited fibre. A stimulus that recruits ``n`` fibres of a
    pathway opens ``n`` times as much conductance.

    Attributes
    ----------
    tau_m : float
        Membrane time constant, in ms. Default 20 ms.
    e_leak : float
        Resting (leak reversal) potential, in mV. Default -65 mV, as in
        Shouval et al. (2002).
    e_exc : float
        Reversal potential of AMPA and NMDA currents, in mV. Default 0 mV.
    g_ampa : float
        Peak AMPA conductance of one fibre at weight 1. Default 0.4.
    tau_ampa : float
        Decay time constant of the AMPA conductance, in ms. Default 5 ms.
    g_nmda : float
        NMDA conductance of one fibre with all receptors open and unblocked.
        Default 0.5. Setting it to 0 models the antagonist AP5.
    tau_nmda : float
        Decay time constant of NMDA receptor opening, in ms. Default 100 ms,
        between the fast (50 ms) and slow (200 ms) components of Shouval et
        al. (2002).
    nmda_open_per_spike : float
        Fraction of the closed NMDA receptors that one presynaptic spike
        opens, in (0, 1]. Default 1: one release saturates the receptors.
    ca_per_charge : float
        Calcium influx per unit of NMDA conductance and mV of driving force,
        in uM/(ms mV). Default 4.5e-4, chosen so that one pulse of a
        20-fibre stimulus raises calcium into the LTD window (0.35-0.55 uM).
    v_ca : float
        Reversal potential of the calcium current, in mV. Default 130 mV
        (Shouval et al. 2002).
    tau_ca : float
        Time constant of calcium removal from the spine, in ms. Default 50 ms
        (Shouval et al. 2002).
    mg : float
        Extracellular magnesium concentration, in mM. Default 1 mM.
    lam : float
        Weight-decay coefficient of :func:`weight_rate`, dimensionless.
        Default 1.
    """

    tau_m: float = 20.0
    e_leak: float = -65.0
    e_exc: float = 0.0
    g_ampa: float = 0.4
    tau_ampa: float = 5.0
    g_nmda: float = 0.5
    tau_nmda: float = 100.0
    nmda_open_per_spike: float = 1.0
    ca_per_charge: float = 4.5e-4
    v_ca: float = 130.0
    tau_ca: float = 50.0
    mg: float = 1.0
    lam: float = 1.0

    def __post_init__(self):
        for name in ("tau_m", "tau_ampa", "tau_nmda", "tau_ca", "lam"):
            check_positive(name, getattr(self, name), "" if name == "lam" else "ms")
        for name in ("g_ampa", "g_nmda", "ca_per_charge", "mg"):
            check_nonnegative(name, getattr(self, name))
        check_range("nmda_open_per_spike", self.nmda_open_per_spike, 0.0, 1.0, low_open=True)
        check_range("e_leak", self.e_leak, -120.0, 0.0, "mV")
        check_range("e_exc", self.e_exc, -20.0, 60.0, "mV")
        check_range("v_ca", self.v_ca, 0.0, 300.0, "mV")


@dataclasses.dataclass(frozen=True)
class PathwayResult:
    """Result of :func:`simulate_pathways`.

    Attributes
    ----------
    t : numpy.ndarray
        Sample times, in ms, shape ``(n_samples,)``.
    v : numpy.ndarray
        Membrane potential, in mV, shape ``(n_samples,)``.
    ca : numpy.ndarray
        Spine calcium above rest of each pathway, in uM, shape
        ``(n_pathways, n_samples)``.
    w : numpy.ndarray
        Weight of each pathway's synapses, dimensionless, shape
        ``(n_pathways, n_samples)``.
    w_final : numpy.ndarray
        Weights at the end of the simulation, shape ``(n_pathways,)``.
    ca_peak : numpy.ndarray
        Largest calcium reached in each pathway, in uM (from every time
        step, not only the recorded samples).
    """

    t: np.ndarray
    v: np.ndarray
    ca: np.ndarray
    w: np.ndarray
    w_final: np.ndarray
    ca_peak: np.ndarray


def regular_train(rate, n_pulses, onset=0.0):
    """Return the times of a regular train of presynaptic pulses, in ms.

    Parameters
    ----------
    rate : float
        Stimulation frequency, in Hz (> 0).
    n_pulses : int
        Number of pulses (>= 0).
    onset : float, optional
        Time of the first pulse, in ms (>= 0). Default 0 ms.
    """
    rate = check_positive("rate", rate, "Hz")
    onset = check_nonnegative("onset", onset, "ms")
    if isinstance(n_pulses, bool) or int(n_pulses) != n_pulses or n_pulses < 0:
        raise ValueError(f"`n_pulses` = {n_pulses!r} is invalid: it must be an integer >= 0")
    return onset + 1000.0 / rate * np.arange(int(n_pulses))


@numba.njit(cache=True)
def _unblocked(v, mg):
    return 1.0 / (1.0 + np.exp(-_MG_SLOPE * v) * mg / _MG_HALF)


@numba.njit(cache=True)
def _omega_scalar(ca):
    # Omega of Shouval et al. (2002) with alpha1 = 0.35 uM, alpha2 = 0.55 uM, beta = 80 /uM.
    return (0.25 + 0.5 * (1.0 + np.tanh(40.0 * (ca - 0.55)))
            - 0.125 * (1.0 + np.tanh(40.0 * (ca - 0.35))))


@numba.njit(cache=True)
def _eta_scalar(ca):
    # 1 / tau(ca), tau = P1 / (P2 + ca^3) + P4 with P1 = 100 ms uM^3, P2 = 1e-5 uM^3, P4 = 1000 ms.
    return 1.0 / (100.0 / (1e-5 + ca * ca * ca) + 1000.0)


@numba.njit(cache=True)
def _simulate_kernel(spike_steps, spike_counts, fibres, w0, n_steps, dt, record_every,
                     tau_m, e_leak, e_exc, g_ampa, tau_ampa, g_nmda, tau_nmda, open_per_spike,
                     ca_per_charge, v_ca, tau_ca, mg, lam,
                     t_out, v_out, ca_out, w_out, w_final, ca_peak):
    n_paths = fibres.shape[0]
    ampa = np.zeros(n_paths)
    nmda = np.zeros(n_paths)
    ca = np.zeros(n_paths)
    w = w0.copy()
    next_spike = np.zeros(n_paths, dtype=np.int64)
    v = e_leak
    decay_ampa = np.exp(-dt / tau_ampa)
    decay_nmda = np.exp(-dt / tau_nmda)
    decay_ca = np.exp(-dt / tau_ca)
    sample = 0

    for step in range(n_steps):
        # Presynaptic spikes arriving in this step open AMPA and NMDA receptors.
        for k in range(n_paths):
            while next_spike[k] < spike_counts[k] and spike_steps[k, next_spike[k]] == step:
                ampa[k] += 1.0
                nmda[k] += open_per_spike * (1.0 - nmda[k])
                next_spike[k] += 1

        # Membrane potential: exact update for the conductances frozen over the step.
        block = _unblocked(v, mg)
        g_total = 0.0
        for k in range(n_paths):
            g_total += fibres[k] * (w[k] * g_ampa * ampa[k] + g_nmda * nmda[k] * block)
        v_inf = (e_leak + g_total * e_exc) / (1.0 + g_total)
        v = v_inf + (v - v_inf) * np.exp(-dt * (1.0 + g_total) / tau_m)

        # Spine calcium and weight of each pathway, exact for a constant influx and rate.
        block = _unblocked(v, mg)
        for k in range(n_paths):
            influx = ca_per_charge * g_nmda * nmda[k] * block * (v_ca - v)
            ca[k] = ca[k] * decay_ca + influx * tau_ca * (1.0 - decay_ca)
            if ca[k] > ca_peak[k]:
                ca_peak[k] = ca[k]
            rate = _eta_scalar(ca[k])
            target = _omega_scalar(ca[k]) / lam
            w[k] = target + (w[k] - target) * np.exp(-dt * rate * lam)
            ampa[k] *= decay_ampa
            nmda[k] *= decay_nmda

        if (step + 1) % record_every == 0 and sample < t_out.shape[0]:
            t_out[sample] = (step + 1) * dt
            v_out[sample] = v
            for k in range(n_paths):
                ca_out[k, sample] = ca[k]
                w_out[k, sample] = w[k]
            sample += 1

    for k in range(n_paths):
        w_final[k] = w[k]


def simulate_pathways(model, spike_times, fibres, duration, dt=0.1, w0=0.25,
                      record_interval=1.0):
    """Simulate input pathways onto one compartment with calcium-controlled plasticity.

    Parameters
    ----------
    model : SynapseModel
        Compartment, receptor, calcium and plasticity parameters.
    spike_times : sequence of array_like
        One array of presynaptic pulse times per pathway, in ms, within
        ``[0, duration)``. All recruited fibres of a pathway fire together.
    fibres : array_like
        Number of fibres recruited in each pathway (the stimulus strength),
        dimensionless, >= 0; it scales the pathway's conductances.
    duration : float
        Simulated time, in ms.
    dt : float, optional
        Time step, in ms; at most ``tau_ampa / 5``. Default 0.1 ms.
    w0 : float or array_like, optional
        Initial weight of each pathway. Default 0.25, the resting weight
        (Omega(0) / lam with lam = 1).
    record_interval : float, optional
        Interval between recorded samples, in ms; rounded to a whole number
        of steps. Default 1 ms.

    Returns
    -------
    PathwayResult
        Membrane potential, spine calcium and weights over time.

    Notes
    -----
    The compartment obeys

    .. math:: \\tau_m \\frac{dV}{dt} = -(V - E_L)
              - \\sum_k n_k \\left[w_k g_A a_k + g_N s_k B(V)\\right](V - E_{exc}),

    where :math:`a_k` and :math:`s_k` are the AMPA and NMDA gating variables
    of pathway :math:`k` and :math:`B` is :func:`mg_block`. Each pathway's
    spine calcium follows :math:`dc_k/dt = \\kappa g_N s_k B(V)(V_{Ca} - V)
    - c_k/\\tau_{Ca}`, and its weight :math:`dw_k/dt = \\eta(c_k)(\\Omega(c_k)
    - \\lambda w_k)` (Shouval et al. 2002). Voltage is shared by all
    pathways, calcium is local to each pathway's spines. There is no spiking,
    no back-propagating action potential and no voltage-gated calcium
    channel: the NMDA receptor is the only calcium source.

    NOTE: the kernel evaluates Omega and eta with the default parameters of
    :func:`omega` and :func:`eta` (Shouval et al. 2002). Only ``lam`` is
    taken from ``model``.
    """
    if not isinstance(model, SynapseModel):
        raise ValueError(f"`model` = {model!r} is invalid: pass a SynapseModel")
    duration = check_positive("duration", duration, "ms")
    dt = check_positive("dt", dt, "ms")
    if dt > model.tau_ampa / 5:
        raise ValueError(
            f"`dt` = {dt} ms is invalid: it must be at most tau_ampa / 5 = "
            f"{model.tau_ampa / 5} ms"
        )
    record_interval = check_positive("record_interval", record_interval, "ms")
    fibres = _as_float_array("fibres", fibres).ravel()
    if np.any(fibres < 0):
        raise ValueError("`fibres` is invalid: every pathway must recruit >= 0 fibres")
    n_paths = fibres.size
    if n_paths == 0:
        raise ValueError("`fibres` is invalid: give at least one pathway")
    if len(spike_times) != n_paths:
        raise ValueError(
            f"`spike_times` has {len(spike_times)} trains, which is invalid: it must have "
            f"one per pathway ({n_paths})"
        )
    w0 = np.broadcast_to(_as_float_array("w0", w0), (n_paths,)).astype(float)
    if np.any(w0 < 0):
        raise ValueError(f"`w0` = {w0} is invalid: weights must be >= 0")

    n_steps = int(round(duration / dt))
    trains = [np.sort(_as_float_array("spike_times", train).ravel()) for train in spike_times]
    for train in trains:
        if train.size and (train[0] < 0 or train[-1] >= duration):
            raise ValueError(
                f"`spike_times` contains {train[0] if train[0] < 0 else train[-1]} ms, which "
                f"is invalid: pulses must lie in [0, {duration}) ms"
            )
    counts = np.array([train.size for train in trains], dtype=np.int64)
    spike_steps = np.full((n_paths, max(1, counts.max())), -1, dtype=np.int64)
    for k, train in enumerate(trains):
        steps = np.round(train / dt).astype(np.int64)
        if np.any(np.diff(steps) == 0):
            raise ValueError(
                f"`spike_times` of pathway {k} has two pulses within one step of {dt} ms, "
                "which is invalid: reduce `dt`"
            )
        spike_steps[k, : train.size] = steps

    record_every = max(1, int(round(record_interval / dt)))
    n_samples = n_steps // record_every
    t_out = np.zeros(n_samples)
    v_out = np.zeros(n_samples)
    ca_out = np.zeros((n_paths, n_samples))
    w_out = np.zeros((n_paths, n_samples))
    w_final = np.zeros(n_paths)
    ca_peak = np.zeros(n_paths)
    m = model
    _simulate_kernel(spike_steps, counts, fibres, w0, n_steps, dt, record_every,
                     m.tau_m, m.e_leak, m.e_exc, m.g_ampa, m.tau_ampa, m.g_nmda, m.tau_nmda,
                     m.nmda_open_per_spike, m.ca_per_charge, m.v_ca, m.tau_ca, m.mg, m.lam,
                     t_out, v_out, ca_out, w_out, w_final, ca_peak)
    return PathwayResult(t=t_out, v=v_out, ca=ca_out, w=w_out, w_final=w_final,
                         ca_peak=ca_peak)


def frequency_sweep(model, rates, n_pulses, fibres, onset=0.0, settle=1500.0, dt=0.1, w0=0.25,
                    record_interval=100.0, progress=True):
    """Stimulate one pathway with a regular train at each frequency, from the same start.

    Each frequency is a separate simulation of :func:`simulate_pathways` that
    starts from rest with weight ``w0``, as in the protocol of Dudek & Bear
    (1992), where every slice received one train.

    Parameters
    ----------
    model : SynapseModel
        Compartment, receptor, calcium and plasticity parameters.
    rates : array_like
        Stimulation frequencies, in Hz (> 0).
    n_pulses : int
        Pulses per train (>= 1).
    fibres : float
        Number of fibres recruited by each pulse (>= 0).
    onset : float, optional
        Time of the first pulse, in ms. Default 0 ms.
    settle : float, optional
        Time simulated after the last pulse, in ms (> 0), long enough for
        calcium to return to rest. Default 1500 ms (30 calcium time constants).
    dt : float, optional
        Time step, in ms. Default 0.1 ms.
    w0 : float, optional
        Initial weight, dimensionless. Default 0.25, the resting weight.
    record_interval : float, optional
        Interval between recorded samples, in ms. Default 100 ms.
    progress : bool, optional
        Show a progress bar over the frequencies (hidden when the environment
        variable ``PLASTLIB_PROGRESS`` is ``0``). Default True.

    Returns
    -------
    list of PathwayResult
        One result per frequency, in the order of ``rates``.
    """
    rates = _as_float_array("rates", rates).ravel()
    if rates.size == 0 or np.any(rates <= 0):
        raise ValueError(f"`rates` = {rates} is invalid: give at least one frequency > 0 Hz")
    if isinstance(n_pulses, bool) or int(n_pulses) != n_pulses or n_pulses < 1:
        raise ValueError(f"`n_pulses` = {n_pulses!r} is invalid: it must be an integer >= 1")
    settle = check_positive("settle", settle, "ms")
    iterator = progress_bar(rates, desc="frequencies") if progress else rates
    results = []
    for rate in iterator:
        train = regular_train(rate, n_pulses, onset=onset)
        results.append(simulate_pathways(model, [train], [fibres], train[-1] + settle, dt=dt,
                                         w0=w0, record_interval=record_interval))
    return results
