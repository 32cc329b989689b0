#!/usr/bin/env python3
"""Draws docs/tutorials/sched-flow.svg: where the learned scheduler's model runs (at wake-up,
kernel/sched/learned_policy.cpp), what its prediction changes (the slice and the placement in
kernel/sched/eevdf_policy.cpp) and what it never touches (the pick).
Plain SVG, no dependencies: python3 tools/diagrams/sched_flow.py OUT.svg
"""
import sys

from svg import arrow, box, document, text

W, H = 1000, 430
WAKE = [  # (title, lines, colour): the wake-up path, left to right
    ("1. wake-up", ["RunQueue::wake: the burst", "that just ended joins the", "thread's history"], "#cfe8ff"),
    ("2. features", ["last 4 bursts, last sleep,", "EWMA: log2 us in Q8.8,", "centred on 256 us"], "#ffe7b3"),
    ("3. predict", ["ewma: EWMA under 1 ms?", "learned: 6-8-2 int8 MLP,", "next burst + P(critical)"], "#f7c6c0"),
    ("4. slice, credit", ["critical: slice 1.5x the", "burst (0.1-3 ms); lag credit", "capped by the lag bound"], "#c8f0c8"),
    ("5. EEVDF queue", ["deadline = vruntime +", "slice x 1024 / weight;", "AVL tree by deadline"], "#e3d4f5"),
]
BOX_W, BOX_H, GAP, Y0 = 176, 90, 20, 60


def main(out):
    p = [text(20, 32, "The learned scheduler: a prediction at wake-up, an unchanged pick", 16, weight="bold")]
    for i, (title, lines, colour) in enumerate(WAKE):
        x = 20 + i * (BOX_W + GAP)
        p.append(box(x, Y0, BOX_W, BOX_H, colour, title, lines))
        if i + 1 < len(WAKE):
            p.append(arrow(x + BOX_W + 2, Y0 + BOX_H / 2, x + BOX_W + GAP - 3, Y0 + BOX_H / 2))
    # The model's output also becomes a trace record (kernel/ai/sched_trace.cpp).
    x3 = 20 + 2 * (BOX_W + GAP)
    p.append(arrow(x3 + BOX_W / 2, Y0 + BOX_H + 2, x3 + BOX_W / 2, 228 - 3))
    p.append(box(x3 - 60, 228, BOX_W + 120, 70, "#fff7d6", "trace record (sched-learned, hint)",
                 ["inputs, P(critical), slice, predicted burst:", "tracectl list, schedctl explain, Traces tab"]))
    # The pick runs on every switch, with the run-queue lock held and interrupts masked.
    x5 = 20 + 4 * (BOX_W + GAP)
    p.append(arrow(x5 + BOX_W / 2, Y0 + BOX_H + 2, x5 + BOX_W / 2, 228 - 3))
    p.append(box(x5 - 40, 228, BOX_W + 40, 70, "#eeeeee", "pick_next (every switch)",
                 ["eligible thread, earliest deadline:", "one O(log n) descent, no model"]))
    p.append(box(20, 330, 960, 56, "#f4f4f4", None,
                 ["Fairness is kept by the placement, not by the model: a woken thread never gets more lag than it would have had "
                  "by staying", "runnable without running, so a prediction changes the order of service, never the CPU share "
                  "(SchedLearned.ACpuHogGainsNoShareWhateverThePrediction)."], line_size=12))
    p.append(text(20, H - 14, "The model runs ~100 integer multiply-adds per wake-up; the transformer policy, which ranks at "
                  "pick time, costs 10-60 us per pick.", 12, fill="#444"))
    with open(out, "w") as f:
        f.write(document(W, H, p))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: sched_flow.py OUT.svg")
    main(sys.argv[1])
