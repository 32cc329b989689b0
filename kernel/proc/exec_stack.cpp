// The initial stack image (exec_stack.h). Sizes are computed and checked first, then the
// image is written once, top-down in address order, into the caller's buffer.
#include "proc/exec_stack.h"

#include "lib/env.h"
#include "lib/string.h"
#include "proc/user_layout.h"

namespace sis::proc {

namespace {

constexpr char kPlatform[] = "aarch64";  // AT_PLATFORM (8 bytes with the NUL)
const char* const kEmptyArgv[] = {""};

// Sums the string bytes (NULs included) of n strings; fails over the byte cap or on nullptr.
Error sum_strings(const char* const* v, usize n, usize* total) {
  for (usize i = 0; i < n; ++i) {
    if (!v[i]) return Error::Invalid;
    // strnlen-style: never scan past what the cap could still allow.
    usize room = kMaxArgBytes - *total;
    usize len = 0;
    while (len < room && v[i][len]) ++len;
    if (len == room) return Error::TooBig;  // the NUL would not fit either
    *total += len + 1;
  }
  return Error::Ok;
}

}  // namespace

Result<StackImage> build_exec_stack(const ExecStackInput& in, u8* buf, usize cap) {
  if (!in.plan || !in.random16 || !in.execfn || !buf) return Error::Invalid;
  if (in.argc && !in.argv) return Error::Invalid;
  if (in.envc && !in.envp) return Error::Invalid;
  if (in.stack_top % 16 != 0 || in.stack_top < kExecStackMaxImage) return Error::Invalid;
  const char* const* argv = in.argc ? in.argv : kEmptyArgv;
  usize argc = in.argc ? in.argc : 1;
  if (argc > kMaxArgCount || in.envc > kMaxArgCount) return Error::TooBig;

  usize arg_bytes = 0;
  TRY(sum_strings(argv, argc, &arg_bytes));
  TRY(sum_strings(in.envp, in.envc, &arg_bytes));
  usize execfn_len = 0;
  while (execfn_len < kMaxExecFn && in.execfn[execfn_len]) ++execfn_len;
  if (execfn_len == kMaxExecFn) return Error::PathTooLong;

  // Addresses, from the top down (see the picture in exec_stack.h).
  u64 top = in.stack_top;
  u64 end_marker = top - 8;
  u64 execfn_va = end_marker - (execfn_len + 1);
  u64 strings_va = execfn_va - arg_bytes;  // argv[0] here, envp strings after the argv ones
  u64 platform_va = align_down(strings_va, 16) - sizeof kPlatform;
  u64 random_va = platform_va - 16;
  usize words = 1 + (argc + 1) + (in.envc + 1) + 2 * kAuxvPairs;
  u64 sp = align_down(random_va - words * 8, 16);
  usize size = static_cast<usize>(top - sp);
  if (size > cap) return Error::TooBig;

  memset(buf, 0, size);
  auto at = [&](u64 va) { return buf + (va - sp); };

  StackImage img;
  img.sp = sp;
  img.size = size;
  img.argv = sp + 8;
  img.envp = img.argv + (argc + 1) * 8;
  img.auxv = img.envp + (in.envc + 1) * 8;

  // Strings and the pointers to them.
  st64(at(sp), argc);
  u64 s = strings_va;
  for (usize i = 0; i < argc; ++i) {
    usize n = strlen(argv[i]) + 1;  // bounded: sum_strings measured it
    memcpy(at(s), argv[i], n);
    st64(at(img.argv + i * 8), s);
    s += n;
  }
  for (usize i = 0; i < in.envc; ++i) {
    usize n = strlen(in.envp[i]) + 1;
    memcpy(at(s), in.envp[i], n);
    st64(at(img.envp + i * 8), s);
    s += n;
  }
  memcpy(at(execfn_va), in.execfn, execfn_len + 1);
  memcpy(at(platform_va), kPlatform, sizeof kPlatform);
  memcpy(at(random_va), in.random16, 16);

  // The auxiliary vector, in the order Linux writes it.
  const LoadPlan& p = *in.plan;
  const u64 aux[kAuxvPairs][2] = {
      {AT_HWCAP, in.hwcap},      {AT_PAGESZ, kUserPage},   {AT_CLKTCK, kClockTicks},
      {AT_PHDR, p.phdr},         {AT_PHENT, p.phentsize},  {AT_PHNUM, p.phnum},
      {AT_BASE, 0},              {AT_FLAGS, 0},            {AT_ENTRY, p.entry},
      {AT_UID, in.uid},          {AT_EUID, in.uid},        {AT_GID, in.gid},
      {AT_EGID, in.gid},         {AT_SECURE, 0},           {AT_RANDOM, random_va},
      {AT_HWCAP2, in.hwcap2},    {AT_EXECFN, execfn_va},   {AT_PLATFORM, platform_va},
      {AT_NULL, 0},
  };
  for (usize i = 0; i < kAuxvPairs; ++i) {
    st64(at(img.auxv + i * 16), aux[i][0]);
    st64(at(img.auxv + i * 16 + 8), aux[i][1]);
  }
  return img;
}

}  // namespace sis::proc
