// Fuzz target: the virtio-console control messages a device (QEMU, or a hostile or broken
// one) sends on the control receive queue, through the driver's real parser
// (drivers/virtio/console_control.cpp). Input: byte 0 = the device's max_nr_ports (how many
// ports get queues), then messages as [length byte][length bytes], the length capped at the
// driver's 256-byte buffer. Port state and host_open live in exactly-sized heap blocks so
// ASan sees any access outside them.
//
// Invariants: no crash or out-of-bounds access; our port is named at most once, only by
// PORT_NAME with our name, and only for a port whose queues exist; a reply is PORT_READY
// (to DEVICE_ADD, value 1 only for a port with queues) or PORT_OPEN 1 (naming our port);
// the connection generation moves only when our port's host side opens or closes.
#include <cstring>
#include <memory>

#include "drivers/virtio/console_control.h"
#include "fuzz_check.h"

using namespace sis;
using namespace sis::virtio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  constexpr u32 kMaxPorts = 4;       // Console::kMaxPorts
  constexpr usize kCtrlBufSize = 256;  // the driver's control buffer size
  u32 device_ports = data[0] % 8;  // a device may offer more ports than the driver sets up
  u32 ports = device_ports < kMaxPorts ? device_ports : kMaxPorts;
  u16 nqueues = static_cast<u16>(2 + 2 * ports);
  std::unique_ptr<bool[]> host_open(new bool[kMaxPorts]());
  std::unique_ptr<int> port(new int(-1));
  std::unique_ptr<volatile u32> generation(new u32(0));
  ConsolePortState st{"org.sis.control", kMaxPorts, nqueues, port.get(), host_open.get(), generation.get()};
  size_t at = 1;
  while (at < size) {
    usize len = data[at++];
    if (len > size - at) len = size - at;
    if (len > kCtrlBufSize) len = kCtrlBufSize;
    std::unique_ptr<u8[]> msg(new u8[len ? len : 1]);  // exactly sized: an overread is caught
    memcpy(msg.get(), data + at, len);
    at += len;
    int port_before = *port;
    bool open_before = port_before >= 0 && host_open[port_before];
    u32 gen_before = *generation;
    ConsoleControlResult r = apply_console_control(st, msg.get(), static_cast<u32>(len));
    FUZZ_CHECK(r.valid == (len >= sizeof(ConsoleCtrl)));
    if (!r.valid) {
      FUZZ_CHECK(!r.reply && !r.port_named && *port == port_before && *generation == gen_before);
      continue;
    }
    ConsoleCtrl c;
    memcpy(&c, msg.get(), sizeof c);
    if (r.port_named) {
      FUZZ_CHECK(port_before < 0 && c.event == kPortName);
      FUZZ_CHECK(*port >= 0 && static_cast<u32>(*port) == c.id && c.id < kMaxPorts);
      FUZZ_CHECK(2 * c.id + 3 < nqueues);  // its receive and transmit queues exist
      StrView name(reinterpret_cast<const char*>(msg.get()) + sizeof c, len - sizeof c);
      while (name.size && name.data[name.size - 1] == '\0') --name.size;
      FUZZ_CHECK(name == StrView("org.sis.control"));
    } else {
      FUZZ_CHECK(*port == port_before);
    }
    if (r.reply) {
      FUZZ_CHECK(r.reply_id == c.id);
      if (r.reply_event == kPortReady) {
        FUZZ_CHECK(c.event == kDeviceAdd);
        FUZZ_CHECK(r.reply_value == 0 || (c.id < kMaxPorts && 2 * c.id + 3 < nqueues));
      } else {
        FUZZ_CHECK(r.reply_event == kPortOpen && r.reply_value == 1 && r.port_named);
      }
    }
    bool open_after = *port >= 0 && host_open[*port];
    if (*generation != gen_before) {
      FUZZ_CHECK(*port >= 0);
      FUZZ_CHECK(*generation == gen_before + 1);
      FUZZ_CHECK(open_before != open_after || r.port_named);
    } else {
      FUZZ_CHECK(port_before < 0 || open_before == open_after);
    }
  }
  return 0;
}
