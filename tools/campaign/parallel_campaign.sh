#!/usr/bin/env bash
# A crash campaign over SSH hosts with GNU parallel: RUNS runs of `sisctl campaign run`
# (the four journal crash points in turn), one result file each, then `sisctl campaign merge`.
# GNU parallel does the queueing, the retries (a run that fails on a host is retried on
# another) and the job log; sisctl does one run and the merge. docs/remote.md explains it.
#   tools/campaign/parallel_campaign.sh SSHLOGINFILE RUNS OUT_DIR [SISCTL [KERNEL]]
# SSHLOGINFILE: one host a line in GNU parallel's form, e.g. "2/alice@lab1" (2 runs at a
# time there) or "1/ssh -p 2222 bob@lab2"; ":" is this machine. SISCTL and KERNEL are paths
# on the hosts (default: sisctl on their PATH, its own kernel). OUT_DIR must be shared
# (NFS), or results come back with --return (see docs/remote.md).
set -euo pipefail
logins=${1:?usage: parallel_campaign.sh SSHLOGINFILE RUNS OUT_DIR [SISCTL [KERNEL]]}
runs=${2:?RUNS}; out=${3:?OUT_DIR}; sisctl=${4:-sisctl}; kernel=${5:-}
points=(mid-data before-commit after-commit during-checkpoint)
mkdir -p "$out"
for i in $(seq "$runs"); do echo "${points[$(( (i - 1) % 4 ))]}"; done |
  parallel --will-cite --sshloginfile "$logins" --retries 3 --joblog "$out/joblog" \
    "$sisctl" campaign run --point {} --run {#} --out "$out" ${kernel:+--kernel "$kernel"}
"$sisctl" campaign merge "$out" --expect "$runs"
