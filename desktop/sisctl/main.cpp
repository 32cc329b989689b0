// sisctl: the command-line twin of SIS Control Center.
#include <cstdio>
#include <cstring>

#include "boot_command.h"
#include "campaign_command.h"
#include "control_command.h"
#include "disk_command.h"
#include "image_command.h"
#include "power_command.h"
#include "proc_command.h"
#include "prof_command.h"
#include "remote_command.h"
#include "vm_command.h"

namespace {

constexpr const char* kHelp =
    "usage: sisctl COMMAND [OPTIONS]\n"
    "       sisctl --host [USER@]HOST[:PORT] COMMAND [OPTIONS]   (a VM on another machine, over SSH)\n"
    "\n"
    "Commands:\n"
    "  boot      boot the SIS kernel in QEMU; run shell commands or attach the terminal\n"
    "  vm        start a VM in the background; stop, reset, pause, cont, status, events,\n"
    "            snapshot save|load|list|delete (QMP)\n"
    "  metrics   stream the kernel's metrics samples (control port)\n"
    "  proc      user processes: list, run a program (streamed output), kill\n"
    "  crash     make the kernel crash on purpose: panic, hang, oom, write-crash;\n"
    "            crash write: the journal crash demo (write, crash, reboot, outcome, e2fsck)\n"
    "  power     host power meter, kernel power estimate, budget and calibration\n"
    "  prof      the kernel's sampling profiler: start, stop, report, folded stacks\n"
    "  campaign  one crash-campaign run per invocation, with a result file; merge the results\n"
    "            (fan runs out over hosts with GNU parallel or Slurm: docs/remote.md)\n"
    "  disk      create an ext4 disk image (disk create PATH [--size MiB])\n"
    "  image     look into a disk image: image ls|cat|fsck IMG ...\n"
    "  help      show this text (sisctl COMMAND --help for a command's options)\n"
    "  version   print sisctl's version\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kHelp, argc < 2 ? stderr : stdout);
    return argc < 2 ? sisctl::kUsage : sisctl::kOk;
  }
  if (!std::strcmp(argv[1], "version") || !std::strcmp(argv[1], "--version")) {
    std::printf("sisctl %s\n", SIS_VERSION);
    return sisctl::kOk;
  }
  if (!std::strcmp(argv[1], "--host") || !std::strcmp(argv[1], "--identity") ||
      !std::strcmp(argv[1], "--known-hosts") || !std::strcmp(argv[1], "--trust-new-host-key"))
    return sisctl::remote_main(argc, argv);
  if (!std::strcmp(argv[1], "campaign")) return sisctl::campaign_main(argc, argv);
  if (!std::strcmp(argv[1], "boot")) return sisctl::boot_main(argc, argv);
  if (!std::strcmp(argv[1], "vm")) return sisctl::vm_main(argc, argv);
  if (!std::strcmp(argv[1], "metrics")) return sisctl::metrics_main(argc, argv);
  if (!std::strcmp(argv[1], "proc")) return sisctl::proc_main(argc, argv);
  if (!std::strcmp(argv[1], "crash")) return sisctl::crash_main(argc, argv);
  if (!std::strcmp(argv[1], "power")) return sisctl::power_main(argc, argv);
  if (!std::strcmp(argv[1], "prof")) return sisctl::prof_main(argc, argv);
  if (!std::strcmp(argv[1], "disk")) return sisctl::disk_main(argc, argv);
  if (!std::strcmp(argv[1], "image")) return sisctl::image_main(argc, argv);
  std::fprintf(stderr, "sisctl: unknown command '%s'\n%s", argv[1], kHelp);
  return sisctl::kUsage;
}
