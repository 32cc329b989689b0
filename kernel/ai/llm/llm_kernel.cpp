// Kernel glue of the language model (see llm_kernel.h).
#include "ai/llm/llm_kernel.h"

#include "lib/env.h"
#include "arch/arch.h"
#include "fs/vfs.h"
#include "lib/format.h"

// The build embeds the default model and its adapter (kernel/ai/llm/sources.cmake generates
// llm_builtin.S with .incbin); both spans are empty when the build had no model.
extern "C" const sis::u8 sis_llm_builtin_model[], sis_llm_builtin_model_end[];
extern "C" const sis::u8 sis_llm_builtin_adapter[], sis_llm_builtin_adapter_end[];

namespace sis::llm {

u64 now_ns() { return arch::counter_to_ns(arch::counter()); }

ByteSpan builtin_model() {
  return ByteSpan{sis_llm_builtin_model, static_cast<usize>(sis_llm_builtin_model_end - sis_llm_builtin_model)};
}
ByteSpan builtin_adapter() {
  return ByteSpan{sis_llm_builtin_adapter, static_cast<usize>(sis_llm_builtin_adapter_end - sis_llm_builtin_adapter)};
}
bool is_builtin_name(StrView s) { return s == StrView("builtin"); }

Error ensure_loaded(Diag* diag) {
  Engine& e = engine();
  e.set_clock(now_ns);
  if (e.loaded()) return Error::Ok;
  ByteSpan b = builtin_model();
  if (b.size == 0) {
    diag->set("no model loaded and none built into this kernel (llmctl load PATH)");
    return Error::NoEntry;
  }
  return e.load(b, false, "builtin:sis-ops", diag);
}

Error read_model_file(StrView path, ByteSpan* out, Diag* diag) {
  fs::Vfs& vfs = fs::kernel_vfs();
  if (vfs.mount_count() == 0) {
    diag->set("no file system is mounted, so %.*s cannot be read (use 'builtin')", static_cast<int>(min<usize>(path.size, 100)),
              path.data);
    return Error::NoEntry;
  }
  auto st = vfs.stat(path);
  if (!st.ok()) {
    diag->set("%.*s: %s", static_cast<int>(min<usize>(path.size, 100)), path.data, error_name(st.error()));
    return st.error();
  }
  u64 size = st.value().size;
  if (size > kEnvMaxAlloc) {
    diag->set("%.*s is %llu KiB; the kernel holds a model in one allocation of at most %zu KiB",
              static_cast<int>(min<usize>(path.size, 100)), path.data, static_cast<unsigned long long>(size >> 10),
              kEnvMaxAlloc >> 10);
    return Error::TooBig;
  }
  u8* buf = static_cast<u8*>(env_alloc(static_cast<usize>(size)));
  if (!buf) {
    diag->set("out of memory for %llu bytes", static_cast<unsigned long long>(size));
    return Error::NoMemory;
  }
  usize done = 0;
  while (done < size) {
    auto r = vfs.read_file(path, done, buf + done, static_cast<usize>(size) - done);
    if (!r.ok() || r.value() == 0) {
      env_free(buf);
      diag->set("reading %.*s failed at byte %zu: %s", static_cast<int>(min<usize>(path.size, 100)), path.data, done,
                r.ok() ? "unexpected end of file" : error_name(r.error()));
      return r.ok() ? Error::Io : r.error();
    }
    done += r.value();
  }
  *out = ByteSpan{buf, static_cast<usize>(size)};
  return Error::Ok;
}

Error load_model(StrView path, StrView tok_path, Diag* diag) {
  Engine& e = engine();
  e.set_clock(now_ns);
  if (is_builtin_name(path)) {
    ByteSpan b = builtin_model();
    if (!b.size) {
      diag->set("this kernel was built without a model");
      return Error::NoEntry;
    }
    return e.load(b, false, "builtin:sis-ops", diag);
  }
  char src[64];
  copy_cstr(src, sizeof(src), path);
  ByteSpan bytes;
  TRY(read_model_file(path, &bytes, diag));
  if (is_sis_file(bytes)) return e.load(bytes, true, src, diag);
  // A llama2.c checkpoint: its tokenizer is a separate file.
  static char tp[fs::Vfs::kMaxPath];  // PATH_MAX is too big for a 16 KiB kernel stack
  if (tok_path.empty()) {
    usize slash = 0;
    for (usize i = 0; i < path.size; ++i)
      if (path.data[i] == '/') slash = i + 1;
    format(tp, sizeof(tp), "%.*stokenizer.bin", static_cast<int>(slash), path.data);
  } else {
    copy_cstr(tp, sizeof(tp), tok_path);
  }
  ByteSpan tok;
  Error err = read_model_file(StrView(tp), &tok, diag);
  if (err != Error::Ok) {
    env_free(const_cast<u8*>(bytes.data));
    char why[sizeof(diag->text)];
    copy_cstr(why, sizeof(why), StrView(diag->text));
    diag->set("not a SIS model, and no llama2.c tokenizer: %s", why);
    return err;
  }
  return e.load_llama2c(bytes, true, tok, true, src, diag);
}

Error load_adapter(StrView path, Diag* diag) {
  TRY(ensure_loaded(diag));
  Engine& e = engine();
  if (is_builtin_name(path)) {
    ByteSpan b = builtin_adapter();
    if (!b.size) {
      diag->set("this kernel was built without an adapter");
      return Error::NoEntry;
    }
    return e.load_adapter(b, false, "builtin:ops-fix", diag);
  }
  char src[64];
  copy_cstr(src, sizeof(src), path);
  ByteSpan bytes;
  TRY(read_model_file(path, &bytes, diag));
  return e.load_adapter(bytes, true, src, diag);
}

void write_info_members(JsonWriter& w) {
  Engine& e = engine();
  const auto& m = e.model();
  const auto& c = m.cfg;
  w.kv_bool("loaded", e.loaded()).kv_bool("builtin_model", builtin_model().size != 0);
  if (!e.loaded()) return;
  w.kv("name", m.name).kv("source", e.source()).kv("format", m.format == ModelFormat::Sis ? "sis" : "llama2c");
  w.kv_uint("dim", c.dim).kv_uint("hidden_dim", c.hidden_dim).kv_uint("layers", c.n_layers).kv_uint("heads", c.n_heads);
  w.kv_uint("kv_heads", c.n_kv_heads).kv_uint("vocab", c.vocab_size).kv_uint("seq_len", c.seq_len);
  w.kv_uint("context", e.transformer().context()).kv_uint("params", m.param_count);
  w.kv_uint("model_bytes", e.model_bytes()).kv_uint("memory_bytes", e.memory_bytes());
  w.kv("kernels", e.kernels_name()).kv_bool("busy", e.busy());
  w.key("adapters").begin_array();
  for (u32 i = 0; i < e.adapter_count(); ++i) {
    AdapterInfo a = e.adapter(i);
    w.begin_object().kv("name", a.name).kv("source", a.source).kv_uint("rank", a.rank).kv_uint("params", a.params);
    w.end_object();
  }
  w.end_array();
}

}  // namespace sis::llm
