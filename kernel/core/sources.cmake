# core/: console, kernel log, panic, symbols, boot info, memory map (kernel only).
sis_sources(core
  KERNEL boot_info.cpp console.cpp cxx_runtime.cpp klog.cpp ksyms.cpp memory_map.cpp panic.cpp)
