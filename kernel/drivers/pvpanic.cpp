#include "drivers/pvpanic.h"

#include "core/panic.h"
#include "drivers/pci/pci.h"

namespace sis::pvpanic {
namespace {

constexpr u16 kVendorRedHat = 0x1b36;
constexpr u16 kDevicePvpanic = 0x0011;
constexpr u8 kPanicked = 1;
volatile u8* reg = nullptr;

void on_panic(const char*, usize) {
  if (reg) *reg = kPanicked;
}

}  // namespace

Error init() {
  pci::Device* d = pci::find(kVendorRedHat, kDevicePvpanic);
  if (!d) return Error::NoEntry;
  if (d->bars[0].size == 0) return Error::NotSupported;
  reg = reinterpret_cast<volatile u8*>(d->bars[0].address);
  return add_panic_hook(PanicHookLevel::Stop, on_panic);
}

bool present() { return reg != nullptr; }

}  // namespace sis::pvpanic
