// fs.journal: what the root file system's journal did at the last mount (transactions
// replayed or discarded, with block counts) and since (commits, checkpoints). After a crash
// the host shows this next to the file's content (the crash lab, sisctl crash write).
#include "control/server.h"
#include "fs/fs_boot.h"

namespace sis::control {
namespace {

bool root_is_ext4() { return fs::root_ext4() != nullptr; }

void fs_journal(JsonValue, Response& r) {
  fs::Ext4* e = fs::root_ext4();
  if (!e) return r.error("Unsupported", "/ is not an ext4 file system");
  fs::Ext4::Info in = e->info();
  const fs::JournalStats* js = e->journal_stats();
  auto& w = r.result();
  w.kv_bool("present", in.has_journal && js).kv_bool("replayed_at_mount", in.journal_replayed);
  if (!js) return;
  w.kv_uint("blocks", in.journal_blocks).kv_uint("sequence", in.journal_sequence);
  w.key("replay").begin_object()
      .kv_uint("transactions", js->replayed_transactions).kv_uint("blocks", js->replayed_blocks)
      .kv_uint("revoked_blocks", js->revoked_blocks).kv_uint("discarded_transactions", js->discarded_transactions)
      .kv_uint("discarded_blocks", js->discarded_blocks).kv_uint("checksum_errors", js->replay_csum_errors)
      .end_object();
  w.kv_uint("commits", js->commits).kv_uint("blocks_logged", js->blocks_logged).kv_uint("checkpoints", js->checkpoints);
}
SIS_CONTROL_METHOD("fs.journal", "fs", fs_journal, root_is_ext4);

}  // namespace
}  // namespace sis::control
