#!/usr/bin/env bash
# Memory on the real kernel under QEMU: memctl stats totals match -m (256 MiB and 1 GiB),
# the kernel image is mapped W^X with a boot-stack guard, stresstest at high pressure
# passes and memctl compact then returns memory with every invariant intact, bench alloc
# prints its table, and misuse (double free, foreign/interior pointer, use after free,
# stack guard hit) ends in a clear panic report.
source "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "python3 is needed to check JSON" >&2; exit 1; }

# check_stats MiB JSON: totals add up to the RAM QEMU was given.
check_stats() {
  python3 - "$1" "$2" <<'PY'
import json, sys
mib, text = int(sys.argv[1]), sys.argv[2]
line = next((l for l in text.splitlines() if l.startswith('{"total_bytes"')), None)
if line is None:
    sys.exit("no memctl stats --json object in the output")
s = json.loads(line)
errors = []
total = mib << 20
if s["total_bytes"] != total:
    errors.append(f"total_bytes {s['total_bytes']} != {total}")
r = s["reserved"]
accounted = s["managed_bytes"] + r["kernel_image"] + r["dtb"] + r["firmware"] + r["metadata"] + r["unaligned"]
if accounted != total:
    errors.append(f"managed + reserved = {accounted}, expected {total}")
# What boot itself allocates (heap, stacks, tables, the user page counts) stays small; the
# image and the allocator's metadata are reserved above and accounted separately.
if s["free_bytes"] < s["managed_bytes"] * 0.98:
    errors.append(f"only {s['free_bytes']} of {s['managed_bytes']} managed bytes free after boot")
if r["metadata"] > total * 0.005:
    errors.append(f"allocator metadata {r['metadata']} bytes is more than 0.5% of RAM")
orders = s["buddy"]["orders"]
if len(orders) < 11 or sum(o["free_blocks"] << o["order"] for o in orders) * 4096 != s["free_bytes"]:
    errors.append("per-order free blocks do not add up to free_bytes")
names = [c["name"] for c in s["slab"]["caches"]]
for size in (16, 32, 64, 128, 256, 512, 1024, 2048):
    if f"kmalloc-{size}" not in names:
        errors.append(f"no kmalloc-{size} cache")
km = s["kernel_map"]
want = {"text": "r-x", "rodata": "r--", "data": "rw-", "boot_stack_guard": "guard"}
for k, v in want.items():
    if km.get(k) != v:
        errors.append(f"kernel_map.{k} is {km.get(k)}, expected {v}")
if errors:
    sys.exit("; ".join(errors))
print(f"{mib} MiB: managed {s['managed_bytes']>>10} KiB, free {s['free_bytes']>>10} KiB, metadata {r['metadata']>>10} KiB")
PY
}

for mib in 256 1024; do
  out=$("$SISCTL" boot --quiet --memory "$mib" --exec "memctl stats --json" --exec "memctl check" --timeout 60 2>&1); st=$?
  expect_status "boot with $mib MiB" $st 0
  if msg=$(check_stats "$mib" "$out" 2>&1); then pass "memctl stats totals at $mib MiB ($msg)"; else fail "memctl stats at $mib MiB: $msg"; fi
  expect_in "invariants hold after boot ($mib MiB)" "$out" "all allocator invariants hold"
done

out=$("$SISCTL" boot --quiet --exec "stresstest mem --pressure high --seconds 3" --exec "memctl check" \
  --exec "memctl compact --json" --exec "memctl stats" --timeout 120 2>&1); st=$?
expect_status "stresstest at high pressure" $st 0
expect_in "stresstest passes" "$out" "PASS"
expect_in "high pressure reaches >90% of free memory" "$out" "% of free memory"
expect_not_in "no corrupted allocations" "$out" "corrupted allocations 1"
expect_in "invariants hold after the stress" "$out" "all allocator invariants hold"
released=$(grep -o '"released_bytes":[0-9]*' <<<"$out" | cut -d: -f2)
if [ -n "$released" ] && [ "$released" -gt 0 ]; then pass "memctl compact returned $released bytes"; else fail "memctl compact returned nothing"; fi
peak=$(grep -o '([0-9]*\.[0-9]% of free memory)' <<<"$out" | tr -dc '0-9.' | cut -d. -f1)
if [ -n "$peak" ] && [ "$peak" -ge 90 ]; then pass "peak use ${peak}% of free memory"; else fail "peak use '${peak}' below 90%"; fi

out=$("$SISCTL" boot --quiet --exec "bench alloc --ops 20000" --exec "bench alloc --ops 3200 --json" --timeout 120 2>&1); st=$?
expect_status "bench alloc" $st 0
for c in slab-16 slab-64 slab-2048 buddy-4K "zero a 4 KiB page" "NEON"; do expect_in "bench alloc reports $c" "$out" "$c"; done
expect_in "bench alloc --json" "$out" '"buddy_page_vs_slab64_pair":'
expect_in "bench alloc says poisoning is off for its run" "$out" '"poisoning_during_run":false'

# The kernel boots with poisoning on: bench alloc --poison measures that path, and neither
# run leaves the setting changed.
out=$("$SISCTL" boot --quiet --exec "bench alloc --ops 3200" --exec "memctl" --exec "bench alloc --ops 3200 --poison --json" \
  --exec "memctl" --timeout 120 2>&1); st=$?
expect_status "bench alloc --poison" $st 0
expect_in "bench alloc --poison runs with poisoning on" "$out" '"poisoning_during_run":true'
[ "$(grep -c 'poisoning on;' <<<"$out")" = 2 ] && pass "poisoning is on again after each bench alloc" ||
  fail "poisoning not restored after bench alloc"

for kind in double-free foreign interior use-after-free; do
  out=$("$SISCTL" boot --quiet --exec "memctl misuse $kind" 2>&1); st=$?
  expect_status "memctl misuse $kind panics" $st 3
  expect_in "misuse $kind: panic report" "$out" "*** KERNEL PANIC: mm: "
done
out=$("$SISCTL" boot --quiet --exec "memctl misuse double-free" 2>&1)
expect_in "double free is named" "$out" "double free of 0x"
out=$("$SISCTL" boot --quiet --exec "memctl misuse use-after-free" 2>&1)
expect_in "use after free names the offset" "$out" "written at offset 40 after it was freed"

out=$("$SISCTL" boot --quiet --exec "memctl guard --touch" 2>&1); st=$?
expect_status "touching a stack guard page panics" $st 3
expect_in "guard page hit is a translation fault" "$out" "translation fault at level 3"
# The guard page is the first 4 KiB of a 128 KiB stack slot above 0x0000700000000000
# (kernel/mm/kernel_stack.h); which slot depends on how many threads the kernel already runs.
far=$(sed -n 's/^FAR  0x\([0-9a-f]*\).*/\1/p' <<<"$out" | head -1)
if [ -n "$far" ] && (( 16#$far >= 0x700000000000 && (16#$far - 0x700000000000) % 131072 < 4096 )); then
  pass "fault address is a stack slot's guard page (FAR 0x$far)"
else
  fail "fault address is not a stack slot's guard page: FAR '0x$far'"
fi

finish
