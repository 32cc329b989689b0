#!/usr/bin/env python3
"""Checks a fresh evaluation report (sis-ai-train crash --report) against the committed one
(tests/data/ai/crash_eval.json) and the trainer's printed table (ctest ai_train.heldout_table):
fails if, on the held-out families, the model or the shipped default detector catches fewer
crashes, warns later (median lead time) or raises more false alarms per hour than the
committed figures, or if the comparison with the two baselines (or the threshold protocol:
out-of-family scores on the training families) is no longer printed.
Usage: check_eval.py NEW_REPORT.json COMMITTED_REPORT.json TABLE.txt"""
import json
import sys

new, old = (json.load(open(p)) for p in sys.argv[1:3])
table = open(sys.argv[3]).read()
problems = []
for det in ("model", "tte", "psi"):
    if det not in new["heldout"]:
        problems.append(f"no held-out figures for {det}")
m, c = new["heldout"]["model"], old["heldout"]["model"]
if m["caught"] < c["caught"]:
    problems.append(f"model catches {m['caught']} held-out crashes, committed {c['caught']}")
if m["lead_p50_ms"] < c["lead_p50_ms"]:
    problems.append(f"model median lead {m['lead_p50_ms']} ms, committed {c['lead_p50_ms']} ms")
if m["false_alarms_per_hour"] > c["false_alarms_per_hour"] + 1e-9:
    problems.append(f"model {m['false_alarms_per_hour']} false alarms/hour, committed {c['false_alarms_per_hour']}")
if "HELD-OUT families" not in table or not all(f"\n{d} " in table for d in ("model", "tte", "psi")):
    problems.append("the trainer no longer prints the held-out comparison with both baselines")
if "out-of-family scores" not in table:
    problems.append("the thresholds are no longer chosen from out-of-family scores on the training families")
# The shipped default (the winner) must not regress either: its catches, lead and false alarms.
d = new["default_detector"]
if d in new["heldout"] and d in old["heldout"]:
    n, o = new["heldout"][d], old["heldout"][d]
    if n["caught"] < o["caught"] or n["lead_p50_ms"] < o["lead_p50_ms"] or \
            n["false_alarms_per_hour"] > o["false_alarms_per_hour"] + 1e-9:
        problems.append(f"default detector {d}: caught {n['caught']}, median lead {n['lead_p50_ms']} ms, "
                        f"{n['false_alarms_per_hour']} false alarms/h; committed {o['caught']}, "
                        f"{o['lead_p50_ms']} ms, {o['false_alarms_per_hour']}/h")
if new["default_detector"] != old["default_detector"]:
    problems.append(f"default detector {new['default_detector']}, committed {old['default_detector']}")
if problems:
    print("\n".join("FAIL: " + p for p in problems))
    sys.exit(1)
print(f"held-out ({new['heldout_families']}): model caught {m['caught']}/{m['crash_runs']}, "
      f"median lead {m['lead_p50_ms']} ms, {m['false_alarms_per_hour']} false alarms/h; "
      f"tte caught {new['heldout']['tte']['caught']}, median lead {new['heldout']['tte']['lead_p50_ms']} ms; "
      f"default {new['default_detector']}")
