// The few C++ runtime hooks a freestanding kernel must provide itself.
#include "core/panic.h"

extern "C" {
void __cxa_pure_virtual() { sis::panic("pure virtual function called"); }
// Static destructors never run in a kernel that never exits.
int __cxa_atexit(void (*)(void*), void*, void*) { return 0; }
// With -fno-use-cxa-atexit, function-local statics with destructors register through atexit.
int atexit(void (*)()) { return 0; }
void* __dso_handle = nullptr;
}
