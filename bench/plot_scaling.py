#!/usr/bin/python3
"""Draws bench/scaling.sh's results as two SVG charts, written by hand (standard library only):

  scaling.svg          pages/s against the number of parser processes, one line per fetcher count, the value
                       at each point and the range of the runs as a thin bar;
  cpu_by_process.svg   one stacked bar per configuration: CPU ms per page of the coordinator, the fetchers
                       and the parsers.

usage: plot_scaling.py CSV OUT_DIR [--note TEXT]    (TEXT: a line under each title, e.g. the machine's load)
"""
import argparse
import csv
import math
import os
from xml.sax.saxutils import escape

FONT = "font-family=\"Helvetica, Arial, sans-serif\""
LINE_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]  # Okabe-Ito: distinct for colour-blind readers
ROLE_COLORS = {"coordinator": "#E69F00", "fetchers": "#56B4E9", "parsers": "#009E73"}


def nice_axis(value, intervals=7):
    """An axis from 0 that holds value: (top, step), the step 1, 2, 2.5 or 5 times a power of ten and about
    `intervals` steps or fewer to the top."""
    if value <= 0:
        return 1.0, 0.2
    raw = value / intervals
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * math.ceil(value / step - 1e-9), step


def text(x, y, content, size=12, anchor="start", weight="normal", fill="#222", extra="", halo=False):
    if halo:  # a white outline under the glyphs keeps a label readable where it crosses a line
        extra += ' stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="{fill}"{extra}>{escape(str(content))}</text>')


def svg(width, height, body):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" {FONT}>\n'
            f'<rect width="{width}" height="{height}" fill="white"/>\n' + "\n".join(body) + "\n</svg>\n")


def header(body, width, title, note):
    body.append(text(width / 2, 26, title, size=16, anchor="middle", weight="bold"))
    if note:
        body.append(text(width / 2, 46, note, size=11, anchor="middle", fill="#555"))


def plural(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def scaling_chart(rows, note):
    width, height = 720, 440
    left, right, top, bottom = 80, 190, 70, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    parsers = sorted({r["parsers"] for r in rows})
    fetchers = sorted({r["fetchers"] for r in rows})
    y_max, y_step = nice_axis(1.08 * max(max(r["pages_per_s"], r["pages_per_s_max"]) for r in rows))
    x_max = max(parsers)
    # A linear axis from 0, so that twice the parsers is twice as far along: the reader sees how far the
    # rate is from scaling with them.
    x_of = lambda p: left + plot_w * p / x_max
    y_of = lambda v: top + plot_h * (1 - v / y_max)

    body = []
    header(body, width, "Arachne: pages per second by worker processes", note)
    for i in range(round(y_max / y_step) + 1):  # grid and y ticks
        v = y_step * i
        y = y_of(v)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e4e4e4"/>')
        body.append(text(left - 8, y + 4, f"{v:,.0f}", size=11, anchor="end", fill="#444"))
    for p in parsers:
        x = x_of(p)
        body.append(f'<line x1="{x:.1f}" y1="{top + plot_h}" x2="{x:.1f}" y2="{top + plot_h + 5}" stroke="#444"/>')
        body.append(text(x, top + plot_h + 20, p, size=11, anchor="middle", fill="#444"))
    body.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#444"/>')
    body.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#444"/>')
    body.append(text(left + plot_w / 2, height - 16, "parser processes", size=13, anchor="middle"))
    body.append(text(22, top + plot_h / 2, "pages per second", size=13, anchor="middle",
                     extra=f' transform="rotate(-90 22 {top + plot_h / 2:.1f})"'))

    series = {f: {r["parsers"]: r for r in rows if r["fetchers"] == f} for f in fetchers}
    for i, f in enumerate(fetchers):
        color = LINE_COLORS[i % len(LINE_COLORS)]
        points = [(x_of(p), y_of(series[f][p]["pages_per_s"])) for p in parsers if p in series[f]]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>')
        for p in parsers:
            r = series[f].get(p)
            if r is None:
                continue
            x, y = x_of(p), y_of(r["pages_per_s"])
            if r["pages_per_s_max"] > r["pages_per_s_min"]:  # the range of the runs, with caps
                lo, hi = y_of(r["pages_per_s_min"]), y_of(r["pages_per_s_max"])
                body.append(f'<path d="M{x - 4:.1f},{lo:.1f}H{x + 4:.1f}M{x:.1f},{lo:.1f}V{hi:.1f}'
                            f'M{x - 4:.1f},{hi:.1f}H{x + 4:.1f}" fill="none" stroke="{color}" stroke-width="1.2"/>')
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{color}" stroke="white" stroke-width="1.5"/>')
            # The higher of the series at this x is labelled above its point, the others below, so that
            # labels of close values do not overlap.
            others = [series[g][p]["pages_per_s"] for g in fetchers if g != f and p in series[g]]
            above = all(r["pages_per_s"] >= o for o in others)
            lo, hi = y_of(r["pages_per_s_min"]), y_of(r["pages_per_s_max"])
            body.append(text(x, min(y, hi) - 9 if above else max(y, lo) + 18, f"{r['pages_per_s']:,.0f}", size=11,
                             anchor="middle", fill=color, weight="bold", halo=True))
    for i, f in enumerate(fetchers):  # legend, right of the plot
        color = LINE_COLORS[i % len(LINE_COLORS)]
        y = top + 14 + 22 * i
        x = left + plot_w + 44
        body.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 24}" y2="{y - 4}" stroke="{color}" stroke-width="2.5"/>')
        body.append(f'<circle cx="{x + 12}" cy="{y - 4}" r="4" fill="{color}"/>')
        body.append(text(x + 32, y, plural(f, "fetcher"), size=12))
    if any(r["pages_per_s_max"] > r["pages_per_s_min"] for r in rows):
        y = top + 14 + 22 * len(fetchers) + 10
        body.append(text(left + plot_w + 44, y, "bars: range of", size=11, fill="#555"))
        body.append(text(left + plot_w + 44, y + 14, "the runs", size=11, fill="#555"))
    return svg(width, height, body)


def cpu_chart(rows, note):
    roles = list(ROLE_COLORS)
    bar_h, gap = 26, 12
    width = 720
    left, right, top = 170, 90, 96
    plot_w = width - left - right
    plot_h = len(rows) * (bar_h + gap) - gap
    height = top + plot_h + 78
    totals = [sum(r[f"{role}_ms_per_page"] for role in roles) for r in rows]
    x_max, x_step = nice_axis(max(totals), intervals=6)
    x_of = lambda v: left + plot_w * v / x_max

    body = []
    header(body, width, "Arachne: CPU per page by process", note)
    x = left
    for role in roles:  # legend, above the plot
        body.append(f'<rect x="{x}" y="{top - 34}" width="14" height="14" fill="{ROLE_COLORS[role]}"/>')
        body.append(text(x + 20, top - 22, role, size=12))
        x += 20 + 8 * len(role) + 28
    for i in range(round(x_max / x_step) + 1):
        v = x_step * i
        gx = x_of(v)
        body.append(f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{top + plot_h}" stroke="#e4e4e4"/>')
        body.append(text(gx, top + plot_h + 18, f"{v:.10g}", size=11, anchor="middle", fill="#444"))
    body.append(text(left + plot_w / 2, top + plot_h + 42, "CPU milliseconds per page", size=13, anchor="middle"))
    body.append(text(width / 2, top + plot_h + 66, "each role's CPU as the crawl's summary reports it, to 0.1 s "
                     f"({100 / rows[0]['urls']:.4f} ms per page)", size=10, anchor="middle", fill="#555"))
    for i, (r, total) in enumerate(zip(rows, totals)):
        y = top + i * (bar_h + gap)
        body.append(text(left - 10, y + bar_h / 2 + 4,
                         f"{plural(r['fetchers'], 'fetcher')}, {plural(r['parsers'], 'parser')}", size=12,
                         anchor="end"))
        x = left
        for role in roles:
            v = r[f"{role}_ms_per_page"]
            w = x_of(v) - left
            body.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{ROLE_COLORS[role]}">'
                        f'<title>{escape(role)}: {v:.3f} ms per page</title></rect>')
            if w >= 38:  # the value inside its segment when it fits
                body.append(text(x + w / 2, y + bar_h / 2 + 4, f"{v:.3f}", size=10, anchor="middle", fill="#111"))
            x += w
        body.append(text(x + 6, y + bar_h / 2 + 4, f"{total:.3f} ms", size=11, weight="bold"))
    body.append(f'<line x1="{left}" y1="{top - 6}" x2="{left}" y2="{top + plot_h}" stroke="#444"/>')
    return svg(width, height, body)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv")
    ap.add_argument("out_dir")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    with open(args.csv, newline="") as f:
        rows = [{k: (int(v) if k in ("fetchers", "parsers", "urls") else float(v)) for k, v in row.items()}
                for row in csv.DictReader(f)]
    if not rows:
        raise SystemExit(f"{args.csv}: no rows")
    rows.sort(key=lambda r: (r["fetchers"], r["parsers"]))
    os.makedirs(args.out_dir, exist_ok=True)
    for name, chart in (("scaling.svg", scaling_chart), ("cpu_by_process.svg", cpu_chart)):
        with open(os.path.join(args.out_dir, name), "w") as f:
            f.write(chart(rows, args.note))


if __name__ == "__main__":
    main()
