// ModelFile: the on-disk / in-image format of a model's weights ("SISM", docs/ai.md).
//
// Layout (little-endian):
//   header, 32 bytes: magic "SISM", u16 format (1), u16 kind (1 crash MLP, 2 scheduler
//   attention), u32 model_version, u32 tensor_count, u32 payload_bytes, u32 payload_crc32c,
//   u32 seed (training seed), u32 header_crc32c (CRC-32C of the first 28 bytes);
//   payload: tensor_count tensors, each a 8-byte descriptor {u8 dtype (1 i8, 2 i16, 3 i32),
//   u8 shift, u16 rows, u16 cols, u16 reserved = 0} followed by rows*cols elements, padded
//   with zeros to a multiple of 4 bytes.
// parse() checks everything (sizes, checksums, dtypes, that the tensors exactly fill the
// payload) and never reads outside the given bytes; a model then takes views into them, so
// the bytes must outlive the model (they are static in the image, or a load buffer).
#pragma once
#include "ai/ai_types.h"
#include "lib/result.h"

namespace sis::ai {

enum class DType : u8 { I8 = 1, I16 = 2, I32 = 3 };
enum class ModelKind : u16 { Crash = 1, Sched = 2 };

struct TensorView {
  DType dtype = DType::I8;
  u8 shift = 0;
  u16 rows = 0, cols = 0;
  const void* data = nullptr;
  usize count() const { return usize{rows} * cols; }
  const i8* i8s() const { return static_cast<const i8*>(data); }
  const i16* i16s() const { return static_cast<const i16*>(data); }
  const i32* i32s() const { return static_cast<const i32*>(data); }
};

struct ModelFile {
  static constexpr usize kHeaderBytes = 32;
  static constexpr usize kMaxTensors = 16;
  static constexpr u16 kFormat = 1;

  ModelKind kind = ModelKind::Crash;
  u32 version = 0;
  u32 seed = 0;
  u32 payload_crc = 0;
  usize tensor_count = 0;
  TensorView tensors[kMaxTensors];

  // Why the last parse failed (static text), for the shell and the control port.
  const char* error = "";

  // Parses `bytes`; on failure returns BadFormat/Corrupt/TooBig and sets `error`.
  Error parse(const u8* bytes, usize size);
  // Checks tensor i has this dtype and shape (rows, cols); sets `error` if not.
  bool expect(usize i, DType dt, u16 rows, u16 cols);
};

// Writes a model file (host tools and tests): returns the bytes written, or 0 if `cap` is too
// small. tensors' data are copied; the CRCs are computed here.
usize write_model_file(u8* out, usize cap, ModelKind kind, u32 version, u32 seed, const TensorView* tensors,
                       usize count);

}  // namespace sis::ai
