// Fuzz target: the control-protocol server fed arbitrary bytes, as a hostile or broken host
// would send them. Invariants: no crash; every line it sends is one JSON object that the
// reader accepts and that has a "type"; at most one response per input line plus one
// greeting.
#include <cstring>
#include <string>
#include <vector>

#include "control/server.h"
#include "fuzz_check.h"

using namespace sis;

namespace {

void fz_echo(JsonValue params, control::Response& r) {
  if (!params["fail"].as_bool()) r.result().kv("value", params["value"].as_string());
  else r.error("InvalidParams", "asked to fail");
}
SIS_CONTROL_METHOD("fz.echo", "fz", fz_echo, nullptr);

struct CheckingTransport : control::Transport {
  usize lines = 0;
  bool send_line(StrView line) override {
    FUZZ_CHECK(line.size <= control::kMaxLine);
    std::vector<char> copy(line.data, line.data + line.size);
    static JsonNode pool[2048];
    JsonDocument doc(pool, 2048);
    FUZZ_CHECK(doc.parse(copy.data(), copy.size()) == Error::Ok);
    FUZZ_CHECK(doc.root()["type"].is_string());
    ++lines;
    return true;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static control::Server server;  // large buffers: keep it out of the stack
  CheckingTransport t;
  server.attach(&t);
  server.on_connect();
  server.on_bytes(reinterpret_cast<const char*>(data), size);
  server.tick(1000000000ull);
  usize newlines = 0;
  for (size_t i = 0; i < size; ++i) newlines += data[i] == '\n';
  FUZZ_CHECK(t.lines <= newlines + 1);
  server.on_disconnect();
  return 0;
}
