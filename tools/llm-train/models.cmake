# The language models the build uses (docs/llm.md), in ${CMAKE_BINARY_DIR}/models:
#   sis-ops.bin, ops-fix.lora, sis-ops.json   the default model, its LoRA adapter and the
#                                             training report (times, losses, LoRA gain)
#   test/sis-tiny.bin, test/tiny-fix.lora, test/sis-tiny.l2c.bin, test/sis-tiny.l2c.tok
#                                             the tiny configuration the tests use (seconds)
# The default model is COMMITTED (resources/models, with SHA256SUMS): a fresh clone copies it
# after checking the checksums instead of training for minutes. SIS_LLM_TRAIN=ON trains it
# from the current corpus instead; `cmake --build build --target sis_models_retrain`
# retrains it and rewrites the committed files (resources/models/README.md). The tiny model
# is always trained, and llm.tiny_reproducible checks that training is reproducible.
# The trainer caches its outputs in models/cache keyed by a hash of the corpus, the task
# set and the options, so a rebuild with unchanged inputs copies instead of training.
# The kernel image embeds sis-ops.bin and ops-fix.lora (kernel/ai/ai.cmake) until the ext4
# disk carries them as /models/sis-ops.bin and /models/ops-fix.lora (resources/rootfs).
option(SIS_LLM_MODELS "Build the language models (the committed default, the tiny test model)" ON)
option(SIS_LLM_TRAIN "Train the default language model from the current corpus instead of using resources/models" OFF)
if(NOT SIS_LLM_MODELS)
  return()
endif()

set(SIS_MODELS_DIR ${CMAKE_BINARY_DIR}/models)
file(MAKE_DIRECTORY ${SIS_MODELS_DIR}/test ${SIS_MODELS_DIR}/cache)
find_package(Python3 REQUIRED COMPONENTS Interpreter)

file(GLOB_RECURSE SIS_LLM_KERNEL_CPP CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/kernel/*.cpp)
set(SIS_LLM_HELP ${SIS_MODELS_DIR}/shell-help.txt)
add_custom_command(OUTPUT ${SIS_LLM_HELP}
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/extract_help.py ${CMAKE_SOURCE_DIR}/kernel > ${SIS_LLM_HELP}
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/extract_help.py ${SIS_LLM_KERNEL_CPP}
  COMMENT "Extracting shell help texts for the language-model corpus")

file(GLOB SIS_LLM_CORPUS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/*.md ${CMAKE_SOURCE_DIR}/resources/corpus/*.md)
list(REMOVE_ITEM SIS_LLM_CORPUS ${CMAKE_SOURCE_DIR}/docs/llm.md)  # its measured numbers change every run
list(REMOVE_ITEM SIS_LLM_CORPUS ${CMAKE_SOURCE_DIR}/resources/corpus/README.md)
list(APPEND SIS_LLM_CORPUS ${CMAKE_SOURCE_DIR}/README.md ${SIS_LLM_HELP})
list(SORT SIS_LLM_CORPUS)
# The doc split: five whole documents on five different subsystems (about 13% of the
# corpus's bytes), never trained on; the trainer reports the model's perplexity on them
# beside a unigram and a Kneser-Ney bigram rule (docs/llm.md, "The model").
set(SIS_LLM_HELDOUT_DOCS ${CMAKE_SOURCE_DIR}/docs/descriptors.md ${CMAKE_SOURCE_DIR}/docs/flamegraph.md
    ${CMAKE_SOURCE_DIR}/docs/power.md ${CMAKE_SOURCE_DIR}/docs/remote.md ${CMAKE_SOURCE_DIR}/docs/traces.md)
list(REMOVE_ITEM SIS_LLM_CORPUS ${SIS_LLM_HELDOUT_DOCS})
set(SIS_LLM_TASKS ${CMAKE_SOURCE_DIR}/resources/corpus/tasks/incidents-train.tsv)
set(SIS_LLM_EVAL ${CMAKE_SOURCE_DIR}/resources/corpus/tasks/incidents-heldout.tsv)

# The exact training commands of the default and the tiny model (also written to
# models/{default,tiny}-train.args, one argument per line, for llm.committed_model,
# llm.tiny_reproducible and anyone retraining by hand).
set(SIS_LLM_DEFAULT_ARGS --preset default --threads 2 --seed 1234 --quiet
    --corpus ${SIS_LLM_CORPUS} --heldout-docs ${SIS_LLM_HELDOUT_DOCS} --tasks ${SIS_LLM_TASKS} --eval ${SIS_LLM_EVAL})
list(JOIN SIS_LLM_DEFAULT_ARGS "\n" _args_text)
file(CONFIGURE OUTPUT ${SIS_MODELS_DIR}/default-train.args CONTENT "${_args_text}\n")
set(SIS_LLM_TINY_ARGS --preset tiny --threads 2 --seed 7 --quiet
    --corpus ${SIS_LLM_CORPUS} --heldout-docs ${SIS_LLM_HELDOUT_DOCS} --tasks ${SIS_LLM_TASKS} --eval ${SIS_LLM_EVAL})
list(JOIN SIS_LLM_TINY_ARGS "\n" _args_text)
file(CONFIGURE OUTPUT ${SIS_MODELS_DIR}/tiny-train.args CONTENT "${_args_text}\n")
set(SIS_COMMITTED_MODELS ${CMAKE_SOURCE_DIR}/resources/models)
if(SIS_LLM_TRAIN)
  add_custom_command(
    OUTPUT ${SIS_MODELS_DIR}/sis-ops.bin ${SIS_MODELS_DIR}/ops-fix.lora ${SIS_MODELS_DIR}/sis-ops.json
    COMMAND sis-llm-train ${SIS_LLM_DEFAULT_ARGS}
            --out ${SIS_MODELS_DIR}/sis-ops.bin --lora-out ${SIS_MODELS_DIR}/ops-fix.lora
            --report ${SIS_MODELS_DIR}/sis-ops.json --cache-dir ${SIS_MODELS_DIR}/cache
    DEPENDS sis-llm-train ${SIS_LLM_CORPUS} ${SIS_LLM_HELDOUT_DOCS} ${SIS_LLM_TASKS} ${SIS_LLM_EVAL}
    COMMENT "Training the default language model (SIS_LLM_TRAIN=ON; cached by input hash; minutes on 2 cores when inputs change)"
    VERBATIM)
else()
  add_custom_command(
    OUTPUT ${SIS_MODELS_DIR}/sis-ops.bin ${SIS_MODELS_DIR}/ops-fix.lora ${SIS_MODELS_DIR}/sis-ops.json
    COMMAND ${CMAKE_COMMAND} -DSRC=${SIS_COMMITTED_MODELS} -DDST=${SIS_MODELS_DIR}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/use_committed_model.cmake
    DEPENDS ${SIS_COMMITTED_MODELS}/sis-ops.bin ${SIS_COMMITTED_MODELS}/ops-fix.lora
            ${SIS_COMMITTED_MODELS}/sis-ops.json ${SIS_COMMITTED_MODELS}/SHA256SUMS
            ${CMAKE_CURRENT_SOURCE_DIR}/use_committed_model.cmake
    COMMENT "Using the committed default language model (resources/models, checked against SHA256SUMS)"
    VERBATIM)
endif()
# Retrains the default model from the current corpus into resources/models and rewrites its
# SHA256SUMS (minutes on 2 cores); commit the four files together.
add_custom_target(sis_models_retrain
  COMMAND sis-llm-train ${SIS_LLM_DEFAULT_ARGS}
          --out ${SIS_COMMITTED_MODELS}/sis-ops.bin --lora-out ${SIS_COMMITTED_MODELS}/ops-fix.lora
          --report ${SIS_COMMITTED_MODELS}/sis-ops.json --cache-dir ${SIS_MODELS_DIR}/cache
  COMMAND ${CMAKE_COMMAND} -DDIR=${SIS_COMMITTED_MODELS} -P ${CMAKE_CURRENT_SOURCE_DIR}/write_sha256sums.cmake
  DEPENDS sis-llm-train ${SIS_LLM_HELP}
  COMMENT "Retraining the committed default language model (resources/models)"
  VERBATIM)
add_custom_command(
  OUTPUT ${SIS_MODELS_DIR}/test/sis-tiny.bin ${SIS_MODELS_DIR}/test/tiny-fix.lora ${SIS_MODELS_DIR}/test/sis-tiny.json
         ${SIS_MODELS_DIR}/test/sis-tiny.l2c.bin ${SIS_MODELS_DIR}/test/sis-tiny.l2c.tok
  COMMAND sis-llm-train ${SIS_LLM_TINY_ARGS}
          --out ${SIS_MODELS_DIR}/test/sis-tiny.bin --lora-out ${SIS_MODELS_DIR}/test/tiny-fix.lora
          --report ${SIS_MODELS_DIR}/test/sis-tiny.json --cache-dir ${SIS_MODELS_DIR}/cache
          --export-llama2c ${SIS_MODELS_DIR}/test/sis-tiny.l2c.bin ${SIS_MODELS_DIR}/test/sis-tiny.l2c.tok
  DEPENDS sis-llm-train ${SIS_LLM_CORPUS} ${SIS_LLM_HELDOUT_DOCS} ${SIS_LLM_TASKS} ${SIS_LLM_EVAL}
  COMMENT "Training the tiny test language model"
  VERBATIM)
add_custom_target(sis_models ALL DEPENDS
  ${SIS_MODELS_DIR}/sis-ops.bin ${SIS_MODELS_DIR}/ops-fix.lora ${SIS_MODELS_DIR}/test/sis-tiny.bin)

# The kernel image embeds the default model: build it first.
if(TARGET kernel)
  add_dependencies(kernel sis_models)
endif()
