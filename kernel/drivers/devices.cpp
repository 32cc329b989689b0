#include "drivers/devices.h"

#include "arch/arch.h"
#include "control/control_port.h"
#include "core/console.h"
#include "drivers/pvpanic.h"
#include "drivers/pci/pci.h"
#include "drivers/virtio/virtio_blk.h"

namespace sis::devices {

void init(const Fdt& fdt) {
  if (Error e = pci::init(fdt); e != Error::Ok) {
    kprintf("pci: no usable host bridge (%s): no PCI devices\n", error_name(e));
    return;
  }
  Error msi = arch::msi_init(fdt);  // optional: without an ITS drivers use INTx
  if (msi != Error::Ok && msi != Error::NoEntry) kprintf("msi: GICv3 ITS unusable (%s): INTx only\n", error_name(msi));
  Error e = virtio::probe_block_devices();
  if (e != Error::Ok && e != Error::NoEntry) kprintf("virtio-blk: %s\n", error_name(e));
  // Panic hooks run in registration order: the control port's panic event must go out
  // before pvpanic, because QEMU may pause the VM the moment pvpanic is written.
  Error ctl = control::init();
  if (ctl == Error::Ok) kprintf("control: virtio-console port org.sis.control ready\n");
  else if (ctl != Error::NoEntry) kprintf("control: %s\n", error_name(ctl));
  Error pv = pvpanic::init();
  if (pv != Error::Ok && pv != Error::NoEntry) kprintf("pvpanic: %s\n", error_name(pv));
  for (usize i = 0; i < virtio::blk_count(); ++i) {
    auto* b = virtio::blk_at(i);
    kprintf("disk%zu: virtio-blk %llu MiB, %u queue(s) x %u, %s, event-idx %s%s\n", i,
            static_cast<unsigned long long>(b->sector_count() >> 11), b->queue_count(), b->queue_size(),
            b->msix() ? "MSI-X per queue" : "INTx", b->event_idx() ? "on" : "off", b->read_only() ? ", read-only" : "");
  }
}

}  // namespace sis::devices
