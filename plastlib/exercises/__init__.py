"""Checks that a student runs on an answer to a coding exercise of the book.

Each chapter with coding exercises has a submodule here, named after the
chapter (for example :mod:`plastlib.exercises.stdp`), with one ``check_*``
function per coding exercise. A check takes the student's answer, compares it
with a reference that it computes itself (with plastlib, from the chapter's
parameters), and returns a :class:`Feedback` that says what is wrong, if
anything. Nothing is sent anywhere: the checks run offline.

Typical use in a notebook::

    from plastlib.exercises import stdp as check
    check.check_width(my_sigma)        # displays "correct" or the problems found

Functions
---------
Feedback
    The result of a check: truthy when the answer passed.
"""

from plastlib.exercises._feedback import Feedback

__all__ = ["Feedback"]
