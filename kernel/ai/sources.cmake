# ai/: tensor kernels, model files, crash predictor, decision traces and model statistics are
# portable (host tests and tools/ai-train link them); the monitor, scenarios and the
# scheduler glue are kernel only. The language model is ai/llm/sources.cmake.
sis_sources(ai COMPONENT ai
  PORTABLE ai_metrics.cpp crash_model.cpp crash_rules.cpp model_file.cpp sched_model.cpp tensor.cpp trace.cpp
           transformer_policy.cpp
  KERNEL ai_sched.cpp bench_ai.cpp ai_status.cpp monitor.cpp process_consumer.cpp recording.cpp scenarios.cpp
         sched_trace.cpp)

# The integer NEON matvec (kernel only): this file alone is compiled with NEON enabled (the
# target-feature flags override -mgeneral-regs-only for it); tensor.cpp calls it with
# interrupts masked and the FP/SIMD registers saved (docs/ai.md).
if(CMAKE_CROSSCOMPILING)
  sis_sources(ai KERNEL tensor_neon.cpp)
  set_source_files_properties(ai/tensor_neon.cpp PROPERTIES COMPILE_OPTIONS
    "-Xclang;-target-feature;-Xclang;+neon;-Xclang;-target-feature;-Xclang;+fp-armv8")
  set_source_files_properties(ai/tensor.cpp PROPERTIES COMPILE_DEFINITIONS SIS_AI_NEON=1)
endif()
