"""One figure style for the whole book, readable in greyscale and by colour-blind readers.

Colours are the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"),
which stays distinguishable for the common forms of colour blindness. Series
that must also survive greyscale printing differ by line style or marker as
well: :data:`LINESTYLES` and :data:`MARKERS` follow the same order as
:data:`COLORS`.
"""

import matplotlib as mpl
from cycler import cycler

__all__ = ["COLORS", "LINESTYLES", "MARKERS", "use_book_style"]

COLORS = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow (use only on dark lines or filled areas)
)
LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (3, 1, 1, 1, 1, 1)), "-", "--")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def use_book_style():
    """Set matplotlib defaults for the book: sizes, palette, line styles, white background.

    The white figure background keeps figures readable when the HTML theme is
    in dark mode.
    """
    mpl.rcParams.update({
        "figure.figsize": (6.4, 3.6),
        "figure.dpi": 110,
        "savefig.dpi": 200,
        "figure.facecolor": "white",
        "axes.facecolor": "white",
        "savefig.facecolor": "white",
        "axes.prop_cycle": cycler(color=COLORS[:6]) + cycler(linestyle=LINESTYLES[:6]),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.labelsize": 11,
        "axes.titlesize": 11,
        "legend.frameon": False,
        "font.size": 10,
        "lines.linewidth": 1.8,
        "image.cmap": "viridis",
    })
