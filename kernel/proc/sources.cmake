# proc/: user processes. The ELF loader, the initial stack, descriptors, pipes, the tty line
# discipline and the file system calls are portable (host tests and fuzzers); address
# spaces, the process table, signals and the syscall dispatcher are kernel only.
sis_sources(proc COMPONENT proc
  PORTABLE linux_abi.cpp elf.cpp elf_symbols.cpp exec_stack.cpp shebang.cpp
           file.cpp file_devices.cpp file_table.cpp pipe.cpp sys_file.cpp sys_file_fd.cpp
           sys_file_io.cpp sys_file_path.cpp sys_file_poll.cpp sys_file_stat.cpp tty.cpp vfs_file.cpp
           sys_socket.cpp
  KERNEL address_space.cpp exec.cpp frames.cpp oom.cpp process.cpp random.cpp signal.cpp syscall.cpp
         sys_memory.cpp sys_misc.cpp sys_process.cpp sys_signal.cpp user_access.cpp
         console_tty.cpp file_wait_kernel.cpp sys_itimer.cpp
         run_capture.cpp user_symbols.cpp proc_status.cpp image_cache.cpp)
