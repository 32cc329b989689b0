#!/usr/bin/env python3
"""Turns the raw output of the report's benchmarks into the CSV files of bench/report.sh.

  report_csv.py boot BOOT_JSON OUT_DIR         bench/boot.sh --json      -> boot.csv
  report_csv.py guest TRANSCRIPT OUT_DIR       sisctl boot --exec "bench X --json"... ->
                                               alloc.csv, ctxsw.csv, llm.csv (and sched.csv
                                               when the kernel has `bench sched`)
  report_csv.py peer PEER_LOG OUT_DIR          bench/peer_compare.sh's LOG -> peer.csv

Every CSV: `# title`, then `label,series,value,min,max,unit` (bench/report_charts.py).
Fails loudly when an expected number is missing, so a changed benchmark output cannot leave
a silently empty chart.
"""
import csv
import json
import os
import re
import statistics
import sys

HEADER = ["label", "series", "value", "min", "max", "unit"]


def write(out_dir, name, title, rows):
    if not rows:
        sys.exit(f"report_csv: no rows for {name}")
    with open(os.path.join(out_dir, name + ".csv"), "w", encoding="utf-8", newline="") as f:
        f.write(f"# {title}\n")
        w = csv.writer(f)
        w.writerow(HEADER)
        for r in rows:
            w.writerow(["" if v is None else (f"{v:.4g}" if isinstance(v, float) else v) for v in r])


def boot(path, out_dir):
    j = json.load(open(path))
    rows = []
    for key, label in (("qemu_start_to_prompt_ms", "QEMU start to sis> (host)"),
                       ("kernel_entry_to_prompt_ms", "kernel entry to sis> (guest timer)")):
        s = j[key]
        rows.append([label, "SIS", float(s["median"]), float(s["min"]), float(s["max"]), "ms"])
    write(out_dir, "boot", f"Boot to the shell prompt ({j['runs']} boots, QEMU TCG)", rows)


def guest_json(transcript):
    """{bench name: parsed JSON} from a sisctl transcript of `sis> bench NAME ... --json` lines."""
    found, pending = {}, None
    for line in open(transcript, encoding="utf-8", errors="replace"):
        m = re.match(r"sis> bench (\w+)", line)
        if m:
            pending = m.group(1)
            continue
        if pending and line.startswith("{"):
            found[pending] = json.loads(line)
            pending = None
    return found


def guest(path, out_dir):
    j = guest_json(path)
    for needed in ("alloc", "ctxsw", "llm"):
        if needed not in j:
            sys.exit(f"report_csv: no `bench {needed} --json` result in {path}")
    a = j["alloc"]
    rows = [[c["name"], "alloc+free median", float(c["pair_median_ns"]), None, None, "ns"] for c in a["cases"]]
    rows += [[c["name"], "alloc+free p99", float(c["pair_p99_ns"]), None, None, "ns"] for c in a["cases"]]
    rows.append(["realistic mix", "alloc+free median", float(a["mix"]["pair_ns"]), None, None, "ns"])
    write(out_dir, "alloc", f"Allocation latency in the guest ({a['ops_per_case']} ops per case)", rows)
    c = j["ctxsw"]
    rows = [[k["name"], "median", float(k["median_ns"]), None, None, "ns"] for k in c["cases"]]
    rows += [[k["name"], "p99", float(k["p99_ns"]), None, None, "ns"] for k in c["cases"]]
    rows.append(["pick next", "median", float(c["pick_next_median_ns"]), None, None, "ns"])
    rows.append(["pick next", "p99", float(c["pick_next_p99_ns"]), None, None, "ns"])
    write(out_dir, "ctxsw", f"Context switch and pick, {c['policy']} policy ({c['rounds']} rounds)", rows)
    l = j["llm"]
    write(out_dir, "llm", f"Language model in the guest ({l['model']}, {l['params']} parameters, {l['kernels']})",
          [["tokens per second", "SIS", float(l["tokens_per_s"]), None, None, "tokens/s"],
           ["time to first token", "SIS", float(l["ttft_ms"]), None, None, "ms"]])
    if "sched" in j:  # bench sched --json: {"ms":...,"reference":...,"results":[{mix, policy, ...}]}
        s = j["sched"]
        rows, jain = [], []
        for r in s["results"]:
            if r.get("error"):
                continue
            label = f"{r['mix']}: p99 wake-up"
            rows.append([label, r["policy"], float(r["latency_p99_ns"]) / 1000.0, None, None, "µs"])
            jain.append([r["mix"], r["policy"], float(r["jain"]), None, None, "Jain index"])
        write(out_dir, "sched", "Scheduler: p99 wake-up-to-run latency of the interactive threads, per mix and policy", rows)
        write(out_dir, "sched_fairness", "Scheduler: fairness among equal CPU-bound threads (Jain's index, 1 = fair)", jain)

def peer(path, out_dir):
    runs = {"sis": [], "linux": []}
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) < 3 or parts[0] not in runs:
            continue
        runs[parts[0]].append({parts[k]: parts[k + 1] for k in range(2, len(parts) - 1, 2)})
    if not runs["sis"] or not runs["linux"]:
        sys.exit(f"report_csv: {path} lacks SIS or Linux runs")

    def mbps(side, key, mib):
        vals = [mib * 1048576 / (float(r[key]) / 1000) / 1e6 for r in runs[side] if key in r]
        if not vals:
            sys.exit(f"report_csv: no {key} in {side}'s runs")
        return [statistics.median(vals), min(vals), max(vals)]

    rows = [["read 256 MiB, QD1, 256 KiB requests", "SIS (bench blk)", *mbps("sis", "read_qd1_ms", 256), "MB/s"],
            ["read 256 MiB, QD1, 256 KiB requests", "Linux (dd O_DIRECT)", *mbps("linux", "read_direct_ms", 256), "MB/s"],
            ["ext4 write 64 MiB + fsync", "SIS (bench fs)", *mbps("sis", "write_fsync_ms", 64), "MB/s"],
            ["ext4 write 64 MiB + fsync", "Linux (dd O_DIRECT)", *mbps("linux", "write_direct_fsync_ms", 64), "MB/s"]]
    write(out_dir, "peer", f"Block and ext4 throughput against Linux 6.1, same QEMU and device line "
                           f"({len(runs['sis'])} interleaved pairs)", rows)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("boot", "guest", "peer"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    {"boot": boot, "guest": guest, "peer": peer}[sys.argv[1]](sys.argv[2], sys.argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
