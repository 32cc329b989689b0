# prof/: the sampling profiler (docs/profiler.md). The stack tables, folded output, report and
# frame walkers are portable (host tests); the sampler glue, commands' back end and the drain
# thread are kernel only.
sis_sources(prof COMPONENT prof
  PORTABLE frame_walk.cpp name_table.cpp profile.cpp raw_profile.cpp report.cpp stack_counter.cpp
           symbol_names.cpp
  KERNEL profiler.cpp present_user_memory.cpp)
