// Commands with values (docs/llm.md, "Commands with values"): the paths and process numbers
// a question names (kernel/ai/llm/question_values.*), the grammar's forms filled with them
// (CommandGrammar::fill), and the vote that suggests them (Knowledge::suggest).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ai/llm/answer.h"
#include "ai/llm/question_values.h"
#include "answer_json.h"

using sis::StrView;
using namespace sis::llm;

namespace {

StrView V(const std::string& s) { return StrView(s.data(), s.size()); }
std::string S(StrView s) { return std::string(s.data, s.size); }

std::vector<std::string> paths(const QuestionValues& v) {
  std::vector<std::string> out;
  for (size_t i = 0; i < v.path_count; ++i) out.push_back(S(v.paths[i]));
  return out;
}
std::vector<std::string> ids(const QuestionValues& v) {  // processes, then threads
  std::vector<std::string> out;
  for (size_t i = 0; i < v.pid_count; ++i) out.push_back(S(v.pids[i]));
  for (size_t i = 0; i < v.tid_count; ++i) out.push_back(S(v.tids[i]));
  return out;
}
using L = std::vector<std::string>;

TEST(QuestionValues, PathsAndProcessNumbersInTheirPlaces) {
  EXPECT_EQ(paths(values_in("how do I see the files in /etc?")), L{"/etc"});
  EXPECT_EQ(paths(values_in("run /bin/hello, then look at /data/sub.")), (L{"/bin/hello", "/data/sub"}));
  EXPECT_EQ(paths(values_in("what is in \"/etc/motd\" (and `/tmp`)")), (L{"/etc/motd", "/tmp"}));
  EXPECT_EQ(paths(values_in("/")), L{"/"});
  EXPECT_EQ(ids(values_in("kill process 3")), L{"3"});
  EXPECT_EQ(ids(values_in("is PID #12 alive? and thread 7, tid=8, task:9")), (L{"12", "7", "8", "9"}));
  EXPECT_EQ(values_in("thread 7 and process 8").tid_count, 1u);
  EXPECT_EQ(S(values_in("thread 7 and process 8").pids[0]), "8");
  // Not values: a slash inside a word, numbers that name no process, a PID too long.
  EXPECT_TRUE(paths(values_in("read and/or write 1/2 of it")).empty());
  EXPECT_TRUE(ids(values_in("the process uses 300 MB after 3 runs")).empty());
  EXPECT_TRUE(ids(values_in("process 12345678901")).empty());
  EXPECT_TRUE(ids(values_in("processes 4")).empty());
}

TEST(QuestionValues, OnlyPlainBytesTravelIntoACommand) {
  // Anything the shell would read (quotes inside, $, ;, |, escapes) drops the value.
  for (const char* q : {"ls /tmp/$(reboot)", "cat /etc;reboot", "cat /etc|sh", "ls /a\x1b[2J", "cat /etc/`id`",
                        "ls //etc", "ls /.hidden", "cat /a\\b", "cat (/etc\"", "cat '/etc)"})
    EXPECT_TRUE(paths(values_in(q)).empty()) << q;
  std::string long_path = "/" + std::string(100, 'a');
  EXPECT_TRUE(paths(values_in(V(long_path))).empty());
  // A path that runs past the 4 KiB read is not cut into another one.
  std::string at_the_edge = std::string(4090, ' ') + "/data/logs/app.log";
  EXPECT_TRUE(paths(values_in(V(at_the_edge))).empty());
  EXPECT_EQ(paths(values_in(V(std::string(4000, ' ') + "/data/x"))), L{"/data/x"});
  EXPECT_EQ(value_kind("PATH..."), ValueKind::Path);
  EXPECT_EQ(value_kind("PID"), ValueKind::Process);
  EXPECT_EQ(value_kind("TID"), ValueKind::Thread);
  EXPECT_EQ(value_kind("TEXT..."), ValueKind::None);
  EXPECT_EQ(value_kind("N"), ValueKind::None);
}

struct Shell {
  Knowledge k;
  Shell() {
    k.add_command("procctl", "user processes: run a program, list, kill, inspect",
                  "procctl run [--json] PATH [ARGS...]   run a program and wait for it\n"
                  "procctl list [--json]   every process\n"
                  "procctl kill PID [SIGNAL]   send a signal (default SIGTERM)\n"
                  "procctl info PID [--json]   one process in detail");
    k.add_command("ls", "list the files in a directory", "ls [-l] [PATH] [--json]");
    k.add_command("cat", "print files", "cat PATH...");
    k.add_command("rm", "remove files", "rm PATH...");
    k.add_command("df", "file system space", "df [--json]");
    k.add_command("tracectl", "decision traces", "tracectl export --recent N (--path FILE | --console)");
    // (The knowledge keeps pointers into its texts: a string literal outlives it.)
    k.add_examples("the disk is full and writes fail\tdf\nwriting a file fails with ENOSPC\tdf\n"
                   "which processes are running\tprocctl list\n");
    EXPECT_EQ(k.finish(), sis::Error::Ok);
  }
  std::string line(const char* q) { return S(k.suggest(q, SuggestMethod::Grounded).line()); }
};

TEST(CommandGrammar, AFormIsFilledWithTheQuestionsValuesOrNotAtAll) {
  Shell s;
  const CommandGrammar& g = s.k.grammar();
  auto fill = [&](const char* cmd_line_start, const char* q) {
    for (size_t f = 0; f < g.form_count(); ++f)
      if (S(g.form(f).syntax).rfind(cmd_line_start, 0) == 0) {
        char out[CommandGrammar::kMaxLine];
        size_t n = g.fill(f, values_in(q), out, sizeof(out));
        return std::string(out, n);
      }
    return std::string("(no form)");
  };
  EXPECT_EQ(fill("procctl run", "run /bin/hello please"), "procctl run /bin/hello");
  EXPECT_EQ(fill("procctl kill", "kill pid 7"), "procctl kill 7");
  EXPECT_EQ(fill("procctl kill", "kill /bin/hello"), "");  // a path is not a PID
  EXPECT_EQ(fill("ls", "what is in /etc"), "ls /etc");
  EXPECT_EQ(fill("ls", "what is in the root"), "ls");  // optional groups are left out
  EXPECT_EQ(fill("tracectl export", "export to /t.json"), "");  // a required choice is not made
  // A form that needs a value is one candidate of its own, its syntax; a line that parses is not.
  int run = g.find_candidate("procctl run [--json] PATH [ARGS...]");
  ASSERT_GE(run, 0);
  EXPECT_TRUE(g.candidate(static_cast<size_t>(run)).needs_value);
  EXPECT_FALSE(g.candidate(static_cast<size_t>(g.find_candidate("procctl list"))).needs_value);
}

TEST(Knowledge, AQuestionThatNamesAValueGetsTheLineThatTakesIt) {
  Shell s;
  EXPECT_EQ(s.line("kill process 3"), "procctl kill 3");
  EXPECT_EQ(s.line("run /bin/hello"), "procctl run /bin/hello");
  EXPECT_EQ(s.line("ls /data please"), "ls /data");
  // A value named in passing does not pull in a line that takes it: the symptom decides.
  EXPECT_EQ(s.line("writing a file into /data fails with ENOSPC"), "df");
  // A request with no value gets the form to complete, marked so, never run as it is.
  Knowledge::Suggestion form = s.k.suggest("how do I run a program?", SuggestMethod::Grounded);
  EXPECT_TRUE(form.needs_value);
  EXPECT_EQ(S(form.line()), "procctl run [--json] PATH [ARGS...]");
  // A path never becomes `rm PATH`, however the question asks for it.
  EXPECT_EQ(s.line("rm /data/old.log").rfind("rm", 0), std::string::npos);
  // Without a value the vote is what it was: no forms for a symptom or a question about state.
  Knowledge::Suggestion which = s.k.suggest("which processes are running?", SuggestMethod::Grounded);
  EXPECT_EQ(S(which.line()), "procctl list");
  EXPECT_FALSE(which.needs_value);
  EXPECT_FALSE(which.filled);
}

TEST(Knowledge, AnExampleWithAValueVotesForItsFormAndTheQuestionsValueFillsIt) {
  Knowledge k;
  k.add_command("procctl", "user processes", "procctl list   every process\nprocctl kill PID [SIGNAL]   send a signal");
  // Words the help does not use: only the example ties "get rid of" to `procctl kill`.
  ASSERT_EQ(k.add_examples("get rid of process 12, it hangs\tprocctl kill 12\nwhich processes exist\tprocctl list\n"),
            sis::Error::Ok);
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  EXPECT_EQ(k.skipped_examples(), 0u);
  Knowledge::Suggestion s = k.suggest("please get rid of pid 31", SuggestMethod::Grounded);
  EXPECT_EQ(S(s.line()), "procctl kill 31");  // the question's value, never the example's
  EXPECT_TRUE(s.filled);
  EXPECT_GE(s.example, 0);  // shown as the report it was chosen for
  // Without a value, the example's form does not vote for a symptom.
  EXPECT_EQ(S(k.suggest("a process hangs, which processes exist", SuggestMethod::Grounded).line()), "procctl list");
}

TEST(CommandGrammar, AChoiceOfWordsIsMadeByAValue) {
  CommandGrammar g;
  ASSERT_EQ(g.add_command("schedctl", "scheduler", "schedctl explain TID|NAME [--json]   a thread's history"), sis::Error::Ok);
  ASSERT_EQ(g.add_command("llmctl", "lm", "llmctl load PATH|builtin [--tokenizer TOK]   a model"), sis::Error::Ok);
  ASSERT_EQ(g.add_command("powerctl", "power", "powerctl set-budget WATTS|off"), sis::Error::Ok);
  ASSERT_EQ(g.finish(), sis::Error::Ok);
  char out[CommandGrammar::kMaxLine];
  EXPECT_EQ(std::string(out, g.fill(0, values_in("why is thread 3 slow"), out, sizeof(out))), "schedctl explain 3");
  EXPECT_EQ(std::string(out, g.fill(1, values_in("load /models/m.bin"), out, sizeof(out))), "llmctl load /models/m.bin");
  EXPECT_EQ(g.fill(1, values_in("load the model"), out, sizeof(out)), 0u);
  // A form whose required word takes a path is a candidate besides its own line; one whose
  // choice takes no value a question names (WATTS) is not.
  EXPECT_GE(g.find_candidate("llmctl load builtin"), 0);
  EXPECT_GE(g.find_candidate("llmctl load PATH|builtin [--tokenizer TOK]"), 0);
  EXPECT_LT(g.find_candidate("powerctl set-budget WATTS|off"), 0);
}

TEST(Knowledge, AnExampleThatExtendsALineWithAValueVotesForThatLine) {
  Knowledge k;
  k.add_command("ls", "list the files in a directory", "ls [-l] [PATH] [--json]");
  k.add_command("df", "file system space", "df [--json]");
  ASSERT_EQ(k.add_examples("browse the folder /data/logs\tls /data/logs\nno room left on the disk\tdf\n"), sis::Error::Ok);
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  EXPECT_EQ(k.skipped_examples(), 0u);
  EXPECT_EQ(S(k.suggest("browse the folder /tmp/run1", SuggestMethod::Grounded).line()), "ls /tmp/run1");
}

TEST(Knowledge, AQuestionAboutStateNeverGetsALineThatActsForTakingItsValue) {
  Knowledge k;
  k.add_command("kill", "ask a thread to stop", "kill TID");
  k.add_command("ps", "threads: state, run time, slices", "ps [--json]");
  ASSERT_EQ(k.add_examples("which threads exist and how long they ran\tps\nthread 5 spins, stop it\tkill 5\n"),
            sis::Error::Ok);
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  EXPECT_EQ(S(k.suggest("why is thread 3 getting so little run time?", SuggestMethod::Grounded).line()), "ps");
  EXPECT_EQ(S(k.suggest("thread 3 spins, stop it", SuggestMethod::Grounded).line()), "kill 3");
}

TEST(Knowledge, TheAnswerShowsAFormToCompleteAndTheJsonSaysSo) {
  Shell s;
  Answer a;
  ASSERT_TRUE(answer_question(s.k, "how do I run a program?", &a));
  ASSERT_TRUE(a.command_parses);
  struct Out final : sis::Output {
    std::string text;
    void write(StrView v) override { text.append(v.data, v.size); }
  } out;
  write_answer_text(s.k, a, out);
  EXPECT_NE(out.text.find("Command to complete with your values: procctl run [--json] PATH [ARGS...]"), std::string::npos)
      << out.text;
  std::string json = answer_json(s.k, a);
  EXPECT_NE(json.find("\"needs_value\":true"), std::string::npos) << json;
  ASSERT_TRUE(answer_question(s.k, "kill process 3", &a));
  // A cited help passage reads as its form and what the form does, not the command's summary.
  out.text.clear();
  write_answer_text(s.k, a, out);
  EXPECT_NE(out.text.find("  procctl kill PID [SIGNAL]: send a signal (default SIGTERM) [1]"), std::string::npos) << out.text;
  json = answer_json(s.k, a);
  EXPECT_NE(json.find("\"line\":\"procctl kill 3\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"from_question\":true"), std::string::npos) << json;
}

// With the file system's answer, a form is filled only with a path that fits it: `cat
// FILE...` never with a directory, a `DIR` never with a file; `PATH` takes either.
TEST(Knowledge, AFileFormIsNeverFilledWithADirectory) {
  EXPECT_FALSE(path_fits("FILE...", PathKind::Directory));
  EXPECT_TRUE(path_fits("FILE", PathKind::File));
  EXPECT_TRUE(path_fits("FILE", PathKind::Unknown));
  EXPECT_TRUE(path_fits("FILE", PathKind::Missing));
  EXPECT_FALSE(path_fits("DIR", PathKind::File));
  EXPECT_TRUE(path_fits("PATH", PathKind::Directory));
  Knowledge k;
  k.add_command("ls", "list the files in a directory", "ls [-l] [PATH] [--json]");
  k.add_command("cat", "print the contents of files", "cat FILE...");
  k.add_examples("show me the contents of /etc/motd\tcat /etc/motd\nprint the contents of /etc/hostname\tcat /etc/hostname\n"
                 "list the files in /bin\tls /bin\n");
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  const char* q = "show me the contents of /tmp";
  EXPECT_EQ(S(k.suggest(q, SuggestMethod::Grounded).line()), "cat /tmp");  // nothing asked: a guess
  k.set_path_kinds([](void*, StrView p) { return p == StrView("/tmp") ? PathKind::Directory : PathKind::File; },
                   nullptr);
  EXPECT_EQ(S(k.suggest(q, SuggestMethod::Grounded).line()), "ls /tmp");
  EXPECT_EQ(S(k.suggest("show me the contents of /etc/issue", SuggestMethod::Grounded).line()), "cat /etc/issue");
  EXPECT_EQ(k.values_of(q).path_kinds[0], PathKind::Directory);
}

}  // namespace
