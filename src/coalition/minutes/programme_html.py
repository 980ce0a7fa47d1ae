"""`render_programme_html(programme) -> str`: the programme as one standalone page.

The same sections as the Markdown, as HTML tables, with inline SVG charts of the trends:
attendance by side against the roster, the irritant funnel, action items opened, closed and
slipped, and the share of business-outcome metrics. No script, no external resource, no
link: every text is escaped and its control characters made visible, so the page can be
opened offline, mailed, or printed to a terminal. Same programme, same bytes.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

from coalition.minutes.html_and_json import PAGE_STYLE
from coalition.minutes.programme import Section, heading, programme_sections, summary
from coalition.minutes.programme_model import Programme, SessionFigures
from coalition.visible_text import visible

CHART_STYLE = """
.wide { overflow-x: auto; }
svg.chart { width: 100%; max-width: 48rem; height: auto; display: block; margin: 1rem 0; }
svg.chart text { fill: currentColor; font: 12px system-ui, sans-serif; }
"""
WIDTH, HEIGHT = 720, 250
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 34, 28
Series = tuple[str, str, Sequence[float | None]]  # name, colour, a value per session (None: n/a)


def _h(text: str) -> str:
    """Text for the page: escaped, every control character shown."""
    return html.escape(visible(text))


def _nice_top(value: float) -> float:
    """The top of the y axis: 1, or the smallest 2, 4, 6, 8 or 10 × 10^n at least `value`
    (even, so the middle line is a whole number too)."""
    if value <= 1:
        return 1
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1.0, 2.0, 4.0, 6.0, 8.0, 10.0) if step * power >= value)


def _legend(series: Sequence[Series], line: Series | None) -> list[str]:
    parts, x = [], LEFT
    for name, colour, _ in series:
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{colour}"></rect>')
        parts.append(f'<text x="{x + 16}" y="18">{_h(name)}</text>')
        x += 24 + 7 * len(name)
    if line is not None:
        parts.append(f'<line x1="{x}" y1="14" x2="{x + 14}" y2="14" stroke="{line[1]}" '
                     'stroke-width="2"></line>')  # fmt: skip
        parts.append(f'<text x="{x + 18}" y="18">{_h(line[0])}</text>')
    return parts


def _axis(top: float, y: Callable[[float], float], percent: bool) -> list[str]:
    """Three grid lines with their values: zero, the middle and the top."""
    parts = []
    for tick in (0, top / 2, top):
        label = f"{tick:g} %" if percent else f"{tick:g}"
        parts.append(f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{WIDTH - RIGHT}" '
                     f'y2="{y(tick):.1f}" stroke="currentColor" stroke-opacity="0.3"></line>'
                     f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{label}'
                     "</text>")  # fmt: skip
    return parts


def bar_chart(
    title: str,
    sessions: Sequence[SessionFigures],
    series: Sequence[Series],
    *,
    stacked: bool,
    line: Series | None = None,
    percent: bool = False,
) -> str:
    """An SVG bar chart, one slot per session: bars stacked or side by side, a line on top.

    Each bar's tooltip names the session and the value; a value of None is shown as n/a.
    """
    count = len(sessions)
    values = [[value or 0 for value in numbers] for _, _, numbers in series]
    heights = [
        sum(column) if stacked else max(column, default=0) for column in zip(*values, strict=True)
    ]
    line_values = [value or 0 for value in line[2]] if line else []
    top = 100.0 if percent else _nice_top(max([*heights, *line_values], default=1))
    plot_h, slot = HEIGHT - TOP - BOTTOM, (WIDTH - LEFT - RIGHT) / max(1, count)

    def y(value: float) -> float:
        return TOP + plot_h - plot_h * value / top

    def middle(index: int) -> float:
        return LEFT + slot * (index + 0.5)

    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{_h(title)}"><title>{_h(title)}</title>', *_legend(series, line),
             *_axis(top, y, percent)]  # fmt: skip
    width = slot * 0.7 / (1 if stacked else max(1, len(series)))
    for index, session in enumerate(sessions):
        base = 0.0
        for number, (name, colour, numbers) in enumerate(series):
            value = numbers[index]
            shown = "n/a" if value is None else f"{value:g}{' %' if percent else ''}"
            tip = _h(f"{session.label} {session.date.isoformat()} {session.title}: {name} {shown}")
            x = LEFT + slot * (index + 0.15) + (0 if stacked else width * number)
            low, high = (base, base + (value or 0)) if stacked else (0, value or 0)
            base = high if stacked else 0
            parts.append(f'<rect x="{x:.1f}" y="{y(high):.1f}" width="{width:.1f}" '
                         f'height="{y(low) - y(high):.1f}" fill="{colour}"><title>{tip}</title>'
                         "</rect>")  # fmt: skip
            if value is None:
                parts.append(f'<text x="{x + width / 2:.1f}" y="{y(0) - 4:.1f}" '
                             f'text-anchor="middle">n/a<title>{tip}</title></text>')  # fmt: skip
        if index % math.ceil(count / 20) == 0:  # at most 20 labels
            parts.append(f'<text x="{middle(index):.1f}" y="{HEIGHT - 8}" '
                         f'text-anchor="middle">{session.label}</text>')  # fmt: skip
    if line is not None and count:
        points = " ".join(f"{middle(i):.1f},{y(v):.1f}" for i, v in enumerate(line_values))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{line[1]}" '
                     'stroke-width="2"></polyline>')  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def charts(programme: Programme) -> dict[str, str]:
    """The inline SVG charts, by the key of the section they illustrate."""
    s = programme.sessions
    if not s:
        return {}
    shares = [
        round(100 * x.outcome_metrics / x.business_metrics) if x.business_metrics else None
        for x in s
    ]
    return {
        "attendance": bar_chart("Members present by side, and on the roster", s, [
            ("business", "#0969da", [x.attendance.business for x in s]),
            ("IT", "#8250df", [x.attendance.it for x in s]),
            ("external", "#bf8700", [x.attendance.external for x in s]),
        ], stacked=True, line=("on the roster", "#6e7781", [x.attendance.roster for x in s])),
        "irritants": bar_chart("Irritants at the end of each session, by status", s, [
            ("open", "#cf222e", [x.irritants.open for x in s]),
            ("being removed", "#bc4c00", [x.irritants.being_removed for x in s]),
            ("removed", "#bf8700", [x.irritants.removed for x in s]),
            ("publicized", "#1a7f37", [x.irritants.publicized for x in s]),
        ], stacked=True),
        "actions": bar_chart("Action items opened, closed and slipped", s, [
            ("opened", "#0969da", [len(x.actions.opened) for x in s]),
            ("closed", "#1a7f37", [len(x.actions.closed) for x in s]),
            ("slipped", "#cf222e", [len(x.actions.slipped) for x in s]),
        ], stacked=False),
        "reporting": bar_chart("Business-outcome share of the metrics sent to the business", s, [
            ("business-outcome share", "#1a7f37", shares),
        ], stacked=False, percent=True),
    }  # fmt: skip


def html_section(section: Section, chart: str = "") -> str:
    parts = [f"<section>\n<h2>{_h(section.title)}</h2>\n<p>{_h(section.intro)}</p>"]
    if chart:
        parts.append(chart)
    if section.rows:
        head = "".join(f"<th>{_h(cell)}</th>" for cell in section.headers)
        body = "\n".join(
            "<tr>" + "".join(f"<td>{_h(cell)}</td>" for cell in row) + "</tr>"
            for row in section.rows
        )
        parts.append(f'<div class="wide"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
                     f"{body}\n</tbody>\n</table></div>")  # fmt: skip
    else:
        parts.append(f"<p>{_h(section.empty)}</p>")
    return "\n".join(parts) + "\n</section>"


def render_programme_html(programme: Programme) -> str:
    """A standalone HTML page of the programme (no scripts, no external resources)."""
    title = _h(heading(programme))
    drawn = charts(programme)
    sections = "\n".join(
        html_section(part, drawn.get(part.key, "")) for part in programme_sections(programme)
    )
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{PAGE_STYLE}{CHART_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n<p>{_h(summary(programme))}</p>\n{sections}\n</body>\n</html>\n"
    )
    # A lone surrogate (a byte that was not UTF-8) is shown as `\\udc9b`: a page is UTF-8.
    return page.encode("utf-8", "backslashreplace").decode("utf-8")
