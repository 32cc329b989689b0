// The virtio-console control messages (drivers/virtio/console_control.cpp) as QEMU and as a
// broken or hostile device send them: the port handshake, connects and disconnects, and
// messages about ports the driver has no queues for.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "drivers/virtio/console_control.h"

using namespace sis;
using namespace sis::virtio;

namespace {

struct Ports : ::testing::Test {
  bool host_open[4] = {};
  int port = -1;
  volatile u32 generation = 0;
  ConsolePortState st{"org.sis.control", 4, 10, &port, host_open, &generation};  // 4 ports with queues

  ConsoleControlResult send(u32 id, u16 event, u16 value, const std::string& extra = "") {
    std::vector<u8> m(sizeof(ConsoleCtrl) + extra.size());
    ConsoleCtrl c{id, event, value};
    memcpy(m.data(), &c, sizeof c);
    memcpy(m.data() + sizeof c, extra.data(), extra.size());
    return apply_console_control(st, m.data(), static_cast<u32>(m.size()));
  }
};

}  // namespace

TEST_F(Ports, QemuHandshakeNamesOurPortAndCountsTheConnection) {
  auto r = send(1, kDeviceAdd, 0);
  EXPECT_TRUE(r.reply && r.reply_event == kPortReady && r.reply_value == 1 && r.reply_id == 1);
  r = send(1, kPortName, 0, std::string("org.sis.control") + '\0');
  EXPECT_TRUE(r.port_named);
  EXPECT_TRUE(r.reply && r.reply_event == kPortOpen && r.reply_value == 1);
  EXPECT_EQ(port, 1);
  EXPECT_EQ(generation, 0u);
  send(1, kPortOpen, 1);  // the host connects
  EXPECT_EQ(generation, 1u);
  send(1, kPortOpen, 1);  // no change, no new session
  EXPECT_EQ(generation, 1u);
  send(1, kDeviceRemove, 0);
  EXPECT_FALSE(host_open[1]);
  EXPECT_EQ(generation, 2u);
}

TEST_F(Ports, OtherNamesAndShortMessagesChangeNothing) {
  EXPECT_FALSE(send(2, kPortName, 0, "org.qemu.guest_agent.0").port_named);
  EXPECT_FALSE(apply_console_control(st, reinterpret_cast<const u8*>("abc"), 3).valid);
  EXPECT_EQ(port, -1);
}

// A device that offers fewer ports than the driver's 4 set up queues for fewer ports; naming
// one of the others must not make the driver post buffers to queues that do not exist.
TEST_F(Ports, PortNameForAPortWithoutQueuesIsNotTaken) {
  st.nqueues = 4;  // the device offered one port: queues for port 0 only
  EXPECT_EQ(send(1, kDeviceAdd, 0).reply_value, 0);
  auto r = send(1, kPortName, 0, "org.sis.control");
  EXPECT_FALSE(r.port_named);
  EXPECT_FALSE(r.reply);
  EXPECT_EQ(port, -1);
}

// Id 0xffffffff is not "port -1": before our port is named, a DEVICE_REMOVE for it touches
// nothing (it used to index host_open[0xffffffff]).
TEST_F(Ports, DeviceRemoveOfAnUnknownIdBeforeNamingIsIgnored) {
  auto r = send(0xffffffffu, kDeviceRemove, 0);
  EXPECT_TRUE(r.valid);
  EXPECT_FALSE(r.reply);
  EXPECT_EQ(generation, 0u);
  r = send(0xffffffffu, kPortOpen, 1);
  EXPECT_EQ(generation, 0u);
}
