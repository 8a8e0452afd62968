"""The report's charts, drawn on the server with matplotlib as SVG (no JavaScript, no CDN).

Text is drawn as outlines (``svg.fonttype = "path"``), so the browser needs no Japanese font;
the server does: Noto Sans CJK JP from Debian's ``fonts-noto-cjk`` (scripts/setup.sh installs
it). Without it the charts are still drawn, with the labels' Japanese missing, a warning is
logged and the page says so; the tables beside the charts carry every number either way.
"""

from __future__ import annotations

import io
import logging
import threading
import warnings
from functools import lru_cache

log = logging.getLogger(__name__)
JAPANESE_FONT = "Noto Sans CJK JP"
# Colours that stay apart for the common colour-vision deficiencies (Okabe & Ito's palette).
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
# matplotlib's global state (the font cache, rcParams) is not for two threads at once.
_lock = threading.Lock()


@lru_cache(maxsize=1)
def japanese_font_available() -> bool:
    from matplotlib import font_manager

    try:
        font_manager.findfont(
            font_manager.FontProperties(family=JAPANESE_FONT), fallback_to_default=False
        )
    except ValueError:
        log.warning(
            "%s was not found: charts are drawn without Japanese glyphs. Install Debian's "
            "fonts-noto-cjk (scripts/setup.sh does) and restart.",
            JAPANESE_FONT,
        )
        return False
    return True


def _rc() -> dict:
    family = [JAPANESE_FONT, "DejaVu Sans"] if japanese_font_available() else ["DejaVu Sans"]
    return {
        "font.family": family,
        "font.size": 10,
        "svg.fonttype": "path",
        "svg.hashsalt": "tsunagu",  # the same numbers give the same file
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": __import__("cycler").cycler(color=COLOURS),
    }


def _cached(function):
    """Charts are pure functions of their numbers: the same report drawn again (a reload, the
    year picker) costs nothing. Lists become tuples so that they can be cache keys."""
    inner = lru_cache(maxsize=256)(function)

    def call(*args, **kwargs):
        def frozen(v):
            if isinstance(v, dict):
                return tuple((k, frozen(x)) for k, x in v.items())
            return tuple(v) if isinstance(v, list) else v

        return inner(*(frozen(a) for a in args), **{k: frozen(v) for k, v in kwargs.items()})

    call.cache_clear = inner.cache_clear
    return call


def _render(draw, *, width=6.4, height=3.2) -> str:
    import matplotlib

    matplotlib.use("svg", force=False)
    from matplotlib.figure import Figure

    with _lock, matplotlib.rc_context(_rc()), warnings.catch_warnings():
        # Without the Japanese font every label would warn about missing glyphs.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure = Figure(figsize=(width, height), layout="constrained")
        draw(figure.add_subplot())
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _integer_axis(ax) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)


@_cached
def line_chart(labels, series, *, ylabel: str) -> str:
    """Lines over ``labels``; ``series`` maps a name to its values."""
    series = dict(series)

    def draw(ax):
        for name, values in series.items():
            ax.plot(labels, values, marker="o", label=name)
        _integer_axis(ax)
        top = max((max(v) for v in series.values() if v), default=0)
        ax.set_ylim(0, max(top * 1.15, 1))
        ax.set_ylabel(ylabel)
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False,
            ncols=len(series), fontsize=9,
        )  # fmt: skip
        ax.grid(axis="y", color="#dddddd")

    return _render(draw)


@_cached
def bar_chart(labels, values, *, ylabel: str, integer=True) -> str:
    def draw(ax):
        ax.bar(labels, values, color=COLOURS[0])
        if integer:
            _integer_axis(ax)
        ax.set_ylim(bottom=0)
        ax.set_ylabel(ylabel)
        ax.tick_params(axis="x", labelrotation=45 if len(labels) > 12 else 0)
        ax.grid(axis="y", color="#dddddd")

    return _render(draw)


@_cached
def grouped_bar_chart(labels, series, *, ylabel: str) -> str:
    """Side-by-side bars: one group per label, one bar per series."""
    series = dict(series)

    def draw(ax):
        width = 0.8 / max(len(series), 1)
        positions = range(len(labels))
        for i, (name, values) in enumerate(series.items()):
            ax.bar([x + (i - (len(series) - 1) / 2) * width for x in positions], values,
                   width=width, label=name)  # fmt: skip
        ax.set_xticks(list(positions), labels)
        _integer_axis(ax)
        ax.set_ylabel(ylabel)
        ax.legend(loc="upper right", frameon=False, fontsize=8)
        ax.grid(axis="y", color="#dddddd")

    return _render(draw)


@_cached
def stacked_barh(labels, parts, *, xlabel: str) -> str:
    parts = dict(parts)

    def draw(ax):
        left = [0] * len(labels)
        for name, values in parts.items():
            ax.barh(labels, values, left=left, label=name)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="lower right", frameon=False, fontsize=8)

    return _render(draw, height=2.6)


@_cached
def barh_chart(labels, values, *, xlabel: str) -> str:
    def draw(ax):
        ax.barh(labels, values, color=COLOURS[2])
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))

    return _render(draw, height=max(2.0, 0.35 * len(labels) + 0.8))
