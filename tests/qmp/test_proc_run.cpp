// ProcRun (qmp/client/proc_run.h) against a scripted kernel: output events that arrive
// before proc.run's response are delivered once the pid is known, other programs' events
// are ignored, base64 output becomes bytes, gaps in the offsets are reported as lost bytes,
// the exit ends the run with its status, and a refusal or a lost connection fails it.
#include <QJsonArray>

#include <gtest/gtest.h>

#include "client/control_client.h"
#include "client/proc_run.h"
#include "scripted_peer.h"

using sis::host::ClientError;
using sis::host::ControlClient;
using sis::host::ProcRun;
using sis::test::ScriptedPeer;
using sis::test::spin_until;

namespace {

const QJsonObject kGreeting{{"type", "greeting"}, {"protocol", 1}, {"kernel", "SIS"}, {"version", "0.1.0"},
                            {"capabilities", QJsonArray{"sys", "proc"}}};

struct Watch {
  QByteArray out, err;
  QList<QPair<int, qint64>> lost;
  std::optional<QJsonObject> exit;
  std::optional<ClientError> failure;
  qint64 started = -1;
  void on(ProcRun& r) {
    QObject::connect(&r, &ProcRun::started, [this](qint64 pid) { started = pid; });
    QObject::connect(&r, &ProcRun::output, [this](int s, const QByteArray& d) { (s == ProcRun::Stdout ? out : err) += d; });
    QObject::connect(&r, &ProcRun::lost, [this](int s, qint64 n) { lost.append({s, n}); });
    QObject::connect(&r, &ProcRun::exited, [this](const QJsonObject& e) { exit = e; });
    QObject::connect(&r, &ProcRun::failed, [this](const ClientError& e) { failure = e; });
  }
};

QJsonObject event(const char* name, const QJsonObject& data) {
  return {{"type", "event"}, {"event", name}, {"ts_ns", 1}, {"data", data}};
}
QJsonObject output(int pid, const char* stream, qint64 offset, const QByteArray& bytes) {
  return event("proc.output", {{"pid", pid}, {"stream", stream}, {"offset", offset}, {"data", QString::fromLatin1(bytes.toBase64())}});
}
QJsonObject exit_event(int pid, int status, qint64 out_bytes, qint64 err_bytes) {
  return event("proc.exit", {{"pid", pid}, {"status", "exited"}, {"exit_code", status}, {"signal", QJsonValue()},
                             {"exit_status", status}, {"stdout_bytes", out_bytes}, {"stderr_bytes", err_bytes}});
}

class ProcRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_.connect_to_server(peer_.path());
    ASSERT_TRUE(peer_.wait_connected());
    peer_.send_json(kGreeting);
    ASSERT_TRUE(peer_.next());  // hello
    ASSERT_TRUE(spin_until([&] { return client_.is_ready(); }));
    watch_.on(run_);
  }
  // Starts the run and returns the request's id (after checking what was sent).
  qint64 start(const QStringList& argv) {
    run_.start(argv);
    auto req = peer_.next();
    EXPECT_TRUE(req.has_value());
    if (!req) return -1;
    EXPECT_EQ(req->value("method").toString(), "proc.run");
    EXPECT_EQ(req->value("params").toObject().value("argv").toArray(), QJsonArray::fromStringList(argv));
    return req->value("id").toInteger();
  }
  ScriptedPeer peer_;
  ControlClient client_;
  ProcRun run_{&client_};
  Watch watch_;
};

}  // namespace

TEST_F(ProcRunTest, OutputBeforeTheResponseIsDeliveredOnceThePidIsKnown) {
  qint64 id = start({"/bin/hello", "a b"});
  peer_.send_json(output(7, "stdout", 0, "hello "));
  peer_.send_json(output(9, "stdout", 0, "not ours\n"));  // another program's
  peer_.send_json(output(7, "stderr", 0, "warn\n"));
  peer_.send_json({{"type", "response"}, {"id", id}, {"result", QJsonObject{{"pid", 7}}}});
  peer_.send_json(output(7, "stdout", 6, QByteArray("world\n\x00\xff", 8)));
  peer_.send_json(exit_event(7, 3, 14, 5));
  ASSERT_TRUE(spin_until([&] { return watch_.exit.has_value(); }));
  EXPECT_EQ(watch_.started, 7);
  EXPECT_EQ(watch_.out, QByteArray("hello world\n\x00\xff", 14));
  EXPECT_EQ(watch_.err, "warn\n");
  EXPECT_TRUE(watch_.lost.isEmpty());
  EXPECT_EQ(ProcRun::exit_status(*watch_.exit), 3);
  EXPECT_TRUE(run_.done());
  EXPECT_FALSE(watch_.failure.has_value());
}

TEST_F(ProcRunTest, AGapInTheOffsetsIsReportedAsLostBytes) {
  qint64 id = start({"/bin/yes"});
  peer_.send_json({{"type", "response"}, {"id", id}, {"result", QJsonObject{{"pid", 4}}}});
  peer_.send_json(output(4, "stdout", 0, "y\n"));
  peer_.send_json(output(4, "stdout", 10, "y\n"));  // 8 bytes never arrived
  peer_.send_json(exit_event(4, 0, 16, 0));          // and 4 more after the last event
  ASSERT_TRUE(spin_until([&] { return watch_.exit.has_value(); }));
  ASSERT_EQ(watch_.lost.size(), 2);
  EXPECT_EQ(watch_.lost[0], qMakePair(int(ProcRun::Stdout), qint64(8)));
  EXPECT_EQ(watch_.lost[1], qMakePair(int(ProcRun::Stdout), qint64(4)));
  EXPECT_EQ(watch_.out, "y\ny\n");
}

TEST_F(ProcRunTest, ARefusedRunFailsWithTheKernelsError) {
  qint64 id = start({"/no/such"});
  peer_.send_json({{"type", "response"}, {"id", id},
                   {"error", QJsonObject{{"class", "NotFound"}, {"message", "/no/such: no such file"}}}});
  ASSERT_TRUE(spin_until([&] { return watch_.failure.has_value(); }));
  EXPECT_EQ(watch_.failure->cls, "NotFound");
  EXPECT_TRUE(run_.done());
  EXPECT_EQ(watch_.started, -1);
}

TEST_F(ProcRunTest, ALostConnectionFailsARunningProgram) {
  qint64 id = start({"/bin/busybox", "sleep", "30"});
  peer_.send_json({{"type", "response"}, {"id", id}, {"result", QJsonObject{{"pid", 5}}}});
  ASSERT_TRUE(spin_until([&] { return watch_.started == 5; }));
  peer_.drop();
  ASSERT_TRUE(spin_until([&] { return watch_.failure.has_value(); }));
  EXPECT_EQ(watch_.failure->cls, "Disconnected");
  EXPECT_FALSE(watch_.exit.has_value());
}
