// file_io [DIR]: file system calls through glibc in a scratch directory DIR/fileio (DIR is
// "tmp" by default, relative, so it is /tmp when run from / under SIS and the rootfs copy's
// tmp under the oracle): create, write, read, lseek (incl. past the end and a hole), fstat,
// O_APPEND, ftruncate, getdents64 (names sorted: directory order is the file system's),
// rename, link, unlink, rmdir, and the errors ENOENT, EEXIST, ENOTEMPTY, EISDIR. It removes
// everything it made and prints results only (no times, inode numbers or addresses).
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "common.h"

static void expect_error(const char *what, int result, int expected) {
  if (result >= 0) printf("%s: succeeded, expected %s\n", what, strerrorname_np(expected));
  else printf("%s: %s\n", what, strerrorname_np(errno));
}

static void write_all(int fd, const char *data, size_t len) {
  while (len > 0) {
    ssize_t put = write(fd, data, len);
    if (put <= 0) die("write");
    data += put;
    len -= (size_t)put;
  }
}

static void show_stat(const char *name) {
  struct stat st;
  if (stat(name, &st) != 0) {
    printf("stat %s: %s\n", name, strerrorname_np(errno));
    return;
  }
  // A directory's size is the file system's business (ext4 4096, tmpfs other): not printed.
  if (S_ISREG(st.st_mode)) {
    printf("stat %s: file, size %lld, mode %04o, links %lu\n", name, (long long)st.st_size,
           (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink);
  } else {
    printf("stat %s: %s, mode %04o, links %lu\n", name, S_ISDIR(st.st_mode) ? "directory" : "other",
           (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink);
  }
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

// getdents64 directly (not readdir) so the system call itself is exercised.
static void list_dir(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY);
  if (fd < 0) die("open directory");
  char buf[4096];
  char *names[64];
  int count = 0;
  for (;;) {
    long got = syscall(SYS_getdents64, fd, buf, sizeof buf);
    if (got < 0) die("getdents64");
    if (got == 0) break;
    for (long off = 0; off < got;) {
      struct dirent64 *d = (struct dirent64 *)(buf + off);
      if (count < 64) {
        char *entry = malloc(strlen(d->d_name) + 8);
        sprintf(entry, "%s%s", d->d_name, d->d_type == DT_DIR ? "/" : d->d_type == DT_REG ? "" : "?");
        names[count++] = entry;
      }
      off += d->d_reclen;
    }
  }
  close(fd);
  qsort(names, (size_t)count, sizeof names[0], compare_names);
  printf("getdents64 %s:", dir);
  for (int i = 0; i < count; i++) {
    printf(" %s", names[i]);
    free(names[i]);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  line_buffered();
  const char *base = argc > 1 ? argv[1] : "tmp";
  umask(022);
  if (chdir(base) != 0) die("chdir to the scratch base");
  if (mkdir("fileio", 0755) != 0) die("mkdir fileio");
  if (chdir("fileio") != 0) die("chdir fileio");

  int fd = open("a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0666);
  if (fd < 0) die("create a.txt");
  for (int i = 0; i < 100; i++) {
    char line[32];
    int n = snprintf(line, sizeof line, "line %03d of a.txt\n", i);
    write_all(fd, line, (size_t)n);
  }
  close(fd);
  show_stat("a.txt");

  fd = open("a.txt", O_RDWR);
  if (fd < 0) die("open a.txt");
  char buf[64] = {0};
  ssize_t got = read(fd, buf, 18);
  printf("read %zd: %.*s", got, (int)got, buf);
  off_t pos = lseek(fd, 18 * 50, SEEK_SET);
  got = read(fd, buf, 18);
  printf("lseek to %lld, read %zd: %.*s", (long long)pos, got, (int)got, buf);
  pos = lseek(fd, -18, SEEK_END);
  got = read(fd, buf, 18);
  printf("lseek -18 from the end to %lld, read %zd: %.*s", (long long)pos, got, (int)got, buf);
  pos = lseek(fd, 100, SEEK_CUR);
  got = read(fd, buf, sizeof buf);
  printf("lseek past the end to %lld, read %zd\n", (long long)pos, got);
  pos = lseek(fd, 8192, SEEK_SET);
  write_all(fd, "after the hole\n", 15);
  struct stat st;
  if (fstat(fd, &st) != 0) die("fstat");
  printf("wrote at %lld: fstat size %lld\n", (long long)pos, (long long)st.st_size);
  if (pread(fd, buf, 16, 4096) != 16) die("pread in the hole");
  int zeros = 0;
  for (int i = 0; i < 16; i++) zeros += buf[i] == 0;
  printf("pread in the hole: %d of 16 bytes are zero\n", zeros);
  if (ftruncate(fd, 36) != 0) die("ftruncate");
  if (fstat(fd, &st) != 0) die("fstat");
  printf("ftruncate to 36: fstat size %lld\n", (long long)st.st_size);
  close(fd);

  fd = open("a.txt", O_WRONLY | O_APPEND);
  if (fd < 0) die("open O_APPEND");
  lseek(fd, 0, SEEK_SET);  // O_APPEND writes at the end regardless
  write_all(fd, "appended\n", 9);
  close(fd);
  fd = open("a.txt", O_RDONLY);
  got = read(fd, buf, sizeof buf);
  close(fd);
  printf("after O_APPEND, %zd bytes:\n%.*s", got, (int)got, buf);

  if (mkdir("sub", 0700) != 0) die("mkdir sub");
  for (const char *name = "bcd"; *name; name++) {
    char path[16];
    snprintf(path, sizeof path, "sub/%c.txt", *name);
    fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0640);
    if (fd < 0) die("create in sub");
    write_all(fd, path, strlen(path));
    close(fd);
  }
  list_dir(".");
  list_dir("sub");
  show_stat("sub");
  show_stat("sub/c.txt");

  expect_error("create sub/b.txt with O_EXCL again", open("sub/b.txt", O_CREAT | O_EXCL | O_WRONLY, 0600), EEXIST);
  expect_error("open missing.txt", open("missing.txt", O_RDONLY), ENOENT);
  expect_error("rmdir a non-empty directory", rmdir("sub"), ENOTEMPTY);
  expect_error("unlink a directory", unlink("sub"), EISDIR);
  expect_error("mkdir over an existing file", mkdir("a.txt", 0755), EEXIST);

  if (rename("a.txt", "sub/renamed.txt") != 0) die("rename");
  show_stat("a.txt");
  show_stat("sub/renamed.txt");
  if (link("sub/renamed.txt", "hard.txt") != 0) die("link");
  show_stat("hard.txt");
  if (unlink("sub/renamed.txt") != 0) die("unlink renamed");
  show_stat("hard.txt");
  list_dir(".");
  list_dir("sub");

  const char *cleanup[] = {"hard.txt", "sub/b.txt", "sub/c.txt", "sub/d.txt"};
  for (size_t i = 0; i < sizeof cleanup / sizeof cleanup[0]; i++) {
    if (unlink(cleanup[i]) != 0) die("unlink");
  }
  if (rmdir("sub") != 0) die("rmdir sub");
  if (chdir("..") != 0) die("chdir ..");
  if (rmdir("fileio") != 0) die("rmdir fileio");
  show_stat("fileio");
  printf("file_io: done\n");
  return 0;
}
