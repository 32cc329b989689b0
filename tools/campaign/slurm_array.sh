#!/usr/bin/env bash
# A crash campaign as a Slurm array job: one array task = one `sisctl campaign run` with one
# result file; Slurm does the queueing, the node failures (--requeue) and the accounting.
#   sbatch --array=1-RUNS%PARALLEL tools/campaign/slurm_array.sh OUT_DIR [SISCTL [KERNEL]]
#   sbatch --dependency=afterany:JOBID --wrap "sisctl campaign merge OUT_DIR --expect RUNS"
# OUT_DIR must be on a file system the nodes share. docs/remote.md explains it.
#SBATCH --job-name=sis-campaign
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=00:10:00
#SBATCH --requeue
#SBATCH --output=sis-campaign-%A_%a.log
set -euo pipefail
out=${1:?usage: sbatch --array=1-N slurm_array.sh OUT_DIR [SISCTL [KERNEL]]}
sisctl=${2:-sisctl}; kernel=${3:-}
id=${SLURM_ARRAY_TASK_ID:?run this with sbatch --array}
points=(mid-data before-commit after-commit during-checkpoint)
point=${points[$(( (id - 1) % 4 ))]}
exec "$sisctl" campaign run --point "$point" --run "$id" --out "$out" ${kernel:+--kernel "$kernel"}
