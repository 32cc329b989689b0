# shell/: the registry, tokenizer, line editor and cancellation are portable (host tests);
# the UART shell and the commands are kernel only.
sis_sources(shell COMPONENT shell
  PORTABLE cancel.cpp cmd_bench.cpp command.cpp line_editor.cpp subcommand.cpp
  KERNEL cmd_ai.cpp cmd_dev.cpp cmd_dmesg.cpp cmd_fs.cpp cmd_llm.cpp cmd_mem.cpp cmd_mem_stress.cpp
         cmd_power.cpp cmd_prof.cpp cmd_proc.cpp cmd_sched.cpp cmd_system.cpp uart_shell.cpp
         cmd_net.cpp llm_knowledge.cpp)
