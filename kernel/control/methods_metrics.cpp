// metrics.* methods and the metrics groups the kernel has today (mem, blk). Later
// subsystems add their own groups with SIS_METRICS_GROUP beside their code.
#include "control/server.h"
#include "drivers/virtio/virtio_blk.h"
#include "mm/mem_status.h"
#include "sched/sched_status.h"
#include "sched/scheduler.h"

namespace sis::control {
namespace {

Result<u32> parse_fields(JsonValue fields) {
  if (!fields.valid()) return Server::group_mask_all();
  if (!fields.is_array()) return Error::Invalid;
  u32 mask = 0;
  u32 all = Server::group_mask_all();
  for (usize i = 0; i < fields.size(); ++i) {
    JsonValue f = fields.at(i);
    if (!f.is_string()) return Error::Invalid;
    for (usize g = 0; g < metrics_group_count() && g < 32; ++g)
      if (StrView(metrics_group_at(g)->name) == f.as_string()) mask |= 1u << g;
  }
  return mask & all;  // unknown or unavailable names are left out, not an error
}

void write_field_names(JsonWriter& w, u32 mask) {
  w.begin_array();
  for (usize g = 0; g < metrics_group_count() && g < 32; ++g)
    if (mask & (1u << g)) w.string(metrics_group_at(g)->name);
  w.end_array();
}

void subscribe(JsonValue params, Response& r) {
  JsonValue rate = params["rate_hz"];
  if (!rate.is_integer() || rate.as_int() < 1 || rate.as_int() > 50)
    return r.error("InvalidParams", "\"rate_hz\" must be an integer 1..50");
  auto mask = parse_fields(params["fields"]);
  if (!mask.ok()) return r.error("InvalidParams", "\"fields\" must be an array of strings");
  server().subscribe(static_cast<u32>(rate.as_int()), mask.value(), Server::now_ns());
  auto& w = r.result();
  w.kv_uint("rate_hz", static_cast<u64>(rate.as_int())).key("fields");
  write_field_names(w, mask.value());
}
SIS_CONTROL_METHOD_IMMEDIATE("metrics.subscribe", "metrics", subscribe, nullptr);

void unsubscribe(JsonValue, Response& r) {
  server().unsubscribe();
  r.result();
}
SIS_CONTROL_METHOD_IMMEDIATE("metrics.unsubscribe", "metrics", unsubscribe, nullptr);

void get(JsonValue params, Response& r) {
  auto mask = parse_fields(params["fields"]);
  if (!mask.ok()) return r.error("InvalidParams", "\"fields\" must be an array of strings");
  // The result object is the sample itself.
  auto& w = r.result();
  w.kv_uint("seq", 0);
  for (usize g = 0; g < metrics_group_count() && g < 32; ++g) {
    if (!(mask.value() & (1u << g))) continue;
    w.key(metrics_group_at(g)->name).begin_object();
    metrics_group_at(g)->fill(w);
    w.end_object();
  }
}
SIS_CONTROL_METHOD_IMMEDIATE("metrics.get", "metrics", get, nullptr);

// The mem and sched groups are written by their subsystems (mm/mem_status.h,
// sched/sched_status.h), which the shell's memctl/schedctl --json share.
void fill_mem(JsonWriter& w) { mm::write_mem_metrics(w); }
SIS_METRICS_GROUP("mem", fill_mem, nullptr);

void fill_sched(JsonWriter& w) { sched::write_sched_metrics(w); }
SIS_METRICS_GROUP("sched", fill_sched, sched::started);

void fill_blk(JsonWriter& w) {
  virtio::BlkStats sum;
  for (usize i = 0; i < virtio::blk_count(); ++i) {
    const auto& s = virtio::blk_at(i)->stats();
    sum.reads += s.reads;
    sum.writes += s.writes;
    sum.flushes += s.flushes;
    sum.bytes_read += s.bytes_read;
    sum.bytes_written += s.bytes_written;
    sum.in_flight += s.in_flight;
  }
  w.kv_uint("reads", sum.reads).kv_uint("writes", sum.writes).kv_uint("flushes", sum.flushes);
  w.kv_uint("bytes_read", sum.bytes_read).kv_uint("bytes_written", sum.bytes_written);
  w.kv_uint("in_flight", sum.in_flight);
}
bool have_disk() { return virtio::blk_count() > 0; }
SIS_METRICS_GROUP("blk", fill_blk, have_disk);

}  // namespace
}  // namespace sis::control
