# Device drivers (PCI, virtio, pvpanic) and the control-protocol server that runs over
# virtio-console. Included at the end of kernel/sources.cmake.
list(APPEND SIS_PORTABLE_SOURCES
  drivers/pci/pci_host_dt.cpp
  drivers/virtio/virtqueue.cpp
  control/server.cpp
  control/write_crash_target.cpp
  drivers/virtio/console_control.cpp
  lib/base64.cpp
  lib/json_reader.cpp
)
list(APPEND SIS_KERNEL_ONLY_SOURCES
  drivers/devices.cpp
  drivers/dma.cpp
  drivers/pci/pci.cpp
  drivers/virtio/virtio_pci.cpp
  drivers/virtio/virtio_blk.cpp
  drivers/virtio/bench_blk.cpp
  shell/cmd_dev.cpp
  drivers/pvpanic.cpp
  drivers/virtio/virtio_console.cpp
  control/control_port.cpp
  control/methods_crash.cpp
  control/methods_metrics.cpp
  control/methods_fs.cpp
  control/methods_sys.cpp
  sched/background.cpp
  core/klog.cpp
  shell/cmd_dmesg.cpp
)
