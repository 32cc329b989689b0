// Model file parsing and writing (format in model_file.h and docs/ai.md).
#include "ai/model_file.h"

#include "lib/crc32c.h"
#include "lib/string.h"

namespace sis::ai {
namespace {

u16 rd16(const u8* p) { return static_cast<u16>(p[0] | p[1] << 8); }
u32 rd32(const u8* p) { return p[0] | p[1] << 8 | p[2] << 16 | static_cast<u32>(p[3]) << 24; }
void wr16(u8* p, u16 v) {
  p[0] = static_cast<u8>(v);
  p[1] = static_cast<u8>(v >> 8);
}
void wr32(u8* p, u32 v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<u8>(v >> (8 * i));
}
usize dtype_size(u8 dt) { return dt == 1 ? 1 : dt == 2 ? 2 : dt == 3 ? 4 : 0; }

}  // namespace

Error ModelFile::parse(const u8* b, usize size) {
  tensor_count = 0;
  if (size < kHeaderBytes) {
    error = "truncated: shorter than the 32-byte header";
    return Error::BadFormat;
  }
  if (memcmp(b, "SISM", 4) != 0) {
    error = "bad magic (not a SISM model file)";
    return Error::BadFormat;
  }
  if (crc32c(b, 28) != rd32(b + 28)) {
    error = "header checksum mismatch (corrupt header)";
    return Error::Corrupt;
  }
  if (rd16(b + 4) != kFormat) {
    error = "unsupported format version";
    return Error::BadFormat;
  }
  u16 k = rd16(b + 6);
  if (k != static_cast<u16>(ModelKind::Crash) && k != static_cast<u16>(ModelKind::Sched)) {
    error = "unknown model kind";
    return Error::BadFormat;
  }
  kind = static_cast<ModelKind>(k);
  version = rd32(b + 8);
  u32 count = rd32(b + 12), payload = rd32(b + 16);
  payload_crc = rd32(b + 20);
  seed = rd32(b + 24);
  if (payload > size - kHeaderBytes) {
    error = "truncated: payload shorter than the header says";
    return Error::BadFormat;
  }
  if (payload < size - kHeaderBytes) {
    error = "trailing bytes after the payload";
    return Error::BadFormat;
  }
  if (count > kMaxTensors) {
    error = "too many tensors";
    return Error::TooBig;
  }
  const u8* p = b + kHeaderBytes;
  if (crc32c(p, payload) != payload_crc) {
    error = "payload checksum mismatch (corrupt weights)";
    return Error::Corrupt;
  }
  usize off = 0;
  for (u32 i = 0; i < count; ++i) {
    if (payload - off < 8) {
      error = "tensor descriptor runs past the payload";
      return Error::BadFormat;
    }
    const u8* d = p + off;
    usize es = dtype_size(d[0]);
    if (es == 0 || rd16(d + 6) != 0) {
      error = "bad tensor descriptor";
      return Error::BadFormat;
    }
    usize n = usize{rd16(d + 2)} * rd16(d + 4);
    usize bytes = align_up(n * es, 4);
    off += 8;
    if (payload - off < bytes) {
      error = "tensor data runs past the payload";
      return Error::BadFormat;
    }
    TensorView& t = tensors[i];
    t.dtype = static_cast<DType>(d[0]);
    t.shift = d[1];
    t.rows = rd16(d + 2);
    t.cols = rd16(d + 4);
    t.data = p + off;  // 4-byte aligned when the file buffer is (both callers ensure it)
    off += bytes;
  }
  if (off != payload) {
    error = "payload longer than its tensors";
    return Error::BadFormat;
  }
  tensor_count = count;
  error = "";
  return Error::Ok;
}

bool ModelFile::expect(usize i, DType dt, u16 rows, u16 cols) {
  if (i >= tensor_count) {
    error = "missing tensor";
    return false;
  }
  const TensorView& t = tensors[i];
  if (t.dtype != dt || t.rows != rows || t.cols != cols) {
    error = "tensor has the wrong type or shape for this model";
    return false;
  }
  if (dt == DType::I8 && t.shift > 14) {
    error = "weight shift out of range";
    return false;
  }
  return true;
}

usize write_model_file(u8* out, usize cap, ModelKind kind, u32 version, u32 seed, const TensorView* tensors,
                       usize count) {
  usize off = ModelFile::kHeaderBytes;
  for (usize i = 0; i < count; ++i) {
    const TensorView& t = tensors[i];
    usize es = dtype_size(static_cast<u8>(t.dtype));
    usize bytes = t.count() * es;
    if (cap < off + 8 + align_up(bytes, 4)) return 0;
    u8* d = out + off;
    d[0] = static_cast<u8>(t.dtype);
    d[1] = t.shift;
    wr16(d + 2, t.rows);
    wr16(d + 4, t.cols);
    wr16(d + 6, 0);
    memcpy(d + 8, t.data, bytes);
    memset(d + 8 + bytes, 0, align_up(bytes, 4) - bytes);
    off += 8 + align_up(bytes, 4);
  }
  memcpy(out, "SISM", 4);
  wr16(out + 4, ModelFile::kFormat);
  wr16(out + 6, static_cast<u16>(kind));
  wr32(out + 8, version);
  wr32(out + 12, static_cast<u32>(count));
  wr32(out + 16, static_cast<u32>(off - ModelFile::kHeaderBytes));
  wr32(out + 20, crc32c(out + ModelFile::kHeaderBytes, off - ModelFile::kHeaderBytes));
  wr32(out + 24, seed);
  wr32(out + 28, crc32c(out, 28));
  return off;
}

}  // namespace sis::ai
