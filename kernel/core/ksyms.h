// The kernel's own symbol table (generated at link time, see lib/symbols.h).
#pragma once
#include "lib/symbols.h"

namespace sis {
const SymbolTable& kernel_symbols();
}
