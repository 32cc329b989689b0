# Device drivers: PCI and virtio. Included at the end of kernel/sources.cmake.
list(APPEND SIS_PORTABLE_SOURCES
  drivers/pci/pci_host_dt.cpp
  drivers/virtio/virtqueue.cpp
)
list(APPEND SIS_KERNEL_ONLY_SOURCES
  drivers/devices.cpp
  drivers/dma.cpp
  drivers/pci/pci.cpp
  drivers/virtio/virtio_pci.cpp
  drivers/virtio/virtio_blk.cpp
  shell/cmd_bench_blk.cpp
  shell/cmd_dev.cpp
)
