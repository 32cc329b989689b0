// The QEMU command line for a SIS VM, in one place so sisctl, the desktop app and the
// benchmarks all boot the same machine. Plain C++ (no Qt): sisctl boot uses it directly,
// qmp/VmLauncher (Qt) fills in the socket paths of a per-VM runtime directory.
#pragma once
#include <string>
#include <vector>

namespace sis::host {

struct VmConfig {
  std::string qemu = "qemu-system-aarch64";
  std::string kernel;          // arm64 Image
  std::string disk;            // optional raw disk image (virtio-blk-pci)
  bool disk_readonly = false;  // the guest sees a read-only device (VIRTIO_BLK_F_RO)
  // virtio-blk tuning (docs/performance.md has the measurements behind the defaults).
  unsigned blk_queue_size = 256;
  unsigned blk_num_queues = 1;
  bool blk_iothread = true;    // device emulation in its own QEMU thread
  unsigned memory_mib = 256;
  unsigned cpus = 1;
  std::string cpu_model = "cortex-a72";  // -cpu (the desktop's settings dialog can change it)
  // Where the PL011 UART goes. Socket: a Unix socket server at console_socket
  // (-chardev socket,server=on,wait=off); nothing connected means output is dropped
  // (console_log keeps a copy).
  enum class Console { Stdio, StdioWithMonitor, Socket } console = Console::Stdio;
  std::string console_socket;  // Console::Socket only
  std::string console_log;     // optional: QEMU also appends the UART output here (Socket only)

  // Optional sockets (Unix socket paths; empty = absent). Each QMP socket is its own
  // monitor: QEMU serves one client per socket, so a second one lets an event watcher and
  // a command sender work at the same time.
  std::vector<std::string> qmp_sockets;
  // The control port (docs/protocol.md): virtio-serial-pci + virtserialport
  // named org.sis.control on a Unix socket server.
  std::string control_socket;
  // -device pvpanic-pci, with -action panic=pause so a panicked guest stays inspectable
  // (QMP reports GUEST_PANICKED and status guest-panicked).
  bool pvpanic = false;
  // A virtio-net NIC on QEMU's user-mode network (slirp: no root, no tap; the guest is
  // 10.0.2.15, the host 10.0.2.2). hostfwd: "tcp:HOSTPORT-:GUESTPORT" or
  // "udp:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT" (QEMU's hostfwd syntax), each forwarding a host
  // port into the guest (docs/network.md).
  bool network = true;
  std::vector<std::string> hostfwd;
  // Start with the CPUs stopped (-S); QMP "cont" starts them.
  bool start_paused = false;
  std::string name;            // optional -name (shown by QMP query-name)
  // Appended to the command line as given (the desktop's "extra QEMU arguments").
  std::vector<std::string> extra_args;
};

// The name of the virtio-serial port the control protocol runs on.
inline constexpr const char* kControlPortName = "org.sis.control";

// Checks one hostfwd rule ("tcp:8080-:80", "udp:127.0.0.1:5000-:5000"); empty when valid.
std::string validate_hostfwd(const std::string& rule);

// Checks the configuration; returns an empty string when valid, else a readable reason.
std::string validate(const VmConfig& config);

// argv for execvp (argv[0] is the QEMU binary).
std::vector<std::string> qemu_arguments(const VmConfig& config);

}  // namespace sis::host
