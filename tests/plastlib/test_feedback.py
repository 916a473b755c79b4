"""Tests of the Feedback type shared by the exercise checks, and of the reproducibility note."""

import numpy as np
import pytest

from plastlib.exercises import Feedback
from plastlib.reproducibility import ChapterRecord


def test_close_accepts_within_tolerance_and_explains_misses():
    feedback = Feedback("ex")
    assert feedback.close("x", 1.04, 1.0, rtol=0.05)
    assert feedback.passed
    assert bool(feedback)
    assert "correct" in str(feedback)
    assert not feedback.close("x", 1.5, 1.0, rtol=0.05, hint="Check the factor 2.")
    assert not feedback.close("y", -1.0, 1.0, rtol=0.05)
    assert not feedback
    text = str(feedback)
    assert "`x` = 1.5 is too large." in text
    assert "Check the factor 2." in text
    assert "%" not in text, "the size of the error would give the expected value away"
    assert "wrong sign" in text
    assert "2 problem(s)" in text
    assert "1.0" not in text.replace("-1.0", ""), "the expected value must not be printed"


@pytest.mark.parametrize("value, message", [
    (None, "must be a number"), (True, "must be a number"), ("1", "must be a number"),
    (float("nan"), "finite"), (np.inf, "finite"),
])
def test_number_reports_bad_types(value, message):
    feedback = Feedback("ex")
    assert feedback.number("x", value) is None
    assert message in feedback.problems[0]


def test_number_accepts_numpy_scalars_and_one_element_arrays():
    feedback = Feedback("ex")
    assert feedback.number("x", np.float32(2.5)) == 2.5
    assert feedback.number("x", np.array([3])) == 3.0
    assert feedback.passed


def test_array_checks_shape_and_finiteness():
    feedback = Feedback("ex")
    assert feedback.array("w", [[1, 2], [3, 4]], shape=(None, 2)).shape == (2, 2)
    assert feedback.array("w", [1, 2, 3], shape=(2,)) is None
    assert "shape (2,), got (3,)" in feedback.problems[-1]
    assert feedback.array("w", [1, np.nan]) is None
    assert "NaN" in feedback.problems[-1]
    assert feedback.array("w", ["a"]) is None


def test_markdown_report_lists_problems():
    feedback = Feedback("ex").fail("one").fail("two")
    assert feedback._repr_markdown_().count("\n- ") == 2


def test_reproducibility_note_lists_seeds_versions_and_time():
    record = ChapterRecord("Test chapter")
    facts = record.facts(SEED=7, SEED_B=np.int64(8))
    assert facts["seeds"] == {"SEED": 7, "SEED_B": 8}
    assert facts["elapsed_s"] >= 0
    text = record.note(SEED=7).data
    assert "`SEED = 7`" in text
    assert "plastlib 0.1.0" in text
    assert "numba" in text
    assert "draws no random numbers" in record.note().data


def test_reproducibility_note_accepts_seed_collections():
    record = ChapterRecord("x")
    text = record.note(RANGE=range(3), LIST=list(range(20)), MAP={"a": 1, "b": 2}).data
    assert "`RANGE = range(0, 3)`" in text
    assert "`LIST = [0, 1, 2, 3, ... (20 seeds)]`" in text
    assert "`MAP = {'a': 1, 'b': 2}`" in text


@pytest.mark.parametrize("seed", [-1, 1.5, "3", True, [1, -2], {"a": 1.5}, range(-2, 3)])
def test_reproducibility_note_rejects_bad_seeds(seed):
    with pytest.raises(ValueError, match="SEED"):
        ChapterRecord("x").facts(SEED=seed)


def test_chapter_record_needs_a_name():
    with pytest.raises(ValueError, match="chapter"):
        ChapterRecord("  ")


def test_table_returns_entries_in_key_order():
    feedback = Feedback("ex")
    table = feedback.table("changes", {0.5: 2.0, 0.1 + 0.2: 1.0}, (0.3, 0.5),
                           entry=feedback.number, what="exponents")
    assert table == {0.3: 1.0, 0.5: 2.0}
    assert feedback.passed


@pytest.mark.parametrize("value, message", [
    ([1, 2], "must be a dict keyed by exponents, got a list"),
    ({"a": 1.0, 0.5: 1.0}, "`changes key 'a'` must be a number"),
    ({0.3: "x", 0.5: 1.0}, "`changes[0.3]` must be a number"),
    ({0.3: 1.0}, "has no entry for the exponents [0.5]"),
])
def test_table_reports_bad_entries(value, message):
    feedback = Feedback("ex")
    assert feedback.table("changes", value, (0.3, 0.5), entry=feedback.number,
                          what="exponents") is None
    assert message in " ".join(feedback.problems)
