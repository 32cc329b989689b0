#!/usr/bin/env python3
"""Checks sis-flamegraph's SVG with an independent reader: Python's XML parser must accept it,
and every frame's <rect> must sit where the folded counts say, recomputed here from the
folded file (children in name order, width = samples / total * graph width).

usage: check_svg.py SIS_FLAMEGRAPH FOLDED [AFTER_FOLDED [MORE_FOLDED...]]
With AFTER_FOLDED it also checks the differential graph (--diff FOLDED AFTER_FOLDED) and a
bad input (exit 2, the line named, no output written); MORE_FOLDED are checked like FOLDED."""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = {"s": "http://www.w3.org/2000/svg"}
WIDTH = 1200
PAD_X = 10  # tools/flamegraph/svg.h kSvgPadX
PAD_TOP = 44  # kSvgPadTop
FRAME_H = 16


def expected_frames(path):
    """[(name, level, x_px, width_px, samples)] from the folded file, oracle independent of the C++."""
    tree = {}  # path tuple -> samples
    total = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            stack, count = line.rsplit(" ", 1)
            n = int(count)
            total += n
            frames = tuple(stack.split(";"))
            for i in range(1, len(frames) + 1):
                tree[frames[:i]] = tree.get(frames[:i], 0) + n
    out = [("all", 0, PAD_X, WIDTH - 2 * PAD_X, total)]
    graph_w = WIDTH - 2 * PAD_X

    def walk(prefix, offset):
        kids = sorted(p for p in tree if len(p) == len(prefix) + 1 and p[: len(prefix)] == prefix)
        for k in kids:
            n = tree[k]
            out.append((k[-1], len(k), PAD_X + offset / total * graph_w, n / total * graph_w, n))
            walk(k, offset)
            offset += n

    walk((), 0)
    return out, total, max(len(p) for p in tree)


def svg_frames(svg_path):
    root = ET.parse(svg_path).getroot()  # raises on malformed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    frames = []
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if g.get("class") != "frame":
            continue
        title = g.find("s:title", NS).text
        rect = g.find("s:rect", NS)
        frames.append((title, float(rect.get("x")), float(rect.get("y")), float(rect.get("width"))))
    return frames


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def check_plain(tool, folded, tmp):
    out = os.path.join(tmp, "plain.svg")
    subprocess.run([tool, "--min-width", "0", "--title", "bench fs <&>", "-o", out, folded], check=True)
    want, total, max_depth = expected_frames(folded)
    got = svg_frames(out)
    if len(got) != len(want):
        fail(f"{len(got)} frames in the SVG, {len(want)} in the folded file")
    levels = max_depth + 1
    remaining = list(got)
    for name, level, x, w, n in want:
        pct = 100.0 * n / total
        title = f"{name} ({n} sample{'s' if n != 1 else ''}, {pct:.2f}%)"
        y = PAD_TOP + (levels - 1 - level) * FRAME_H
        match = [f for f in remaining if f[0] == title and abs(f[1] - x) < 0.01 and abs(f[2] - y) < 0.01]
        if len(match) != 1:
            fail(f"no single frame '{title}' at x={x:.4f} y={y} (found {len(match)})")
        if abs(match[0][3] - w) > 0.01:
            fail(f"'{title}': width {match[0][3]} but {n}/{total} of {WIDTH - 2 * PAD_X} px is {w:.4f}")
        remaining.remove(match[0])
    print(f"ok: {len(want)} frames, widths match {total} samples")


def check_diff(tool, before, after, tmp):
    out = os.path.join(tmp, "diff.svg")
    subprocess.run([tool, "--min-width", "0", "--diff", before, after, "-o", out], check=True)
    want, total, _ = expected_frames(after)
    got = svg_frames(out)
    widths = {}
    for title, x, y, w in got:
        widths.setdefault(title.split(" (before")[0], []).append(w)
    for name, level, x, w, n in want:
        if not any(abs(gw - w) < 0.01 for gw in widths.get(name, [])):
            fail(f"differential: no frame '{name}' {w:.4f} px wide (after counts)")
    print(f"ok: differential graph, {len(got)} frames with the after widths")


def check_bad_input(tool, tmp):
    bad = os.path.join(tmp, "bad.folded")
    with open(bad, "w") as f:
        f.write("a;b 3\nc;d x\n")
    out = os.path.join(tmp, "bad.svg")
    r = subprocess.run([tool, "-o", out, bad], capture_output=True, text=True)
    if r.returncode != 2 or f"{bad}:2:" not in r.stderr or os.path.exists(out):
        fail(f"bad input: exit {r.returncode}, stderr {r.stderr!r}, output written: {os.path.exists(out)}")
    print("ok: a bad line is reported with its number and nothing is written")


def main():
    tool, folded = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        check_plain(tool, folded, tmp)
        if len(sys.argv) > 3:
            check_plain(tool, sys.argv[3], tmp)
            check_diff(tool, folded, sys.argv[3], tmp)
            check_bad_input(tool, tmp)
        for more in sys.argv[4:]:
            check_plain(tool, more, tmp)


if __name__ == "__main__":
    main()
