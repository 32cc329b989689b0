# A real OpenSSH server on loopback for the remote tests (sourced): started by the test as
# the current user on a free port, with its own host key, authorized_keys and config; no
# system sshd and no root needed. Missing OpenSSH is a failure, not a skip.
#   sshd_start DIR    -> sets SSHD_PORT, SSHD_PID; DIR gets host_key, id_client, known_hosts
#   sshd_stop DIR     -> stops that server and every session it forked
# SSHD_SETENV="VAR=value ..." (optional) is set in every session (sshd_config SetEnv): the
# tests point the "remote" side's SIS_RUNTIME_DIR into their own temporary directory.
SSHD_BIN=/usr/sbin/sshd
for tool in "$SSHD_BIN" ssh-keygen /usr/lib/openssh/sftp-server; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool missing (Debian: openssh-server, openssh-client)" >&2; exit 1; }
done

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

sshd_start() {
  local dir=$1 i
  mkdir -p "$dir"
  [ -f "$dir/host_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key" -C sis-test-host
  [ -f "$dir/id_client" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/id_client" -C sis-test-client
  cp "$dir/id_client.pub" "$dir/authorized_keys"
  chmod 600 "$dir/authorized_keys"
  # sshd run by root wants its privilege separation directory; a normal user's does not.
  [ "$(id -u)" -ne 0 ] || mkdir -p /run/sshd
  for i in 1 2 3 4 5; do  # a port taken between free_port and bind: try another
    SSHD_PORT=$(free_port)
    cat >"$dir/sshd_config" <<CONF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
AllowStreamLocalForwarding yes
AllowTcpForwarding yes
Subsystem sftp /usr/lib/openssh/sftp-server
LogLevel ERROR
MaxStartups 50
MaxSessions 50
${SSHD_SETENV:+SetEnv $SSHD_SETENV}
CONF
    "$SSHD_BIN" -D -e -f "$dir/sshd_config" 2>>"$dir/sshd.log" &
    SSHD_PID=$!
    # Ready when it accepts a connection (bounded: 100 x 0.1 s), or gone when the bind failed.
    local n
    for n in $(seq 100); do
      if ! kill -0 "$SSHD_PID" 2>/dev/null; then break; fi
      if (exec 3<>"/dev/tcp/127.0.0.1/$SSHD_PORT") 2>/dev/null; then
        echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1,2 "$dir/host_key.pub")" >"$dir/known_hosts"
        echo "$SSHD_PID" >"$dir/server.pid"
        return 0
      fi
      sleep 0.1
    done
    kill "$SSHD_PID" 2>/dev/null; wait "$SSHD_PID" 2>/dev/null
  done
  echo "FAIL: sshd did not start; its log:" >&2; cat "$dir/sshd.log" >&2
  exit 1
}

# The pids of every process below $1 (children first is not needed: all get SIGKILL).
descendants() {
  local p c
  for c in $(cat /proc/[0-9]*/stat 2>/dev/null | awk -v p="$1" '$4 == p { print $1 }'); do
    echo "$c"; descendants "$c"
  done
}

# Kills the server started in DIR and all its sessions (and what they started), as a host
# that dies would: the clients see their connections drop.
sshd_kill_all() {
  local pid; pid=$(cat "$1/server.pid" 2>/dev/null) || return 0
  local all; all="$pid $(descendants "$pid")"
  kill -9 $all 2>/dev/null || true  # some may be gone already (callers may run under set -e)
  wait "$pid" 2>/dev/null || true
  rm -f "$1/server.pid"
}

# Kills only the sessions of the server in DIR (the connections drop, the server listens on).
# Every sshd process below the listener goes: for a user other than root a session is a
# privileged monitor AND an unprivileged child that holds the connection too, and killing
# only the listener's direct children (the monitors) can leave that child serving the
# connection. What the sessions started and detached (QEMU) is not an sshd and stays.
sshd_kill_sessions() {
  local pid; pid=$(cat "$1/server.pid") || return 1
  local s=() c
  for c in $(descendants "$pid"); do
    [ "$(cat "/proc/$c/comm" 2>/dev/null)" = sshd ] && s+=("$c")
  done
  [ ${#s[@]} -eq 0 ] || kill -9 "${s[@]}" 2>/dev/null || true
}

sshd_stop() { sshd_kill_all "$1"; }
