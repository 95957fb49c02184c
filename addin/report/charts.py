"""Report charts from one description: inline SVG for the HTML report (pure Python) and PNG for Word
(matplotlib, imported only when a PNG is drawn). Every text drawn into SVG is escaped here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

# Status colours, dark enough for text on white (WCAG AA).
COLORS = {
    "done": "#2E7D32", "partly": "#A65F00", "in_progress": "#1565C0", "not_done": "#C62828",
    "not_reported": "#616161",
    "on_track": "#2E7D32", "off_track": "#C62828", "no_data": "#616161", "no_target": "#455A64",
    "not_due": "#1565C0", "no_baseline": "#455A64", "not_scheduled": "#757575",
    "planned": "#8FB3DE", "spent": "#1F4E79",
}


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    color: str
    colors: tuple[str, ...] = ()  # one colour per category, when the bars differ (status charts)


@dataclass(frozen=True)
class Chart:
    """A bar chart: `kind` "hbar" (one row per category) or "column" (one group per category, e.g. years)."""

    key: str
    title: str
    description: str  # the text alternative: what the chart shows, with its numbers
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    fmt: Callable[[float | None], str]
    kind: str = "hbar"
    max_value: float | None = None  # fixed scale (100 for percentages)

    @property
    def scale(self) -> float:
        values = [v for s in self.series for v in s.values if v is not None]
        top = max(values, default=0.0)
        if self.max_value is not None:
            return max(self.max_value, top)
        return top if top > 0 else 1.0


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def label_lines(text: str, width: int = 34, lines: int = 2) -> list[str]:
    """A category label broken into at most `lines` lines of about `width` characters, words kept whole; the
    last line ends with "…" when the text is longer (the field code, its first word, always shows in full)."""
    import textwrap

    wrapped = textwrap.wrap(text, width, break_long_words=False) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = _short(wrapped[-1] + " …", width).replace(" …", "…")
    return wrapped


CHAR_W = 7.4  # the average advance of a 12 px label in DejaVu Sans / Segoe UI / Arial, in SVG units


def _num(x: float) -> str:
    """A coordinate for SVG: fixed precision so output bytes never depend on float noise."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def svg(chart: Chart) -> str:
    """The chart as an accessible inline SVG element (role img, title and description)."""
    if chart.kind == "column":
        return _svg_columns(chart)
    return _svg_hbar(chart)


def _svg_open(chart: Chart, width: int, height: int) -> list[str]:
    cid = f"chart-{chart.key}"
    return [
        f'<svg class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{cid}-title {cid}-desc" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{cid}-title">{escape(chart.title)}</title>',
        f'<desc id="{cid}-desc">{escape(chart.description)}</desc>',
    ]


def _legend(chart: Chart, x: float, y: float) -> list[str]:
    out = []
    if len(chart.series) < 2:
        return out
    for s in chart.series:
        out.append(f'<rect x="{_num(x)}" y="{_num(y - 10)}" width="12" height="12" fill="{s.color}"/>')
        out.append(f'<text x="{_num(x + 17)}" y="{_num(y)}" class="legend">{escape(s.name)}</text>')
        x += 30 + 7.2 * len(s.name)
    return out


def _svg_hbar(chart: Chart) -> str:
    """Horizontal bars, the labels on the left in one or two lines; the label column is as wide as its longest
    line, so no label is cut at the edge."""
    labels = [label_lines(c) for c in chart.categories]
    longest = max((len(line) for lines in labels for line in lines), default=10)
    width, value_w = 720, 110
    label_w = int(min(300, max(120, longest * CHAR_W + 16)))
    n_series = len(chart.series)
    two_lines = any(len(lines) > 1 for lines in labels)
    bar_h, gap = 16, 14 if two_lines else 12
    group_h = max(n_series * bar_h, 30 if two_lines else 0) + gap
    top = 34 if n_series > 1 else 12
    height = top + group_h * len(chart.categories) + 8
    plot_w = width - label_w - value_w
    scale = chart.scale
    parts = _svg_open(chart, width, height)
    parts += _legend(chart, label_w, 18)
    for i, lines in enumerate(labels):
        y0 = top + i * group_h
        middle = y0 + max(n_series * bar_h, 30 if two_lines else 0) / 2
        first = middle + 4 - 7 * (len(lines) - 1)
        tspans = "".join(f'<tspan x="{label_w - 8}" y="{_num(first + 14 * k)}">{escape(line)}</tspan>'
                         for k, line in enumerate(lines))
        parts.append(f'<text class="label" text-anchor="end">{tspans}</text>')
        bars_top = middle - n_series * bar_h / 2
        for j, s in enumerate(chart.series):
            v = s.values[i]
            y = bars_top + j * bar_h
            color = s.colors[i] if s.colors else s.color
            w = 0.0 if v is None else max(0.0, v) / scale * plot_w
            parts.append(f'<rect x="{label_w}" y="{_num(y + 1)}" width="{_num(max(w, 0.0))}" '
                         f'height="{bar_h - 2}" fill="{color}"/>')
            text = chart.fmt(v)
            parts.append(f'<text x="{_num(label_w + w + 6)}" y="{_num(y + bar_h - 4)}" class="value">'
                         f'{escape(text)}</text>')
    parts.append(f'<line x1="{label_w}" y1="{top - 4}" x2="{label_w}" y2="{height - 6}" class="axis"/>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_columns(chart: Chart) -> str:
    width, height = 720, 300
    left, right, top, bottom = 20, 20, 40, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    n_cat, n_series = len(chart.categories), len(chart.series)
    group_w = plot_w / max(1, n_cat)
    bar_w = min(70.0, group_w * 0.7 / max(1, n_series))
    scale = chart.scale
    parts = _svg_open(chart, width, height)
    parts += _legend(chart, left, 18)
    base = top + plot_h
    for i, category in enumerate(chart.categories):
        gx = left + i * group_w + (group_w - bar_w * n_series) / 2
        for j, s in enumerate(chart.series):
            v = s.values[i]
            h = 0.0 if v is None else max(0.0, v) / scale * (plot_h - 18)
            x = gx + j * bar_w
            parts.append(f'<rect x="{_num(x + 2)}" y="{_num(base - h)}" width="{_num(bar_w - 4)}" '
                         f'height="{_num(h)}" fill="{s.colors[i] if s.colors else s.color}"/>')
            parts.append(f'<text x="{_num(x + bar_w / 2)}" y="{_num(base - h - 5)}" class="value" '
                         f'text-anchor="middle">{escape(chart.fmt(v))}</text>')
        parts.append(f'<text x="{_num(left + i * group_w + group_w / 2)}" y="{base + 20}" class="label" '
                     f'text-anchor="middle">{escape(category)}</text>')
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" class="axis"/>')
    parts.append("</svg>")
    return "".join(parts)


def png(chart: Chart, width_in: float = 6.3, dpi: int = 150) -> bytes:
    """The chart as PNG bytes for Word (matplotlib Agg, no metadata: the same chart gives the same bytes)."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    n_cat, n_series = len(chart.categories), len(chart.series)
    scale = chart.scale
    if chart.kind == "column":
        fig = Figure(figsize=(width_in, 3.0), dpi=dpi)
    else:
        two = any(len(label_lines(c, 38)) > 1 for c in chart.categories)
        fig = Figure(figsize=(width_in, 0.55 + n_cat * (max(0.22 * n_series, 0.3 if two else 0) + 0.16)
                              + (0.3 if n_series > 1 else 0)), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    fig.patch.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7.5)
    bar = 0.8 / n_series
    for j, s in enumerate(chart.series):
        values = [0.0 if v is None else max(0.0, v) for v in s.values]
        colors = list(s.colors) if s.colors else s.color
        offsets = [i + (j - (n_series - 1) / 2) * bar for i in range(n_cat)]
        if chart.kind == "column":
            bars = ax.bar(offsets, values, width=bar * 0.9, color=colors, label=s.name)
        else:
            bars = ax.barh(offsets, values, height=bar * 0.9, color=colors, label=s.name)
        for b, v in zip(bars, s.values, strict=True):
            text = chart.fmt(v)
            if chart.kind == "column":
                ax.annotate(text, (b.get_x() + b.get_width() / 2, b.get_height()), xytext=(0, 2),
                            textcoords="offset points", ha="center", va="bottom", fontsize=7)
            else:
                ax.annotate(text, (b.get_width(), b.get_y() + b.get_height() / 2), xytext=(3, 0),
                            textcoords="offset points", ha="left", va="center", fontsize=7)
    labels = ["\n".join(label_lines(c, 38)) for c in chart.categories]
    if chart.kind == "column":
        ax.set_xticks(range(n_cat), labels)
        ax.set_ylim(0, scale * 1.15)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
    else:
        ax.set_yticks(range(n_cat), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, scale * 1.3)
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
    if n_series > 1:
        ax.legend(fontsize=7.5, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=n_series)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()
