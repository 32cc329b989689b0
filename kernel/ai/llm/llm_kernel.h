// Kernel glue of the language model: where model bytes come from (the image's built-in
// model and adapter, or files through the VFS), the clock, and the generation job that the
// control port's llm.infer starts. Kernel only; no floating point here (this file is built
// with -mgeneral-regs-only like the rest of the kernel; the Engine does the FP work).
#pragma once
#include "ai/llm/engine.h"
#include "lib/json.h"

namespace sis::llm {

// Sets the engine's clock and loads the built-in model if nothing is loaded yet. Returns
// the engine, or an error when there is no model and none built in.
Error ensure_loaded(Diag* diag);

ByteSpan builtin_model();
ByteSpan builtin_adapter();
bool is_builtin_name(StrView s);  // "builtin"

// Reads a whole file through the VFS into an env_alloc'd, 64-byte aligned buffer the caller
// owns (engine load with owned = true). Clear errors: no file system mounted, no such file,
// larger than the kernel can hold in one allocation.
Error read_model_file(StrView path, ByteSpan* out, Diag* diag);

// Loads a model ("builtin" or a path); a llama2.c checkpoint takes its tokenizer from
// tokenizer_path, or from tokenizer.bin beside it when empty.
Error load_model(StrView path, StrView tokenizer_path, Diag* diag);
Error load_adapter(StrView path, Diag* diag);

u64 now_ns();

// The members of `llmctl info --json` and the llm.info result (inside an open object).
void write_info_members(JsonWriter& w);

}  // namespace sis::llm
