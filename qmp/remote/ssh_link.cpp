#include "remote/ssh_link.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace sis::remote {

namespace {

using Clock = std::chrono::steady_clock;

std::string home_path(const char* rest) {
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "") + rest;
}

std::string fingerprint(ssh_session s) {
  ssh_key key = nullptr;
  if (ssh_get_server_publickey(s, &key) != SSH_OK) return "(no key)";
  unsigned char* hash = nullptr;
  size_t len = 0;
  std::string out = "(no fingerprint)";
  if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) == 0) {
    char* text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len);
    if (text) out = std::string(ssh_key_type_to_char(ssh_key_type(key))) + " " + text;
    ssh_string_free_char(text);
    ssh_clean_pubkey_hash(&hash);
  }
  ssh_key_free(key);
  return out;
}

bool verify_host(ssh_session s, const SshOptions& o, std::string* error, ConnectFailure* failure) {
  const std::string where = o.target.to_string();
  const std::string file = o.known_hosts.empty() ? home_path("/.ssh/known_hosts") : o.known_hosts;
  switch (ssh_session_is_known_server(s)) {
    case SSH_KNOWN_HOSTS_OK:
      return true;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
      *failure = ConnectFailure::ChangedHostKey;
      *error = "host key of " + where + " has CHANGED (now " + fingerprint(s) + "; " + file +
               " has another): refused. If the host was reinstalled, remove its old entry (ssh-keygen -R) and connect "
               "again; otherwise someone may be intercepting the connection.";
      return false;
    case SSH_KNOWN_HOSTS_NOT_FOUND:
    case SSH_KNOWN_HOSTS_UNKNOWN:
      if (o.policy == HostKeyPolicy::TrustNew) {
        if (ssh_session_update_known_hosts(s) != SSH_OK) {
          *error = "cannot add the host key of " + where + " to " + file + ": " + ssh_get_error(s);
          return false;
        }
        return true;
      }
      *failure = ConnectFailure::UnknownHostKey;
      *error = "host " + where + " is not in " + file + " (its key: " + fingerprint(s) +
               "): refused. Check the fingerprint, then trust it (sisctl --trust-new-host-key, or ssh to it once).";
      return false;
    case SSH_KNOWN_HOSTS_ERROR:
    default:
      *error = std::string("cannot check the host key of ") + where + ": " + ssh_get_error(s);
      return false;
  }
}

bool authenticate(ssh_session s, const SshOptions& o, std::string* error) {
  if (ssh_userauth_none(s, nullptr) == SSH_AUTH_SUCCESS) return true;
  if (!o.identity.empty()) {
    ssh_key key = nullptr;
    if (ssh_pki_import_privkey_file(o.identity.c_str(), nullptr, nullptr, nullptr, &key) != SSH_OK) {
      *error = "cannot read the identity file " + o.identity;
      return false;
    }
    const int rc = ssh_userauth_publickey(s, nullptr, key);
    ssh_key_free(key);
    if (rc == SSH_AUTH_SUCCESS) return true;
  } else {
    if (std::getenv("SSH_AUTH_SOCK") && ssh_userauth_agent(s, nullptr) == SSH_AUTH_SUCCESS) return true;
    if (ssh_userauth_publickey_auto(s, nullptr, nullptr) == SSH_AUTH_SUCCESS) return true;
  }
  if (!o.password.empty() && ssh_userauth_password(s, nullptr, o.password.c_str()) == SSH_AUTH_SUCCESS) return true;
  *error = "authentication to " + o.target.to_string() + " failed (tried " +
           (o.identity.empty() ? std::string("the agent and ~/.ssh/id_*") : "the key " + o.identity) +
           (o.password.empty() ? std::string() : " and the password") + "): " + ssh_get_error(s);
  return false;
}

int listen_unix(const std::string& path, std::string* error) {
  sockaddr_un addr{};
  if (path.size() >= sizeof(addr.sun_path)) {
    *error = "socket path too long: " + path;
    return -1;
  }
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);  // accept never blocks the I/O thread
  ::unlink(path.c_str());
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::chmod(path.c_str(), 0600) != 0 ||
      ::listen(fd, 16) != 0) {
    *error = "cannot listen on " + path + ": " + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return -1;
  }
  return fd;
}

bool write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

struct SshLink::Impl {
  SshOptions opt;
  ssh_session s = nullptr;
  ssh_channel pump = nullptr;  // an idle session channel: reading it lets libssh process packets
  sftp_session sftp = nullptr;
  std::thread io;
  int wake[2] = {-1, -1};

  mutable std::mutex m;
  std::deque<std::function<void()>> inbox;
  bool stopping = false;
  bool lost = false;
  std::string lost_why;
  std::function<void(const std::string&)> lost_handler;
  std::atomic<std::uint64_t> fwd_bytes{0};

  struct Listener {
    int fd;
    std::string remote;
    std::string local;
  };
  struct Pair {
    int fd;
    ssh_channel ch;
    bool local_eof = false;
    bool remote_eof = false;
  };
  struct Exec {
    ssh_channel ch;
    std::string out, err;
    Clock::time_point deadline;
    std::promise<ExecResult> done;
  };
  struct Transfer {
    bool upload;
    FILE* local = nullptr;
    sftp_file remote = nullptr;
    std::string local_final, remote_final, part;
    std::uint64_t offset = 0, total = 0;
    Progress progress;
    std::promise<std::string> done;  // empty: success
  };
  std::vector<Listener> listeners;
  std::vector<Pair> pairs;
  std::vector<std::unique_ptr<Exec>> execs;
  std::vector<std::unique_ptr<Transfer>> transfers;
  Clock::time_point last_keepalive = Clock::now();

  // Runs `job` on the I/O thread. False when the link is gone (the job is not run).
  bool post(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> g(m);
      if (lost || stopping) return false;
      inbox.push_back(std::move(job));
    }
    const char c = 1;
    (void)!::write(wake[1], &c, 1);
    return true;
  }

  std::string why_lost() const {
    std::lock_guard<std::mutex> g(m);
    return lost_why.empty() ? std::string("the SSH connection is closed") : lost_why;
  }

  int timeout_ms(int given) const { return given > 0 ? given : opt.timeout_ms; }

  // --- on the I/O thread -------------------------------------------------------------

  void close_pair(Pair& p) {
    if (p.fd >= 0) ::close(p.fd);
    if (p.ch) {
      ssh_channel_close(p.ch);
      ssh_channel_free(p.ch);
    }
    p.fd = -1;
    p.ch = nullptr;
  }

  void accept_on(Listener& l) {
    const int fd = ::accept4(l.fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) return;
    ssh_channel ch = ssh_channel_new(s);
    if (!ch || ssh_channel_open_forward_unix(ch, l.remote.c_str(), "127.0.0.1", 0) != SSH_OK) {
      // The client sees its connection closed at once, like a refused local socket.
      std::fprintf(stderr, "ssh: cannot reach %s on %s: %s\n", l.remote.c_str(), opt.target.to_string().c_str(),
                   ssh_get_error(s));
      if (ch) ssh_channel_free(ch);
      ::close(fd);
      return;
    }
    pairs.push_back(Pair{fd, ch});
  }

  void start_exec(const std::string& command, const std::string& input, int timeout, std::promise<ExecResult> done) {
    auto e = std::make_unique<Exec>();
    e->done = std::move(done);
    e->deadline = Clock::now() + std::chrono::milliseconds(timeout);
    e->ch = ssh_channel_new(s);
    if (!e->ch || ssh_channel_open_session(e->ch) != SSH_OK || ssh_channel_request_exec(e->ch, command.c_str()) != SSH_OK ||
        (!input.empty() && ssh_channel_write(e->ch, input.data(), static_cast<uint32_t>(input.size())) !=
                               static_cast<int>(input.size())) ||
        ssh_channel_send_eof(e->ch) != SSH_OK) {
      ExecResult r;
      r.error = std::string("cannot run a command on ") + opt.target.to_string() + ": " + ssh_get_error(s);
      if (e->ch) ssh_channel_free(e->ch);
      e->done.set_value(r);
      return;
    }
    execs.push_back(std::move(e));
  }

  // Reads what a channel has without waiting; false on EOF or error.
  static bool read_available(ssh_channel ch, int is_stderr, std::string* into, bool* moved) {
    char buf[16384];
    for (;;) {
      const int n = ssh_channel_read_nonblocking(ch, buf, sizeof buf, is_stderr);
      if (n > 0) {
        into->append(buf, static_cast<size_t>(n));
        *moved = true;
        continue;
      }
      return n == 0;
    }
  }

  void service_execs(bool* moved) {
    for (auto it = execs.begin(); it != execs.end();) {
      Exec& e = **it;
      read_available(e.ch, 0, &e.out, moved);
      read_available(e.ch, 1, &e.err, moved);
      const bool finished = ssh_channel_is_eof(e.ch) || ssh_channel_is_closed(e.ch);
      if (!finished && Clock::now() < e.deadline) {
        ++it;
        continue;
      }
      ExecResult r;
      r.out = std::move(e.out);
      r.err = std::move(e.err);
      if (finished) {
        r.exit_status = ssh_channel_get_exit_status(e.ch);
        r.ran = r.exit_status >= 0;
        if (!r.ran) r.error = "the command ended without an exit status (killed by a signal?)";
      } else {
        r.error = "no answer from " + opt.target.to_string() + " within " + std::to_string(opt.timeout_ms / 1000) + " s";
      }
      ssh_channel_close(e.ch);
      ssh_channel_free(e.ch);
      e.done.set_value(std::move(r));
      it = execs.erase(it);
    }
  }

  void service_pairs(const std::vector<pollfd>& fds, size_t first_pair_fd, bool* moved) {
    char buf[32768];
    for (size_t i = 0; i < pairs.size(); ++i) {
      Pair& p = pairs[i];
      if (p.fd < 0) continue;
      // Local -> remote (poll results line up with pairs that existed when polling).
      const size_t pi = first_pair_fd + i;
      if (!p.local_eof && pi < fds.size() && fds[pi].fd == p.fd && (fds[pi].revents & (POLLIN | POLLHUP | POLLERR))) {
        const ssize_t n = ::recv(p.fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0) {
          if (ssh_channel_write(p.ch, buf, static_cast<uint32_t>(n)) != n) {
            close_pair(p);
            continue;
          }
          fwd_bytes += static_cast<std::uint64_t>(n);
          *moved = true;
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
          p.local_eof = true;
          ssh_channel_send_eof(p.ch);
        }
      }
      // Remote -> local.
      for (;;) {
        const int n = ssh_channel_read_nonblocking(p.ch, buf, sizeof buf, 0);
        if (n > 0) {
          if (!write_all(p.fd, buf, static_cast<size_t>(n))) {
            close_pair(p);
            break;
          }
          fwd_bytes += static_cast<std::uint64_t>(n);
          *moved = true;
          continue;
        }
        if (n < 0 || ssh_channel_is_eof(p.ch)) {
          p.remote_eof = true;
          ::shutdown(p.fd, SHUT_WR);
        }
        break;
      }
      // Done when both sides said EOF, or the remote end closed the channel.
      if (p.fd >= 0 && ((p.local_eof && p.remote_eof) || ssh_channel_is_closed(p.ch))) close_pair(p);
    }
    for (auto it = pairs.begin(); it != pairs.end();) it = it->fd < 0 ? pairs.erase(it) : it + 1;
  }

  bool ensure_sftp(std::string* error) {
    if (sftp) return true;
    sftp = sftp_new(s);
    if (!sftp || sftp_init(sftp) != SSH_OK) {
      *error = std::string("SFTP is not available on ") + opt.target.to_string() + ": " + ssh_get_error(s);
      if (sftp) sftp_free(sftp);
      sftp = nullptr;
      return false;
    }
    return true;
  }

  void start_transfer(std::unique_ptr<Transfer> t) {
    std::string error;
    auto fail = [&](const std::string& why) { t->done.set_value(why.empty() ? std::string("transfer failed") : why); };
    if (!ensure_sftp(&error)) return fail(error);
    if (t->upload) {
      t->local = std::fopen(t->local_final.c_str(), "rb");
      if (!t->local) return fail("cannot read " + t->local_final + ": " + std::strerror(errno));
      struct stat st{};
      ::fstat(fileno(t->local), &st);
      t->total = static_cast<std::uint64_t>(st.st_size);
      t->part = t->remote_final + ".part";
      sftp_attributes a = sftp_stat(sftp, t->part.c_str());
      if (a) {
        if (a->size <= t->total) t->offset = a->size;  // resume
        sftp_attributes_free(a);
      }
      t->remote = sftp_open(sftp, t->part.c_str(), O_WRONLY | O_CREAT | (t->offset ? 0 : O_TRUNC), 0600);
      if (!t->remote)
        return fail("cannot write " + t->part + " on " + opt.target.to_string() + ": " + ssh_get_error(s));
      sftp_seek64(t->remote, t->offset);
      std::fseek(t->local, static_cast<long>(t->offset), SEEK_SET);
    } else {
      sftp_attributes a = sftp_stat(sftp, t->remote_final.c_str());
      if (!a) return fail("no " + t->remote_final + " on " + opt.target.to_string() + ": " + ssh_get_error(s));
      t->total = a->size;
      sftp_attributes_free(a);
      t->part = t->local_final + ".part";
      struct stat st{};
      if (::stat(t->part.c_str(), &st) == 0 && static_cast<std::uint64_t>(st.st_size) <= t->total)
        t->offset = static_cast<std::uint64_t>(st.st_size);
      t->local = std::fopen(t->part.c_str(), t->offset ? "r+b" : "wb");
      if (!t->local) return fail("cannot write " + t->part + ": " + std::strerror(errno));
      std::fseek(t->local, static_cast<long>(t->offset), SEEK_SET);
      t->remote = sftp_open(sftp, t->remote_final.c_str(), O_RDONLY, 0);
      if (!t->remote) {
        std::fclose(t->local);
        return fail("cannot read " + t->remote_final + " on " + opt.target.to_string() + ": " + ssh_get_error(s));
      }
      sftp_seek64(t->remote, t->offset);
    }
    if (t->progress) t->progress(t->offset, t->total);
    transfers.push_back(std::move(t));
  }

  // Moves up to 8 chunks of every transfer, so forwarded channels keep flowing meanwhile.
  void service_transfers() {
    char buf[32768];
    for (auto it = transfers.begin(); it != transfers.end();) {
      Transfer& t = **it;
      std::string error;
      bool complete = false;
      for (int chunk = 0; chunk < 8 && error.empty() && !complete; ++chunk) {
        if (t.upload) {
          const size_t n = std::fread(buf, 1, sizeof buf, t.local);
          // A chunk of zeros (disk images are mostly holes) becomes a hole there too: a
          // seek, not a write and its round trip. The last chunk is always written, so the
          // file gets its full size; a resumed upload starts at the part's size, before
          // which everything is either written or such a hole.
          const bool zeros = n > 0 && t.offset + n < t.total && buf[0] == 0 && std::memcmp(buf, buf + 1, n - 1) == 0;
          if (n == 0) {
            complete = true;
          } else if (zeros) {
            if (sftp_seek64(t.remote, t.offset + n) < 0)
              error = "seeking in " + t.part + " failed: " + ssh_get_error(s);
            else
              t.offset += n;
          } else if (sftp_write(t.remote, buf, n) != static_cast<ssize_t>(n)) {
            error = "writing " + t.part + " failed: " + ssh_get_error(s);
          } else {
            t.offset += n;
          }
        } else {
          const ssize_t n = sftp_read(t.remote, buf, sizeof buf);
          if (n == 0) {
            complete = true;
          } else if (n < 0) {
            error = "reading " + t.remote_final + " failed: " + ssh_get_error(s);
          } else if (std::fwrite(buf, 1, static_cast<size_t>(n), t.local) != static_cast<size_t>(n)) {
            error = "writing " + t.part + " failed: " + std::strerror(errno);
          } else {
            t.offset += static_cast<std::uint64_t>(n);
          }
        }
      }
      if (t.progress) t.progress(t.offset, t.total);
      if (error.empty() && !complete) {
        ++it;
        continue;
      }
      sftp_close(t.remote);
      const bool flushed = std::fclose(t.local) == 0;
      if (error.empty() && !flushed) error = "writing " + t.part + " failed";
      if (error.empty() && t.offset != t.total) error = "size changed during the transfer";
      if (error.empty()) {
        if (t.upload) {
          sftp_unlink(sftp, t.remote_final.c_str());
          if (sftp_rename(sftp, t.part.c_str(), t.remote_final.c_str()) != SSH_OK)
            error = "cannot rename " + t.part + " on " + opt.target.to_string() + ": " + ssh_get_error(s);
        } else if (std::rename(t.part.c_str(), t.local_final.c_str()) != 0) {
          error = "cannot rename " + t.part + ": " + std::strerror(errno);
        }
      }
      t.done.set_value(error);
      it = transfers.erase(it);
    }
  }

  bool connection_ok(std::string* why) {
    const int st = ssh_get_status(s);
    if ((st & (SSH_CLOSED | SSH_CLOSED_ERROR)) || !ssh_is_connected(s) || ssh_channel_is_closed(pump)) {
      *why = std::string("the SSH connection to ") + opt.target.to_string() + " was lost: " +
             (ssh_get_error(s)[0] ? ssh_get_error(s) : "closed by the peer");
      return false;
    }
    return true;
  }

  void fail_everything(const std::string& why) {
    for (auto& p : pairs) close_pair(p);
    pairs.clear();
    for (auto& e : execs) {
      ExecResult r;
      r.error = why;
      e->done.set_value(r);
    }
    execs.clear();
    for (auto& t : transfers) {
      if (t->local) std::fclose(t->local);
      t->done.set_value(why);
    }
    transfers.clear();
  }

  void run() {
    std::string why;
    for (;;) {
      std::vector<pollfd> fds;
      fds.push_back({wake[0], POLLIN, 0});
      fds.push_back({ssh_get_fd(s), POLLIN, 0});
      const size_t polled_listeners = listeners.size();  // jobs below may add more
      for (auto& l : listeners) fds.push_back({l.fd, POLLIN, 0});
      const size_t first_pair_fd = fds.size();
      for (auto& p : pairs) fds.push_back({p.fd, static_cast<short>(p.local_eof ? 0 : POLLIN), 0});
      const auto since = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - last_keepalive).count();
      int wait_ms = static_cast<int>(std::max<long long>(0, opt.keepalive_ms - since));
      if (!transfers.empty()) wait_ms = 0;
      if (!execs.empty()) wait_ms = std::min(wait_ms, 100);  // exec deadlines
      ::poll(fds.data(), fds.size(), std::min(wait_ms, 1000));

      std::deque<std::function<void()>> jobs;
      {
        std::lock_guard<std::mutex> g(m);
        jobs.swap(inbox);
        if (stopping) break;
      }
      if (fds[0].revents & POLLIN) {
        char drain[64];
        while (::read(wake[0], drain, sizeof drain) > 0) {
        }
      }
      for (auto& job : jobs) job();
      for (size_t i = 0; i < polled_listeners; ++i)
        if (fds[2 + i].revents & POLLIN) accept_on(listeners[i]);
      bool moved = true;
      for (int pass = 0; moved && pass < 64; ++pass) {
        moved = false;
        bool pump_moved = false;
        std::string ignored;
        read_available(pump, 0, &ignored, &pump_moved);
        service_pairs(pass == 0 ? fds : std::vector<pollfd>{}, first_pair_fd, &moved);
        service_execs(&moved);
      }
      service_transfers();
      if (Clock::now() - last_keepalive >= std::chrono::milliseconds(opt.keepalive_ms)) {
        last_keepalive = Clock::now();
        ssh_send_ignore(s, "");
      }
      if ((fds[1].revents & (POLLHUP | POLLERR | POLLNVAL)) || !connection_ok(&why)) {
        if (why.empty()) why = "the SSH connection to " + opt.target.to_string() + " was lost";
        break;
      }
    }
    std::function<void(const std::string&)> handler;
    std::deque<std::function<void()>> late;
    {
      std::lock_guard<std::mutex> g(m);
      if (!stopping) {
        lost = true;
        lost_why = why;
        handler = lost_handler;
      }
      late.swap(inbox);
    }
    late.clear();  // unrun jobs break their promises: the callers see the link gone
    // New local connections are refused now (not accepted and left unanswered).
    for (auto& l : listeners) {
      ::close(l.fd);
      l.fd = -1;
    }
    fail_everything(why.empty() ? std::string("the SSH connection was closed") : why);
    if (handler) handler(why);
  }
};

SshLink::SshLink(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<SshLink> SshLink::connect(const SshOptions& o, std::string* error, ConnectFailure* failure_out) {
  ConnectFailure ignored;
  ConnectFailure* failure = failure_out ? failure_out : &ignored;
  *failure = ConnectFailure::Other;
  auto impl = std::make_unique<Impl>();
  impl->opt = o;
  ssh_session s = ssh_new();
  impl->s = s;
  const long timeout_s = std::max(1, (o.timeout_ms + 999) / 1000);
  const int port = o.target.port;
  const int no = 0;
  ssh_options_set(s, SSH_OPTIONS_HOST, o.target.host.c_str());
  ssh_options_set(s, SSH_OPTIONS_PORT, &port);
  if (!o.target.user.empty()) ssh_options_set(s, SSH_OPTIONS_USER, o.target.user.c_str());
  ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout_s);
  // Our options are the whole truth: ~/.ssh/config must not redirect host or keys silently.
  ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
  if (!o.known_hosts.empty()) ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, o.known_hosts.c_str());
  auto fail = [&](const std::string& why) -> std::unique_ptr<SshLink> {
    *error = why;
    ssh_disconnect(s);
    ssh_free(s);
    impl->s = nullptr;
    return nullptr;
  };
  if (ssh_connect(s) != SSH_OK) {
    *failure = ConnectFailure::Unreachable;
    return fail("cannot connect to " + o.target.to_string() + ": " + ssh_get_error(s));
  }
  if (!verify_host(s, o, error, failure)) return fail(*error);
  if (!authenticate(s, o, error)) {
    *failure = ConnectFailure::Authentication;
    return fail(*error);
  }
  // A silently dead peer (no RST): unacknowledged keep-alives end the TCP connection.
  const int fd = ssh_get_fd(s);
  const unsigned user_timeout = static_cast<unsigned>(std::max(3 * o.keepalive_ms, o.timeout_ms));
  ::setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout, sizeof user_timeout);
  impl->pump = ssh_channel_new(s);
  if (!impl->pump || ssh_channel_open_session(impl->pump) != SSH_OK)
    return fail("cannot open a channel on " + o.target.to_string() + ": " + ssh_get_error(s));
  if (::pipe2(impl->wake, O_CLOEXEC | O_NONBLOCK) != 0) return fail("pipe: " + std::string(std::strerror(errno)));
  Impl* raw = impl.get();
  impl->io = std::thread([raw] { raw->run(); });
  *failure = ConnectFailure::None;
  return std::unique_ptr<SshLink>(new SshLink(std::move(impl)));
}

SshLink::~SshLink() {
  {
    std::lock_guard<std::mutex> g(impl_->m);
    impl_->stopping = true;
  }
  const char c = 1;
  (void)!::write(impl_->wake[1], &c, 1);
  impl_->io.join();
  impl_->fail_everything("the SSH link was closed");
  for (auto& l : impl_->listeners) {
    if (l.fd >= 0) ::close(l.fd);
    ::unlink(l.local.c_str());
  }
  if (impl_->sftp) sftp_free(impl_->sftp);
  if (impl_->pump) ssh_channel_free(impl_->pump);
  ssh_disconnect(impl_->s);
  ssh_free(impl_->s);
  ::close(impl_->wake[0]);
  ::close(impl_->wake[1]);
}

ExecResult SshLink::exec(const std::string& command, const std::string& input, int timeout_ms) {
  std::promise<ExecResult> p;
  auto f = p.get_future();
  auto shared = std::make_shared<std::promise<ExecResult>>(std::move(p));
  Impl* impl = impl_.get();
  const int t = impl->timeout_ms(timeout_ms);
  if (!impl->post([impl, shared, command, input, t] {
        if (impl->lost) {
          ExecResult r;
          r.error = impl->lost_why;
          shared->set_value(r);
          return;
        }
        impl->start_exec(command, input, t, std::move(*shared));
      })) {
    ExecResult r;
    r.error = impl->why_lost();
    return r;
  }
  // Only the job may own the promise: a job the I/O thread drops unrun (the link was lost
  // after it was posted) must break it, or get() below waits forever.
  shared.reset();
  try {
    return f.get();
  } catch (const std::future_error&) {
    ExecResult r;
    r.error = impl->why_lost();
    return r;
  }
}

bool SshLink::forward_unix(const std::string& local_socket, const std::string& remote_socket, std::string* error) {
  const int fd = listen_unix(local_socket, error);
  if (fd < 0) return false;
  Impl* impl = impl_.get();
  auto p = std::make_shared<std::promise<void>>();
  auto f = p->get_future();
  if (impl->post([impl, fd, local_socket, remote_socket, p] {
        impl->listeners.push_back({fd, remote_socket, local_socket});
        p->set_value();
      })) {
    p.reset();  // only the job owns the promise (see exec)
    try {
      f.get();
      return true;
    } catch (const std::future_error&) {
    }
  }
  ::close(fd);
  *error = impl->why_lost();
  return false;
}

namespace {

bool run_transfer(SshLink::Impl* impl, bool upload, const std::string& local, const std::string& remote,
                  const Progress& progress, std::string* error);

}  // namespace

bool SshLink::upload(const std::string& local_path, const std::string& remote_path, const Progress& progress,
                     std::string* error) {
  return run_transfer(impl_.get(), true, local_path, remote_path, progress, error);
}

bool SshLink::download(const std::string& remote_path, const std::string& local_path, const Progress& progress,
                       std::string* error) {
  return run_transfer(impl_.get(), false, local_path, remote_path, progress, error);
}

namespace {

bool run_transfer(SshLink::Impl* impl, bool upload, const std::string& local, const std::string& remote,
                  const Progress& progress, std::string* error) {
  auto t = std::make_shared<std::unique_ptr<SshLink::Impl::Transfer>>(std::make_unique<SshLink::Impl::Transfer>());
  (*t)->upload = upload;
  (*t)->local_final = local;
  (*t)->remote_final = remote;
  (*t)->progress = progress;
  auto f = (*t)->done.get_future();
  if (!impl->post([impl, t] { impl->start_transfer(std::move(*t)); })) {
    *error = impl->why_lost();
    return false;
  }
  t.reset();  // only the job owns the transfer and its promise (see SshLink::exec)
  std::string result;
  try {
    result = f.get();
  } catch (const std::future_error&) {
    result = impl->why_lost();
  }
  if (!result.empty()) *error = result;
  return result.empty();
}

}  // namespace

bool SshLink::alive() const {
  std::lock_guard<std::mutex> g(impl_->m);
  return !impl_->lost;
}

std::string SshLink::lost_reason() const { return impl_->why_lost(); }

void SshLink::set_lost_handler(std::function<void(const std::string&)> handler) {
  std::lock_guard<std::mutex> g(impl_->m);
  impl_->lost_handler = std::move(handler);
}

std::uint64_t SshLink::forwarded_bytes() const { return impl_->fwd_bytes; }

const SshOptions& SshLink::options() const { return impl_->opt; }

}  // namespace sis::remote
