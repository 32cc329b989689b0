#!/usr/bin/env python3
"""Draws docs/tutorials/decision-trace-flow.svg: how one crash-predictor decision becomes
trace records (kernel/ai/monitor.cpp, kernel/ai/trace.{h,cpp}) and where the records go.
Plain SVG, no dependencies: python3 tools/diagrams/trace_flow.py OUT.svg
"""
import sys

from svg import arrow, text

W, H = 1000, 400
TOP = [  # (title, lines, colour): the decision path, left to right
    ("1. sample", ["every 100 ms: 17 memory", "features (free ratio, trend,", "fragmentation, failures...)"], "#cfe8ff"),
    ("2. detector", ["tte, model or psi decides:", "alarm or not", "(autoctl detector)"], "#ffe7b3"),
    ("3. alarm record", ["model crash-predictor, v3", "inputs, risk, the reason", "act (tte 1976ms <= 2000ms)"], "#f7c6c0"),
    ("4. action records", ["autonomy: compact, drop the", "image cache, shrink the block", "cache, stop the top grower"], "#c8f0c8"),
    ("5. outcome settled", ["2 s later, on the alarm:", "no-failure or failure", "(did allocations fail?)"], "#e3d4f5"),
]
SINKS = [
    ("tracectl list / show", "the shell, the newest N records"),
    ("export JSON", "tracectl export --path /incidents/x.json"),
    ("control port event", "\"trace\" events: the desktop's Traces tab"),
]
BOX_W, BOX_H, GAP, Y0 = 176, 82, 20, 56


def main(out):
    p = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         text(20, 30, "One decision of the crash predictor, as trace records", 16, weight="bold")]
    for i, (title, lines, colour) in enumerate(TOP):
        x = 20 + i * (BOX_W + GAP)
        p.append(f'<rect x="{x}" y="{Y0}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{colour}" stroke="#555"/>')
        p.append(text(x + 8, Y0 + 18, title, 13, weight="bold"))
        for j, line in enumerate(lines):
            p.append(text(x + 8, Y0 + 38 + 14 * j, line, 11))
        if i + 1 < len(TOP):
            p.append(arrow(x + BOX_W + 2, Y0 + BOX_H / 2, x + BOX_W + GAP - 3, Y0 + BOX_H / 2))
    ring_y, ring_x, ring_w = 200, 210, 580
    for i in (2, 3, 4):  # records flow into the ring
        x = 20 + i * (BOX_W + GAP) + BOX_W / 2
        p.append(arrow(x, Y0 + BOX_H + 2, min(max(x, ring_x + 20), ring_x + ring_w - 20), ring_y - 3))
    p.append(f'<rect x="{ring_x}" y="{ring_y}" width="{ring_w}" height="54" rx="6" fill="#eeeeee" stroke="#555"/>')
    p.append(text(ring_x + ring_w / 2, ring_y + 22, "TraceRing: the newest 256 records in kernel memory", 13, "middle", "bold"))
    p.append(text(ring_x + ring_w / 2, ring_y + 40, "ids increase and never repeat; writers copy in under a spinlock, "
                  "nothing allocates", 11, "middle"))
    for k, (title, detail) in enumerate(SINKS):
        x = 60 + k * 310
        p.append(arrow(ring_x + ring_w / 2, ring_y + 56, x + 130, 310 - 3))
        p.append(f'<rect x="{x}" y="310" width="260" height="54" rx="6" fill="#fff7d6" stroke="#555"/>')
        p.append(text(x + 130, 332, title, 13, "middle", "bold"))
        p.append(text(x + 130, 350, detail, 11, "middle"))
    p.append(text(20, H - 10, "Each record: which decision (id, kind), on which inputs, by which model and version, "
                  "with which output, action and outcome.", 12, fill="#444"))
    p.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(p) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: trace_flow.py OUT.svg")
    main(sys.argv[1])
