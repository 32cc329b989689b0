# mm/: buddy, slab and heap are portable (host tests and bench/ run them over a host buffer).
sis_sources(mm COMPONENT mm
  PORTABLE buddy.cpp fault.cpp heap.cpp page_allocator.cpp slab.cpp
  KERNEL bench_alloc.cpp env_memory.cpp kernel_memory.cpp mem_metrics.cpp kernel_stack.cpp mem_status.cpp)
