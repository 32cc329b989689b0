# drivers/: PCI, virtio, pvpanic, PL011, DMA. The parsers (host bridge from the device tree,
# virtqueue rings, virtio-console control messages) are portable so host tests and fuzzers
# reach them.
sis_sources(drivers COMPONENT drivers
  PORTABLE pci/pci_host_dt.cpp virtio/console_control.cpp virtio/virtqueue.cpp
  KERNEL devices.cpp dma.cpp pci/pci.cpp pl011.cpp pvpanic.cpp virtio/bench_blk.cpp
         virtio/virtio_blk.cpp virtio/virtio_console.cpp virtio/virtio_pci.cpp
         virtio/virtio_net.cpp)
