// Which jobs run in the background, in one place: top/ is the layer that knows every other,
// so the subsystems only expose their job and this list decides whether it runs and in which
// order (before, each registered itself from a constructor, in link order). A job that
// "locks itself" runs without the command lock and must take only its own state; the others
// run under it (sched/background.h).
#include "top/background_jobs.h"

#include "ai/ai_sched.h"
#include "control/control_port.h"
#include "power/power.h"
#include "sched/background.h"

namespace sis::top {

void register_background_jobs() {
  background::add(ai::background_job, /*locks_itself=*/true);           // AI monitor sampling
  background::add(control::stream_traces_job, /*locks_itself=*/true);   // traces flow during long commands
  background::add(power::background_job);                               // the power model
}

}  // namespace sis::top
