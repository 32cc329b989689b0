// ControlClient against a scripted kernel speaking docs/protocol.md: greeting and hello,
// requests matched by id in any order, error classes, events, and misbehaviour (garbage,
// split/merged lines, lines over 65536 bytes, unknown ids, drops, no greeting at all).
#include <QJsonArray>

#include <gtest/gtest.h>

#include "client/control_client.h"
#include "scripted_peer.h"

using sis::host::ControlClient;
using sis::host::Reply;
using sis::test::ScriptedPeer;
using sis::test::spin_for;
using sis::test::spin_until;

namespace {

const QJsonObject kGreeting{{"type", "greeting"},
                            {"protocol", 1},
                            {"kernel", "SIS"},
                            {"version", "0.1.0"},
                            {"capabilities", QJsonArray{"sys", "fs", "metrics"}},
                            {"future_field", QJsonObject{{"ignored", true}}}};

struct Recorder {
  QStringList errors;
  QStringList disconnects;
  QList<QJsonObject> events;
  qint64 last_ts = 0;
  int ready = 0;
  void watch(ControlClient& c) {
    QObject::connect(&c, &ControlClient::protocol_error, [this](const QString& m) { errors.append(m); });
    QObject::connect(&c, &ControlClient::disconnected, [this](const QString& m) { disconnects.append(m); });
    QObject::connect(&c, &ControlClient::ready, [this] { ++ready; });
    QObject::connect(&c, &ControlClient::event_received, [this](const QString& n, const QJsonObject& d, qint64 ts) {
      QJsonObject e = d;
      e.insert("_name", n);
      events.append(e);
      last_ts = ts;
    });
  }
};

void handshake(ScriptedPeer& peer, ControlClient& client, Recorder& rec) {
  client.connect_to_server(peer.path());
  ASSERT_TRUE(peer.wait_connected());
  peer.send_json(kGreeting);
  auto hello = peer.next();
  ASSERT_TRUE(hello) << "no hello after the greeting";
  EXPECT_EQ(hello->value("type").toString(), "hello");
  EXPECT_TRUE(hello->value("capabilities").isArray());
  ASSERT_TRUE(spin_until([&] { return rec.ready == 1; }));
}

QJsonObject response(const QJsonValue& id, const QJsonObject& result) {
  return {{"type", "response"}, {"id", id}, {"result", result}};
}

}  // namespace

TEST(ControlClient, GreetingExposesVersionAndCapabilities) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  EXPECT_EQ(client.protocol_version(), 1);
  EXPECT_EQ(client.kernel_version(), "0.1.0");
  EXPECT_TRUE(client.has_capability("fs"));
  EXPECT_FALSE(client.has_capability("llm"));
  EXPECT_TRUE(rec.errors.isEmpty());
}

TEST(ControlClient, RequestsAreMatchedByIdInAnyOrder) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> a, b;
  client.request("sys.info", {}, [&](const Reply& r) { a = r; });
  client.request("fs.stat", {{"path", "/"}}, [&](const Reply& r) { b = r; });
  auto ra = peer.next();
  auto rb = peer.next();
  ASSERT_TRUE(ra && rb);
  EXPECT_EQ(ra->value("type").toString(), "request");
  EXPECT_EQ(ra->value("method").toString(), "sys.info");
  EXPECT_EQ(rb->value("params").toObject().value("path").toString(), "/");
  EXPECT_NE(ra->value("id").toInteger(), rb->value("id").toInteger());
  peer.send_json(response(rb->value("id"), {{"type", "dir"}, {"unknown_member", 5}}));
  peer.send_json(response(ra->value("id"), {{"kernel", "SIS"}}));
  ASSERT_TRUE(spin_until([&] { return a && b; }));
  EXPECT_EQ(a->object().value("kernel").toString(), "SIS");
  EXPECT_EQ(b->object().value("type").toString(), "dir");
}

TEST(ControlClient, ErrorResponseCarriesTheKernelsClass) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> r;
  client.request("fs.read", {{"path", "/missing"}, {"length", 10}}, [&](const Reply& x) { r = x; });
  auto req = peer.next();
  ASSERT_TRUE(req);
  peer.send_json({{"type", "response"},
                  {"id", req->value("id")},
                  {"error", QJsonObject{{"class", "NotFound"}, {"message", "/missing: no such file"}}}});
  ASSERT_TRUE(spin_until([&] { return r.has_value(); }));
  ASSERT_FALSE(r->ok());
  EXPECT_EQ(r->error->cls, "NotFound");
  EXPECT_EQ(r->error->message, "/missing: no such file");
}

TEST(ControlClient, GarbageSplitAndMergedLinesDoNotBreakTheStream) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  client.connect_to_server(peer.path());
  ASSERT_TRUE(peer.wait_connected());
  peer.send("garbage before greeting\n[]\n\"string\"\n");
  QByteArray greeting = QJsonDocument(kGreeting).toJson(QJsonDocument::Compact) + "\r\n";
  for (qsizetype i = 0; i < greeting.size(); i += 7) {
    peer.send(greeting.mid(i, 7));
    spin_for(0);
  }
  ASSERT_TRUE(peer.next());  // hello
  ASSERT_TRUE(spin_until([&] { return rec.ready == 1; }));
  std::optional<Reply> a, b;
  client.request("sys.ping", {}, [&](const Reply& r) { a = r; });
  client.request("sys.ping", {}, [&](const Reply& r) { b = r; });
  auto ra = peer.next();
  auto rb = peer.next();
  ASSERT_TRUE(ra && rb);
  // Two responses, an event, garbage and an unknown type, all in one write.
  QByteArray merged = QJsonDocument(response(ra->value("id"), {})).toJson(QJsonDocument::Compact) + "\n" +
                      "{\"type\":\"event\",\"event\":\"log\",\"ts_ns\":12345,\"data\":{\"text\":\"hi\"}}\n" +
                      QByteArray("\xff\xfe\x00{{{\n", 7) + "{\"type\":\"future-kind\"}\n" +
                      QJsonDocument(response(rb->value("id"), {})).toJson(QJsonDocument::Compact) + "\n";
  peer.send(merged);
  ASSERT_TRUE(spin_until([&] { return a && b; }));
  EXPECT_TRUE(a->ok() && b->ok());
  ASSERT_EQ(rec.events.size(), 1);
  EXPECT_EQ(rec.events[0].value("_name").toString(), "log");
  EXPECT_EQ(rec.last_ts, 12345);
  // 3 garbage lines before the greeting + 1 inside the merged write; the unknown type is silent.
  EXPECT_EQ(rec.errors.size(), 4) << rec.errors.join("; ").toStdString();
  EXPECT_TRUE(rec.disconnects.isEmpty());
}

TEST(ControlClient, LineOverTheProtocolLimitIsSkipped) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> r;
  client.request("fs.read", {{"path", "/big"}, {"length", 32768}}, [&](const Reply& x) { r = x; });
  auto req = peer.next();
  ASSERT_TRUE(req);
  // A response one byte over 65536, then the one that fits.
  QByteArray head = "{\"type\":\"response\",\"id\":" + QByteArray::number(req->value("id").toInteger()) + ",\"result\":{\"data\":\"";
  QByteArray tail = "\"}}";
  QByteArray huge = head + QByteArray(65537 - head.size() - tail.size(), 'A') + tail + "\n";
  ASSERT_EQ(huge.size(), 65538);
  peer.send(huge);
  spin_for(20);
  EXPECT_FALSE(r.has_value()) << "an over-long line was parsed";
  QByteArray fits = head + QByteArray(65536 - head.size() - tail.size(), 'A') + tail + "\n";
  peer.send(fits);
  ASSERT_TRUE(spin_until([&] { return r.has_value(); }));
  EXPECT_TRUE(r->ok());
  ASSERT_EQ(rec.errors.size(), 1);
  EXPECT_TRUE(rec.errors[0].contains("65536")) << rec.errors[0].toStdString();
}

TEST(ControlClient, OversizedRequestFailsLocallyWithTooLarge) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> r;
  client.request("fs.write", {{"path", "/f"}, {"data", QString(70000, 'A')}}, [&](const Reply& x) { r = x; });
  ASSERT_TRUE(spin_until([&] { return r.has_value(); }));
  EXPECT_EQ(r->error->cls, "TooLarge");
  spin_for(10);
  EXPECT_EQ(peer.pending_lines(), 0) << "the oversized request was sent";
}

TEST(ControlClient, IdNullErrorsAndUnknownIdsAreReported) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  peer.send_json({{"type", "response"},
                  {"id", QJsonValue::Null},
                  {"error", QJsonObject{{"class", "ParseError"}, {"message", "expected '{'"}}}});
  peer.send_json(response(777, {}));
  peer.send_json(response(-3, {}));
  ASSERT_TRUE(spin_until([&] { return rec.errors.size() == 3; })) << rec.errors.join("; ").toStdString();
  EXPECT_TRUE(rec.errors[0].contains("ParseError"));
  EXPECT_TRUE(rec.errors[1].contains("unknown id 777"));
}

TEST(ControlClient, SendsHelloAfterTheGraceWhenNoGreetingComes) {
  ScriptedPeer peer;
  ControlClient client;
  client.set_greeting_grace(50);
  Recorder rec;
  rec.watch(client);
  client.connect_to_server(peer.path());
  ASSERT_TRUE(peer.wait_connected());
  auto hello = peer.next(1000);
  ASSERT_TRUE(hello) << "no recovery hello";
  EXPECT_EQ(hello->value("type").toString(), "hello");
  peer.send_json(kGreeting);  // the kernel answers the hello with its greeting
  ASSERT_TRUE(spin_until([&] { return rec.ready == 1; }));
  spin_for(20);
  EXPECT_EQ(peer.pending_lines(), 0) << "a second hello was sent";
}

TEST(ControlClient, NoGreetingMeansControlPortNotAvailable) {
  ScriptedPeer peer;
  ControlClient client;
  client.set_greeting_grace(20);
  client.set_handshake_timeout(150);
  Recorder rec;
  rec.watch(client);
  std::optional<Reply> r;
  client.connect_to_server(peer.path());
  client.request("sys.info", {}, [&](const Reply& x) { r = x; });
  ASSERT_TRUE(spin_until([&] { return r.has_value(); }));
  EXPECT_EQ(r->error->cls, "Disconnected");
  ASSERT_EQ(rec.disconnects.size(), 1);
  EXPECT_TRUE(rec.disconnects[0].contains("no greeting from the kernel")) << rec.disconnects[0].toStdString();
}

TEST(ControlClient, OtherProtocolVersionIsRefused) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  client.connect_to_server(peer.path());
  ASSERT_TRUE(peer.wait_connected());
  QJsonObject g = kGreeting;
  g["protocol"] = 2;
  peer.send_json(g);
  ASSERT_TRUE(spin_until([&] { return !rec.disconnects.isEmpty(); }));
  EXPECT_TRUE(rec.disconnects[0].contains("protocol 2")) << rec.disconnects[0].toStdString();
  EXPECT_EQ(rec.ready, 0);
}

TEST(ControlClient, NewGreetingRestartsTheSession) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> r;
  client.request("sys.info", {}, [&](const Reply& x) { r = x; });
  ASSERT_TRUE(peer.next());
  peer.send_json(kGreeting);  // the kernel rebooted under the same socket
  ASSERT_TRUE(spin_until([&] { return r.has_value(); }));
  EXPECT_EQ(r->error->cls, "SessionRestarted");
  auto hello = peer.next();
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->value("type").toString(), "hello");
  EXPECT_EQ(rec.ready, 2);
}

TEST(ControlClient, TimeoutAndDisconnectEndRequests) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> slow, pending;
  client.request("shell.exec", {{"command", "sleep"}}, [&](const Reply& x) { slow = x; }, 80);
  client.request("sys.info", {}, [&](const Reply& x) { pending = x; }, 5000);
  ASSERT_TRUE(spin_until([&] { return slow.has_value(); }));
  EXPECT_EQ(slow->error->cls, "Timeout");
  EXPECT_FALSE(pending.has_value());
  peer.drop();
  ASSERT_TRUE(spin_until([&] { return pending.has_value(); }));
  EXPECT_EQ(pending->error->cls, "Disconnected");
  EXPECT_EQ(rec.disconnects.size(), 1);
}

TEST(ControlClient, MetricsEventsArriveInOrder) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  QByteArray burst;
  for (int i = 0; i < 200; ++i)
    burst += "{\"type\":\"event\",\"event\":\"metrics\",\"ts_ns\":" + QByteArray::number(1000 + i) +
             ",\"data\":{\"seq\":" + QByteArray::number(i) + ",\"mem\":{\"free_bytes\":4096}}}\n";
  peer.send(burst);
  ASSERT_TRUE(spin_until([&] { return rec.events.size() == 200; }));
  for (int i = 0; i < 200; ++i) ASSERT_EQ(rec.events[i].value("seq").toInt(), i);
  EXPECT_EQ(rec.last_ts, 1199);
}

TEST(ControlClient, RandomBytesNeverBreakTheClient) {
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  // Fixed seed: random bytes with newlines and JSON-ish fragments mixed in, 1 MiB.
  quint32 x = 12345;
  auto next = [&x] { return x = x * 1664525u + 1013904223u; };
  const char* fragments[] = {"{", "}", "\"type\":", "\"response\"", "\"event\"", "\"id\":", "null", "[", "\n", "\"greeting\""};
  QByteArray junk;
  while (junk.size() < 1024 * 1024) {
    if (next() % 4 == 0) junk += fragments[(next() >> 8) % 10];
    else junk += static_cast<char>(next() >> 24);
  }
  peer.send(junk);
  peer.send("\n");
  std::optional<Reply> r;
  // A stray "greeting" fragment can restart the session; tolerate it, then check that a
  // normal exchange still works.
  ASSERT_TRUE(spin_until([&] { return client.is_ready(); }));
  while (peer.pending_lines() > 0) peer.next(10);
  client.request("sys.ping", {}, [&](const Reply& x2) { r = x2; });
  auto req = peer.next();
  ASSERT_TRUE(req);
  peer.send_json(response(req->value("id"), {}));
  ASSERT_TRUE(spin_until([&] { return r.has_value(); }));
  EXPECT_TRUE(r->ok());
  EXPECT_FALSE(rec.errors.isEmpty());
  EXPECT_TRUE(rec.disconnects.isEmpty());
}

TEST(ControlClient, NeverMoreQueuedRequestsOutstandingThanTheKernelQueues) {
  // docs/protocol.md 2: the kernel queues up to 8 requests and answers the 9th Busy. A burst
  // (every panel asking at once after a reboot) must wait in the client for a slot instead;
  // methods the kernel answers at once are never held back.
  ScriptedPeer peer;
  ControlClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  QList<std::optional<Reply>> replies(10);
  for (int i = 0; i < 10; ++i) client.request("fs.stat", {{"path", QString("/f%1").arg(i)}}, [&, i](const Reply& r) { replies[i] = r; });
  std::optional<Reply> status;
  client.request("ai.status", {}, [&](const Reply& r) { status = r; });
  QList<QJsonObject> seen;
  for (int i = 0; i < 9; ++i) {
    auto m = peer.next();
    ASSERT_TRUE(m) << "only " << i << " requests arrived";
    seen.append(*m);
  }
  EXPECT_FALSE(peer.next(300)) << "a 10th request arrived while 8 queued ones were outstanding";
  EXPECT_EQ(seen.last().value("method").toString(), "ai.status") << "answered-at-once methods are not held";
  for (int i = 0; i < 8; ++i) EXPECT_EQ(seen[i].value("params").toObject().value("path").toString(), QString("/f%1").arg(i));
  peer.send_json(response(seen[0].value("id"), {{"type", "file"}}));
  auto ninth = peer.next();
  ASSERT_TRUE(ninth) << "an answer frees a slot: the 9th must be sent";
  EXPECT_EQ(ninth->value("params").toObject().value("path").toString(), "/f8");
  EXPECT_FALSE(peer.next(300));
  peer.send_json(response(seen[1].value("id"), {{"type", "file"}}));
  auto tenth = peer.next();
  ASSERT_TRUE(tenth);
  EXPECT_EQ(tenth->value("params").toObject().value("path").toString(), "/f9");
  peer.send_json(response(seen.last().value("id"), {{"mode", "off"}}));
  ASSERT_TRUE(spin_until([&] { return replies[0] && replies[1] && status; }));
  EXPECT_TRUE(replies[0]->ok());
  EXPECT_TRUE(rec.errors.isEmpty());
}
