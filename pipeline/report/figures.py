"""Figures: one style for all (colour-blind safe Okabe-Ito colours, Danish decimal
comma), each saved as PNG and SVG under figures/<figure_id>."""

from __future__ import annotations

import math
import textwrap
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HIDDEN = "Skjult (diskretionering)"  # a suppressed cell: drawn as a gap with a grey mark, never as 0
HIDDEN_COLOUR = "#888888"


def _hidden(row: dict, column: str) -> bool:
    return bool(row.get(f"hidden_{column}"))


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # SVG text stays text (svg.fonttype none): a reader can edit titles and labels, and search them
    plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
                         "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO), "svg.hashsalt": "almp",
                         "svg.fonttype": "none", "axes.formatter.use_locale": False})
    return plt


def danish(x: float, decimals: int = 0) -> str:
    if x in (math.inf, -math.inf):
        return "∞" if x > 0 else "−∞"
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


_CAPTION: ContextVar = ContextVar("caption", default=("", False))
SYNTHETIC_STAMP = "SYNTETISKE DATA"


@contextmanager
def caption(source: str, synthetic: bool):
    """Figures saved inside carry their source line, and the synthetic-data stamp when the data are
    synthetic: a figure taken out of the report still says where it comes from and what it is."""
    token = _CAPTION.set((source, synthetic))
    try:
        yield
    finally:
        _CAPTION.reset(token)


def _sign(fig) -> None:
    source, synthetic = _CAPTION.get()
    if source:
        text = "\n".join(textwrap.wrap(f"Kilde: {source}", 120))
        fig.text(0.0, 0.0, text, fontsize=6, color="#555555", ha="left", va="top", transform=fig.transFigure)
    if synthetic:
        fig.text(1.0, 1.0, SYNTHETIC_STAMP, fontsize=8, fontweight="bold", color="#B00020", ha="right", va="bottom",
                 transform=fig.transFigure)


PNG_DPI = 150


def save(fig, folder: Path, figure_id: str) -> list[Path]:
    """The figure as PNG and SVG, cropped to what it draws. The crop is found once, at the PNG's
    resolution, for both files: savefig's bbox_inches="tight" draws the whole figure to find it,
    for each file (up to a quarter of the drawing time). The PNG is the same file as with "tight"."""
    import matplotlib

    folder.mkdir(parents=True, exist_ok=True)
    _sign(fig)
    paths = [folder / f"{figure_id}.png", folder / f"{figure_id}.svg"]
    fig.set_dpi(PNG_DPI)
    crop = fig.get_tightbbox(fig.canvas.get_renderer()).padded(matplotlib.rcParams["savefig.pad_inches"])
    fig.set_layout_engine(None)  # laid out already (tight_layout leaves a placeholder that costs savefig a draw)
    fig.savefig(paths[0], dpi=PNG_DPI, bbox_inches=crop)
    fig.savefig(paths[1], bbox_inches=crop, metadata={"Date": None})
    return paths


def published_vs_reproduced(rows: list[dict], panels, folder: Path, figure_id: str, title: str) -> list[Path]:
    """One panel per share column: grouped horizontal bars, reproduced vs published."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter

    labels = [r["label"] for r in rows]
    fig, axes = plt.subplots(1, len(panels), figsize=(10, 0.34 * len(rows) + 1.8), sharey=True, squeeze=False)
    axes = axes[0]
    y = list(range(len(rows)))
    any_pub = any(r.get(f"pub_{col}") is not None for r in rows for col, _ in panels)
    for ax, (col, sub) in zip(axes, panels):
        shown = [(v, r[col]) for v, r in zip(y, rows) if r[col] is not None]
        ax.barh([v + 0.2 for v, _ in shown], [x for _, x in shown], height=0.4, color=OKABE_ITO[0],
                label="Reproduceret")
        hidden = [v for v, r in zip(y, rows) if _hidden(r, col)]
        if hidden:
            ax.scatter([0] * len(hidden), [v + 0.2 for v in hidden], marker="x", s=18, color=HIDDEN_COLOUR,
                       label=HIDDEN, zorder=3, clip_on=False)
        pub = [(v, r.get(f"pub_{col}")) for v, r in zip(y, rows) if r.get(f"pub_{col}") is not None]
        if any_pub:
            ax.barh([v - 0.2 for v, _ in pub], [p for _, p in pub], height=0.4, color=OKABE_ITO[1],
                    label="Offentliggjort")
        ax.set_yticks(y, labels)
        top = max([x for _, x in shown] + [p for _, p in pub] + [0.0])
        ax.set_xlim(0, min(100.0, top * 1.15) if top > 0 else 1.0)  # fitted to the data: 0-4 % is not flattened
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: danish(v) + " %"))
        ax.set_title(sub, fontsize=9)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    axes[0].invert_yaxis()  # shared y axis: invert once, first row on top
    legend = {}
    for ax in axes:
        for h, n in zip(*ax.get_legend_handles_labels()):
            legend.setdefault(n, h)
    fig.legend(list(legend.values()), list(legend), loc="lower center", ncol=3, frameon=False,
               bbox_to_anchor=(0.5, -0.02))
    fig.subplots_adjust(bottom=0.12)
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    paths = save(fig, folder, figure_id)
    plt.close(fig)
    return paths


def _x(value):
    """A quarter '2014Q2' as its middle in years (2014.375); anything else as it is."""
    s = str(value)
    if len(s) == 6 and s[4] == "Q" and s[:4].isdigit():
        return int(s[:4]) + (int(s[5]) - 0.5) / 4
    return value


def lines(rows: list[dict], column: str, x: str, series: str, folder: Path, figure_id: str, title: str,
          ylabel: str, xlabel: str, names: dict | None = None, percent: bool = True) -> list[Path]:
    """A line per series over x, with the published points as open diamonds."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter

    names = names or {}
    fig, ax = plt.subplots(figsize=(9, 4.2))
    top, any_pub, hidden_xs = 0.0, False, []
    for i, key in enumerate(dict.fromkeys(r[series] for r in rows)):
        mine = [r for r in rows if r[series] == key]
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        # a missing or hidden value breaks the line (NaN): it is never joined across the gap
        ax.plot([_x(r[x]) for r in mine], [float("nan") if r[column] is None else r[column] for r in mine],
                marker="o", markersize=3, color=colour, label=names.get(key, str(key)))
        hidden_xs += [_x(r[x]) for r in mine if _hidden(r, column)]
        pub = [(_x(r[x]), r[f"pub_{column}"]) for r in mine if r.get(f"pub_{column}") is not None]
        if pub:
            any_pub = True
            ax.scatter(*zip(*pub), marker="D", s=40, facecolor="white", edgecolor=colour, linewidth=1.5, zorder=3)
        top = max([top] + [r[column] for r in mine if r[column] is not None] + [p for _, p in pub])
    if any_pub:
        ax.scatter([], [], marker="D", facecolor="white", edgecolor="#333333", label="Offentliggjort punkt")
    if hidden_xs:  # a grey tick on the axis where a value is hidden
        ax.scatter(hidden_xs, [0] * len(hidden_xs), marker="|", s=30, color=HIDDEN_COLOUR, label=HIDDEN, zorder=3,
                   clip_on=False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if percent:
        ax.set_ylim(0, min(100, max(10, top * 1.15)))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: danish(v) + " %"))
    else:
        ax.set_ylim(0, top * 1.08 if top > 0 else 1)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: danish(v, 2 if top <= 1.5 else 0)))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_title(title, fontsize=10, loc="left")
    paths = save(fig, folder, figure_id)
    plt.close(fig)
    return paths


PER_PANEL = 33  # a ranking's bars per panel: 98 municipalities in three readable columns


def ranking(rows: list[dict], column: str, folder: Path, figure_id: str, title: str, xlabel: str,
            percent: bool = True) -> list[Path]:
    """All rows sorted by one value (a share, or hours, kroner ... when not percent), as horizontal
    bars, highest first, at most PER_PANEL to a panel (98 municipalities: three panels side by side,
    labels large enough to read), one x axis for all."""
    import math

    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter

    pts = sorted((r for r in rows if r[column] is not None), key=lambda r: (-r[column], r.get("short_label", "")))
    n_hidden = sum(1 for r in rows if _hidden(r, column))
    if n_hidden:  # say how many the ranking leaves out, and why
        title = f"{title}\n({n_hidden} {'række' if n_hidden == 1 else 'rækker'} skjult af hensyn til diskretionering)"
    n_panels = max(1, math.ceil(len(pts) / PER_PANEL))
    per = math.ceil(len(pts) / n_panels) if pts else 1
    fig, axes = plt.subplots(1, n_panels, figsize=(4.2 * n_panels + 1.5, max(3.0, 0.19 * per + 1.2)), squeeze=False)
    top = max([r[column] for r in pts] + [r.get(f"pub_{column}") or 0 for r in pts] + [0.0])
    any_pub = any(r.get(f"pub_{column}") is not None for r in pts)
    for k, ax in enumerate(axes[0]):
        mine = pts[k * per:(k + 1) * per]
        ys = list(range(len(mine)))
        ax.barh(ys, [r[column] for r in mine], color=OKABE_ITO[0], height=0.7, label="Reproduceret")
        pub = [(r.get(f"pub_{column}"), i) for i, r in enumerate(mine) if r.get(f"pub_{column}") is not None]
        if pub:
            ax.scatter(*zip(*pub), marker="D", s=14, facecolor="white", edgecolor=OKABE_ITO[1], linewidth=1.2,
                       zorder=3, label="Offentliggjort")
        ax.set_yticks(ys, [r.get("short_label", r["label"]) for r in mine], fontsize=7)
        ax.set_ylim(per - 0.5, -0.5)  # highest on top; every panel on the same scale of rows
        ax.set_xlim(0, top * 1.08 if top > 0 else 1)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: danish(v) + (" %" if percent else "")))
        ax.set_xlabel(xlabel, fontsize=8)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    if any_pub:  # the last panel's lower right holds the shortest bars: room for the legend
        legend = {}
        for ax in axes[0]:
            for h, n in zip(*ax.get_legend_handles_labels()):
                legend.setdefault(n, h)
        axes[0][-1].legend(list(legend.values()), list(legend), frameon=True, framealpha=0.9, edgecolor="none", fontsize=8,
                           loc="lower right")
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    fig.tight_layout()
    paths = save(fig, folder, figure_id)
    plt.close(fig)
    return paths


def scatter(rows: list[dict], x: str, y: str, folder: Path, figure_id: str, title: str, xlabel: str,
            ylabel: str, n_named: int = 5) -> list[Path]:
    """One point per row (a municipality): y (reproduced) against x (its published value) on log
    axes (large and small municipalities alike), the diagonal where they agree, the rows furthest
    from it in count named. The rows' group (what all points measure) is added to the title; a
    zero has no place on a log axis and is counted in the title."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter

    pts = [r for r in rows if r[x] is not None and r[y] is not None and r[x] > 0 and r[y] > 0]
    group = " · ".join(rows[0]["label"].split(" · ")[:-1]) if rows else ""
    n_hidden = sum(1 for r in rows if _hidden(r, y))
    n_zero = sum(1 for r in rows if r[x] is not None and r[y] is not None and r not in pts)
    full = f"{title}: {group}" if group else title
    notes = ([f"{n_hidden} skjult af hensyn til diskretionering"] if n_hidden else []) + \
        ([f"{n_zero} med 0 ikke vist"] if n_zero else [])
    if notes:
        full += f"\n({'; '.join(notes)})"
    fig, ax = plt.subplots(figsize=(6, 6))
    ax.scatter([r[x] for r in pts], [r[y] for r in pts], s=14, color=OKABE_ITO[0], alpha=0.8, zorder=3)
    if pts:
        lo = min(min(r[x], r[y]) for r in pts) / 1.3
        hi = max(max(r[x], r[y]) for r in pts) * 1.3
        ax.plot([lo, hi], [lo, hi], color="#999999", linewidth=0.8, linestyle="--", label="Register = Jobindsats")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        ax.legend(frameon=False, fontsize=8, loc="upper left")
    named: set = set()
    for r in sorted(pts, key=lambda r: (-abs(r[y] - r[x]), r["label"])):
        if len(named) == n_named or (r[x], r[y]) in named:  # one name on a point several municipalities share
            continue
        named.add((r[x], r[y]))
        ax.annotate(r.get("short_label", r["label"]), (r[x], r[y]), fontsize=6.5, xytext=(4, -3),
                    textcoords="offset points")
    fmt = FuncFormatter(lambda v, _: danish(v))
    ax.xaxis.set_major_formatter(fmt)
    ax.yaxis.set_major_formatter(fmt)
    ax.set_xlabel(f"{xlabel} (logaritmisk akse)")
    ax.set_ylabel(f"{ylabel} (logaritmisk akse)")
    ax.grid(color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_title(full, fontsize=10, loc="left")
    paths = save(fig, folder, figure_id)
    plt.close(fig)
    return paths


def stacked(rows: list[dict], columns: tuple, x: str, panel: str, folder: Path, figure_id: str, title: str,
            xlabel: str, names: dict) -> list[Path]:
    """Stacked shares over x, one panel per value of `panel`, the published points as diamonds
    at the top of each band."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter

    panels = list(dict.fromkeys(r[panel] for r in rows))
    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 3.8), sharey=True, squeeze=False)
    any_hidden = False
    for n_panel, (ax, key) in enumerate(zip(axes[0], panels)):
        pts = sorted((r for r in rows if r[panel] == key), key=lambda r: r[x])
        # stacked only where every band is shown: a hidden value leaves a gap (runs drawn apart)
        runs, run = [], []
        for r in pts:
            if all(r[c] is not None for c in columns):
                run.append(r)
            elif run:
                runs.append(run)
                run = []
        runs += [run] if run else []
        for n_run, run in enumerate(runs):
            labels = [names.get(c, c) for c in columns] if n_panel == 0 and n_run == 0 else [None] * len(columns)
            ax.stackplot([r[x] for r in run], *[[r[c] for r in run] for c in columns], labels=labels,
                         colors=OKABE_ITO[:len(columns)], alpha=0.85)
        gaps = [r[x] for r in pts if any(_hidden(r, c) for c in columns)]
        if gaps:
            any_hidden = True
            ax.scatter(gaps, [0] * len(gaps), marker="|", s=30, color=HIDDEN_COLOUR, zorder=3, clip_on=False)
        for r in pts:
            level = 0.0
            for i, c in enumerate(columns):
                level += r[c] or 0
                if r.get(f"pub_{c}") is not None:
                    cum = sum(r.get(f"pub_{cc}") or 0 for cc in columns[:i + 1])
                    ax.scatter([r[x]], [cum], marker="D", s=36, facecolor="white", edgecolor="#000000", zorder=3)
        ax.set_title(names.get(key, key), fontsize=9)
        ax.set_xlabel(xlabel)
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: danish(v) + " %"))
    if any(r.get(f"pub_{c}") is not None for r in rows for c in columns):
        axes[0][0].scatter([], [], marker="D", facecolor="white", edgecolor="#000000", label="Offentliggjort (kumuleret)")
    if any_hidden:
        axes[0][0].scatter([], [], marker="|", color=HIDDEN_COLOUR, label=HIDDEN)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(columns) + 1, frameon=False, bbox_to_anchor=(0.5, -0.06))
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    paths = save(fig, folder, figure_id)
    plt.close(fig)
    return paths


def matrix(rows: list[dict], column: str, folder: Path, figure_id: str, title: str, names: dict) -> list[Path]:
    """A transition matrix (fra x til) as a heat map of the row shares."""
    plt = _pyplot()
    import numpy as np

    order = list(dict.fromkeys(r["fra"] for r in rows))
    order += [t for t in dict.fromkeys(r["til"] for r in rows) if t not in order]
    idx = {k: i for i, k in enumerate(order)}
    m = np.full((len(order), len(order)), np.nan)
    hidden = []
    for r in rows:
        if r[column] is not None:
            m[idx[r["fra"]], idx[r["til"]]] = r[column]
        elif _hidden(r, column):
            hidden.append((idx[r["fra"]], idx[r["til"]]))
    fig, ax = plt.subplots(figsize=(0.45 * len(order) + 3, 0.4 * len(order) + 2))
    im = ax.imshow(m, cmap="Blues", vmin=0, vmax=100)
    labels = [names.get(k, k) for k in order]
    ax.set_xticks(range(len(order)), labels, rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(order)), labels, fontsize=7)
    for i in range(len(order)):
        for j in range(len(order)):
            if not np.isnan(m[i, j]) and m[i, j] >= 1:
                ax.text(j, i, danish(m[i, j]), ha="center", va="center", fontsize=6,
                        color="white" if m[i, j] > 60 else "black")
    for i, j in hidden:  # a suppressed cell: marked as Jobindsats marks it, never coloured as 0
        ax.text(j, i, ".", ha="center", va="center", fontsize=9, color=HIDDEN_COLOUR)
    ax.set_xlabel("Til (næste kvartal)")
    ax.set_ylabel("Fra")
    fig.colorbar(im, ax=ax, fraction=0.03, label="Andel af fra-rækken (pct.)")
    ax.set_title(title, fontsize=10, loc="left")
    paths = save(fig, folder, figure_id)
    plt.close(fig)
    return paths
