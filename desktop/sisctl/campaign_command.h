// sisctl campaign: crash campaigns for a distributed runner (GNU parallel, Slurm) to fan out.
// `run` is ONE run per invocation with ONE result file; `merge` summarises a directory of
// them. Queueing, retries and host failure are the runner's job (docs/remote.md).
#pragma once

namespace sisctl {

int campaign_main(int argc, char** argv);

}  // namespace sisctl
