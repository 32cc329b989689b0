// WaitChannel over the scheduler's WaitQueue (kernel only; see file_wait.h).
#include "lib/env.h"
#include "proc/file.h"
#include "proc/file_wait.h"
#include "proc/signal_hook.h"
#include "sched/wait_queue.h"

namespace sis::proc {
namespace {

class KernelWaitChannel final : public WaitChannel {
 public:
  // The WaitChannel interface hands the lock to portable code as lock()/unlock() pairs
  // (WaitChannelGuard), which the analysis cannot follow across the virtual call.
  u64 lock() override SIS_NO_THREAD_SAFETY_ANALYSIS { return wq_.lock().lock(); }
  void unlock(u64 state) override SIS_NO_THREAD_SAFETY_ANALYSIS { wq_.lock().unlock(state); }
  Error wait(bool (*ready)(void*), void* ctx, u64 timeout_ns) override {
    bool interrupted = false;
    bool ok = wq_.wait_until_for(
        [&] {
          if (ready(ctx)) return true;
          interrupted = signal_pending_for_current();
          return interrupted;
        },
        timeout_ns == kForever ? sched::WaitQueue::kForever : timeout_ns);
    if (!ok) return Error::TimedOut;
    return interrupted ? Error::Interrupted : Error::Ok;
  }
  void wake_all() override { wq_.wake_all(); }

 private:
  sched::WaitQueue wq_;
};

}  // namespace

WaitChannel* wait_channel_create() {
  void* mem = env_zalloc(sizeof(KernelWaitChannel));
  if (!mem) return nullptr;
  return new (mem, FilePlacement{}) KernelWaitChannel();
}

void wait_channel_destroy(WaitChannel* ch) {
  if (!ch) return;
  auto* k = static_cast<KernelWaitChannel*>(ch);
  k->~KernelWaitChannel();
  env_free(k);
}

}  // namespace sis::proc
