// Fuzz target: the control-protocol server with the kernel's real method handlers, fed
// arbitrary bytes as a hostile or broken host would send them (one input = the bytes of a
// session; a final '\n' is added so the last line is served too):
//   * fs.* on a ramfs root and on an ext4 disk (made by mkfs.ext4) mounted at /disk;
//   * metrics.subscribe/get/unsubscribe, with samples emitted after the input;
//   * crash.inject: kind and path parsing and write-crash's checks on the real VFS; only the
//     crash itself is recorded instead of performed (kernel/host/kernel_edge.h);
//   * llm.info/load/infer/cancel with a tiny model at /models/tiny.bin; a generation that
//     an input starts streams a few tokens, then the session ends and cancels it.
// Every input starts from the same state (fresh file systems, the model reloaded, no
// subscription, no generation), so a crash replays from its input alone.
//
// SIS_FUZZ_PRINT=1 in the environment prints every line the kernel sends.
//
// Invariants: no crash or sanitizer report; every line the kernel sends is one JSON object
// of at most 64 KiB that the reader accepts, with a string "type"; one greeting; at most
// one response per line; a response has an id and exactly one of result and error; an
// error's class is one of docs/protocol.md 2.3 and never Internal (a kernel bug by
// definition); a crash is only scheduled by a crash.inject that answered with a result.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "ai/llm/llm_kernel.h"
#include "control/server.h"
#include "sched/background.h"
#include "fs/ext4.h"
#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "fuzz_check.h"
#include "host/image_device.h"
#include "host/kernel_edge.h"
#include "tiny_llm_model.h"

using namespace sis;

#ifndef SIS_FUZZ_CONTROL_DISK
#error "SIS_FUZZ_CONTROL_DISK: the ext4 image tests/fuzz/CMakeLists.txt makes with mkfs.ext4"
#endif

namespace {

const char* const kErrorClasses[] = {"ParseError", "TooLarge", "InvalidRequest", "MethodNotFound", "InvalidParams",
                                     "NotFound", "Exists", "NotADirectory", "IsADirectory", "NotEmpty", "NoSpace",
                                     "ReadOnly", "IoError", "Busy", "Unsupported"};

struct CheckingTransport : control::Transport {
  usize greetings = 0, responses = 0;
  bool crash_answered = false;
  bool print = getenv("SIS_FUZZ_PRINT") != nullptr;  // shows what the kernel answers
  bool send_line(StrView line) override {
    if (print) printf("K: %.*s\n", static_cast<int>(line.size), line.data);
    FUZZ_CHECK(line.size <= control::kMaxLine);
    std::vector<char> copy(line.data, line.data + line.size);
    static JsonNode pool[16384];
    JsonDocument doc(pool, 16384);
    FUZZ_CHECK(doc.parse(copy.data(), copy.size()) == Error::Ok);
    JsonValue root = doc.root();
    FUZZ_CHECK(root.is_object());
    FUZZ_CHECK(root["type"].is_string());
    StrView type = root["type"].as_string();
    if (type == StrView("greeting")) ++greetings;
    if (type != StrView("response")) return true;
    ++responses;
    FUZZ_CHECK(root["id"].is_integer() || root["id"].is_null());
    JsonValue result = root["result"], error = root["error"];
    FUZZ_CHECK(result.valid() != error.valid());
    if (result.valid()) {
      FUZZ_CHECK(result.is_object());
      StrView kind = result["kind"].as_string();
      if (kind == StrView("panic") || kind == StrView("hang") || kind == StrView("oom") || kind == StrView("write-crash"))
        crash_answered = true;
      return true;
    }
    FUZZ_CHECK(error["message"].is_string());
    StrView cls = error["class"].as_string();
    bool known = false;
    for (const char* c : kErrorClasses) known = known || cls == StrView(c);
    if (!known) fprintf(stderr, "error class %.*s: %.*s\n", static_cast<int>(cls.size), cls.data,
                        static_cast<int>(error["message"].as_string().size), error["message"].as_string().data);
    FUZZ_CHECK(known);
    return true;
  }
};

// The file systems and the model every input starts from.
struct World {
  std::vector<uint8_t> disk_image;
  std::vector<uint8_t> model = tiny_llm_model();
  fs::RamFs* root = nullptr;
  fs::Ext4* disk = nullptr;
  host::MemDevice dev;

  World() {
    FILE* f = fopen(SIS_FUZZ_CONTROL_DISK, "rb");
    if (!f) {
      fprintf(stderr, "fuzz_control: cannot open %s (built by mkfs.ext4 with this target)\n", SIS_FUZZ_CONTROL_DISK);
      abort();
    }
    uint8_t buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) disk_image.insert(disk_image.end(), buf, buf + n);
    fclose(f);
    if (dev.create(disk_image.size()) != Error::Ok) abort();
    control::Server::set_identity("fuzz", llm::now_ns);
  }

  void reset() {
    fs::Vfs& vfs = fs::kernel_vfs();
    if (disk) FUZZ_CHECK(vfs.unmount("/disk") == Error::Ok);
    if (root) FUZZ_CHECK(vfs.unmount("/") == Error::Ok);
    delete disk;
    delete root;
    root = new fs::RamFs;
    FUZZ_CHECK(root->init() == Error::Ok);
    FUZZ_CHECK(vfs.mount("/", root, "ramfs") == Error::Ok);
    FUZZ_CHECK(vfs.mkdir("/etc") == Error::Ok && vfs.mkdir("/models") == Error::Ok && vfs.mkdir("/disk") == Error::Ok);
    FUZZ_CHECK(vfs.mkdir("/data") == Error::Ok && vfs.mkdir("/data/sub") == Error::Ok);
    FUZZ_CHECK(vfs.write_file("/etc/motd", "Welcome to SIS\n", 15, fs::WriteMode::Replace).ok());
    FUZZ_CHECK(vfs.write_file("/data/sub/bytes", "\0\1\2\3\xff", 5, fs::WriteMode::Replace).ok());
    FUZZ_CHECK(vfs.write_file("/models/tiny.bin", model.data(), model.size(), fs::WriteMode::Replace).ok());
    FUZZ_CHECK(vfs.symlink("/data", "/link") == Error::Ok);
    memcpy(dev.data(), disk_image.data(), disk_image.size());
    disk = new fs::Ext4;
    fs::Ext4::Options opt;
    opt.cache_buffers = 64;
    FUZZ_CHECK(disk->mount(&dev, opt) == Error::Ok);
    FUZZ_CHECK(vfs.mount("/disk", disk, "control-disk.img") == Error::Ok);
    // The model is reloaded only when an input replaced it (llm.load): loading costs more
    // than the rest of the reset, and an unchanged engine behaves the same for every input.
    llm::Engine& e = llm::engine();
    if (!e.loaded() || e.model().token_embedding != loaded_weights || e.adapter_count() != 0 ||
        StrView(e.source()) != StrView("/models/tiny.bin")) {
      llm::Diag d;
      e.unload();
      FUZZ_CHECK(llm::load_model("/models/tiny.bin", "", &d) == Error::Ok);
      loaded_weights = e.model().token_embedding;
    }
  }
  const float* loaded_weights = nullptr;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  world.reset();
  control::Server& server = control::server();
  CheckingTransport t;
  server.attach(&t);
  server.on_connect();
  server.on_bytes(reinterpret_cast<const char*>(data), size);
  server.on_bytes("\n", 1);
  // What runs between requests in the kernel: metrics samples and the generation job.
  for (int i = 0; i < 3; ++i) {
    server.tick(control::Server::now_ns() + 1000000000ull);
    background::run();
  }
  usize newlines = 1;
  for (size_t i = 0; i < size; ++i) newlines += data[i] == '\n';
  FUZZ_CHECK(t.greetings == 1);
  FUZZ_CHECK(t.responses <= newlines);
  server.on_disconnect();
  background::run();  // with nobody connected, a generation is cancelled and ends
  FUZZ_CHECK(!llm::engine().busy());
  int crash = host_edge::take_scheduled_crash();
  FUZZ_CHECK(crash < 0 || t.crash_answered);
  server.attach(nullptr);
  return 0;
}
