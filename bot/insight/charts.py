"""Charts drawn on the server with matplotlib (Agg: no display, nothing fetched), as PNG data URIs the page
carries itself. They plot the published (suppressed) numbers only: a hidden count is drawn as hidden."""
from __future__ import annotations

import base64
import io

from bot.insight.suppress import Table


def _pyplot():
    import warnings

    with warnings.catch_warnings():         # matplotlib 3.5 (Rasa's pin) uses pyparsing names it deprecated since
        warnings.simplefilter("ignore", DeprecationWarning)
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot

    return pyplot


def _uri(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    _pyplot().close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def heat_maps(demand: Table, supply: Table) -> str:
    """Demand (conversations naming each interest) beside supply (local programmes that fit), by borough."""
    import numpy as np

    plt = _pyplot()
    rows = list(demand.rows[:-1])
    interests = [c for c in supply.columns if c in demand.columns]
    d = np.array([[_number(demand.values[i][demand.columns.index(c)]) for c in interests] for i in range(len(rows))],
                 float)
    s = np.array([[supply.values[supply.rows.index(r)][supply.columns.index(c)] for c in interests] for r in rows],
                 float)
    height = 1.6 + 0.32 * len(rows)
    fig, axes = plt.subplots(1, 2, figsize=(11, height), sharey=True)
    for ax, data, title, cmap in ((axes[0], d, "Demand: conversations", "Blues"),
                                  (axes[1], s, "Supply: active programmes that fit", "Greens")):
        masked = np.ma.masked_invalid(data)
        cm = plt.get_cmap(cmap).copy()
        cm.set_bad("#dddddd")
        im = ax.imshow(masked, aspect="auto", cmap=cm)
        ax.set_title(title, fontsize=10)
        ax.set_xticks(range(len(interests)))
        ax.set_xticklabels(interests, rotation=40, ha="right", fontsize=8)
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels(rows, fontsize=8)
        for (i, j), value in np.ndenumerate(data):
            hidden = demand.shown[i][demand.columns.index(interests[j])]        # "<10" or "[c]"
            ax.text(j, i, hidden if np.isnan(value) else f"{value:.0f}", ha="center", va="center", fontsize=6.5,
                    color="black" if np.isnan(value) or value < np.nanmax(data) * 0.6 else "white")
        fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    return _uri(fig)


def boroughs(table: Table) -> str:
    """Conversations by borough, with those where nothing fit."""
    plt = _pyplot()
    rows = list(table.rows[:-1])
    talks = [_number(table.values[i][0]) for i in range(len(rows))]
    nothing = [_number(table.values[i][1]) for i in range(len(rows))]
    fig, ax = plt.subplots(figsize=(6, 1.2 + 0.28 * len(rows)))
    y = range(len(rows))
    ax.barh(y, [0 if t != t else t for t in talks], color="#1f5f99", label="Conversations")
    ax.barh(y, [0 if n != n else n for n in nothing], color="#d08a00", label="Nothing fit")
    for i, t in enumerate(talks):
        if t != t:
            ax.text(0, i, " <10 (hidden)", va="center", fontsize=7)
    ax.set_yticks(list(y))
    ax.set_yticklabels(rows, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Conversations (rounded to 5)")
    ax.legend(fontsize=8, loc="lower right")
    return _uri(fig)


def _number(value: int | None) -> float:
    return float("nan") if value is None else float(value)
