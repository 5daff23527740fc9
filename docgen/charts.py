"""Charts for the reports: a small, data-only `Chart` spec and its PNG (matplotlib, Agg).

Context builders put `Chart` records in the context, so they stay pure and comparable;
`render.py` turns each into a docxtpl InlineImage when the document is rendered. Axes use
Danish number formats (1.234,5 and 12 %).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from docgen.formatting import format_number

PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5")
"""Colours in series order: the municipality's own series first (dark blue)."""


@dataclass(frozen=True)
class Chart:
    """A chart to draw: kind (bar, barh, stacked, line), categories and named series."""

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    ylabel: str = ""
    percent: bool = False
    decimals: int = 0
    width_cm: float = 15.0
    height_cm: float = 7.5
    highlight: tuple[str, ...] = field(default_factory=tuple)
    colour: str = ""
    """The first series' colour (#RRGGBB) instead of PALETTE's: a house style's colour."""

    @property
    def empty(self) -> bool:
        """True when there is nothing to draw."""
        return not self.categories or not any(v is not None for _, values in self.series for v in values)


def bars_by_name(
    title: str, series: str, pairs: list[tuple[str, float]], ylabel: str, *, percent: bool = False
) -> Chart:
    """A horizontal bar chart of one series, a bar for each (name, value), tall enough that
    every name has its line."""
    return Chart(
        "barh",
        title,
        tuple(n for n, _ in pairs),
        ((series, tuple(v for _, v in pairs)),),
        ylabel=ylabel,
        percent=percent,
        height_cm=max(5.0, 1.0 + 0.7 * len(pairs)),
    )


def _axis_formatter(chart: Chart):
    from matplotlib.ticker import FuncFormatter

    def fmt(value: float, _pos: int) -> str:
        decimals = chart.decimals if not float(value).is_integer() else 0
        text = format_number(value, decimals)
        return f"{text} %" if chart.percent else text

    return FuncFormatter(fmt)


# A vocabulary table: `duplicates` pairs it by shape with cli_render's label tables (data, not logic).
KIND_NAMES = {
    "bar": "Søjlediagram",
    "barh": "Liggende søjlediagram",
    "stacked": "Stablet søjlediagram",
    "line": "Kurvediagram",
}
ALT_ITEMS = 12
"""At most this many categories are read out in a chart's alt text."""


def _value_text(chart: Chart, value: float | None) -> str:
    if value is None:
        return "intet tal"
    text = format_number(value, chart.decimals)
    return f"{text} %" if chart.percent else text


def alt_text(chart: Chart) -> str:
    """A Danish description of the chart for a screen reader (the picture's alt text in the
    .docx and the PDF): kind, title, and each series' value per category."""
    kind = KIND_NAMES.get(chart.kind, "Diagram")
    parts = [f"{kind}: {chart.title.rstrip('.')}."]
    if chart.empty:
        return parts[0] + " Der er ingen tal at vise."
    cats = list(chart.categories)[:ALT_ITEMS]
    if len(chart.series) * len(chart.categories) > 2 * ALT_ITEMS:  # a long series: its ends
        for name, values in chart.series:
            known = [(c, v) for c, v in zip(chart.categories, values) if v is not None]
            if known:
                (c0, v0), (c1, v1) = known[0], known[-1]
                parts.append(
                    f"{name}: fra {_value_text(chart, v0)} ({c0}) til {_value_text(chart, v1)} ({c1})."
                )
        parts.append("Alle tal står i tabellen.")
        return " ".join(parts)
    for name, values in chart.series:
        pairs = "; ".join(f"{c}: {_value_text(chart, v)}" for c, v in zip(cats, values))
        label = f"{name}: " if len(chart.series) > 1 else ""
        parts.append(f"{label}{pairs}.")
    if len(chart.categories) > ALT_ITEMS:
        parts.append(f"Yderligere {len(chart.categories) - ALT_ITEMS} kategorier står i tabellen.")
    return " ".join(parts)


def png_description(png: bytes) -> str:
    """The alt text stored in a chart PNG's Description chunk ('' when it has none)."""
    pos = 8
    while pos + 8 <= len(png):
        length = int.from_bytes(png[pos : pos + 4], "big")
        kind = png[pos + 4 : pos + 8]
        data = png[pos + 8 : pos + 8 + length]
        if kind == b"tEXt" and data.startswith(b"Description\0"):
            return data.split(b"\0", 1)[1].decode("latin-1")
        if kind == b"iTXt" and data.startswith(b"Description\0"):
            fields = data.split(b"\0", 5)
            if len(fields) == 6:
                return fields[5].decode("utf-8")
        if kind == b"IEND":
            break
        pos += 12 + length
    return ""


def _category_axis(ax, chart: Chart, *, vertical: bool, slant_over: int = 5) -> None:
    """The categories on their axis and the Danish number format on the value axis. A vertical
    category axis (barh, stacked) reads from the top; a horizontal one slants its labels when
    there are more than slant_over of them, so long names do not run into each other."""
    positions = list(range(len(chart.categories)))
    if vertical:
        ax.set_yticks(positions)
        ax.set_yticklabels(chart.categories, fontsize=7)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(_axis_formatter(chart))
        return
    slanted = len(chart.categories) > slant_over
    ax.set_xticks(positions)
    ax.set_xticklabels(
        chart.categories, rotation=30 if slanted else 0, ha="right" if slanted else "center", fontsize=7
    )
    ax.yaxis.set_major_formatter(_axis_formatter(chart))


def render_png(chart: Chart, dpi: int = 150) -> bytes:
    """The chart as PNG bytes (no timestamps, so the same chart gives the same bytes)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    inch = 2.54
    fig = Figure(figsize=(chart.width_cm / inch, chart.height_cm / inch), dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    cats = list(chart.categories)
    n_series = max(len(chart.series), 1)
    positions = list(range(len(cats)))
    values_of = [[(v if v is not None else 0.0) for v in vals] for _, vals in chart.series]
    palette = (chart.colour, *PALETTE[1:]) if chart.colour else PALETTE

    if chart.kind == "line":
        for i, (name, vals) in enumerate(chart.series):
            xs = [x for x, v in zip(positions, vals) if v is not None]
            ys = [v for v in vals if v is not None]
            ax.plot(
                xs,
                ys,
                marker="o",
                label=name,
                color=palette[i % len(palette)],
                linewidth=2.4 if i == 0 else 1.4,
            )
        _category_axis(ax, chart, vertical=False, slant_over=6)
    elif chart.kind == "stacked":
        left = [0.0] * len(cats)
        for i, (name, _vals) in enumerate(chart.series):
            widths = values_of[i]
            ax.barh(positions, widths, left=left, label=name, color=palette[i % len(palette)])
            left = [a + b for a, b in zip(left, widths)]
        _category_axis(ax, chart, vertical=True)
    else:
        width = 0.8 / n_series
        horizontal = chart.kind == "barh"
        for i, (name, _vals) in enumerate(chart.series):
            offs = [p - 0.4 + width * (i + 0.5) for p in positions]
            colours = [
                "#c55a11" if (cats[j] in chart.highlight and n_series == 1) else palette[i % len(palette)]
                for j in range(len(cats))
            ]
            if horizontal:
                ax.barh(offs, values_of[i], height=width, label=name, color=colours)
            else:
                ax.bar(offs, values_of[i], width=width, label=name, color=colours)
        _category_axis(ax, chart, vertical=horizontal)
        (ax.axvline if horizontal else ax.axhline)(0, color="#404040", linewidth=0.6)
    if chart.ylabel:
        (ax.set_xlabel if chart.kind in ("barh", "stacked") else ax.set_ylabel)(chart.ylabel, fontsize=8)
    ax.set_title(chart.title, fontsize=9, loc="left")
    ax.tick_params(labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(chart.series) > 1:  # below the plot, never over the bars or lines
        fig.legend(fontsize=7, frameon=False, loc="outside lower center", ncols=min(len(chart.series), 4))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None, "Description": alt_text(chart)})
    return buf.getvalue()
