#include "launch/qemu_command.h"

namespace sis::host {

std::string validate(const VmConfig& c) {
  if (c.kernel.empty()) return "no kernel image given";
  if (c.memory_mib < 64) return "memory must be at least 64 MiB";
  if (c.memory_mib > 16384) return "memory must be at most 16384 MiB";
  if (c.cpus < 1 || c.cpus > 8) return "cpus must be between 1 and 8";
  if (c.disk.find(',') != std::string::npos) return "disk path must not contain ',' (QEMU option syntax)";
  return {};
}

std::vector<std::string> qemu_arguments(const VmConfig& c) {
  std::vector<std::string> a = {
      c.qemu, "-M", "virt,gic-version=3", "-cpu", "cortex-a72", "-m", std::to_string(c.memory_mib),
      "-smp", std::to_string(c.cpus), "-kernel", c.kernel, "-nodefaults", "-display", "none",
  };
  if (c.console == VmConfig::Console::StdioWithMonitor) {
    // Interactive: Ctrl-A X quits, Ctrl-A C reaches the QEMU monitor.
    a.insert(a.end(), {"-serial", "mon:stdio"});
  } else {
    a.insert(a.end(), {"-serial", "stdio", "-monitor", "none"});
  }
  if (!c.disk.empty()) {
    a.insert(a.end(), {"-drive", "if=none,id=disk0,format=raw,file=" + c.disk, "-device",
                       "virtio-blk-pci,drive=disk0"});
  }
  return a;
}

}  // namespace sis::host
