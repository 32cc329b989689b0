// Running a program with its stdout and stderr captured (kernel only): the program gets
// /dev/null as stdin and the write ends of two pipes as fds 1 and 2; the caller reads the
// pipes' non-blocking read ends and gets each chunk as it comes, until both pipes reach
// EOF (the program and every descendant holding them closed them), then waits for the exit.
// Shared by the shell's `procctl run` and the control port's `proc.run`.
//
// Two steps, so that a caller can answer with the pid before the program's output flows
// (proc.run) or stream it on the spot (procctl run): start_captured spawns, stream_captured
// reads and waits. Neither needs the command lock (sched/background.h): the program's own
// file system calls take it, so a caller holding it must release it around both.
#pragma once
#include "lib/result.h"

namespace sis::proc {

struct Process;
class PipeFile;

struct CapturedRun {
  Process* process = nullptr;  // stays a zombie after stream_captured until finish_captured
  PipeFile* out = nullptr;     // read ends (non-blocking)
  PipeFile* err = nullptr;
};

// Spawns argv[0] with argv (NULL-terminated). On failure *why holds a readable reason
// (capacity why_cap) and nothing is left behind.
Result<CapturedRun> start_captured(const char* const* argv, char* why, usize why_cap);

struct CaptureSink {
  // Each chunk read, in order per stream (stream 1: stdout, 2: stderr).
  void (*output)(void* ctx, int stream, const char* data, usize n) = nullptr;
  // Asked between reads: true kills the program's process group (SIGKILL, once) and the
  // capture goes on until the pipes close.
  bool (*stop)(void* ctx) = nullptr;
  void* ctx = nullptr;
};

// Streams both pipes to the sink until both reach EOF, then waits for the program to exit
// and returns its wait status (Linux's encoding).
int stream_captured(CapturedRun& run, const CaptureSink& sink);

// Frees the zombie and the read ends.
void finish_captured(CapturedRun& run);

// A wait status as a shell exit status: the exit code, or 128 + the signal.
inline int exit_status_of(int wait_status) {
  return (wait_status & 0x7f) ? 128 + (wait_status & 0x7f) : (wait_status >> 8) & 0xff;
}

}  // namespace sis::proc
