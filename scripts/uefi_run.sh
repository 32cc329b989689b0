#!/usr/bin/env bash
# Compatibility entry point for the seed document's quick start:
#   ./scripts/uefi_run.sh build                             build everything
#   BRINGUP=1 SIS_FEATURES="llm,ai-ops" ./scripts/uefi_run.sh   boot to the kernel shell
# SIS boots through QEMU's arm64 Image loader, not UEFI; the name is kept so the seed's
# commands work as printed. BRINGUP=1 prints the QEMU command line before booting. The VM
# gets a working copy of the default disk (build/disk/uefi-run.img).
# SIS_FEATURES is checked against what this kernel has: llm (the in-kernel language model,
# llmctl) and ai-ops (crash predictor, autonomy, transformer scheduler: autoctl, crashctl)
# are always built in; an unknown feature is refused.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

known_features="llm ai-ops"
if [ -n "${SIS_FEATURES:-}" ]; then
  for f in ${SIS_FEATURES//,/ }; do
    case " $known_features " in
      *" $f "*) ;;  # built into every SIS kernel
      *) echo "uefi_run.sh: unknown feature '$f' (known: $known_features)" >&2; exit 2 ;;
    esac
  done
fi

case "${1:-}" in
  build) exec "$root/sis" build ;;
  "")
    "$root/sis" build >/dev/null
    args=()
    [ "${BRINGUP:-0}" = 1 ] && args+=(--verbose)
    # The default disk (/incidents, /etc, /models), as a working copy so that what the demo
    # writes (e.g. /incidents/demo.json) never changes the build's image.
    disk=$root/build/disk/sis-disk.img
    copy=$root/build/disk/uefi-run.img
    if [ -f "$disk" ]; then
      [ -f "$copy" ] || cp "$disk" "$copy"
      args+=(--disk "$copy")
    fi
    exec "$root/build/bin/sisctl" boot "${args[@]}" ;;
  *) echo "usage: [BRINGUP=1] [SIS_FEATURES=a,b] scripts/uefi_run.sh [build]" >&2; exit 2 ;;
esac
