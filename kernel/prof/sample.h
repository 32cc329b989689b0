// One profiler sample as the interrupt handler records it, and the raw-stack encoding the
// drain thread counts (portable: host tests build samples by hand).
#pragma once
#include "lib/types.h"

namespace sis::prof {

constexpr usize kMaxKernelFrames = 32;
constexpr usize kMaxUserFrames = 32;
constexpr usize kMaxFrames = kMaxKernelFrames + kMaxUserFrames;

// A frame word: a kernel pc as it is; a user pc inside the program's image as kUserFrame |
// the pc; a user pc outside the image as kUnknownFrame.
constexpr u64 kUserFrame = 1ull << 63;
constexpr u64 kUnknownFrame = 1ull << 62;
constexpr u64 kFrameValueMask = (1ull << 62) - 1;

struct Sample {
  u32 tid = 0;
  u32 pid = 0;           // 0: a kernel thread
  bool user_mode = false;  // the CPU was at EL0
  u16 nframes = 0;
  char thread[24] = {};  // kernel thread name, or the process's command (comm)
  char exe[128] = {};    // the process's program file (empty for kernel threads)
  u64 image_start = 0;   // where exec placed the program's image, and its load bias
  u64 image_bias = 0;    // (symbols are looked up at pc with this bias)
  u64 frames[kMaxFrames] = {};  // innermost first: kernel frames, then user frames
};

}  // namespace sis::prof
