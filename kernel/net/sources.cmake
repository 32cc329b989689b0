# net/: the IPv4 stack (wire formats, ARP, IPv4, ICMP, UDP, datagram sockets) and the DHCP
# client are portable:
# host tests and the receive-path fuzzer reach it. The glue to the virtio-net device (the
# network thread) is kernel only.
sis_sources(net COMPONENT net
  PORTABLE wire.cpp stack.cpp tcp.cpp dhcp.cpp
  KERNEL net_kernel.cpp)
