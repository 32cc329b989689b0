# sched/: the policies and run queue are portable; threads, wait queues and the background
# worker are kernel only.
sis_sources(sched COMPONENT sched
  PORTABLE accounting.cpp burst_model.cpp eevdf_policy.cpp fair_policy.cpp learned_policy.cpp run_queue.cpp sched_tree.cpp
  KERNEL background.cpp bench_ctxsw.cpp bench_sched.cpp sched_status.cpp sched_metrics.cpp scheduler.cpp wait_queue.cpp workloads.cpp)
