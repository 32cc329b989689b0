// pvpanic-pci (QEMU, 1b36:0011): writing PANICKED to its register makes QEMU emit the QMP
// event GUEST_PANICKED, so the host learns of a panic even when no port is connected.
#pragma once
#include "lib/result.h"

namespace sis::pvpanic {

Error init();  // after PCI enumeration; NoEntry when the VM has no such device
bool present();

}  // namespace sis::pvpanic
