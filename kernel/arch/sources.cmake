# arch/: the aarch64 edge (kernel only): boot, vectors, MMU, GICv3 and ITS, timer, PSCI, PMU.
sis_sources(arch
  KERNEL aarch64/boot.S aarch64/vectors.S aarch64/context.S aarch64/zero.S
         aarch64/cpu.cpp aarch64/cycles.cpp aarch64/exceptions.cpp aarch64/gic.cpp
         aarch64/gic_its.cpp aarch64/mmu.cpp aarch64/pmu.cpp aarch64/psci.cpp aarch64/thread.cpp
         aarch64/timer.cpp aarch64/user.cpp aarch64/zero.cpp
         aarch64/prof_sampler.cpp)
# Runs with the MMU off (every access is Device memory): no unaligned accesses allowed.
set_source_files_properties(arch/aarch64/mmu.cpp PROPERTIES COMPILE_OPTIONS -mstrict-align)
