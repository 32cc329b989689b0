// QmpClient against a scripted QEMU: negotiation, id matching, timeouts, events, and the
// ways a peer can misbehave (garbage, split/merged lines, huge lines, unknown ids, drops).
#include <QElapsedTimer>
#include <QJsonArray>

#include <gtest/gtest.h>

#include "client/qmp_client.h"
#include "scripted_peer.h"

using sis::host::QmpClient;
using sis::host::Reply;
using sis::test::ScriptedPeer;
using sis::test::spin_for;
using sis::test::spin_until;

namespace {

const QByteArray kGreeting =
    R"({"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": ""}, "capabilities": ["oob"]}})"
    "\r\n";

struct Recorder {
  QStringList errors;
  QStringList disconnects;
  QList<QPair<QString, QJsonObject>> events;
  qint64 last_ts = 0;
  int ready = 0;
  void watch(QmpClient& c) {
    QObject::connect(&c, &QmpClient::protocol_error, [this](const QString& m) { errors.append(m); });
    QObject::connect(&c, &QmpClient::disconnected, [this](const QString& m) { disconnects.append(m); });
    QObject::connect(&c, &QmpClient::ready, [this] { ++ready; });
    QObject::connect(&c, &QmpClient::event_received, [this](const QString& n, const QJsonObject& d, qint64 ts) {
      events.append({n, d});
      last_ts = ts;
    });
  }
};

// Connects, greets and answers qmp_capabilities; returns with the client ready.
void handshake(ScriptedPeer& peer, QmpClient& client, Recorder& rec) {
  client.connect_to_server(peer.path());
  ASSERT_TRUE(peer.wait_connected());
  peer.send(kGreeting);
  auto caps = peer.next();
  ASSERT_TRUE(caps.has_value()) << "client did not send qmp_capabilities";
  EXPECT_EQ(caps->value("execute").toString(), "qmp_capabilities");
  peer.send_json({{"return", QJsonObject()}, {"id", caps->value("id")}});
  ASSERT_TRUE(spin_until([&] { return rec.ready == 1; })) << "ready() not emitted after negotiation";
}

}  // namespace

TEST(QmpClient, NegotiatesAndMatchesReplyToCommand) {
  ScriptedPeer peer;
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  EXPECT_EQ(client.qemu_version(), "7.2.22");
  EXPECT_TRUE(client.greeting().value("capabilities").toArray().contains("oob"));

  std::optional<Reply> reply;
  client.execute("query-status", [&](const Reply& r) { reply = r; });
  auto cmd = peer.next();
  ASSERT_TRUE(cmd);
  EXPECT_EQ(cmd->value("execute").toString(), "query-status");
  peer.send_json({{"return", QJsonObject{{"status", "running"}, {"running", true}}}, {"id", cmd->value("id")}});
  ASSERT_TRUE(spin_until([&] { return reply.has_value(); }));
  ASSERT_TRUE(reply->ok());
  EXPECT_EQ(reply->object().value("status").toString(), "running");
  EXPECT_TRUE(rec.errors.isEmpty()) << rec.errors.join("; ").toStdString();
}

TEST(QmpClient, CommandsMadeBeforeNegotiationAreSentAfterIt) {
  ScriptedPeer peer;
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  client.connect_to_server(peer.path());
  std::optional<Reply> reply;
  client.execute("stop", [&](const Reply& r) { reply = r; });
  ASSERT_TRUE(peer.wait_connected());
  spin_for(20);
  EXPECT_EQ(peer.pending_lines(), 0) << "a command was sent before the greeting";
  peer.send(kGreeting);
  auto caps = peer.next();
  ASSERT_TRUE(caps);
  EXPECT_EQ(caps->value("execute").toString(), "qmp_capabilities");
  spin_for(20);
  EXPECT_EQ(peer.pending_lines(), 0) << "a command was sent before negotiation finished";
  peer.send_json({{"return", QJsonObject()}, {"id", caps->value("id")}});
  auto cmd = peer.next();
  ASSERT_TRUE(cmd);
  EXPECT_EQ(cmd->value("execute").toString(), "stop");
  peer.send_json({{"return", QJsonObject()}, {"id", cmd->value("id")}});
  ASSERT_TRUE(spin_until([&] { return reply.has_value(); }));
  EXPECT_TRUE(reply->ok());
}

TEST(QmpClient, ErrorReplyIsAValueWithClassAndDescription) {
  ScriptedPeer peer;
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> reply;
  client.execute("no-such-command", [&](const Reply& r) { reply = r; });
  auto cmd = peer.next();
  ASSERT_TRUE(cmd);
  peer.send_json({{"error", QJsonObject{{"class", "CommandNotFound"}, {"desc", "The command no-such-command has not been found"}}},
                  {"id", cmd->value("id")}});
  ASSERT_TRUE(spin_until([&] { return reply.has_value(); }));
  ASSERT_FALSE(reply->ok());
  EXPECT_EQ(reply->error->cls, "CommandNotFound");
  EXPECT_TRUE(reply->error->message.contains("has not been found"));
}

TEST(QmpClient, MalformedJsonIsReportedAndTheStreamContinues) {
  ScriptedPeer peer;
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  client.connect_to_server(peer.path());
  ASSERT_TRUE(peer.wait_connected());
  peer.send("this is not json\r\n{\"unterminated\": \n[1,2,3]\n");
  peer.send(QByteArray("\x00\xff\xfe garbage \x01\n", 14));
  peer.send(kGreeting);
  auto caps = peer.next();
  ASSERT_TRUE(caps) << "garbage before the greeting stopped the client";
  peer.send("{\"return\": {}, \"id\": ");  // a reply cut short, then a good one
  peer.send("\n");
  peer.send_json({{"return", QJsonObject()}, {"id", caps->value("id")}});
  ASSERT_TRUE(spin_until([&] { return rec.ready == 1; }));
  EXPECT_GE(rec.errors.size(), 4) << rec.errors.join("; ").toStdString();
  EXPECT_TRUE(rec.disconnects.isEmpty());
}

TEST(QmpClient, LinesSplitAcrossWritesAndMergedIntoOneWrite) {
  ScriptedPeer peer;
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  client.connect_to_server(peer.path());
  ASSERT_TRUE(peer.wait_connected());
  // The greeting one byte at a time.
  for (char ch : kGreeting) {
    peer.send(QByteArray(1, ch));
    spin_for(0);
  }
  auto caps = peer.next();
  ASSERT_TRUE(caps);
  std::optional<Reply> a, b;
  client.execute("query-status", [&](const Reply& r) { a = r; });
  client.execute("query-name", [&](const Reply& r) { b = r; });
  // Negotiation's reply and an event in one write; then both replies, reversed, in one write.
  QByteArray merged =
      QByteArray(R"({"return": {}, "id": )") + QByteArray::number(caps->value("id").toInteger()) + "}\r\n" +
      R"({"timestamp": {"seconds": 1700000000, "microseconds": 5}, "event": "STOP"})" "\r\n";
  peer.send(merged);
  auto c1 = peer.next();
  auto c2 = peer.next();
  ASSERT_TRUE(c1 && c2);
  peer.send(QByteArray(R"({"return": {"name": "sis"}, "id": )") + QByteArray::number(c2->value("id").toInteger()) + "}\r\n" +
            R"({"return": {"status": "paused"}, "id": )" + QByteArray::number(c1->value("id").toInteger()) + "}\r\n");
  ASSERT_TRUE(spin_until([&] { return a.has_value() && b.has_value(); }));
  EXPECT_EQ(a->object().value("status").toString(), "paused");
  EXPECT_EQ(b->object().value("name").toString(), "sis");
  ASSERT_EQ(rec.events.size(), 1);
  EXPECT_EQ(rec.events[0].first, "STOP");
  EXPECT_EQ(rec.last_ts, 1700000000LL * 1000000 + 5);
  EXPECT_TRUE(rec.errors.isEmpty()) << rec.errors.join("; ").toStdString();
}

TEST(QmpClient, HugeLineIsSkippedWithAnErrorAndMemoryStaysBounded) {
  ScriptedPeer peer;
  QmpClient client;
  client.set_max_line(4096);
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> reply;
  client.execute("query-status", [&](const Reply& r) { reply = r; });
  auto cmd = peer.next();
  ASSERT_TRUE(cmd);
  // 2 MiB line in pieces, then the real reply.
  QByteArray piece(64 * 1024, 'x');
  for (int i = 0; i < 32; ++i) peer.send(piece);
  peer.send("\n");
  peer.send_json({{"return", QJsonObject{{"status", "running"}}}, {"id", cmd->value("id")}});
  ASSERT_TRUE(spin_until([&] { return reply.has_value(); }));
  EXPECT_TRUE(reply->ok());
  ASSERT_EQ(rec.errors.size(), 1) << rec.errors.join("; ").toStdString();
  EXPECT_TRUE(rec.errors[0].contains("longer than 4096")) << rec.errors[0].toStdString();
}

TEST(QmpClient, ReplyWithUnknownIdIsReportedNotMatched) {
  ScriptedPeer peer;
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> reply;
  client.execute("query-status", [&](const Reply& r) { reply = r; });
  auto cmd = peer.next();
  ASSERT_TRUE(cmd);
  peer.send_json({{"return", QJsonObject()}, {"id", 424242}});
  peer.send_json({{"return", QJsonObject()}, {"id", "a-string-id"}});
  peer.send_json({{"error", QJsonObject{{"class", "GenericError"}, {"desc", "JSON parse error"}}}});
  ASSERT_TRUE(spin_until([&] { return rec.errors.size() == 3; })) << rec.errors.join("; ").toStdString();
  EXPECT_FALSE(reply.has_value()) << "a reply with another id completed the command";
  peer.send_json({{"return", QJsonObject()}, {"id", cmd->value("id")}});
  ASSERT_TRUE(spin_until([&] { return reply.has_value(); }));
}

TEST(QmpClient, CommandTimesOutAndItsLateReplyIsDropped) {
  ScriptedPeer peer;
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> reply;
  QElapsedTimer t;
  t.start();
  client.execute("query-status", QJsonObject(), [&](const Reply& r) { reply = r; }, 100);
  auto cmd = peer.next();
  ASSERT_TRUE(cmd);
  ASSERT_TRUE(spin_until([&] { return reply.has_value(); }));
  EXPECT_GE(t.elapsed(), 90);
  ASSERT_FALSE(reply->ok());
  EXPECT_EQ(reply->error->cls, "Timeout");
  peer.send_json({{"return", QJsonObject()}, {"id", cmd->value("id")}});
  spin_for(30);
  EXPECT_TRUE(rec.errors.isEmpty()) << rec.errors.join("; ").toStdString();
  EXPECT_TRUE(rec.disconnects.isEmpty());
}

TEST(QmpClient, SuddenDisconnectFailsOutstandingCommands) {
  ScriptedPeer peer;
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  std::optional<Reply> a, b;
  client.execute("query-status", [&](const Reply& r) { a = r; });
  client.execute("cont", [&](const Reply& r) { b = r; });
  ASSERT_TRUE(peer.next());
  peer.send("{\"return\": {\"status\":");  // half a reply, then the peer vanishes
  peer.drop();
  ASSERT_TRUE(spin_until([&] { return a.has_value() && b.has_value(); }));
  EXPECT_EQ(a->error->cls, "Disconnected");
  EXPECT_EQ(b->error->cls, "Disconnected");
  ASSERT_EQ(rec.disconnects.size(), 1);
  EXPECT_EQ(client.state(), QmpClient::State::Disconnected);
  std::optional<Reply> c;
  client.execute("query-status", [&](const Reply& r) { c = r; });
  EXPECT_FALSE(c.has_value()) << "handler ran inside execute()";
  ASSERT_TRUE(spin_until([&] { return c.has_value(); }));
  EXPECT_EQ(c->error->cls, "NotConnected");
}

TEST(QmpClient, ConnectingToAMissingSocketReportsDisconnected) {
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  std::optional<Reply> reply;
  client.connect_to_server("/nonexistent/dir/qmp.sock");
  EXPECT_TRUE(rec.disconnects.isEmpty()) << "disconnected() emitted inside connect_to_server()";
  client.execute("query-status", [&](const Reply& r) { reply = r; });
  ASSERT_TRUE(spin_until([&] { return reply.has_value(); }));
  EXPECT_FALSE(reply->ok());
  EXPECT_TRUE(reply->error->cls == "Disconnected" || reply->error->cls == "NotConnected") << reply->error->cls.toStdString();
  ASSERT_EQ(rec.disconnects.size(), 1);
  EXPECT_TRUE(rec.disconnects[0].contains("could not connect")) << rec.disconnects[0].toStdString();
}

TEST(QmpClient, SilentPeerFailsTheHandshakeInTime) {
  ScriptedPeer peer;
  QmpClient client;
  client.set_handshake_timeout(150);
  Recorder rec;
  rec.watch(client);
  client.connect_to_server(peer.path());
  ASSERT_TRUE(peer.wait_connected());
  ASSERT_TRUE(spin_until([&] { return !rec.disconnects.isEmpty(); }, 2000));
  EXPECT_TRUE(rec.disconnects[0].contains("greeting")) << rec.disconnects[0].toStdString();
}

TEST(QmpClient, RefusedNegotiationEndsTheConnection) {
  ScriptedPeer peer;
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  client.connect_to_server(peer.path());
  ASSERT_TRUE(peer.wait_connected());
  peer.send(kGreeting);
  auto caps = peer.next();
  ASSERT_TRUE(caps);
  peer.send_json({{"error", QJsonObject{{"class", "GenericError"}, {"desc", "nope"}}}, {"id", caps->value("id")}});
  ASSERT_TRUE(spin_until([&] { return !rec.disconnects.isEmpty(); }));
  EXPECT_TRUE(rec.disconnects[0].contains("negotiation failed")) << rec.disconnects[0].toStdString();
  EXPECT_EQ(rec.ready, 0);
}

TEST(QmpClient, ClientMayBeDestroyedInsideAHandler) {
  ScriptedPeer peer;
  auto* client = new QmpClient;
  Recorder rec;
  rec.watch(*client);
  handshake(peer, *client, rec);
  bool called = false;
  client->execute("query-status", [&](const Reply&) {
    called = true;
    delete client;
    client = nullptr;
  });
  client->execute("query-name", [&](const Reply&) { ADD_FAILURE() << "handler of a destroyed client ran"; });
  auto c1 = peer.next();
  auto c2 = peer.next();
  ASSERT_TRUE(c1 && c2);
  peer.send(QJsonDocument(QJsonObject{{"return", QJsonObject()}, {"id", c1->value("id")}}).toJson(QJsonDocument::Compact) + "\n" +
            QJsonDocument(QJsonObject{{"return", QJsonObject()}, {"id", c2->value("id")}}).toJson(QJsonDocument::Compact) + "\n");
  ASSERT_TRUE(spin_until([&] { return called; }));
  spin_for(20);
  EXPECT_EQ(client, nullptr);
}

TEST(QmpClient, RandomBytesNeverBreakTheClient) {
  ScriptedPeer peer;
  QmpClient client;
  Recorder rec;
  rec.watch(client);
  handshake(peer, client, rec);
  quint32 x = 777;
  auto next = [&x] { return x = x * 1664525u + 1013904223u; };
  const char* fragments[] = {"{", "}", "\"return\":", "\"error\":", "\"event\":", "\"id\":", "1", "[", "\r\n", "\"QMP\""};
  QByteArray junk;
  while (junk.size() < 1024 * 1024) {
    if (next() % 4 == 0) junk += fragments[(next() >> 8) % 10];
    else junk += static_cast<char>(next() >> 24);
  }
  peer.send(junk);
  peer.send("\n");
  std::optional<Reply> r;
  client.execute("query-status", [&](const Reply& x2) { r = x2; });
  auto cmd = peer.next();
  ASSERT_TRUE(cmd);
  peer.send_json({{"return", QJsonObject{{"status", "running"}}}, {"id", cmd->value("id")}});
  ASSERT_TRUE(spin_until([&] { return r.has_value(); }));
  EXPECT_TRUE(r->ok());
  EXPECT_FALSE(rec.errors.isEmpty());
  EXPECT_TRUE(rec.disconnects.isEmpty());
}
