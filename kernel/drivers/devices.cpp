#include "drivers/devices.h"

#include "arch/arch.h"
#include "core/klog.h"
#include "drivers/pvpanic.h"
#include "drivers/pci/pci.h"
#include "drivers/virtio/virtio_blk.h"

namespace sis::devices {

void init(const Fdt& fdt) {
  if (Error e = pci::init(fdt); e != Error::Ok) {
    SIS_KLOG(Warn, "pci", "no usable host bridge (%s): no PCI devices", error_name(e));
    return;
  }
  Error msi = arch::msi_init(fdt);  // optional: without an ITS drivers use INTx
  if (msi != Error::Ok && msi != Error::NoEntry) SIS_KLOG(Warn, "msi", "GICv3 ITS unusable (%s): INTx only", error_name(msi));
  Error e = virtio::probe_block_devices();
  if (e != Error::Ok && e != Error::NoEntry) SIS_KLOG(Error, "virtio-blk", "%s", error_name(e));
  Error pv = pvpanic::init();
  if (pv != Error::Ok && pv != Error::NoEntry) SIS_KLOG(Error, "pvpanic", "%s", error_name(pv));
  for (usize i = 0; i < virtio::blk_count(); ++i) {
    auto* b = virtio::blk_at(i);
    SIS_KLOG(Info, "blk", "disk%zu: virtio-blk %llu MiB, %u queue(s) x %u, %s, event-idx %s%s", i,
            static_cast<unsigned long long>(b->sector_count() >> 11), b->queue_count(), b->queue_size(),
            b->msix() ? "MSI-X per queue" : "INTx", b->event_idx() ? "on" : "off", b->read_only() ? ", read-only" : "");
  }
}

}  // namespace sis::devices
