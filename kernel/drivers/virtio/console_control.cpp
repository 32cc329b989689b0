#include "drivers/virtio/console_control.h"

#include "lib/string.h"

namespace sis::virtio {
namespace {

// The driver set up the port's receive and transmit queues (the device may announce and
// name ports beyond the ones it gave queues).
bool has_queues(const ConsolePortState& st, u32 id) { return id < st.max_ports && 2 * id + 3 < st.nqueues; }

}  // namespace

ConsoleControlResult apply_console_control(ConsolePortState& st, const u8* msg, u32 len) {
  ConsoleControlResult r;
  if (len < sizeof(ConsoleCtrl)) return r;
  ConsoleCtrl c;
  memcpy(&c, msg, sizeof(c));
  r.valid = true;
  switch (c.event) {
    case kDeviceAdd:
      r.reply = true;
      r.reply_id = c.id;
      r.reply_event = kPortReady;
      r.reply_value = has_queues(st, c.id) ? 1 : 0;
      break;
    case kPortName: {
      if (!has_queues(st, c.id)) break;  // no buffers could be posted for it
      StrView name(reinterpret_cast<const char*>(msg + sizeof(ConsoleCtrl)), len - sizeof(ConsoleCtrl));
      while (name.size && name.data[name.size - 1] == '\0') --name.size;
      if (name == StrView(st.name) && *st.port < 0) {
        *st.port = static_cast<int>(c.id);
        r.port_named = true;
        r.reply = true;  // the guest side of the port is open
        r.reply_id = c.id;
        r.reply_event = kPortOpen;
        r.reply_value = 1;
        if (st.host_open[c.id]) *st.conn_generation = *st.conn_generation + 1;
      }
      break;
    }
    case kPortOpen:
      if (c.id >= st.max_ports) break;
      if (st.host_open[c.id] != (c.value != 0)) {
        st.host_open[c.id] = c.value != 0;
        if (*st.port >= 0 && c.id == static_cast<u32>(*st.port)) *st.conn_generation = *st.conn_generation + 1;
      }
      break;
    case kDeviceRemove:
      // Compared as unsigned: id 0xffffffff is not "port -1" (no port named yet).
      if (*st.port >= 0 && c.id == static_cast<u32>(*st.port) && st.host_open[c.id]) {
        st.host_open[c.id] = false;
        *st.conn_generation = *st.conn_generation + 1;
      }
      break;
    case kConsolePort:
    default:
      break;
  }
  return r;
}

}  // namespace sis::virtio
