#!/usr/bin/env python3
"""Draws the performance report's charts: one SVG bar chart per CSV file of bench/report.sh.

  report_charts.py DIR      DIR/NAME.csv -> DIR/NAME.svg, for every CSV in DIR

A CSV has the header `label,series,value,min,max,unit`: one bar per row, grouped by label,
coloured by series (SIS, Linux, a policy...), with a min-max whisker when both are given.
The chart's title is the CSV's first comment line (`# title`), if any. Plain SVG, no
plotting library, so the pictures regenerate on any machine that runs the benchmarks.
"""
import csv
import html
import os
import sys

COLOURS = ["#3b6fb6", "#d9822b", "#4f9a4f", "#a33b3b", "#7a5ea8", "#8c8c8c"]
WIDTH, BAR_H, GAP, LEFT, RIGHT, TOP = 860, 18, 10, 300, 150, 56


def read_csv(path):
    title, rows = None, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if lines and lines[0].startswith("#"):
        title = lines[0].lstrip("# ").strip()
        lines = lines[1:]
    for r in csv.DictReader(lines):
        def num(k):
            v = (r.get(k) or "").strip()
            return float(v) if v else None
        rows.append({"label": r["label"], "series": r["series"], "value": num("value"),
                     "min": num("min"), "max": num("max"), "unit": r.get("unit", "")})
    return title, rows


def nice_max(v):
    if v <= 0:
        return 1.0
    exp = 10 ** len(str(int(v)))
    for step in (0.1, 0.2, 0.25, 0.5, 1.0):
        if v <= exp * step:
            return exp * step
    return exp


def nice_ticks(scale_max):
    """0, step, 2 step... up to scale_max, with a step of 1, 2, 2.5 or 5 times a power of ten."""
    magnitude = 10 ** (len(str(int(scale_max))) - 1) if scale_max >= 1 else 0.1
    for m in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = m * magnitude
        if scale_max / step <= 6:
            break
    n = int(round(scale_max / step))
    return [step * i for i in range(n + 1)]


def svg_chart(title, rows):
    series = list(dict.fromkeys(r["series"] for r in rows))
    labels = list(dict.fromkeys(r["label"] for r in rows))
    units = sorted({r["unit"] for r in rows if r["unit"]})
    top = max([r["max"] or 0 for r in rows] + [r["value"] or 0 for r in rows])
    scale_max = nice_max(top)
    plot_w = WIDTH - LEFT - RIGHT
    x = lambda v: LEFT + plot_w * (v / scale_max)
    out, y = [], TOP
    for label in labels:
        group = [r for r in rows if r["label"] == label]
        out.append(f'<text x="{LEFT - 8}" y="{y + BAR_H * len(group) / 2 + 4:.0f}" text-anchor="end">'
                   f'{html.escape(label)}</text>')
        for r in group:
            colour = COLOURS[series.index(r["series"]) % len(COLOURS)]
            if r["value"] is not None:
                out.append(f'<rect x="{LEFT}" y="{y}" width="{max(x(r["value"]) - LEFT, 1):.1f}" height="{BAR_H - 2}" '
                           f'fill="{colour}"><title>{html.escape(r["series"])}: {r["value"]:g} {html.escape(r["unit"])}'
                           f'</title></rect>')
                text_x = x(max(r["value"], r["max"] or 0)) + 6
                out.append(f'<text x="{text_x:.1f}" y="{y + BAR_H - 5}">{r["value"]:g} {html.escape(r["unit"])}</text>')
            if r["min"] is not None and r["max"] is not None:
                mid = y + (BAR_H - 2) / 2
                out.append(f'<line x1="{x(r["min"]):.1f}" x2="{x(r["max"]):.1f}" y1="{mid}" y2="{mid}" stroke="#222"/>')
                for end in (r["min"], r["max"]):
                    out.append(f'<line x1="{x(end):.1f}" x2="{x(end):.1f}" y1="{mid - 4}" y2="{mid + 4}" stroke="#222"/>')
            y += BAR_H
        y += GAP
    axis_y = y
    ticks = nice_ticks(scale_max)
    grid = [f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{TOP - 6}" y2="{axis_y}" stroke="#ddd"/>'
            f'<text x="{x(t):.1f}" y="{axis_y + 16}" text-anchor="middle">{t:g}</text>' for t in ticks]
    legend = []
    lx = LEFT
    for i, s in enumerate(series):
        legend.append(f'<rect x="{lx}" y="30" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>'
                      f'<text x="{lx + 16}" y="40">{html.escape(s)}</text>')
        lx += 24 + 8 * len(s)
    height = axis_y + 46
    unit_text = ", ".join(units) + (" (bars: median; whiskers: min to max)" if any(r["min"] is not None for r in rows) else "")
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
        f'<text x="12" y="20" font-size="15" font-weight="bold">{html.escape(title)}</text>',
        *legend, *grid, *out,
        f'<text x="{LEFT + plot_w / 2:.0f}" y="{axis_y + 34}" text-anchor="middle" fill="#444">{html.escape(unit_text)}</text>',
        "</svg>", ""])


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    d = sys.argv[1]
    made = 0
    for name in sorted(os.listdir(d)):
        if not name.endswith(".csv"):
            continue
        title, rows = read_csv(os.path.join(d, name))
        if not rows:
            print(f"report_charts: {name} has no rows", file=sys.stderr)
            return 1
        with open(os.path.join(d, name[:-4] + ".svg"), "w", encoding="utf-8") as f:
            f.write(svg_chart(title or name[:-4], rows))
        made += 1
    print(f"report_charts: {made} chart(s) in {d}")
    return 0 if made else 1


if __name__ == "__main__":
    sys.exit(main())
