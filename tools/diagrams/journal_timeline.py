#!/usr/bin/env python3
"""Draws docs/tutorials/journal-timeline.svg: the steps of one jbd2 transaction in ordered
mode (kernel/fs/jbd2.h), the four crash points of `sisctl crash write`, and what the disk
holds after a crash at each. Plain SVG, no dependencies: python3 tools/diagrams/journal_timeline.py OUT.svg
"""
import sys

from svg import text, wrap

STEPS = [  # (title, detail, colour)
    ("1. data", "new data blocks written in place (ordered mode)", "#cfe8ff"),
    ("2. log", "descriptor + copies of the metadata blocks into the journal", "#ffe7b3"),
    ("3. commit", "commit block written and flushed: the transaction is complete", "#c8f0c8"),
    ("4. checkpoint", "metadata copied to its home locations", "#e3d4f5"),
    ("5. log emptied", "journal superblock: the log starts after it", "#eeeeee"),
]
CRASHES = [  # (point name, after which step index (fraction), outcome after the reboot)
    ("mid-data", 0.5, "old content (or no file)"),
    ("before-commit", 1.6, "old content: replay discards it"),
    ("after-commit", 2.6, "new content: replay copies it home"),
    ("during-checkpoint", 3.5, "new content: replay finishes it"),
]

W, H, X0, BOX_W, BOX_H, GAP, Y0 = 1000, 330, 20, 176, 70, 20, 60


def main(out):
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}">',
             f'<rect width="{W}" height="{H}" fill="white"/>',
             text(X0, 30, "One jbd2 transaction (ordered mode) and where the power can fail", 16, weight="bold")]
    for i, (title, detail, colour) in enumerate(STEPS):
        x = X0 + i * (BOX_W + GAP)
        parts.append(f'<rect x="{x}" y="{Y0}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{colour}" stroke="#555"/>')
        parts.append(text(x + 8, Y0 + 18, title, 13, weight="bold"))
        for j, line in enumerate(wrap(detail, 26)):
            parts.append(text(x + 8, Y0 + 36 + 14 * j, line, 11))
        if i + 1 < len(STEPS):
            ax = x + BOX_W
            parts.append(f'<path d="M{ax + 2} {Y0 + BOX_H / 2} l{GAP - 6} 0" stroke="#555" stroke-width="2"/>')
            parts.append(f'<path d="M{ax + GAP - 4} {Y0 + BOX_H / 2} l-7 -4 l0 8 z" fill="#555"/>')
    for k, (name, at, outcome) in enumerate(CRASHES):
        step = int(at)
        frac = at - step
        x = X0 + step * (BOX_W + GAP) + frac * BOX_W
        y_top, y_label = Y0 + BOX_H + 6, Y0 + BOX_H + 60 + 48 * (k % 2)
        parts.append(f'<path d="M{x} {y_top} L{x} {y_label - 16}" stroke="#c0392b" stroke-width="2" stroke-dasharray="4 3"/>')
        parts.append(f'<path d="M{x - 6} {y_top - 2} l6 -10 l6 10 z" fill="#c0392b"/>')
        parts.append(text(x, y_label - 2, f"crash: {name}", 12, "middle", "bold", "#c0392b"))
        parts.append(text(x, y_label + 13, outcome, 11, "middle"))
    parts.append(text(X0, H - 14, "Replay applies a transaction only if its commit block is valid; the log is emptied only "
                      "after a full checkpoint.", 12, fill="#444"))
    parts.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: journal_timeline.py OUT.svg")
    main(sys.argv[1])
