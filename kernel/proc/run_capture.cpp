#include "proc/run_capture.h"

#include "lib/format.h"
#include "proc/pipe.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "sched/scheduler.h"

namespace sis::proc {
namespace {

bool drain(PipeFile* pipe, bool* eof, int stream, const CaptureSink& sink) {
  if (*eof) return false;
  char buf[512];
  bool any = false;
  for (;;) {
    auto n = pipe->read(buf, sizeof(buf), false);
    if (!n.ok()) break;  // WouldBlock: empty for now
    if (n.value() == 0) {
      *eof = true;
      break;
    }
    any = true;
    if (sink.output) sink.output(sink.ctx, stream, buf, n.value());
  }
  return any;
}

}  // namespace

Result<CapturedRun> start_captured(const char* const* argv, char* why, usize why_cap) {
  auto outp = make_pipe(linux::O_NONBLOCK);
  auto errp = make_pipe(linux::O_NONBLOCK);
  if (!outp.ok() || !errp.ok()) {
    if (why_cap) format(why, why_cap, "out of memory for the output pipes");
    if (outp.ok()) outp->read->unref(), outp->write->unref();
    if (errp.ok()) errp->read->unref(), errp->write->unref();
    return Error::NoMemory;
  }
  // The program's ends must block like any pipe: only our read ends stay non-blocking.
  outp->write->set_status_flags(linux::O_WRONLY);
  errp->write->set_status_flags(linux::O_WRONLY);
  SpawnRequest req;
  req.path = argv[0];
  req.argv = argv;
  req.stdio[0] = nullptr;
  req.stdio[1] = outp->write;
  req.stdio[2] = errp->write;
  req.why = why;
  req.why_cap = why_cap;
  auto spawned = spawn(req);
  outp->write->unref();  // the program holds its own references now
  errp->write->unref();
  if (!spawned.ok()) {
    outp->read->unref();
    errp->read->unref();
    return spawned.error();
  }
  return CapturedRun{spawned.value(), outp->read, errp->read};
}

int stream_captured(CapturedRun& run, const CaptureSink& sink) {
  bool out_eof = false, err_eof = false, killed = false;
  for (;;) {
    bool any = drain(run.out, &out_eof, 1, sink);
    any |= drain(run.err, &err_eof, 2, sink);
    // The program may be gone while a descendant still holds the pipes: read until EOF.
    if (out_eof && err_eof) break;
    if (!killed && sink.stop && sink.stop(sink.ctx)) {
      (void)kill_processes(-static_cast<i64>(run.process->pgid), linux::SIGKILL);
      killed = true;
    }
    if (!any) sched::sleep_ns(2'000'000);
  }
  return wait_for_exit(run.process);
}

void finish_captured(CapturedRun& run) {
  if (run.process) release_process(run.process);
  if (run.out) run.out->unref();
  if (run.err) run.err->unref();
  run = CapturedRun{};
}

}  // namespace sis::proc
