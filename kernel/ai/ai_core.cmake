# The AI core (issue 9): tensor kernels, model files, crash predictor, decision traces and
# model statistics are portable (host tests and tools/ai-train link them through
# sis_portable); the monitor, scenarios, shell commands and control methods are kernel only.
# kernel/ai/llm/ has its own list.
list(APPEND SIS_PORTABLE_SOURCES
  ai/ai_metrics.cpp
  ai/crash_model.cpp
  ai/model_file.cpp
  ai/sched_model.cpp
  ai/tensor.cpp
  ai/trace.cpp
  ai/transformer_policy.cpp
)
list(APPEND SIS_KERNEL_ONLY_SOURCES
  ai/ai_sched.cpp
  ai/monitor.cpp
  ai/scenarios.cpp
  control/methods_ai.cpp
  shell/cmd_ai.cpp
)

# The integer NEON matvec (kernel only): this file alone is compiled with NEON enabled (the
# target-feature flags override -mgeneral-regs-only for it); tensor.cpp calls it with
# interrupts masked and the FP/SIMD registers saved (docs/ai.md).
if(CMAKE_CROSSCOMPILING)
  list(APPEND SIS_KERNEL_ONLY_SOURCES ai/tensor_neon.cpp)
  set_source_files_properties(ai/tensor_neon.cpp PROPERTIES COMPILE_OPTIONS
    "-Xclang;-target-feature;-Xclang;+neon;-Xclang;-target-feature;-Xclang;+fp-armv8")
  set_source_files_properties(ai/tensor.cpp PROPERTIES COMPILE_DEFINITIONS SIS_AI_NEON=1)
endif()
