// Basic system commands: help, version, uptime, echo, meminfo, reboot, poweroff, panic.
// Status commands print a table, or one JSON object with --json.
#include "arch/arch.h"
#include "core/boot_info.h"
#include "core/memory_map.h"
#include "core/panic.h"
#include "core/version.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "lib/json.h"
#include "shell/command.h"
#include "lib/json_output.h"

namespace sis::shell {
namespace {

int cmd_help(const Args& a, Output& out) {
  if (a.argc > 1 && !a.has("--json")) {
    const Command* c = find_command(a.argv[1]);
    if (!c) {
      out.printf("help: no command named '%.*s'\n", static_cast<int>(a.argv[1].size), a.argv[1].data);
      return 1;
    }
    out.printf("%s\n", c->usage);
    return 0;
  }
  if (a.has("--json")) {
    return print_json(out, [](JsonWriter& w) {
      w.begin_object().key("commands").begin_array();
      for (usize i = 0; i < command_count(); ++i)
        w.begin_object().kv("name", command_at(i)->name).kv("summary", command_at(i)->summary).end_object();
      w.end_array().end_object();
    });
  }
  out.print("Commands (help NAME for details):\n");
  for (usize i = 0; i < command_count(); ++i) out.printf("  %-10s %s\n", command_at(i)->name, command_at(i)->summary);
  return 0;
}
SIS_COMMAND("help", "list commands or show one command's usage", "help [NAME] [--json]", cmd_help);

int cmd_version(const Args& a, Output& out) {
  u64 midr = arch::cpu_midr();
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object()
          .kv("kernel", "SIS")
          .kv("version", SIS_VERSION)
          .kv("git", SIS_GIT)
          .kv_uint("protocol", SIS_PROTOCOL_VERSION)
          .kv("machine", boot_info::machine_model())
          .kv_uint("midr", midr)
          .end_object();
    });
  }
  out.printf("SIS %s (git %s), control protocol v%d\n", SIS_VERSION, SIS_GIT, SIS_PROTOCOL_VERSION);
  out.printf("machine: %s, CPU MIDR 0x%08llx (implementer 0x%02llx, part 0x%03llx)\n", boot_info::machine_model(),
             static_cast<unsigned long long>(midr), static_cast<unsigned long long>(midr >> 24 & 0xff),
             static_cast<unsigned long long>(midr >> 4 & 0xfff));
  return 0;
}
SIS_COMMAND("version", "kernel version, build and CPU", "version [--json]", cmd_version);

int cmd_uptime(const Args& a, Output& out) {
  u64 ns = arch::counter_to_ns(arch::counter() - boot_info::boot_counter_start());
  u64 ticks = arch::timer_ticks();
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object()
          .kv_uint("uptime_ns", ns)
          .kv_uint("ticks", ticks)
          .kv_uint("tick_hz", arch::timer_hz())
          .kv_uint("boot_to_shell_ns", boot_info::shell_ready_ns())
          .end_object();
    });
  }
  out.printf("up %llu.%03llu s, %llu timer ticks at %u Hz, boot to shell %llu.%03llu ms\n",
             static_cast<unsigned long long>(ns / 1000000000), static_cast<unsigned long long>(ns / 1000000 % 1000),
             static_cast<unsigned long long>(ticks), arch::timer_hz(),
             static_cast<unsigned long long>(boot_info::shell_ready_ns() / 1000000),
             static_cast<unsigned long long>(boot_info::shell_ready_ns() / 1000 % 1000));
  return 0;
}
SIS_COMMAND("uptime", "time since boot and timer ticks", "uptime [--json]", cmd_uptime);

int cmd_echo(const Args& a, Output& out) {
  for (usize i = 1; i < a.argc; ++i) {
    if (i > 1) out.write(" ");
    out.write(a.argv[i]);
  }
  out.write("\n");
  return 0;
}
SIS_COMMAND("echo", "print the arguments", "echo [WORD]...", cmd_echo);

int cmd_meminfo(const Args& a, Output& out) {
  using namespace memory_map;
  Region k = kernel_image();
  Region d = dtb();
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv_uint("total_bytes", total_ram()).key("banks").begin_array();
      for (usize i = 0; i < bank_count(); ++i)
        w.begin_object().kv_uint("base", bank(i).base).kv_uint("size", bank(i).size).end_object();
      w.end_array();
      w.key("kernel").begin_object().kv_uint("base", k.base).kv_uint("size", k.size).end_object();
      w.key("dtb").begin_object().kv_uint("base", d.base).kv_uint("size", d.size).end_object();
      w.kv_uint("reserved_regions", reservation_count());
      w.end_object();
    });
  }
  out.printf("%-14s %-18s %12s\n", "region", "base", "size");
  for (usize i = 0; i < bank_count(); ++i)
    out.printf("%-14s 0x%016llx %9llu KiB\n", "RAM", static_cast<unsigned long long>(bank(i).base),
               static_cast<unsigned long long>(bank(i).size >> 10));
  out.printf("%-14s 0x%016llx %9llu KiB\n", "kernel image", static_cast<unsigned long long>(k.base),
             static_cast<unsigned long long>(k.size >> 10));
  out.printf("%-14s 0x%016llx %9llu KiB\n", "device tree", static_cast<unsigned long long>(d.base),
             static_cast<unsigned long long>((d.size + 1023) >> 10));
  for (usize i = 0; i < reservation_count(); ++i)
    out.printf("%-14s 0x%016llx %9llu KiB\n", "reserved", static_cast<unsigned long long>(reservation(i).base),
               static_cast<unsigned long long>(reservation(i).size >> 10));
  out.printf("total RAM %llu MiB\n", static_cast<unsigned long long>(total_ram() >> 20));
  return 0;
}
SIS_COMMAND("meminfo", "RAM banks from the device tree and what the kernel occupies", "meminfo [--json]",
            cmd_meminfo);

// A clean shutdown: unmount file systems (innermost first) so journals are checkpointed
// and ext4's needs_recovery flag is cleared; the image is then clean without a replay.
void unmount_all(Output& out) {
  auto& vfs = fs::kernel_vfs();
  for (usize n = vfs.mount_count(); n > 0; --n) {
    const fs::MountInfo* m = vfs.mount_at(n - 1);
    if (!m) continue;
    char path[sizeof(m->path)];
    copy_cstr(path, sizeof(path), m->path);
    Error e = vfs.unmount(path);
    if (e != Error::Ok) out.printf("unmount %s: %s\n", path, error_name(e));
  }
}

int cmd_poweroff(const Args&, Output& out) {
  unmount_all(out);
  out.print("Powering off.\n");
  arch::power_off();
  out.print("poweroff: PSCI SYSTEM_OFF is not available on this machine\n");
  return 1;
}
SIS_COMMAND("poweroff", "switch the machine off (PSCI SYSTEM_OFF)", "poweroff", cmd_poweroff);

int cmd_reboot(const Args&, Output& out) {
  unmount_all(out);
  out.print("Rebooting.\n");
  arch::reset();
  out.print("reboot: PSCI SYSTEM_RESET is not available on this machine\n");
  return 1;
}
SIS_COMMAND("reboot", "reset the machine (PSCI SYSTEM_RESET)", "reboot", cmd_reboot);

[[gnu::noinline]] void fault_by_store(volatile u64* p) { *p = 0x5155; }

int cmd_panic(const Args& a, Output& out) {
  StrView how = a.argc > 1 ? a.argv[1] : StrView("abort");
  if (how == StrView("abort")) {
    fault_by_store(reinterpret_cast<volatile u64*>(0x10));  // page 0 is never mapped
  } else if (how == StrView("undef")) {
    arch::execute_undefined_instruction();
  } else if (how == StrView("message")) {
    panic("deliberate panic from the shell");
  }
  out.printf("panic: unknown kind '%.*s' (abort, undef or message)\n", static_cast<int>(how.size), how.data);
  return 2;
}
SIS_COMMAND("panic", "crash the kernel on purpose (tests the exception report)",
            "panic [abort|undef|message]\n  abort    store to an unmapped address (data abort)\n"
            "  undef    execute an undefined instruction\n  message  call panic() directly",
            cmd_panic);

}  // namespace
}  // namespace sis::shell
