"""Tests of plastlib.explorer: sliders over precomputed pictures."""

import base64
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from plastlib.explorer import MAX_FRAMES, precomputed_explorer  # noqa: E402

CALLS = []


def _draw(slope, offset=0.0):
    CALLS.append((slope, offset))
    figure, axes = plt.subplots(figsize=(2, 1.5))
    axes.plot([0, 1], [offset, offset + slope])
    axes.set_xlabel("time (ms)")
    return figure


def test_explorer_draws_every_grid_point():
    CALLS.clear()
    explorer = precomputed_explorer(_draw, {"slope": [1, 2, 3], "offset": [0.0, 0.5]},
                                    labels={"slope": "slope (1/ms)"}, alt="A line")
    assert len(explorer.frames) == 6
    assert sorted(CALLS) == sorted((s, o) for s in (1, 2, 3) for o in (0.0, 0.5))
    assert explorer.default == (1, 0)
    assert plt.get_fignums() == [], "figures must be closed after saving"
    for png in explorer.frames.values():
        assert png.startswith(b"\x89PNG")
    # the pictures differ from one another
    assert len(set(explorer.frames.values())) == 6


def test_html_has_sliders_and_only_default_picture_visible():
    explorer = precomputed_explorer(_draw, {"slope": [1, 2, 3]}, default={"slope": 3},
                                    labels={"slope": "slope (1/ms)"}, alt="A line")
    page = explorer.to_html()
    assert page.count('type="range"') == 1
    assert 'max="2"' in page
    assert 'value="2"' in page
    visible = re.findall(r'data-key="(\d+)" style="display:block', page)
    assert visible == ["2"]
    assert page.count("display:none") == 2
    assert 'alt="A line (slope (1/ms) = 3)"' in page
    assert "<script" not in page, "the explorer must not need a script element"
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png", "application/pdf", "text/plain"}
    assert base64.b64decode(bundle["application/pdf"]).startswith(b"%PDF")
    assert base64.b64decode(bundle["image/png"]) == explorer.frames[(2,)]


@pytest.mark.parametrize("parameters, match", [
    ({}, "non-empty"),
    ({"slope": [1]}, "at least 2"),
    ({"slope": range(MAX_FRAMES + 1)}, "grid has"),
])
def test_invalid_grids_are_rejected(parameters, match):
    with pytest.raises(ValueError, match=match):
        precomputed_explorer(_draw, parameters)


def test_invalid_default_label_and_dpi_are_rejected():
    with pytest.raises(ValueError, match="not on its grid"):
        precomputed_explorer(_draw, {"slope": [1, 2]}, default={"slope": 5})
    with pytest.raises(ValueError, match="unknown parameters"):
        precomputed_explorer(_draw, {"slope": [1, 2]}, labels={"tau": "tau"})
    with pytest.raises(ValueError, match="dpi"):
        precomputed_explorer(_draw, {"slope": [1, 2]}, dpi=5)


def test_draw_must_return_a_figure():
    with pytest.raises(ValueError, match="Figure"):
        precomputed_explorer(lambda slope: None, {"slope": [1, 2]})


def test_caption_is_printed_under_the_pictures():
    explorer = precomputed_explorer(_draw, {"slope": [1, 2]}, caption="Lines <steep>.")
    assert "Lines &lt;steep&gt;.</p></figcaption>" in explorer.to_html()
    assert "figcaption" not in precomputed_explorer(_draw, {"slope": [1, 2]}).to_html()


def test_progress_bar_follows_environment(monkeypatch, capsys):
    monkeypatch.setenv("PLASTLIB_PROGRESS", "1")
    precomputed_explorer(_draw, {"slope": [1, 2]})
    assert "explorer figures" in capsys.readouterr().err
    monkeypatch.setenv("PLASTLIB_PROGRESS", "0")
    precomputed_explorer(_draw, {"slope": [1, 2]})
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("PLASTLIB_PROGRESS", "1")
    precomputed_explorer(_draw, {"slope": [1, 2]}, progress=False)
    assert capsys.readouterr().err == ""
    with pytest.raises(ValueError, match="progress"):
        precomputed_explorer(_draw, {"slope": [1, 2]}, progress="yes")
