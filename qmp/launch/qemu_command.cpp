#include "launch/qemu_command.h"

namespace sis::host {

namespace {

// QEMU's option parser splits on ','; a path containing one would change the option.
std::string check_path(const char* what, const std::string& path) {
  if (path.find(',') != std::string::npos) return std::string(what) + " path must not contain ',' (QEMU option syntax)";
  return {};
}

// sun_path holds 108 bytes including the terminating NUL.
std::string check_socket(const char* what, const std::string& path) {
  if (auto e = check_path(what, path); !e.empty()) return e;
  if (path.size() > 107) return std::string(what) + " path is longer than 107 bytes (Unix socket limit)";
  return {};
}

// "[ADDR]:PORT": ADDR empty or a dotted quad, PORT 1..65535 (0 allowed on the host side: any).
bool valid_endpoint(const std::string& s, bool port_zero_ok) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  std::string addr = s.substr(0, colon), port = s.substr(colon + 1);
  if (!addr.empty()) {
    int parts = 0;
    size_t i = 0;
    while (i <= addr.size()) {
      size_t j = addr.find('.', i);
      if (j == std::string::npos) j = addr.size();
      std::string p = addr.substr(i, j - i);
      if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos || std::stoi(p) > 255)
        return false;
      ++parts;
      i = j + 1;
    }
    if (parts != 4) return false;
  }
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
  long v = std::stol(port);
  return v <= 65535 && (v > 0 || port_zero_ok);
}

}  // namespace

std::string validate_hostfwd(const std::string& r) {
  std::string rest;
  if (r.rfind("tcp:", 0) == 0 || r.rfind("udp:", 0) == 0) rest = r.substr(4);
  else return "hostfwd '" + r + "' must start with tcp: or udp:";
  auto dash = rest.find('-');
  if (dash == std::string::npos || rest.find('-', dash + 1) != std::string::npos)
    return "hostfwd '" + r + "' must look like tcp:HOSTPORT-:GUESTPORT";
  std::string host = rest.substr(0, dash), guest = rest.substr(dash + 1);
  if (host.find(':') == std::string::npos) host = ":" + host;  // "tcp:8080-:80" has no host address
  if (!valid_endpoint(host, true) || !valid_endpoint(guest, false))
    return "hostfwd '" + r + "' must look like tcp:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT with ports 1..65535";
  return {};
}

std::string validate(const VmConfig& c) {
  if (c.kernel.empty()) return "no kernel image given";
  if (c.memory_mib < 64) return "memory must be at least 64 MiB";
  if (c.memory_mib > 16384) return "memory must be at most 16384 MiB";
  if (c.cpus < 1 || c.cpus > 8) return "cpus must be between 1 and 8";
  // QEMU accepts powers of two up to 1024 for virtio-blk queue-size.
  if (c.blk_queue_size < 4 || c.blk_queue_size > 1024 || (c.blk_queue_size & (c.blk_queue_size - 1)))
    return "virtio-blk queue size must be a power of two between 4 and 1024";
  if (c.blk_num_queues < 1 || c.blk_num_queues > 16) return "virtio-blk queues must be between 1 and 16";
  if (auto e = check_path("disk", c.disk); !e.empty()) return e;
  if (c.console == VmConfig::Console::Socket) {
    if (c.console_socket.empty()) return "console on a socket needs a console socket path";
    if (auto e = check_socket("console socket", c.console_socket); !e.empty()) return e;
    if (auto e = check_path("console log", c.console_log); !e.empty()) return e;
  }
  for (const auto& q : c.qmp_sockets) {
    if (q.empty()) return "empty QMP socket path";
    if (auto e = check_socket("QMP socket", q); !e.empty()) return e;
  }
  if (auto e = check_socket("control socket", c.control_socket); !e.empty()) return e;
  if (c.name.find(',') != std::string::npos) return "VM name must not contain ','";
  if (!c.network && !c.hostfwd.empty()) return "port forwarding needs the network";
  for (const auto& r : c.hostfwd)
    if (auto e = validate_hostfwd(r); !e.empty()) return e;
  if (c.cpu_model.empty() || c.cpu_model.find(',') != std::string::npos) return "CPU model must be a plain QEMU -cpu name";
  return {};
}

std::vector<std::string> qemu_arguments(const VmConfig& c) {
  std::vector<std::string> a = {
      c.qemu, "-M", "virt,gic-version=3", "-cpu", c.cpu_model, "-m", std::to_string(c.memory_mib),
      "-smp", std::to_string(c.cpus), "-kernel", c.kernel, "-nodefaults", "-display", "none",
  };
  if (!c.name.empty()) a.insert(a.end(), {"-name", c.name});
  switch (c.console) {
    case VmConfig::Console::StdioWithMonitor:
      // Interactive: Ctrl-A X quits, Ctrl-A C reaches the QEMU monitor.
      a.insert(a.end(), {"-serial", "mon:stdio"});
      break;
    case VmConfig::Console::Stdio:
      a.insert(a.end(), {"-serial", "stdio", "-monitor", "none"});
      break;
    case VmConfig::Console::Socket: {
      std::string chardev = "socket,id=con,path=" + c.console_socket + ",server=on,wait=off";
      if (!c.console_log.empty()) chardev += ",logfile=" + c.console_log + ",logappend=on";
      a.insert(a.end(), {"-chardev", chardev, "-serial", "chardev:con", "-monitor", "none"});
      break;
    }
  }
  for (const auto& q : c.qmp_sockets) a.insert(a.end(), {"-qmp", "unix:" + q + ",server=on,wait=off"});
  if (!c.disk.empty()) {
    std::string drive = "if=none,id=disk0,format=raw,file=" + c.disk;
    if (c.disk_readonly) drive += ",readonly=on";
    std::string dev = "virtio-blk-pci,drive=disk0,disable-legacy=on,queue-size=" + std::to_string(c.blk_queue_size) +
                      ",num-queues=" + std::to_string(c.blk_num_queues);
    if (c.blk_iothread) {
      a.insert(a.end(), {"-object", "iothread,id=io0"});
      dev += ",iothread=io0";
    }
    a.insert(a.end(), {"-drive", drive, "-device", dev});
  }
  if (!c.control_socket.empty()) {
    a.insert(a.end(), {"-device", "virtio-serial-pci,id=vser0", "-chardev",
                       "socket,id=ctl,path=" + c.control_socket + ",server=on,wait=off", "-device",
                       std::string("virtserialport,bus=vser0.0,chardev=ctl,name=") + kControlPortName});
  }
  if (c.network) {
    // romfile= : no PXE option ROM (the kernel is loaded directly; saves reading efi-virtio.rom).
    std::string netdev = "user,id=net0";
    for (const auto& r : c.hostfwd) netdev += ",hostfwd=" + r;
    a.insert(a.end(), {"-netdev", netdev, "-device", "virtio-net-pci,netdev=net0,disable-legacy=on,romfile="});
  }
  if (c.pvpanic) a.insert(a.end(), {"-device", "pvpanic-pci", "-action", "panic=pause"});
  if (c.start_paused) a.push_back("-S");
  a.insert(a.end(), c.extra_args.begin(), c.extra_args.end());
  return a;
}

}  // namespace sis::host
