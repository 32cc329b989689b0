// Page rights for user memory (mmap's PROT_READ/WRITE/EXEC values), shared by the ELF plan
// and the address space.
#pragma once
#include "lib/types.h"

namespace sis::proc {
constexpr u8 kProtRead = 1, kProtWrite = 2, kProtExec = 4;
}
