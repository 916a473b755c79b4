"""Explorers that work on a static web page, without a Python kernel.

An ipywidgets explorer needs a running kernel: on the published HTML book it is
dead. :func:`precomputed_explorer` draws a figure for every point of a small
parameter grid when the chapter is executed, and returns an object that
Jupyter and the book display as sliders over these pictures. Moving a slider
only swaps images, so it works on the static page, offline.

The object carries two representations:

- ``text/html``: one range slider per parameter and one PNG per grid point,
  embedded as data URIs. A short inline ``oninput`` handler shows the picture
  that matches the sliders, so no script file and no network access are needed.
- ``image/png`` and ``application/pdf``: the picture for the default values,
  which non-HTML viewers show; the PDF edition uses the vector PDF.

Functions
---------
precomputed_explorer
    Draw a figure for every grid point and return a :class:`PrecomputedExplorer`.
"""

import base64
import html
import io
import itertools
import json
import math
import uuid

import numpy as np

__all__ = ["PrecomputedExplorer", "precomputed_explorer"]

# At most this many figures per explorer, so that pages stay small (each PNG is
# roughly 20 to 60 kB) and chapters stay within their execution budget.
MAX_FRAMES = 64

# Runs in the browser when a slider moves: join the slider positions into a key,
# update the printed values and show only the image with that key.
_ONINPUT = (
    "var e=this.closest('.plastlib-explorer'),k=[];"
    "e.querySelectorAll('input[type=range]').forEach(function(s){k.push(s.value);"
    "s.nextElementSibling.textContent=JSON.parse(s.dataset.labels)[s.value];});"
    "k=k.join('-');"
    "e.querySelectorAll('img[data-key]').forEach(function(i){"
    "i.style.display=(i.dataset.key===k)?'block':'none';});"
)


class PrecomputedExplorer:
    """Sliders over pictures drawn in advance; see :func:`precomputed_explorer`.

    Attributes
    ----------
    names : tuple of str
        Parameter names, in slider order.
    values : tuple of tuple
        The grid values of each parameter.
    labels : tuple of str
        Slider labels (with units).
    frames : dict
        Maps a tuple of value indices to the PNG bytes of its figure.
    default : tuple of int
        Value indices shown first.
    alt : str
        Alternative text of the pictures; the parameter values are appended.
    caption : str
        Caption shown under the pictures in HTML (plain text); empty for none.
    default_pdf : bytes
        The default figure as vector PDF, for the print edition.
    """

    def __init__(self, names, values, labels, frames, default, alt, formats, caption="",
                 default_pdf=b""):
        self.caption = caption
        self.default_pdf = default_pdf
        self.names = names
        self.values = values
        self.labels = labels
        self.frames = frames
        self.default = default
        self.alt = alt
        self.formats = formats

    def _value_text(self, parameter, index):
        return self.formats[parameter].format(self.values[parameter][index])

    def _alt_text(self, key):
        settings = ", ".join(f"{label} = {self._value_text(p, i)}"
                             for p, (label, i) in enumerate(zip(self.labels, key)))
        return f"{self.alt} ({settings})"

    def to_html(self):
        """Return the self-contained HTML: sliders, value read-outs and every picture."""
        uid = uuid.uuid4().hex[:8]
        # Dark text on white, like the figures, whatever the page theme (light or dark).
        style = "margin:0;padding:0.5em;background:#ffffff;color:#222222"
        parts = [f'<figure class="plastlib-explorer" id="explorer-{uid}" style="{style}">',
                 '<div class="plastlib-explorer-controls">']
        for p, label in enumerate(self.labels):
            texts = [self._value_text(p, i) for i in range(len(self.values[p]))]
            slider_id = f"explorer-{uid}-{p}"
            parts.append(
                f'<label for="{slider_id}" style="color:#222222">{html.escape(label)}</label> '
                f'<input type="range" id="{slider_id}" min="0" max="{len(texts) - 1}" '
                f'step="1" value="{self.default[p]}" data-index="{p}" '
                f'style="width:14em;vertical-align:middle" '
                f'data-labels="{html.escape(json.dumps(texts))}" '
                f'oninput="{html.escape(_ONINPUT)}"> '
                f'<output data-for="{p}" style="color:#222222">'
                f'{html.escape(texts[self.default[p]])}</output><br>')
        parts.append("</div>")
        for key, png in self.frames.items():
            shown = "block" if key == self.default else "none"
            data = base64.b64encode(png).decode("ascii")
            parts.append(
                f'<img data-key="{"-".join(map(str, key))}" style="display:{shown};'
                f'max-width:100%;height:auto" alt="{html.escape(self._alt_text(key))}" '
                f'src="data:image/png;base64,{data}">')
        if self.caption:
            parts.append(f'<figcaption><p style="color:#222222">{html.escape(self.caption)}'
                         '</p></figcaption>')
        parts.append("</figure>")
        return "\n".join(parts)

    def _repr_mimebundle_(self, include=None, exclude=None):
        default_png = base64.b64encode(self.frames[self.default]).decode("ascii")
        bundle = {"text/html": self.to_html(), "image/png": default_png,
                "text/plain": f"<PrecomputedExplorer over {', '.join(self.names)}: "
                              f"{len(self.frames)} pictures>"}
        if self.default_pdf:
            # The LaTeX builder prefers PDF to PNG, so the print edition gets a vector figure.
            bundle["application/pdf"] = base64.b64encode(self.default_pdf).decode("ascii")
        return bundle


def _check_grid(parameters):
    if not isinstance(parameters, dict) or not parameters:
        raise ValueError(f"parameters must be a non-empty dict of name -> values, "
                         f"got {parameters!r}")
    names, values = [], []
    for name, grid in parameters.items():
        grid = tuple(grid)
        if len(grid) < 2:
            raise ValueError(f"parameters[{name!r}] must hold at least 2 values, got {grid!r}")
        names.append(str(name))
        values.append(grid)
    n_frames = math.prod(len(v) for v in values)
    if n_frames > MAX_FRAMES:
        raise ValueError(f"the grid has {n_frames} points; the valid range is 2 to "
                         f"{MAX_FRAMES} (parameters={ {n: len(v) for n, v in zip(names, values)} })")
    return tuple(names), tuple(values)


def precomputed_explorer(draw, parameters, *, default=None, labels=None, formats=None,
                         alt="Figure of the explorer", caption="", dpi=80, progress=True):
    """Draw ``draw(**point)`` at every grid point and return sliders over the pictures.

    Parameters
    ----------
    draw : callable
        Called with one keyword argument per parameter; must return a
        :class:`matplotlib.figure.Figure`, which is saved as PNG and closed.
    parameters : dict
        Maps each parameter name to its grid values (at least 2 each; at most
        ``MAX_FRAMES`` grid points in total). Values carry the units that
        ``draw`` expects.
    default : dict, optional
        The value of each parameter shown first; must lie on the grid. Default:
        the middle of each grid.
    labels : dict, optional
        Slider label of each parameter, with its unit, for example
        ``{"tau": "τ (ms)"}``. Default: the parameter name.
    formats : dict, optional
        Format string of each parameter's printed value, for example
        ``{"tau": "{:.0f}"}``. Default: ``"{}"``, or ``"{:g}"`` for numbers.
    alt : str
        Alternative text of the pictures, for screen readers; the parameter
        values are appended to it.
    caption : str
        Caption printed under the pictures on the HTML page (plain text): what the
        figure shows and what to look for when a slider moves.
    dpi : float
        Resolution of the pictures, in dots per inch (20 to 300).
    progress : bool or callable
        ``True`` shows a progress bar over the grid points with
        :func:`plastlib.progress.progress` (silent when ``PLASTLIB_PROGRESS=0``);
        ``False`` shows none; a callable wraps the iteration itself.

    Returns
    -------
    PrecomputedExplorer
        Displayed as sliders in HTML and as the default picture elsewhere.

    Raises
    ------
    ValueError
        If the grid is empty, too large, or the default is not on it, or if
        ``dpi`` is out of range, or if ``draw`` does not return a figure.
    """
    import matplotlib.pyplot as plt

    names, values = _check_grid(parameters)
    if not (20 <= dpi <= 300):
        raise ValueError(f"dpi must lie in [20, 300], got {dpi!r}")
    labels = dict(labels or {})
    formats = dict(formats or {})
    for given, what in ((labels, "labels"), (formats, "formats"), (dict(default or {}), "default")):
        unknown = set(given) - set(names)
        if unknown:
            raise ValueError(f"{what} names unknown parameters {sorted(unknown)}; "
                             f"valid names are {list(names)}")
    default_index = []
    for name, grid in zip(names, values):
        if default and name in default:
            matches = [i for i, v in enumerate(grid) if _same(v, default[name])]
            if not matches:
                raise ValueError(f"default[{name!r}] = {default[name]!r} is not on its grid "
                                 f"{list(grid)}")
            default_index.append(matches[0])
        else:
            default_index.append((len(grid) - 1) // 2)
    format_list = []
    for name, grid in zip(names, values):
        numeric = all(isinstance(v, (int, float, np.number)) for v in grid)
        format_list.append(formats.get(name, "{:g}" if numeric else "{}"))

    keys = list(itertools.product(*(range(len(v)) for v in values)))
    if progress is True:
        from plastlib.progress import progress as progress_bar

        iterator = progress_bar(keys, desc="explorer figures")
    elif callable(progress):
        iterator = progress(keys)
    elif progress in (False, None):
        iterator = keys
    else:
        raise ValueError(f"progress must be True, False or a callable, got {progress!r}")
    frames = {}
    default_pdf = b""
    for key in iterator:
        point = {name: grid[i] for name, grid, i in zip(names, values, key)}
        figure = draw(**point)
        if not hasattr(figure, "savefig"):
            plt.close("all")
            raise ValueError(f"draw must return a matplotlib Figure, got {type(figure).__name__}")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
        frames[key] = buffer.getvalue()
        if key == tuple(default_index):
            vector = io.BytesIO()
            figure.savefig(vector, format="pdf", facecolor="white")
            default_pdf = vector.getvalue()
        plt.close(figure)
    return PrecomputedExplorer(names, values, tuple(labels.get(n, n) for n in names), frames,
                               tuple(default_index), alt, tuple(format_list), caption,
                               default_pdf)


def _same(a, b):
    if isinstance(a, (int, float, np.number)) and isinstance(b, (int, float, np.number)):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    return a == b
