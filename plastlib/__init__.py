"""Simulations and analyses of synaptic plasticity for the executable textbook.

Each topic lives in its own submodule, imported explicitly, for example
``from plastlib import randomwalk``. Importing :mod:`plastlib` itself is cheap:
no submodule and no numba kernel is loaded until it is used.

Units
-----
One convention holds for every function in the library and in the book:

==================  =====================================================
quantity            unit
==================  =====================================================
time                ms (milliseconds)
rate, frequency     Hz (events per second)
voltage             mV
concentration       uM (micromolar)
conductance         nS, or dimensionless in units of the leak conductance
                    where a docstring states it
synaptic weight     dimensionless (a fraction of a maximum, or a count of
                    plasticity events, as each docstring states)
==================  =====================================================

Randomness
----------
Every stochastic function takes an ``rng`` argument: an ``int`` seed, a
:class:`numpy.random.Generator`, or ``None`` for fresh entropy. The same seed
gives the same result on every run and with or without numba JIT compilation.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
