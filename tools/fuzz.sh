#!/usr/bin/env bash
# Runs the libFuzzer targets (docs/fuzzing.md) for a while each and prints what they reached.
#
#   tools/fuzz.sh [--time SECONDS] [--jobs N] [TARGET...]
#
# Configures the fuzz preset (build-fuzz/, clang + ASan + UBSan) if needed, builds the
# targets (with N compile jobs, default 1), then runs every TARGET (default: all) for
# SECONDS (default 600) with its dictionary, its input size limit and the seed corpus
# tests/fuzz/corpus/TARGET. New inputs go to build-fuzz/fuzz-work/TARGET/, which a later run
# continues from (delete it to start from the seeds). An input running longer than 10 s is
# a hang. Each target's log is build-fuzz/fuzz-work/TARGET.log; the summary gives the
# executions, the coverage (cov: edges, ft: features) and the corpus libFuzzer reported
# last. Exit status 1 if any target crashed or hung (the input is
# build-fuzz/fuzz-work/TARGET-findings/crash-* or timeout-*): once the bug is fixed, add it to
# tests/fuzz/corpus/TARGET/ so the CI replay (ctest fuzz.replay.TARGET) keeps checking it.

set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
time_s=600
jobs=1
targets=()
while (($#)); do
  case $1 in
    --time) time_s=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,/^$/p' "$0" | sed -e '/^$/d' -e 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
all=$(sed -n 's/^set(SIS_FUZZ_TARGETS \(.*\))$/\1/p' "$root/tests/fuzz/CMakeLists.txt")
((${#targets[@]})) || read -r -a targets <<<"$all"
# Input size limits (mirrors SIS_FUZZ_MAX_LEN_<target> in tests/fuzz/CMakeLists.txt).
max_len_of() {
  sed -n "s/^set(SIS_FUZZ_MAX_LEN_$1 \([0-9]*\))$/\1/p" "$root/tests/fuzz/CMakeLists.txt"
}

build="$root/build-fuzz"
[[ -f "$build/CMakeCache.txt" ]] || cmake --preset fuzz -S "$root" >/dev/null
bins=()
for t in "${targets[@]}"; do bins+=("sis_fuzz_$t"); done
cmake --build "$build" --target "${bins[@]}" -j"$jobs" >/dev/null

work="$build/fuzz-work"
mkdir -p "$work"
status=0
printf '%-16s %10s %8s %8s %10s %s\n' target execs cov ft corpus result
for t in "${targets[@]}"; do
  # Findings go beside the corpus, not into it (a next run would start with them).
  mkdir -p "$work/$t" "$work/$t-findings"
  # -timeout: an input running 10 s is reported as a hang (a crash).
  args=(-max_total_time="$time_s" -timeout=10 -seed=1 -print_final_stats=1 -artifact_prefix="$work/$t-findings/")
  [[ -f "$root/tests/fuzz/dict/$t.dict" ]] && args+=(-dict="$root/tests/fuzz/dict/$t.dict")
  ml=$(max_len_of "$t")
  [[ -n $ml ]] && args+=(-max_len="$ml")
  log="$work/$t.log"
  result=ok
  (cd "$work" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     "$build/bin/sis_fuzz_$t" "${args[@]}" "$work/$t" "$root/tests/fuzz/corpus/$t" >"$log" 2>&1) || { result="CRASH (see $log)"; status=1; }
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$last")
  printf '%-16s %10s %8s %8s %10s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done
exit $status
