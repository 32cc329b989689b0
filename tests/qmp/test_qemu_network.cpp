// The NIC the launcher adds (virtio-net on QEMU's user network) and --hostfwd rules.
#include <gtest/gtest.h>

#include "launch/qemu_command.h"

using sis::host::VmConfig;

namespace {

bool has_pair(const std::vector<std::string>& a, const std::string& opt, const std::string& value) {
  for (size_t i = 0; i + 1 < a.size(); ++i)
    if (a[i] == opt && a[i + 1] == value) return true;
  return false;
}

}  // namespace

TEST(QemuNetwork, UserNetworkNicByDefault) {
  VmConfig c;
  c.kernel = "/k/Image";
  ASSERT_EQ(sis::host::validate(c), "");
  auto a = sis::host::qemu_arguments(c);
  EXPECT_TRUE(has_pair(a, "-netdev", "user,id=net0"));
  EXPECT_TRUE(has_pair(a, "-device", "virtio-net-pci,netdev=net0,disable-legacy=on,romfile="));
}

TEST(QemuNetwork, NoNetworkLeavesTheNicOut) {
  VmConfig c;
  c.kernel = "/k/Image";
  c.network = false;
  auto a = sis::host::qemu_arguments(c);
  for (const auto& s : a) EXPECT_EQ(s.find("net0"), std::string::npos) << s;
  c.hostfwd = {"tcp:8080-:80"};
  EXPECT_EQ(sis::host::validate(c), "port forwarding needs the network");
}

TEST(QemuNetwork, HostForwardsGoOnTheNetdev) {
  VmConfig c;
  c.kernel = "/k/Image";
  c.hostfwd = {"tcp:8080-:80", "udp:127.0.0.1:5000-10.0.2.15:5001"};
  ASSERT_EQ(sis::host::validate(c), "");
  auto a = sis::host::qemu_arguments(c);
  EXPECT_TRUE(has_pair(a, "-netdev", "user,id=net0,hostfwd=tcp:8080-:80,hostfwd=udp:127.0.0.1:5000-10.0.2.15:5001"));
}

TEST(QemuNetwork, MalformedHostForwardsAreRefusedWithAReason) {
  for (const char* bad : {"", "tcp", "sctp:1-:2", "tcp:8080", "tcp:8080-80", "tcp:8080-:0", "tcp:8080-:65536",
                          "tcp:1.2.3:80-:80", "tcp:80-:80,hostfwd=tcp:1-:1", "tcp:80-:80-:81", "tcp:x-:80",
                          "tcp:256.0.0.1:80-:80"}) {
    EXPECT_NE(sis::host::validate_hostfwd(bad), "") << bad;
    VmConfig c;
    c.kernel = "/k/Image";
    c.hostfwd = {bad};
    EXPECT_NE(sis::host::validate(c), "") << bad;
  }
  for (const char* good : {"tcp:8080-:80", "tcp::8080-:80", "tcp:127.0.0.1:8080-:80", "udp:0-:53", "tcp:1-10.0.2.15:65535"})
    EXPECT_EQ(sis::host::validate_hostfwd(good), "") << good;
}
