// RawProfile: what the profiler accumulates while it runs. The drain thread moves samples
// from the per-CPU rings into it; each distinct (thread, program, frames) is counted once,
// with no symbol lookups, so draining stays cheap. At stop, build_profile names every frame
// (FrameNamer) and merges the raw stacks into a Profile of functions. Portable.
#pragma once
#include "lib/format.h"
#include "prof/profile.h"
#include "prof/sample.h"

namespace sis::prof {

// Names frames for the folded format (kernel: "sis`function", user: "prog`function" or
// "prog`0x1a2b", unknown: "[unknown]").
class FrameNamer {
 public:
  // innermost: the sampled pc itself (the others are return addresses: the call is just
  // before them, so a namer looks up addr - 1 to stay in the calling function).
  virtual void kernel_frame(u64 pc, bool innermost, TextBuffer& out) = 0;
  // A user pc of the program exe placed at image_start with load bias `bias`.
  virtual void user_frame(StrView exe, u64 image_start, u64 bias, u64 pc, bool innermost, TextBuffer& out) = 0;

 protected:
  ~FrameNamer() = default;
};

class RawProfile {
 public:
  // Counts one sample; NoMemory (the caller counts it as dropped) when full.
  Error add(const Sample& s);
  u64 samples() const { return stacks_.total(); }
  usize distinct() const { return stacks_.size(); }
  void clear();
  // Names and merges every raw stack into out (which should be empty).
  Error build(FrameNamer& namer, Profile& out) const;

 private:
  // The last label and program ids per thread (by tid), so that a sample of a thread seen
  // before costs no formatting or hashing of its names (the drain's main cost otherwise).
  struct Names {
    bool valid = false;
    u32 tid = 0, pid = 0;
    char thread[sizeof(Sample::thread)] = {};
    char exe[sizeof(Sample::exe)] = {};
    u64 label = 0, program = 0, image_start = 0, image_bias = 0;
  };
  static constexpr usize kNameCache = 16;
  Result<const Names*> names_of(const Sample& s);
  Names cache_[kNameCache];

  NameTable labels_;    // "[kernel] shell", "[pid 7] busybox"
  NameTable programs_;  // program files, for naming user frames
  // [label id, program id + 1 or 0, image start, load bias, frames innermost first...]
  StackCounter stacks_;
};

// The thread frame of a sample: "[kernel] <thread>" or "[pid N] <command>".
void thread_label(const Sample& s, TextBuffer& out);

}  // namespace sis::prof
