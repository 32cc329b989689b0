// Device bring-up after memory and interrupts: PCI enumeration, then the drivers that bind
// to what it found. Missing devices are normal (no disk given); broken ones are reported.
#pragma once
#include "lib/fdt.h"

namespace sis::devices {

void init(const Fdt& fdt);

}  // namespace sis::devices
