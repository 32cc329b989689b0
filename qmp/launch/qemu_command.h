// The QEMU command line for a SIS VM, in one place so sisctl, the desktop app and the
// benchmarks all boot the same machine.
#pragma once
#include <string>
#include <vector>

namespace sis::host {

struct VmConfig {
  std::string qemu = "qemu-system-aarch64";
  std::string kernel;          // arm64 Image
  std::string disk;            // optional raw disk image (virtio-blk-pci)
  unsigned memory_mib = 256;
  unsigned cpus = 1;
  enum class Console { Stdio, StdioWithMonitor } console = Console::Stdio;
};

// Checks the configuration; returns an empty string when valid, else a readable reason.
std::string validate(const VmConfig& config);

// argv for execvp (argv[0] is the QEMU binary).
std::vector<std::string> qemu_arguments(const VmConfig& config);

}  // namespace sis::host
