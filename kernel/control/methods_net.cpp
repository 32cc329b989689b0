// The `net` metrics group (docs/protocol.md): the NIC's counters and the stack's, so the
// desktop can chart network throughput. Counters only; rates are the host's arithmetic
// over two samples, as for `blk`. Absent when the VM has no NIC.
#include "control/server.h"
#include "drivers/virtio/virtio_net.h"
#include "net/net_kernel.h"

namespace sis::control {
namespace {

void fill_net(JsonWriter& w) {
  virtio::NetStats nic = net::device()->stats();
  net::StackStats st;
  if (net::Stack* s = net::stack()) {
    SpinLockGuard g(s->lock());
    st = s->stats();
  }
  w.kv_uint("rx_bytes", nic.rx_bytes).kv_uint("tx_bytes", nic.tx_bytes);
  w.kv_uint("rx_packets", nic.rx_packets).kv_uint("tx_packets", nic.tx_packets);
  w.kv_uint("dropped", nic.rx_dropped + nic.tx_dropped + st.dropped());
  w.kv_uint("tcp_retransmits", st.tcp_retransmits);
}
bool have_nic() { return net::device() != nullptr; }
SIS_METRICS_GROUP("net", fill_net, have_nic);

}  // namespace
}  // namespace sis::control
