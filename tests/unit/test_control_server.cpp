// The control-protocol server (docs/protocol.md) driven byte by byte, as the virtio port
// would, with test methods and a test metrics group registered here.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "control/server.h"

using namespace sis;
using namespace sis::control;

namespace {

void t_echo(JsonValue params, Response& r) { r.result().kv("value", params["value"].as_string()); }
SIS_CONTROL_METHOD("t.echo", "t", t_echo, nullptr);
void t_fail(JsonValue, Response& r) { r.error("NotFound", "nothing at %s", "/x"); }
SIS_CONTROL_METHOD("t.fail", "t", t_fail, nullptr);
void t_empty(JsonValue, Response&) {}
SIS_CONTROL_METHOD("t.empty", "t", t_empty, nullptr);
bool never() { return false; }
SIS_CONTROL_METHOD("hidden.m", "hidden", t_empty, never);

u64 counter = 0;
void fill_t(JsonWriter& w) { w.kv_uint("counter", ++counter); }
SIS_METRICS_GROUP("tgroup", fill_t, nullptr);

struct Capture : Transport {
  std::vector<std::string> lines;
  bool accept = true;
  bool send_line(StrView l) override {
    if (accept) lines.emplace_back(l.data, l.size);
    return accept;
  }
};

struct ControlServer : ::testing::Test {
  Server s;  // ~130 KiB: fine on the test's heap-allocated fixture
  Capture t;
  void SetUp() override {
    s.attach(&t);
    s.on_connect();
  }
  void feed(const std::string& bytes) { s.on_bytes(bytes.data(), bytes.size()); }
  std::string last() { return t.lines.empty() ? "" : t.lines.back(); }
};

}  // namespace

TEST_F(ControlServer, GreetingListsAvailableCapabilitiesOnce) {
  ASSERT_EQ(t.lines.size(), 1u);
  EXPECT_NE(t.lines[0].find(R"("type":"greeting","protocol":1,"kernel":"SIS")"), std::string::npos);
  EXPECT_NE(t.lines[0].find(R"("capabilities":["t"])"), std::string::npos) << t.lines[0];
  EXPECT_EQ(t.lines[0].find("hidden"), std::string::npos);
}

TEST_F(ControlServer, RequestGetsExactlyOneResponse) {
  feed(R"({"type":"hello","capabilities":[]})" "\n");
  feed(R"({"type":"request","id":42,"method":"t.echo","params":{"value":"hi \"there\""}})" "\n");
  ASSERT_EQ(t.lines.size(), 2u);
  EXPECT_EQ(last(), R"({"type":"response","id":42,"result":{"value":"hi \"there\""}})");
  feed(R"({"type":"request","id":43,"method":"t.fail"})" "\n");
  EXPECT_EQ(last(), R"({"type":"response","id":43,"error":{"class":"NotFound","message":"nothing at /x"}})");
  feed(R"({"type":"request","id":44,"method":"t.empty"})" "\n");
  EXPECT_EQ(last(), R"({"type":"response","id":44,"result":{}})");
  EXPECT_EQ(t.lines.size(), 4u);
}

TEST_F(ControlServer, SplitAndMergedLines) {
  std::string two = R"({"type":"request","id":1,"method":"t.echo","params":{"value":"a"}})" "\n"
                    R"({"type":"request","id":2,"method":"t.echo","params":{"value":"b"}})" "\r\n";
  for (char c : two) feed(std::string(1, c));  // one byte at a time
  ASSERT_EQ(t.lines.size(), 3u);
  EXPECT_NE(t.lines[1].find(R"("id":1)"), std::string::npos);
  EXPECT_NE(t.lines[2].find(R"("id":2)"), std::string::npos);
  feed(two);  // both in one chunk
  EXPECT_EQ(t.lines.size(), 5u);
}

TEST_F(ControlServer, MalformedLinesGetErrorsAndTheStreamContinues) {
  feed("not json\n");
  EXPECT_NE(last().find(R"("id":null,"error":{"class":"ParseError")"), std::string::npos) << last();
  feed("[1,2]\n");
  EXPECT_NE(last().find("not a JSON object"), std::string::npos);
  feed(R"({"id":3})" "\n");
  EXPECT_NE(last().find(R"("id":3,"error":{"class":"InvalidRequest")"), std::string::npos) << last();
  feed(R"({"type":"request","method":"t.echo"})" "\n");
  EXPECT_NE(last().find(R"("id":null,"error":{"class":"InvalidRequest")"), std::string::npos);
  feed(R"({"type":"request","id":4294967296,"method":"t.echo"})" "\n");
  EXPECT_NE(last().find(R"("id":null)"), std::string::npos);
  feed(R"({"type":"request","id":5})" "\n");
  EXPECT_NE(last().find(R"("id":5,"error":{"class":"InvalidRequest")"), std::string::npos);
  feed(R"({"type":"request","id":6,"method":"t.echo","params":[1]})" "\n");
  EXPECT_NE(last().find(R"("class":"InvalidParams")"), std::string::npos);
  feed(R"({"type":"request","id":7,"method":"no.such"})" "\n");
  EXPECT_NE(last().find(R"("id":7,"error":{"class":"MethodNotFound")"), std::string::npos);
  feed(R"({"type":"request","id":8,"method":"hidden.m"})" "\n");
  EXPECT_NE(last().find("MethodNotFound"), std::string::npos);  // unavailable = absent
  feed(R"({"type":"event","event":"x"})" "\n");
  EXPECT_NE(last().find("InvalidRequest"), std::string::npos);
  feed("\n\r\n");  // empty lines are ignored
  size_t before = t.lines.size();
  feed(R"({"type":"request","id":9,"method":"t.echo","extra":{"ignored":[1,2]}})" "\n");
  EXPECT_EQ(t.lines.size(), before + 1);
  EXPECT_NE(last().find(R"("id":9,"result")"), std::string::npos);
}

TEST_F(ControlServer, OverlongLineIsRefusedWithoutParsingAnyOfIt) {
  std::string huge = R"({"type":"request","id":1,"method":"t.echo","params":{"value":")" + std::string(70000, 'x') + "\"}}\n";
  feed(huge.substr(0, 30000));
  feed(huge.substr(30000));
  ASSERT_EQ(t.lines.size(), 2u);
  EXPECT_EQ(last(), R"({"type":"response","id":null,"error":{"class":"TooLarge","message":"line longer than 65536 bytes"}})");
  feed(R"({"type":"request","id":2,"method":"t.echo","params":{"value":"ok"}})" "\n");
  EXPECT_NE(last().find(R"("id":2,"result":{"value":"ok"})"), std::string::npos);
  EXPECT_EQ(s.stats().too_large, 1u);
}

TEST_F(ControlServer, MetricsStreamAtTheSubscribedRateOnlyAfterHello) {
  s.subscribe(20, Server::group_mask_all(), 0);
  s.tick(0);
  EXPECT_EQ(t.lines.size(), 1u);  // no events before hello
  feed(R"({"type":"hello","capabilities":[]})" "\n");
  u64 sent = 0;
  for (u64 now = 0; now < 1000000000ull; now += 5000000) {  // 1 s in 5 ms steps
    size_t before = t.lines.size();
    s.tick(now);
    sent += t.lines.size() - before;
  }
  EXPECT_EQ(sent, 20u);
  EXPECT_NE(last().find(R"("type":"event","event":"metrics","ts_ns":)"), std::string::npos);
  EXPECT_NE(last().find(R"("seq":19,"tgroup":{"counter":)"), std::string::npos) << last();
  // A stall of 0.5 s skips samples (a gap in seq) instead of bursting them out.
  size_t before = t.lines.size();
  s.tick(1500000000ull);
  EXPECT_EQ(t.lines.size(), before + 1);
  EXPECT_EQ(last().find(R"("seq":20,)"), std::string::npos);
  s.on_disconnect();
  s.on_connect();
  before = t.lines.size();
  feed(R"({"type":"hello","capabilities":[]})" "\n");
  s.tick(3000000000ull);
  EXPECT_EQ(t.lines.size(), before);  // the old session's subscription is gone
}

TEST_F(ControlServer, HelloWithoutGreetingGetsTheGreetingFirst) {
  s.on_disconnect();
  t.lines.clear();
  s.attach(nullptr);
  s.on_connect();  // the greeting is lost (no transport)
  s.attach(&t);
  EXPECT_TRUE(t.lines.empty());
  feed(R"({"type":"hello","capabilities":[]})" "\n");
  // the server believes it greeted; a second greeting is only sent when it did not
  feed(R"({"type":"request","id":1,"method":"t.empty"})" "\n");
  EXPECT_NE(last().find(R"("id":1,"result")"), std::string::npos);
}

// After a snapshot load the guest can believe its old host is still connected while a new
// one waits for a greeting; that host's recovery hello (a second hello in the session) gets
// a fresh session: a greeting, and none of the old session's subscriptions.
TEST_F(ControlServer, SecondHelloInASessionStartsAFreshOneWithAGreeting) {
  feed(R"({"type":"hello","capabilities":[]})" "\n");
  s.subscribe(20, Server::group_mask_all(), 0);
  s.tick(0);
  size_t before = t.lines.size();
  ASSERT_EQ(before, 2u) << "the greeting and one metrics event";
  feed(R"({"type":"hello","capabilities":[]})" "\n");
  ASSERT_EQ(t.lines.size(), before + 1);
  EXPECT_NE(last().find(R"("type":"greeting")"), std::string::npos) << last();
  before = t.lines.size();
  s.tick(5000000000ull);
  EXPECT_EQ(t.lines.size(), before) << "the old host's subscription outlived its session: " << last();
  feed(R"({"type":"request","id":2,"method":"t.empty"})" "\n");
  EXPECT_EQ(last(), R"({"type":"response","id":2,"result":{}})");
}

TEST_F(ControlServer, TransportRefusalIsCountedNotFatal) {
  t.accept = false;
  feed(R"({"type":"request","id":1,"method":"t.empty"})" "\n");
  EXPECT_EQ(s.stats().dropped, 1u);
  t.accept = true;
  feed(R"({"type":"request","id":2,"method":"t.empty"})" "\n");
  EXPECT_NE(last().find(R"("id":2)"), std::string::npos);
}

// Lines the JSON reader refuses because two readers could understand them differently
// (duplicate member names, numbers a double cannot hold) get a ParseError with id null
// (docs/protocol.md 2.3), and the session goes on.
TEST_F(ControlServer, DuplicateMemberNamesAreAParseError) {
  feed(R"({"type":"hello","capabilities":[]})" "\n");
  feed(R"({"type":"request","id":1,"id":2,"method":"t.echo","params":{"value":"a"}})" "\n");
  EXPECT_EQ(last(), R"({"type":"response","id":null,"error":{"class":"ParseError",)"
                    R"("message":"duplicate member name at byte 25"}})");
  feed(R"({"type":"request","id":3,"method":"t.echo","params":{"value":"a","value":"b"}})" "\n");
  EXPECT_NE(last().find(R"("id":null,"error":{"class":"ParseError","message":"duplicate member name)"),
            std::string::npos)
      << last();
  feed(R"({"type":"request","id":4,"method":"t.echo","params":{"value":"a"}})" "\n");  // still serving
  EXPECT_EQ(last(), R"({"type":"response","id":4,"result":{"value":"a"}})");
}

TEST_F(ControlServer, NumbersOutOfRangeAreAParseError) {
  feed(R"({"type":"hello","capabilities":[]})" "\n");
  feed(R"({"type":"request","id":1e999999,"method":"t.echo"})" "\n");
  EXPECT_EQ(last(), R"({"type":"response","id":null,"error":{"class":"ParseError",)"
                    R"("message":"number out of range at byte 23"}})");
  feed(R"({"type":"request","id":5,"method":"t.echo","params":{"n":-1e-999}})" "\n");
  EXPECT_NE(last().find(R"("ParseError","message":"number out of range)"), std::string::npos) << last();
}

// ---- with an executor: non-immediate requests are queued and run by run_queued() ----

namespace {

Server* reconnecting_server = nullptr;
void t_reconnect(JsonValue, Response& r) {  // the host leaves and a new one connects meanwhile
  reconnecting_server->on_disconnect();
  reconnecting_server->on_connect();
  r.result().kv("value", "stale");
}
SIS_CONTROL_METHOD("t.reconnect", "t", t_reconnect, nullptr);
void t_now(JsonValue, Response& r) { r.result().kv("value", "immediate"); }
SIS_CONTROL_METHOD_IMMEDIATE("t.now", "t", t_now, nullptr);

struct CountingExecutor : Executor {
  int wakes = 0, cancels = 0;
  void wake() override { ++wakes; }
  void cancel_running() override { ++cancels; }
};

struct QueuedControlServer : ControlServer {
  CountingExecutor ex;
  void SetUp() override {
    ControlServer::SetUp();
    s.attach_executor(&ex);
    reconnecting_server = &s;
  }
  std::string req(int id, const char* method, const std::string& value = "") {
    return R"({"type":"request","id":)" + std::to_string(id) + R"(,"method":")" + method +
           R"(","params":{"value":")" + value + "\"}}\n";
  }
};

}  // namespace

TEST_F(QueuedControlServer, ImmediateMethodsAnswerWhileQueuedOnesWait) {
  feed(req(1, "t.echo", "later"));
  EXPECT_EQ(t.lines.size(), 1u) << "a queued request is answered by the executor, not the reader";
  EXPECT_EQ(ex.wakes, 1);
  feed(req(2, "t.now"));
  EXPECT_EQ(last(), R"({"type":"response","id":2,"result":{"value":"immediate"}})");
  EXPECT_TRUE(s.run_queued());
  EXPECT_EQ(last(), R"({"type":"response","id":1,"result":{"value":"later"}})");
  EXPECT_FALSE(s.run_queued());
  EXPECT_EQ(s.queued(), 0u);
}

TEST_F(QueuedControlServer, QueuedRequestsOfAnEndedSessionAreNeverAnswered) {
  feed(req(1, "t.echo", "old"));
  s.on_disconnect();
  s.on_connect();
  EXPECT_FALSE(s.run_queued()) << "the old session's queue is dropped with it";
  ASSERT_EQ(t.lines.size(), 2u);
  EXPECT_NE(t.lines[1].find(R"("type":"greeting")"), std::string::npos) << t.lines[1];
}

TEST_F(QueuedControlServer, ResponseOfARequestRunningWhenTheSessionEndsIsDropped) {
  feed(req(1, "t.reconnect"));
  feed(req(2, "t.echo", "queued behind it"));
  EXPECT_TRUE(s.run_queued());
  // The new session saw its greeting and nothing else: not the old id 1, not the old id 2.
  ASSERT_EQ(t.lines.size(), 2u);
  EXPECT_NE(t.lines[1].find(R"("type":"greeting")"), std::string::npos) << t.lines[1];
  EXPECT_EQ(s.stats().stale, 1u);
  EXPECT_GE(ex.cancels, 1) << "the running request is asked to stop";
  EXPECT_FALSE(s.run_queued());
  // The new session works normally.
  feed(req(1, "t.echo", "new"));
  EXPECT_TRUE(s.run_queued());
  EXPECT_EQ(last(), R"({"type":"response","id":1,"result":{"value":"new"}})");
}

TEST_F(QueuedControlServer, BusyBeyondEightOutstandingRequests) {
  for (int id = 1; id <= 8; ++id) feed(req(id, "t.echo", std::to_string(id)));
  EXPECT_EQ(t.lines.size(), 1u);
  feed(req(9, "t.echo", "nine"));
  EXPECT_NE(last().find(R"("id":9,"error":{"class":"Busy")"), std::string::npos) << last();
  for (int id = 1; id <= 8; ++id) {
    ASSERT_TRUE(s.run_queued());
    EXPECT_EQ(last(), R"({"type":"response","id":)" + std::to_string(id) + R"(,"result":{"value":")" +
                          std::to_string(id) + "\"}}");
  }
}

TEST_F(QueuedControlServer, LargeQueuedLinesWrapAroundTheQueueIntact) {
  // Lines of 40000 bytes: two fit at once; the third waits for room (Busy), and after
  // each run the next one goes where the ring has space (wrapping to its start).
  for (int round = 0; round < 6; ++round) {
    std::string v(40000, static_cast<char>('a' + round));
    feed(req(round, "t.echo", v));
    if (round > 0) {
      ASSERT_TRUE(s.run_queued());
      std::string prev(40000, static_cast<char>('a' + round - 1));
      EXPECT_EQ(last(), R"({"type":"response","id":)" + std::to_string(round - 1) + R"(,"result":{"value":")" + prev + "\"}}");
    }
  }
  feed(req(100, "t.echo", std::string(40000, 'y')));
  feed(req(101, "t.echo", std::string(40000, 'z')));
  EXPECT_NE(last().find(R"("id":101,"error":{"class":"Busy")"), std::string::npos) << "no room for a third large line";
  ASSERT_TRUE(s.run_queued());
  ASSERT_TRUE(s.run_queued());
  EXPECT_NE(last().find(R"("id":100,"result")"), std::string::npos);
  EXPECT_FALSE(s.run_queued());
}
