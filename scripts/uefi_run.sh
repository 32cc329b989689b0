#!/usr/bin/env bash
# Compatibility entry point for the seed document's quick start:
#   ./scripts/uefi_run.sh build                             build everything
#   BRINGUP=1 SIS_FEATURES="llm,ai-ops" ./scripts/uefi_run.sh   boot to the kernel shell
# SIS boots through QEMU's arm64 Image loader, not UEFI; the name is kept so the seed's
# commands work as printed. BRINGUP=1 prints the QEMU command line before booting.
# SIS_FEATURES is checked against what this kernel has; features it lacks are reported.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

known_features="llm ai-ops"
if [ -n "${SIS_FEATURES:-}" ]; then
  for f in ${SIS_FEATURES//,/ }; do
    case " $known_features " in
      *" $f "*) echo "uefi_run.sh: feature '$f' requested (not built into this kernel yet)" >&2 ;;
      *) echo "uefi_run.sh: unknown feature '$f' (known: $known_features)" >&2; exit 2 ;;
    esac
  done
fi

case "${1:-}" in
  build) exec "$root/sis" build ;;
  "")
    "$root/sis" build >/dev/null
    verbose=()
    [ "${BRINGUP:-0}" = 1 ] && verbose=(--verbose)
    exec "$root/build/bin/sisctl" boot "${verbose[@]}" ;;
  *) echo "usage: [BRINGUP=1] [SIS_FEATURES=a,b] scripts/uefi_run.sh [build]" >&2; exit 2 ;;
esac
