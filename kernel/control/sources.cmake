# control/: the protocol server and the write-crash checks are portable (host tests); the
# port and the methods are kernel only (kernel/host/CMakeLists.txt builds some methods for
# the host over its hardware edge, for fuzzing).
sis_sources(control COMPONENT control
  PORTABLE server.cpp write_crash_target.cpp
  KERNEL control_port.cpp methods_ai.cpp methods_crash.cpp methods_fs.cpp methods_llm.cpp
         methods_metrics.cpp methods_power.cpp methods_prof.cpp methods_sys.cpp
         methods_proc.cpp
         methods_journal.cpp
         methods_llm_ask.cpp
         methods_net.cpp)
