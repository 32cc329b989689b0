// File commands over the kernel VFS: ls, cat, stat, write, append, mkdir, rm, rmdir, mv,
// ln -s, df, sync, mount, fsinfo, cksum. Status commands print a table, or one JSON object
// with --json. Also installs the shell's `> PATH` / `>> PATH` redirect target.
#include "fs/fs_boot.h"
#include "fs/fs_json.h"
#include "fs/vfs.h"
#include "lib/json.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "shell/cancel.h"
#include "shell/command.h"
#include "lib/json_output.h"

namespace sis::shell {
namespace {

using fs::kernel_vfs;

// Paths from argv are not NUL-terminated: the VFS takes StrViews, so pass them through.
int fail(Output& out, const char* cmd, StrView what, Error e) {
  out.printf("%s: %.*s: %s\n", cmd, static_cast<int>(what.size), what.data, error_name(e));
  return 1;
}

StrView first_operand(const Args& a, usize from = 1) {
  for (usize i = from; i < a.argc; ++i)
    if (!a.argv[i].starts_with("-") || a.argv[i] == "-") return a.argv[i];
  return {};
}

void mode_string(u32 mode, char* s) {
  const char* types = "?pc?d?b?-?l?s???";
  s[0] = types[(mode >> 12) & 15];
  const char* rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; ++i) s[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
  s[10] = 0;
}

// ---- ls ----
struct LsCtx {
  Output* out;
  StrView dir;
  bool longf;
  JsonWriter* w;
  usize count;
};

bool ls_one(void* p, const fs::DirEntry& e) {
  auto* c = static_cast<LsCtx*>(p);
  if (e.name_view() == "." || e.name_view() == "..") return true;
  ++c->count;
  fs::Stat st;
  bool have = false;
  if (c->longf || c->w) {
    static char path[fs::Vfs::kMaxPath];  // PATH_MAX is too big for a 16 KiB kernel stack
    format(path, sizeof path, "%.*s/%s", static_cast<int>(c->dir.size), c->dir.data, e.name);
    auto r = kernel_vfs().lstat(path);
    if (r.ok()) { st = r.value(); have = true; }
  }
  if (c->w) {  // an entry as in the control port's fs.list
    c->w->begin_object().kv("name", e.name_view());
    if (have) fs::write_stat_members(*c->w, st);
    else c->w->kv("type", fs::json_type_name(e.type)).kv_uint("inode", e.ino);
    c->w->end_object();
    return true;
  }
  if (!c->longf) {
    c->out->printf("%s%s\n", e.name, e.type == fs::FileType::Directory ? "/" : "");
    return true;
  }
  char m[11] = "?---------";
  if (have) mode_string(st.mode, m);
  c->out->printf("%s %3u %10llu %12lld %s", m, have ? st.nlink : 0, static_cast<unsigned long long>(have ? st.size : 0),
                 static_cast<long long>(have ? st.mtime : 0), e.name);
  if (have && st.type() == fs::FileType::Symlink) {
    char t[256];
    static char path[fs::Vfs::kMaxPath];  // PATH_MAX is too big for a 16 KiB kernel stack
    format(path, sizeof path, "%.*s/%s", static_cast<int>(c->dir.size), c->dir.data, e.name);
    auto n = kernel_vfs().readlink(path, t, sizeof t - 1);
    if (n.ok()) c->out->printf(" -> %.*s", static_cast<int>(min<usize>(n.value(), sizeof t - 1)), t);
  }
  c->out->print("\n");
  return true;
}

int cmd_ls(const Args& a, Output& out) {
  StrView path = first_operand(a);
  if (path.empty()) path = "/";
  auto st = kernel_vfs().stat(path);
  if (!st.ok()) return fail(out, "ls", path, st.error());
  if (st.value().type() != fs::FileType::Directory) {
    out.printf("%.*s\n", static_cast<int>(path.size), path.data);
    return 0;
  }
  LsCtx c{&out, path, a.has("-l"), nullptr, 0};
  if (a.has("--json")) {
    Error e = Error::Ok;
    int rc = print_json(out, [&](JsonWriter& w) {
      c.w = &w;
      w.begin_object().kv("path", path).key("entries").begin_array();
      e = kernel_vfs().list(path, ls_one, &c);
      w.end_array().kv_uint("count", c.count).end_object();
    });
    return e == Error::Ok ? rc : fail(out, "ls", path, e);
  }
  Error e = kernel_vfs().list(path, ls_one, &c);
  return e == Error::Ok ? 0 : fail(out, "ls", path, e);
}
SIS_COMMAND("ls", "list the files in a directory (-l: mode, links, size, time)", "ls [-l] [PATH] [--json]", cmd_ls);

// ---- cat / cksum ----
template <typename F>
Error read_whole(StrView path, F&& chunk) {
  static u8 buf[16384];
  u64 off = 0;
  for (;;) {
    // Ctrl-C or shell.exec's deadline: a huge file need not be read to the end (the
    // caller says "interrupted": see stop_reason).
    if (cancelled()) return Error::TimedOut;
    auto r = TRY(kernel_vfs().read_file(path, off, buf, sizeof buf));
    if (r == 0) return Error::Ok;
    chunk(buf, r);
    off += r;
  }
}

// A read loop stopped by cancellation reports that, not a file-system error.
int read_failed(Output& out, const char* cmd, StrView path, Error e) {
  CancelToken* t = current_cancel_token();
  if (e == Error::TimedOut && t && t->observed) {
    out.printf("%s: %.*s: interrupted\n", cmd, static_cast<int>(path.size), path.data);
    return 1;
  }
  return fail(out, cmd, path, e);
}

int cmd_cat(const Args& a, Output& out) {
  if (a.argc < 2) { out.print("usage: cat FILE...\n"); return 2; }
  int rc = 0;
  for (usize i = 1; i < a.argc; ++i) {
    Error e = read_whole(a.argv[i], [&](const u8* d, usize n) { out.write(StrView(reinterpret_cast<const char*>(d), n)); });
    if (e != Error::Ok) rc = read_failed(out, "cat", a.argv[i], e);
  }
  return rc;
}
SIS_COMMAND("cat", "print the contents of files", "cat FILE...", cmd_cat);

// POSIX cksum: CRC-32 (polynomial 0x04C11DB7, MSB first) over the data then the length.
u32 crc_table[256];
void crc_init() {
  if (crc_table[1]) return;
  for (u32 i = 0; i < 256; ++i) {
    u32 c = i << 24;
    for (int k = 0; k < 8; ++k) c = (c & 0x80000000u) ? (c << 1) ^ 0x04C11DB7u : c << 1;
    crc_table[i] = c;
  }
}
u32 crc_update(u32 crc, const u8* p, usize n) {
  while (n--) crc = (crc << 8) ^ crc_table[((crc >> 24) ^ *p++) & 0xff];
  return crc;
}

int cmd_cksum(const Args& a, Output& out) {
  if (a.argc < 2) { out.print("usage: cksum FILE...\n"); return 2; }
  crc_init();
  int rc = 0;
  for (usize i = 1; i < a.argc; ++i) {
    if (a.argv[i] == "--json") continue;
    u32 crc = 0;
    u64 size = 0;
    Error e = read_whole(a.argv[i], [&](const u8* d, usize n) {
      crc = crc_update(crc, d, n);
      size += n;
    });
    if (e != Error::Ok) { rc = read_failed(out, "cksum", a.argv[i], e); continue; }
    for (u64 s = size; s; s >>= 8) {
      u8 b = static_cast<u8>(s);
      crc = crc_update(crc, &b, 1);
    }
    crc = ~crc;
    if (a.has("--json"))
      print_json(out, [&](JsonWriter& w) { w.begin_object().kv("path", a.argv[i]).kv_uint("crc", crc).kv_uint("size", size).end_object(); });
    else
      out.printf("%u %llu %.*s\n", crc, static_cast<unsigned long long>(size), static_cast<int>(a.argv[i].size), a.argv[i].data);
  }
  return rc;
}
SIS_COMMAND("cksum", "checksum of files: the POSIX cksum CRC and the size", "cksum FILE... [--json]", cmd_cksum);

// ---- stat ----
int cmd_stat(const Args& a, Output& out) {
  StrView path = first_operand(a);
  if (path.empty()) { out.print("usage: stat PATH [--json]\n"); return 2; }
  auto r = kernel_vfs().lstat(path);
  if (!r.ok()) return fail(out, "stat", path, r.error());
  const fs::Stat& s = r.value();
  if (a.has("--json"))
    return print_json(out, [&](JsonWriter& w) {
      // fs.stat's members (fs/fs_json.h), then what only the shell shows
      w.begin_object().kv("path", path);
      fs::write_stat_members(w, s);
      w.kv_uint("uid", s.uid).kv_uint("gid", s.gid).kv_sint("atime", s.atime).kv_sint("ctime", s.ctime);
      w.kv_sint("crtime", s.crtime).kv_uint("flags", s.flags).end_object();
    });
  char m[11];
  mode_string(s.mode, m);
  out.printf("  File: %.*s\n  Type: %s  Inode: %llu  Links: %u\n  Size: %llu  Blocks: %llu  Mode: %s (%04o)\n",
             static_cast<int>(path.size), path.data, fs::file_type_name(s.type()), static_cast<unsigned long long>(s.ino),
             s.nlink, static_cast<unsigned long long>(s.size), static_cast<unsigned long long>(s.blocks), m, s.mode & 07777);
  out.printf("  Uid: %u  Gid: %u  Flags: 0x%x\n  Modify: %lld  Change: %lld  Access: %lld  Birth: %lld\n", s.uid, s.gid,
             s.flags, static_cast<long long>(s.mtime), static_cast<long long>(s.ctime), static_cast<long long>(s.atime),
             static_cast<long long>(s.crtime));
  return 0;
}
SIS_COMMAND("stat", "file status: type, inode, links, size, mode, modification and other times", "stat PATH [--json]", cmd_stat);

// ---- write / append (and the shell redirect) ----
int write_words(const Args& a, Output& out, fs::WriteMode mode, const char* name) {
  if (a.argc < 3) { out.printf("usage: %s PATH TEXT...\n", name); return 2; }
  static char text[4096];
  usize n = 0;
  for (usize i = 2; i < a.argc; ++i) {
    if (n + a.argv[i].size + 2 > sizeof text) return fail(out, name, a.argv[1], Error::TooBig);
    if (i > 2) text[n++] = ' ';
    memcpy(text + n, a.argv[i].data, a.argv[i].size);
    n += a.argv[i].size;
  }
  text[n++] = '\n';
  auto r = kernel_vfs().write_file(a.argv[1], text, n, mode);
  if (!r.ok()) return fail(out, name, a.argv[1], r.error());
  return 0;
}
int cmd_write(const Args& a, Output& out) { return write_words(a, out, fs::WriteMode::Replace, "write"); }
int cmd_append(const Args& a, Output& out) { return write_words(a, out, fs::WriteMode::Append, "append"); }
SIS_COMMAND("write", "replace a file's contents with TEXT and a newline", "write PATH TEXT...", cmd_write);
SIS_COMMAND("append", "append TEXT and a newline to a file", "append PATH TEXT...", cmd_append);

int redirect(StrView path, bool append, StrView data) {
  auto r = kernel_vfs().write_file(path, data.data, data.size, append ? fs::WriteMode::Append : fs::WriteMode::Replace);
  return r.ok() ? 0 : static_cast<int>(r.error());
}
[[gnu::constructor]] void install_redirect() { set_redirect_handler(redirect); }

// ---- namespace changes ----
int cmd_mkdir(const Args& a, Output& out) {
  if (a.argc < 2) { out.print("usage: mkdir PATH...\n"); return 2; }
  int rc = 0;
  for (usize i = 1; i < a.argc; ++i) {
    Error e = kernel_vfs().mkdir(a.argv[i]);
    if (e != Error::Ok) rc = fail(out, "mkdir", a.argv[i], e);
  }
  return rc;
}
SIS_COMMAND("mkdir", "make directories", "mkdir PATH...", cmd_mkdir);

// rm, rmdir and mv refuse "." and ".." as the last component (as POSIX does), before the
// VFS is asked: say why instead of a bare "invalid argument".
bool refuse_dots(Output& out, const char* cmd, StrView path) {
  StrView last = fs::Vfs::last_component(path);
  if (last.empty()) {
    out.printf("%s: refusing to operate on /\n", cmd);
    return true;
  }
  if (!(last == ".") && !(last == "..")) return false;
  out.printf("%s: %.*s: refusing to operate on '.' or '..'\n", cmd, static_cast<int>(path.size), path.data);
  return true;
}

int cmd_rm(const Args& a, Output& out) {
  if (a.argc < 2) { out.print("usage: rm PATH...\n"); return 2; }
  int rc = 0;
  for (usize i = 1; i < a.argc; ++i) {
    if (refuse_dots(out, "rm", a.argv[i])) { rc = 1; continue; }
    Error e = kernel_vfs().unlink(a.argv[i]);
    if (e != Error::Ok) rc = fail(out, "rm", a.argv[i], e);
  }
  return rc;
}
SIS_COMMAND("rm", "remove files or symbolic links", "rm PATH...", cmd_rm);

int cmd_rmdir(const Args& a, Output& out) {
  if (a.argc < 2) { out.print("usage: rmdir PATH...\n"); return 2; }
  int rc = 0;
  for (usize i = 1; i < a.argc; ++i) {
    if (refuse_dots(out, "rmdir", a.argv[i])) { rc = 1; continue; }
    Error e = kernel_vfs().rmdir(a.argv[i]);
    if (e != Error::Ok) rc = fail(out, "rmdir", a.argv[i], e);
  }
  return rc;
}
SIS_COMMAND("rmdir", "remove empty directories", "rmdir PATH...", cmd_rmdir);

int cmd_mv(const Args& a, Output& out) {
  if (a.argc != 3) { out.print("usage: mv FROM TO\n"); return 2; }
  if (refuse_dots(out, "mv", a.argv[1]) || refuse_dots(out, "mv", a.argv[2])) return 1;
  Error e = kernel_vfs().rename(a.argv[1], a.argv[2]);
  return e == Error::Ok ? 0 : fail(out, "mv", a.argv[1], e);
}
SIS_COMMAND("mv", "rename or move a file or directory", "mv FROM TO", cmd_mv);

int cmd_ln(const Args& a, Output& out) {
  if (a.argc != 4 || !(a.argv[1] == "-s")) { out.print("usage: ln -s TARGET LINK\n"); return 2; }
  Error e = kernel_vfs().symlink(a.argv[2], a.argv[3]);
  return e == Error::Ok ? 0 : fail(out, "ln", a.argv[3], e);
}
SIS_COMMAND("ln", "make a symbolic link", "ln -s TARGET LINK", cmd_ln);

int cmd_sync(const Args&, Output& out) {
  Error e = kernel_vfs().sync();
  return e == Error::Ok ? 0 : fail(out, "sync", "/", e);
}
SIS_COMMAND("sync", "write everything to disk (commit the journal)", "sync", cmd_sync);

// ---- df / mount / fsinfo ----
int cmd_df(const Args& a, Output& out) {
  fs::Vfs& v = kernel_vfs();
  bool json = a.has("--json");
  auto row = [&](const fs::MountInfo* m, JsonWriter* w) {
    auto r = v.statfs(m->path);
    if (!r.ok()) return;
    const fs::FsStat& s = r.value();
    u64 kb = s.block_size / 1024 ? s.block_size / 1024 : 1;
    u64 total = s.blocks * s.block_size / 1024, avail = s.avail_blocks * s.block_size / 1024;
    u64 used = (s.blocks - s.free_blocks) * s.block_size / 1024;
    (void)kb;
    if (w) {
      w->begin_object().kv("mount", m->path).kv("source", m->source).kv("type", m->fs->type_name())
          .kv_uint("block_size", s.block_size).kv_uint("total_kib", total).kv_uint("used_kib", used)
          .kv_uint("avail_kib", avail).kv_uint("inodes", s.inodes).kv_uint("free_inodes", s.free_inodes)
          .kv_bool("read_only", s.read_only).end_object();
    } else {
      out.printf("%-8s %-6s %10llu %10llu %10llu %3llu%% %s\n", m->source, m->fs->type_name(),
                 static_cast<unsigned long long>(total), static_cast<unsigned long long>(used),
                 static_cast<unsigned long long>(avail), static_cast<unsigned long long>(total ? used * 100 / total : 0),
                 m->path);
    }
  };
  if (json)
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().key("filesystems").begin_array();
      for (usize i = 0; i < v.mount_count(); ++i) row(v.mount_at(i), &w);
      w.end_array().end_object();
    });
  out.print("Source   Type     1K-blocks       Used      Avail Use% Mounted on\n");
  for (usize i = 0; i < v.mount_count(); ++i) row(v.mount_at(i), nullptr);
  return 0;
}
SIS_COMMAND("df", "file system space", "df [--json]", cmd_df);

int cmd_mount(const Args& a, Output& out) {
  fs::Vfs& v = kernel_vfs();
  if (a.has("--json"))
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().key("mounts").begin_array();
      for (usize i = 0; i < v.mount_count(); ++i) {
        const fs::MountInfo* m = v.mount_at(i);
        w.begin_object().kv("source", m->source).kv("path", m->path).kv("type", m->fs->type_name())
            .kv_bool("read_only", m->fs->read_only()).end_object();
      }
      w.end_array().end_object();
    });
  for (usize i = 0; i < v.mount_count(); ++i) {
    const fs::MountInfo* m = v.mount_at(i);
    out.printf("%s on %s type %s (%s)\n", m->source, m->path, m->fs->type_name(), m->fs->read_only() ? "ro" : "rw");
  }
  return 0;
}
SIS_COMMAND("mount", "show mounted file systems", "mount [--json]", cmd_mount);

int cmd_fsinfo(const Args& a, Output& out) {
  fs::Ext4* e = fs::root_ext4();
  if (!e) {
    out.print("/ is not an ext4 file system (no disk)\n");
    return a.has("--json") ? print_json(out, [](JsonWriter& w) { w.begin_object().kv("type", "ramfs").end_object(); }) : 0;
  }
  fs::Ext4::Info in = e->info();
  const fs::JournalStats* js = e->journal_stats();
  fs::BlockCacheStats cs = e->cache_stats();
  u64 lookups = cs.hits + cs.misses;
  u64 hit_pm = lookups ? cs.hits * 1000 / lookups : 0;  // per mille
  struct Feat {
    u32 word;  // 0 compat, 1 incompat, 2 ro_compat
    u32 bit;
    const char* name;
  };
  static const Feat feats[] = {{0, 0x4, "has_journal"}, {0, 0x8, "ext_attr"}, {0, 0x10, "resize_inode"},
                               {0, 0x20, "dir_index"}, {1, 0x2, "filetype"}, {1, 0x4, "needs_recovery"},
                               {1, 0x40, "extent"}, {1, 0x80, "64bit"}, {1, 0x200, "flex_bg"},
                               {1, 0x2000, "metadata_csum_seed"}, {1, 0x4000, "largedir"}, {1, 0x8000, "inline_data"},
                               {2, 0x1, "sparse_super"}, {2, 0x2, "large_file"}, {2, 0x8, "huge_file"},
                               {2, 0x20, "dir_nlink"}, {2, 0x40, "extra_isize"}, {2, 0x400, "metadata_csum"}};
  auto has = [&](const Feat& f) { return ((f.word == 0 ? in.compat : f.word == 1 ? in.incompat : in.ro_compat) & f.bit) != 0; };
  if (a.has("--json"))
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv("type", "ext4").kv_uint("block_size", in.block_size).kv_uint("blocks", in.blocks)
          .kv_uint("inodes", in.inodes).kv_uint("groups", in.groups).kv_uint("inode_size", in.inode_size)
          .kv_bool("read_only", in.read_only).key("features").begin_array();
      for (const Feat& f : feats)
        if (has(f)) w.string(f.name);
      w.end_array().key("journal").begin_object().kv_bool("present", in.has_journal)
          .kv_uint("blocks", in.journal_blocks).kv_uint("sequence", in.journal_sequence)
          .kv_bool("checksum_v3", (in.journal_features & 0x10) != 0).kv_bool("replayed_at_mount", in.journal_replayed);
      if (js)
        w.kv_uint("replayed_transactions", js->replayed_transactions).kv_uint("replayed_blocks", js->replayed_blocks)
            .kv_uint("commits", js->commits).kv_uint("blocks_logged", js->blocks_logged);
      w.end_object().key("cache").begin_object().kv_uint("buffers", cs.buffers).kv_uint("hits", cs.hits)
          .kv_uint("misses", cs.misses).kv_uint("read_ahead", cs.read_ahead).kv_uint("dirty", cs.dirty)
          .key("hit_rate").fixed(static_cast<i64>(hit_pm), 3).end_object().end_object();
    });
  out.printf("ext4: %u-byte blocks, %llu blocks, %llu inodes, %u groups, %u-byte inodes%s\n", in.block_size,
             static_cast<unsigned long long>(in.blocks), static_cast<unsigned long long>(in.inodes), in.groups,
             in.inode_size, in.read_only ? ", read-only" : "");
  out.print("features:");
  for (const Feat& f : feats)
    if (has(f)) out.printf(" %s", f.name);
  out.print("\n");
  if (in.has_journal) {
    out.printf("journal: %u blocks, sequence %u, checksums %s, %s at mount\n", in.journal_blocks, in.journal_sequence,
               (in.journal_features & 0x10) ? "v3" : "off", in.journal_replayed ? "replayed" : "clean");
    if (js)
      out.printf("journal: %u transactions / %u blocks replayed, %llu commits, %llu blocks logged\n",
                 js->replayed_transactions, js->replayed_blocks, static_cast<unsigned long long>(js->commits),
                 static_cast<unsigned long long>(js->blocks_logged));
  }
  out.printf("cache: %llu buffers, %llu hits, %llu misses (hit rate %llu.%llu%%), %llu read ahead, %llu dirty\n",
             static_cast<unsigned long long>(cs.buffers), static_cast<unsigned long long>(cs.hits),
             static_cast<unsigned long long>(cs.misses), static_cast<unsigned long long>(hit_pm / 10),
             static_cast<unsigned long long>(hit_pm % 10), static_cast<unsigned long long>(cs.read_ahead),
             static_cast<unsigned long long>(cs.dirty));
  return 0;
}
SIS_COMMAND("fsinfo", "file system features, journal state and cache statistics", "fsinfo [--json]", cmd_fsinfo);

}  // namespace
}  // namespace sis::shell
