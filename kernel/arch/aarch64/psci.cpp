// PSCI (Power State Coordination Interface) for power-off and reset. The conduit, hvc or
// smc, comes from the device tree's /psci node "method" property.
#include "arch/arch.h"
#include "lib/fdt.h"

namespace sis::arch {
namespace {

constexpr u64 kSystemOff = 0x84000008;
constexpr u64 kSystemReset = 0x84000009;

enum class Conduit { None, Hvc, Smc } conduit = Conduit::None;

u64 call(u64 fn) {
  register u64 x0 asm("x0") = fn;
  if (conduit == Conduit::Hvc) asm volatile("hvc #0" : "+r"(x0)::"x1", "x2", "x3", "memory");
  else if (conduit == Conduit::Smc) asm volatile("smc #0" : "+r"(x0)::"x1", "x2", "x3", "memory");
  return x0;
}

}  // namespace

Error psci_init(const Fdt& fdt) {
  auto node = fdt.find_path("/psci");
  if (!node.ok()) return Error::NoEntry;
  auto method = fdt.prop_string(node.value(), "method");
  if (!method.ok()) return Error::Corrupt;
  if (method.value() == StrView("hvc")) conduit = Conduit::Hvc;
  else if (method.value() == StrView("smc")) conduit = Conduit::Smc;
  else return Error::NotSupported;
  return Error::Ok;
}

const char* psci_conduit() {
  switch (conduit) {
    case Conduit::Hvc: return "hvc";
    case Conduit::Smc: return "smc";
    case Conduit::None: break;
  }
  return "none";
}

void power_off() {
  if (conduit != Conduit::None) call(kSystemOff);
}

void reset() {
  if (conduit != Conduit::None) call(kSystemReset);
}

}  // namespace sis::arch
