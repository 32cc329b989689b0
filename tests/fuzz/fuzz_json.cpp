// Fuzz target: the in-place JSON reader (every control-protocol line goes through it) and
// base64 decoding of file contents. Invariants: no crash, every view points inside the input,
// a successful parse can be walked completely and has no object with a member name twice.
#include <cstring>
#include <vector>

#include "fuzz_check.h"
#include "lib/base64.h"
#include "lib/json_reader.h"

using namespace sis;

namespace {

usize walk(JsonValue v, const char* base, usize size, int depth) {
  FUZZ_CHECK(depth <= 40);
  usize n = 1;
  if (v.is_string()) FUZZ_CHECK(v.as_string().size == 0 || fuzz_inside(base, size, v.as_string().data, v.as_string().size));
  if (v.key().size) FUZZ_CHECK(fuzz_inside(base, size, v.key().data, v.key().size));
  for (usize i = 0; i < v.size(); ++i) n += walk(v.at(i), base, size, depth + 1);
  if (v.is_object())  // the reader refuses duplicate member names
    for (usize i = 0; i < v.size(); ++i)
      for (usize j = i + 1; j < v.size(); ++j) FUZZ_CHECK(!(v.at(i).key() == v.at(j).key()));
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<char> text(data, data + size);
  static JsonNode pool[256];
  JsonDocument doc(pool, 256);
  Error e = doc.parse(text.data(), text.size());
  if (e == Error::Ok) {
    FUZZ_CHECK(doc.root().valid());
    FUZZ_CHECK(walk(doc.root(), text.data(), text.size(), 0) <= 256);
    (void)doc.root()["type"].as_string();
    (void)doc.root()["params"]["path"].as_int();
  } else {
    FUZZ_CHECK(!doc.root().valid());
    FUZZ_CHECK(doc.error_offset() <= size);
  }
  std::vector<u8> out(size);
  auto r = base64_decode(StrView(reinterpret_cast<const char*>(data), size), out.data(), out.size());
  if (r.ok()) {
    FUZZ_CHECK(r.value() <= size * 3 / 4);
    std::vector<char> again(base64_encoded_size(r.value()));
    usize n = base64_encode(out.data(), r.value(), again.data());
    FUZZ_CHECK(n == size && (size == 0 || memcmp(again.data(), data, size) == 0));  // canonical round trip
  }
  return 0;
}
