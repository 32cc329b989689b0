#!/usr/bin/env python3
"""The Linux oracle for SIS's user space: the same static aarch64 binaries from the default
disk, run under Debian's qemu-aarch64-static (Linux syscall semantics on the host) and under
SIS (procctl run --json), compared on stdout, stderr and exit status.

  oracle.py linux ROOTFS [--argv-json LIST]
                                 run every case (or the argv lists) under qemu-aarch64-static,
                                 print the results as a JSON list
  oracle.py check-linux ROOTFS   the oracle alone: every case keeps the promise its program
                                 makes (works today, without the kernel's procctl)
  oracle.py compare --sisctl SISCTL --disk IMG ROOTFS
                                 one SIS boot runs every case (procctl run --json), then the
                                 oracle; each SIS result must keep its promise and match

ROOTFS is the default disk's staging directory (build/disk/rootfs); IMG the default disk.

How the oracle resolves paths like SIS does: the programs run chrooted in a copy of ROOTFS,
so /bin/hello, /etc and the relative scratch directory "tmp" are the disk's. qemu-user does
not translate the path execve gets, so exec_chain and busybox need the host kernel to run an
aarch64 ELF: binfmt_misc with Debian's qemu-aarch64 entry (its F flag opens the interpreter
at registration, so it works inside the chroot). The oracle runs in a user namespace
(unshare --user --map-root-user --mount --net: chroot and mounts without being root, and a
network of its own with only lo, brought up, so the socket cases see no host service) and mounts a
binfmt_misc of its own there (Linux 6.7+), registering Debian's
/usr/lib/binfmt.d/qemu-aarch64.conf; on an older kernel the host's registration (Debian's
qemu-user-static installs it) must exist. Neither: a clear failure, never a skip.
"""
import argparse
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

BINFMT_CONF = "/usr/lib/binfmt.d/qemu-aarch64.conf"
BINFMT_DIR = "/proc/sys/fs/binfmt_misc"
ENV = {"PATH": "/bin", "HOME": "/"}
# qemu-user's own report of a fatal signal (the kernel's is in the status, not stderr).
QEMU_NOISE = re.compile(r"^qemu: uncaught target signal .*\n?", re.M)
HELLO = "Hello from SIS user space! I am pid {pid}.\n"


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


# ---- what each program promises ------------------------------------------------------

def exited(r, code=0):
    return r["status"] == "exited" and r["exit_code"] == code


def status_text(r):
    return f"exited {r['exit_code']}" if r["status"] == "exited" else f"killed by {r['signal']}"


def pipes_checksum():
    """fnv1a of the 1 MiB pipes.c writes: its xorshift64 from the same seed, here."""
    rng, mask, h = 0x9E3779B97F4A7C15, (1 << 64) - 1, 2166136261
    data = bytearray()
    for _ in range((1 << 20) // 8):
        rng ^= (rng << 13) & mask
        rng ^= rng >> 7
        rng ^= (rng << 17) & mask
        data += rng.to_bytes(8, "little")
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return f"{h:08x}"


def promise_exact(stdout, code=0, stderr="", status="exited", sig=None):
    def check(r, ctx):
        want = stdout(r, ctx) if callable(stdout) else stdout
        problems = []
        if r["status"] != status or (status == "exited" and r["exit_code"] != code) or \
                (status == "killed" and r["signal"] != sig):
            problems.append(f"status {status_text(r)}, expected " +
                            (f"exited {code}" if status == "exited" else f"killed by {sig}"))
        if r["stdout"] != want:
            problems.append(f"stdout differs:\n--- got\n{r['stdout']}--- expected\n{want}---")
        if r["stderr"] != stderr:
            problems.append(f"stderr {r['stderr']!r}, expected {stderr!r}")
        return problems
    return check


def promise_regex(pattern, code=0):
    def check(r, ctx):
        problems = [] if exited(r, code) else [f"status {status_text(r)}, expected exited {code}"]
        if not re.fullmatch(pattern, r["stdout"], re.S):
            problems.append(f"stdout does not match {pattern!r}:\n{r['stdout']}")
        return problems
    return check


FORK_WAIT = "fork_wait: forking 5 children\n" + "".join(
    f"child {i}: exited with code {10 + i}\n" for i in range(5)) + \
    "child 5: killed by SIGTERM\nwait with no children left: ECHILD\n"

JOBCTL = ("SIGSTOP from the parent: stopped by SIGSTOP\n"
          "WNOHANG with nothing new: 0\n"
          "SIGCONT: continued\n"
          "then SIGTERM: killed by SIGTERM\n"
          "waitid WSTOPPED: code CLD_STOPPED, status SIGTSTP\n"
          "raise(SIGTSTP), continued: exited with code 7\n"
          "SIGTSTP with a handler: exited with code 8\n"
          "raise(SIGSTOP): stopped by SIGSTOP\n"
          "SIGKILL while stopped: killed by SIGKILL\n"
          "jobctl: done\n")

SIGRESTART = ("handler without SA_RESTART:\n"
              "  read: EINTR, handler ran: yes\n"
              "  child exited with code 0\n"
              "handler with SA_RESTART:\n"
              "  read: 4 bytes \"data\", handler ran: yes\n"
              "  child exited with code 0\n"
              "stopped and continued, no handler:\n"
              "  read: 4 bytes \"data\", handler ran: no\n"
              "  child exited with code 0\n"
              "sigrestart: done\n")

ALTSTACK = ("at start: SS_DISABLE\n"
            "a 1 KiB stack: ENOMEM\n"
            "unknown flags: EINVAL\n"
            "after setting: 0, size 65536, same address: yes\n"
            "handler without SA_ONSTACK on the alternate stack: no\n"
            "handler with SA_ONSTACK on the alternate stack: yes, sees SS_ONSTACK: yes, changing it there: EPERM\n"
            "a forked child's handler on the alternate stack: exited with code 0\n"
            "stack overflow caught on the alternate stack: yes\n"
            "after disabling: SS_DISABLE\n"
            "altstack: done\n")

EXEC_CHAIN = lambda r, ctx: (  # noqa: E731
    "exec_chain: argc 1, argv[0] /bin/exec_chain, 3 left, CHAIN=(unset)\n"
    "exec of /bin/no-such-program: ENOENT\n"
    "exec_chain: argc 3, argv[0] exec_chain, 2 left, CHAIN=3\n"
    "exec_chain: argc 3, argv[0] exec_chain, 1 left, CHAIN=3,2\n"
    "exec_chain: argc 3, argv[0] exec_chain, 0 left, CHAIN=3,2,1\n" + HELLO.format(pid=r["pid"]))

PIPES = lambda r, ctx: (  # noqa: E731
    f"child: read 1048576 bytes to EOF, fnv1a {ctx['pipes']}\n"
    f"parent: wrote 1048576 bytes, fnv1a {ctx['pipes']}; child exited with code 0\n"
    "read after the last writer closed: 2 bytes, then 0 (EOF)\n"
    "write with no reader, SIGPIPE ignored: -1, EPIPE\n"
    "write with no reader, SIGPIPE default: child killed by SIGPIPE\n"
    "read from an empty O_NONBLOCK pipe: -1, EAGAIN\n")

FILE_IO = """\
stat a.txt: file, size 1800, mode 0644, links 1
read 18: line 000 of a.txt
lseek to 900, read 18: line 050 of a.txt
lseek -18 from the end to 1782, read 18: line 099 of a.txt
lseek past the end to 1900, read 0
wrote at 8192: fstat size 8207
pread in the hole: 16 of 16 bytes are zero
ftruncate to 36: fstat size 36
after O_APPEND, 45 bytes:
line 000 of a.txt
line 001 of a.txt
appended
getdents64 .: ../ ./ a.txt sub/
getdents64 sub: ../ ./ b.txt c.txt d.txt
stat sub: directory, mode 0700, links 2
stat sub/c.txt: file, size 9, mode 0640, links 1
create sub/b.txt with O_EXCL again: EEXIST
open missing.txt: ENOENT
rmdir a non-empty directory: ENOTEMPTY
unlink a directory: EISDIR
mkdir over an existing file: EEXIST
stat a.txt: ENOENT
stat sub/renamed.txt: file, size 45, mode 0644, links 1
stat hard.txt: file, size 45, mode 0644, links 2
stat hard.txt: file, size 45, mode 0644, links 1
getdents64 .: ../ ./ hard.txt sub/
getdents64 sub: ../ ./ b.txt c.txt d.txt
stat fileio: ENOENT
file_io: done
"""

KPROBE = """\
child: read the kernel image at 0x40080000
  the child was killed by SIGSEGV
child: write the kernel image at 0x40080000
  the child was killed by SIGSEGV
child: read the kernel stacks at 0x700000000000
  the child was killed by SIGSEGV
child: read the upper half at 0xffff000040080000
  the child was killed by SIGSEGV
self: read the kernel image at 0x40080000
"""

FUZZ_ITERATIONS = 1000


def fuzz_promise(r, ctx):
    problems = [] if exited(r) else [f"status {status_text(r)}, expected exited 0"]
    lines = r["stdout"].splitlines()
    if not lines or lines[0] != f"sys_fuzz: seed 1, {FUZZ_ITERATIONS} calls, 0 s, batches of 100, in tmp":
        problems.append(f"first line {lines[:1]}")
    summary = re.search(r"^sys_fuzz: (\d+) calls in (\d+) batches: (\d+) completed, (\d+) killed by a signal, "
                        r"(\d+) exited early, (\d+) timed out$", r["stdout"], re.M)
    if not summary:
        problems.append("no summary line")
    else:
        calls, batches, *outcomes = map(int, summary.groups())
        if batches != FUZZ_ITERATIONS // 100 or sum(outcomes) != batches or not 0 < calls <= FUZZ_ITERATIONS:
            problems.append(f"summary does not add up: {summary.group(0)}")
    if not lines or lines[-1] != "sys_fuzz: the fuzzer survived":
        problems.append("no 'the fuzzer survived' line")
    return problems


def busybox_promise(r, ctx):
    want = "3\n" + "".join(name + "\n" for name in sorted(os.listdir(os.path.join(ctx["rootfs"], "etc"))))
    return promise_exact(want)(r, ctx)


class Case:
    def __init__(self, argv, promise, compare="exact"):
        self.argv, self.promise, self.compare = argv, promise, compare


# compare: "exact" = stdout (PIDs normalised), stderr and status equal to the oracle's;
# "status" = the status equal (sys_fuzz's outcomes are the kernel's own); "promise" = only
# the promise (benchmarks: timing).
CASES = [
    Case(["/bin/hello"], promise_exact(lambda r, ctx: HELLO.format(pid=r["pid"]))),
    Case(["/bin/hello-pie"], promise_exact(lambda r, ctx: HELLO.format(pid=r["pid"]))),
    Case(["/bin/fork_wait"], promise_exact(FORK_WAIT)),
    Case(["/bin/exec_chain"], promise_exact(EXEC_CHAIN)),
    Case(["/bin/jobctl"], promise_exact(JOBCTL)),
    Case(["/bin/sigrestart"], promise_exact(SIGRESTART)),
    Case(["/bin/altstack"], promise_exact(ALTSTACK)),
    Case(["/bin/pipes"], promise_exact(PIPES)),
    Case(["/bin/file_io"], promise_exact(FILE_IO)),
    Case(["/bin/kprobe"], promise_exact(KPROBE, status="killed", sig="SIGSEGV")),
    Case(["/bin/busybox", "sh", "-c", "echo hi | wc -c; ls /etc"], busybox_promise),
    Case(["/bin/hello.sh"], promise_exact("hello from the SIS disk\n")),  # #! through /bin/sh
    # Loopback sockets (issue 26): a connect to a closed port on 127.0.0.1 and on 127.0.0.2 is
    # ECONNREFUSED (the oracle's own network namespace: nothing listens there).
    Case(["/bin/busybox", "sh", "-c", "nc 127.0.0.1 9; echo nc $?; wget -q -O - http://127.0.0.2:9/; echo wget $?"],
         promise_exact("nc 1\nwget 1\n", stderr="nc: can't connect to remote host (127.0.0.1): Connection refused\n"
                       "wget: can't connect to remote host (127.0.0.2): Connection refused\n")),
    # ... and a connection over 127.0.0.1: nc listens and hands it to echo (nc -e); the client,
    # on the other side of a pipeline (a background job would need /dev/null, which the
    # oracle's chroot lacks), retries until the listener is up and prints what it was served.
    Case(["/bin/busybox", "sh", "-c", "nc -l -p 7000 -e /bin/busybox echo served over lo | { ok=no; i=0; "
          "while [ $i -lt 100 ]; do if nc 127.0.0.1 7000 2>/tmp/nc.err; then ok=yes; break; fi; "
          "i=$((i+1)); usleep 50000; done; echo connected $ok; }"],
         promise_exact("served over lo\nconnected yes\n")),
    Case(["/bin/sys_fuzz", "--seed", "1", "--iterations", str(FUZZ_ITERATIONS)], fuzz_promise, "status"),
    Case(["/bin/bench_getppid", "1000"], promise_regex(r"getppid: 1000 calls in \d+ ns, [\d.]+ ns/call\n"), "promise"),
    Case(["/bin/bench_pipe", "100"], promise_regex(r"pipe ping-pong: 100 round trips in \d+ ns, [\d.]+ ns/round trip\n"),
         "promise"),
    Case(["/bin/bench_spawn", "5"],
         promise_regex(r"fork\+exec\+wait of /bin/busybox: 5 spawns in \d+ ns, [\d.]+ us/spawn\n"), "promise"),
    # After everything above (the fuzzer included), the system still runs a program.
    Case(["/bin/hello"], promise_exact(lambda r, ctx: HELLO.format(pid=r["pid"]))),
]


# ---- the oracle: qemu-aarch64-static, chrooted in a copy of the rootfs -------------------

def enter_namespace():
    """Re-runs this script in a user + mount namespace (chroot, mounts, a binfmt_misc)."""
    if os.environ.get("SIS_ORACLE_NS") == "1":
        return
    unshare = shutil.which("unshare")
    if not unshare:
        fail("unshare (util-linux) not found")
    env = dict(os.environ, SIS_ORACLE_NS="1")
    r = subprocess.run([unshare, "--user", "--map-root-user", "--mount", "--net", sys.executable] + sys.argv, env=env)
    sys.exit(r.returncode)


def loopback_up():
    """The namespace's own network has only lo, down: up, so 127/8 behaves as on a host, and no
    listener of the machine's can answer a case's connect."""
    ip = shutil.which("ip")
    if not ip:
        fail("ip (iproute2) not found: the oracle brings up lo in its network namespace")
    r = subprocess.run([ip, "link", "set", "lo", "up"], stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        fail(f"ip link set lo up in the oracle's namespace: {r.stderr.strip()}")


def ensure_binfmt():
    """Our own binfmt_misc with Debian's qemu-aarch64 entry, else the host's; else fail."""
    if not os.path.exists(BINFMT_CONF):
        fail(f"{BINFMT_CONF} not found: qemu-user-static is required (packaging/debian-packages.txt)")
    mounted = subprocess.run(["mount", "-t", "binfmt_misc", "binfmt_misc", BINFMT_DIR],
                             stderr=subprocess.PIPE, text=True)
    entry = os.path.join(BINFMT_DIR, "qemu-aarch64")
    if mounted.returncode == 0:
        line = next(l.strip() for l in open(BINFMT_CONF) if l.startswith(":"))
        with open(os.path.join(BINFMT_DIR, "register"), "w") as reg:
            reg.write(line)
    if not os.path.exists(entry) or "enabled" not in open(entry).read() or \
            "F" not in re.search(r"^flags: (\w*)", open(entry).read(), re.M).group(1):
        fail("exec under the oracle needs binfmt_misc to run aarch64 ELF files with qemu-aarch64-static "
             f"(flag F): a private binfmt_misc needs Linux 6.7+ ({mounted.stderr.strip() or 'mounted'}), "
             "and the host has no qemu-aarch64 entry with F. On Debian: "
             "`systemctl restart systemd-binfmt` or `update-binfmts --enable qemu-aarch64`.")


def run_in_chroot(root, qemu_fd, argv, timeout=300):
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    null = os.open("/dev/null", os.O_RDONLY)  # stdin; the chroot has no /dev
    pid = os.fork()
    if pid == 0:
        try:
            os.setpgid(0, 0)  # a timeout kills the program and everything it forked
            os.chroot(root)
            os.chdir("/")
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # qemu would write core files
            os.dup2(null, 0)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            with open(argv[0], "rb") as f:
                script = f.read(2) == b"#!"
            if script:  # qemu-user loads ELF only: the host kernel reads #!, binfmt runs the interpreter
                os.execve(argv[0], argv, ENV)
            os.execve(qemu_fd, ["qemu-aarch64-static", "-0", argv[0], argv[0]] + argv[1:], ENV)
        except OSError as e:
            os.write(err_w, f"oracle: cannot run {argv[0]}: {e}\n".encode())
        os._exit(127)
    os.close(null)
    os.close(out_w)
    os.close(err_w)
    signal.signal(signal.SIGALRM, lambda *_: os.killpg(pid, signal.SIGKILL))
    signal.alarm(timeout)
    out, err = read_both(out_r, err_r)
    _, status = os.waitpid(pid, 0)
    signal.alarm(0)
    result = {"pid": pid, "stdout": out, "stderr": QEMU_NOISE.sub("", err)}
    if os.WIFSIGNALED(status):
        result.update(status="killed", exit_code=None, signal=signal.Signals(os.WTERMSIG(status)).name)
    else:
        result.update(status="exited", exit_code=os.WEXITSTATUS(status), signal=None)
    return result


def read_both(a, b):
    import selectors
    sel = selectors.DefaultSelector()
    bufs = {a: b"", b: b""}
    for fd in (a, b):
        sel.register(fd, selectors.EVENT_READ)
    while sel.get_map():
        for key, _ in sel.select():
            chunk = os.read(key.fd, 65536)
            if chunk:
                bufs[key.fd] += chunk
            else:
                sel.unregister(key.fd)
                os.close(key.fd)
    return bufs[a].decode(errors="replace"), bufs[b].decode(errors="replace")


def linux(rootfs, argvs=None):
    """Results of CASES (or of the argv lists given) under qemu-aarch64-static, as JSON."""
    enter_namespace()
    loopback_up()
    ensure_binfmt()
    qemu = shutil.which("qemu-aarch64-static")
    if not qemu:
        fail("qemu-aarch64-static not found: qemu-user-static is required (packaging/debian-packages.txt)")
    with tempfile.TemporaryDirectory(prefix="sis-oracle-") as tmp:
        root = os.path.join(tmp, "root")
        shutil.copytree(rootfs, root, symlinks=True)
        proc = os.path.join(root, "proc")
        os.makedirs(proc, exist_ok=True)  # qemu-user reads /proc/self/maps
        subprocess.run(["mount", "--rbind", "/proc", proc], check=True)
        try:
            qemu_fd = os.open(qemu, os.O_RDONLY)
            argvs = argvs if argvs is not None else [case.argv for case in CASES]
            results = [run_in_chroot(root, qemu_fd, argv) for argv in argvs]
        finally:  # never let the directory's removal walk into the host's /proc
            subprocess.run(["umount", "-R", "-l", proc], check=True)
    json.dump(results, sys.stdout)


def linux_results(rootfs):
    r = subprocess.run([sys.executable, os.path.abspath(__file__), "linux", rootfs], stdout=subprocess.PIPE,
                       text=True)
    if r.returncode != 0:
        fail(f"the oracle run failed (exit {r.returncode})")
    return json.loads(r.stdout)


# ---- SIS: one boot, procctl run --json per case ----------------------------------------

def shell_quote(arg):
    if arg and re.fullmatch(r"[\w./=,:+-]+", arg):
        return arg
    if "'" in arg:
        raise ValueError(f"the kernel shell cannot quote {arg!r}")
    return f"'{arg}'"


def sis_results(sisctl, disk, timeout):
    cmds = []
    for case in CASES:
        cmds += ["--exec", "procctl run --json " + " ".join(shell_quote(a) for a in case.argv)]
    cmds += ["--exec", "procctl list --json"]  # after everything: nothing left, no page leaked
    r = subprocess.run([sisctl, "boot", "--quiet", "--disk", disk, "--timeout", str(timeout)] + cmds,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout + 60)
    results = []
    leftovers = None
    for line in r.stdout.splitlines():
        line = line.strip()
        if line.startswith('{"processes"'):
            leftovers = json.loads(line)
        if line.startswith('{"pid"'):
            try:
                results.append(json.loads(line))
            except json.JSONDecodeError as e:
                fail(f"procctl run --json printed a line that is not JSON ({e}): {line[:300]}")
    if len(results) != len(CASES):
        print(r.stdout[-6000:], file=sys.stderr)
        fail(f"sisctl boot (exit {r.returncode}) printed {len(results)} procctl JSON results for "
             f"{len(CASES)} cases: this test needs the kernel's `procctl run --json` (issue 15)")
    if leftovers is None:
        fail("no `procctl list --json` object after the cases")
    # Every process is reaped, and the only user pages left are the shared sigreturn
    # trampoline and the program image cache's (image_cache.h: it holds read-only pages of
    # recently run programs on purpose, and says how many).
    cached = leftovers.get("image_cache", {}).get("pages", 0)
    if leftovers["processes"] or leftovers["user_pages"] - cached != 1:
        fail(f"after every program exited: {len(leftovers['processes'])} processes left, "
             f"{leftovers['user_pages']} user pages in use, {cached} of them cached program pages "
             f"(1 more expected: the sigreturn page): {leftovers}")
    print(f"ok: after the cases no process is left and no user page leaked ({leftovers['user_pages']} in use: "
          f"the trampoline and {cached} cached program pages)")
    return results


# ---- checks ---------------------------------------------------------------------------

def context(rootfs):
    return {"rootfs": rootfs, "pipes": pipes_checksum()}


def normalised(r):
    return {"status": r["status"], "exit_code": r["exit_code"] if r["status"] == "exited" else None,
            "signal": r["signal"], "stdout": r["stdout"].replace(f"pid {r['pid']}.", "pid <PID>."),
            "stderr": r["stderr"]}


def check_linux(rootfs):
    ctx = context(rootfs)
    failures = 0
    for case, r in zip(CASES, linux_results(rootfs)):
        name = " ".join(case.argv)
        problems = case.promise(r, ctx)
        failures += bool(problems)
        print(("FAIL: " if problems else "ok: ") + f"oracle: {name} ({status_text(r)})")
        for p in problems:
            print("  " + p.replace("\n", "\n  "))
    return failures


def function_at(program, pc):
    """The FUNC symbol of `program` (a non-PIE ELF) containing pc, from llvm-readelf: an
    oracle for the kernel's own symbolization of fault reports (kernel/proc/user_symbols.h)."""
    out = subprocess.run(["llvm-readelf", "-sW", program], stdout=subprocess.PIPE, text=True, check=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 8 and f[3] == "FUNC" and f[6] != "UND":
            start, size = int(f[1], 16), int(f[2], 0)
            if start <= pc < start + size:
                return f"{f[7]}+0x{pc - start:x}"
    return None


def check_fault_functions(rootfs, sis):
    """Every program SIS killed for a fault names the function the fault was in."""
    failures = checked = 0
    for case, s in zip(CASES, sis):
        if s["status"] != "killed" or "fault_pc" not in s:
            continue
        checked += 1
        program = os.path.join(rootfs, case.argv[0].lstrip("/"))
        want = function_at(program, s["fault_pc"])
        got = s.get("fault_function")
        ok = want is not None and got == want
        failures += not ok
        print(("ok: " if ok else "FAIL: ") + f"fault report of {' '.join(case.argv)}: pc 0x{s['fault_pc']:x} "
              f"named {got!r} (llvm-readelf: {want!r})")
    if checked == 0:
        print("FAIL: no program was killed with a fault report (kprobe must be)")
        failures += 1
    return failures


def compare(rootfs, sisctl, disk_image, timeout, fault_reports=True):
    ctx = context(rootfs)
    with tempfile.TemporaryDirectory(prefix="sis-oracle-disk-") as tmp:
        disk = os.path.join(tmp, "disk.img")
        shutil.copyfile(disk_image, disk)
        sis = sis_results(sisctl, disk, timeout)
        fsck = subprocess.run(["e2fsck", "-fn", disk], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    failures = 0
    if fsck.returncode != 0:
        failures += 1
        print(f"FAIL: e2fsck -fn of the disk after the programs ran (exit {fsck.returncode}):\n{fsck.stdout[-3000:]}")
    else:
        print("ok: e2fsck -fn clean after the programs wrote to the disk")
    if fault_reports:
        failures += check_fault_functions(rootfs, sis)
    for case, s, linux_r in zip(CASES, sis, linux_results(rootfs)):
        name = " ".join(case.argv)
        problems = [f"SIS: {p}" for p in case.promise(s, ctx)]
        if case.compare == "exact":
            a, b = normalised(s), normalised(linux_r)
            for key in ("status", "exit_code", "signal", "stdout", "stderr"):
                if a[key] != b[key]:
                    problems.append(f"{key}: SIS {a[key]!r} but Linux {b[key]!r}")
        elif case.compare == "status" and \
                [normalised(s)[k] for k in ("status", "exit_code", "signal")] != \
                [normalised(linux_r)[k] for k in ("status", "exit_code", "signal")]:
            problems.append(f"status: SIS {status_text(s)} but Linux {status_text(linux_r)}")
        failures += bool(problems)
        print(("FAIL: " if problems else "ok: ") + f"SIS vs Linux: {name} (SIS {status_text(s)})")
        for p in problems:
            print("  " + p.replace("\n", "\n  "))
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    lx = sub.add_parser("linux")
    lx.add_argument("rootfs")
    lx.add_argument("--argv-json", help="a JSON list of argv lists to run instead of the cases")
    sub.add_parser("check-linux").add_argument("rootfs")
    c = sub.add_parser("compare")
    c.add_argument("rootfs")
    c.add_argument("--sisctl", required=True)
    c.add_argument("--disk", required=True)
    c.add_argument("--timeout", type=int, default=240)
    c.add_argument("--no-fault-reports", action="store_true",
                   help="skip the kernel's fault-report check (a stand-in sisctl has no kernel to report)")
    args = ap.parse_args()
    rootfs = os.path.abspath(args.rootfs)
    if not os.path.isfile(os.path.join(rootfs, "bin", "busybox")):
        fail(f"{rootfs}/bin/busybox not found: build the sis_disk target first")
    if args.cmd == "linux":
        linux(rootfs, json.loads(args.argv_json) if args.argv_json else None)
        return
    failures = check_linux(rootfs) if args.cmd == "check-linux" else \
        compare(rootfs, args.sisctl, args.disk, args.timeout, not args.no_fault_reports)
    if failures:
        print(f"{failures} case(s) failed", file=sys.stderr)
        sys.exit(1)
    print("all cases passed")


if __name__ == "__main__":
    main()
