// shell/line_editor: byte-at-a-time line editing. Checks the submitted lines, the exact echo
// for the common cases, and (through a terminal model) that the screen always shows the line.
#include "shell/line_editor.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "terminal_model.h"

namespace {

using sis::shell::LineEditor;
using sis::test::TerminalModel;
using Event = LineEditor::Event;

const std::string kPrompt = "sis> ";
const std::string kUp = "\x1b[A", kDown = "\x1b[B", kRight = "\x1b[C", kLeft = "\x1b[D";
const std::string kHome = "\x1b[H", kEnd = "\x1b[F", kDelete = "\x1b[3~";

class LineEditorTest : public ::testing::Test {
 protected:
  static void on_echo(void* ctx, const char* s, size_t n) {
    auto* self = static_cast<LineEditorTest*>(ctx);
    self->echo_.append(s, n);
    self->term_.feed(s, n);
  }

  // Feeds every byte; returns the events that were not Event::None, and records lines.
  std::vector<Event> type(const std::string& bytes) {
    std::vector<Event> events;
    for (char c : bytes) {
      Event e = ed_.feed(c);
      if (e == Event::Line) lines_.push_back(ed_.line());
      if (e != Event::None) events.push_back(e);
    }
    return events;
  }
  // Types `bytes` then Enter and returns the submitted line.
  std::string submit(const std::string& bytes) {
    auto events = type(bytes + "\r");
    EXPECT_EQ(events, std::vector<Event>{Event::Line}) << "typing: " << bytes;
    return ed_.line();
  }
  // What the terminal shows after the prompt on the current row.
  std::string shown() {
    std::string row = term_.row();
    EXPECT_EQ(row.substr(0, 4), "sis>") << row;
    return row.size() > kPrompt.size() ? row.substr(kPrompt.size()) : "";
  }
  size_t cursor() { return term_.col() - kPrompt.size(); }

  void TearDown() override { EXPECT_EQ(term_.unexpected(), 0) << "editor emitted unexpected bytes"; }

  std::string echo_;
  TerminalModel term_;
  LineEditor ed_{kPrompt.c_str(), &LineEditorTest::on_echo, this};
  std::vector<std::string> lines_;

 public:
  void SetUp() override {
    ed_.show_prompt();
    EXPECT_EQ(echo_, kPrompt);
    echo_.clear();
  }
};

TEST_F(LineEditorTest, PlainTypingEchoesBytesThenCrLf) {
  EXPECT_TRUE(type("echo hi").empty());
  EXPECT_EQ(echo_, "echo hi");
  EXPECT_EQ(submit(""), "echo hi");
  EXPECT_EQ(echo_, "echo hi\r\n");
  EXPECT_EQ(term_.finished_rows().back(), kPrompt + "echo hi");
  EXPECT_EQ(strlen(ed_.line()), 7u);
}

TEST_F(LineEditorTest, EmptyEnterSubmitsEmptyLine) {
  EXPECT_EQ(submit(""), "");
  EXPECT_EQ(echo_, "\r\n");
  EXPECT_EQ(ed_.history_size(), 0u) << "empty lines are not remembered";
}

TEST_F(LineEditorTest, NewLineStartsEmptyAfterSubmit) {
  EXPECT_EQ(submit("first"), "first");
  EXPECT_EQ(submit("second"), "second");
  EXPECT_EQ(lines_, (std::vector<std::string>{"first", "second"}));
}

TEST_F(LineEditorTest, Backspace) {
  type("helpx");
  echo_.clear();
  type("\x7f");
  EXPECT_EQ(echo_, "\b \b");
  type("\b");  // ^H works too
  EXPECT_EQ(echo_, "\b \b\b \b");
  EXPECT_EQ(shown(), "hel");
  EXPECT_EQ(submit("p"), "help");
  echo_.clear();
  type("\x7f\x7f");  // nothing to erase: no output
  EXPECT_EQ(echo_, "");
  EXPECT_EQ(submit(""), "");
}

TEST_F(LineEditorTest, LeftArrowThenInsertInTheMiddle) {
  type("helo");
  echo_.clear();
  type(kLeft);
  EXPECT_EQ(echo_, "\x1b[D");
  type("l");
  EXPECT_EQ(shown(), "hello");
  EXPECT_EQ(cursor(), 4u);  // after the inserted 'l', before the 'o'
  type(kLeft + kLeft + kLeft + kLeft + kLeft + kLeft);  // stops at column 0
  EXPECT_EQ(cursor(), 0u);
  type(">");
  EXPECT_EQ(shown(), ">hello");
  type(kRight + kRight + "_");
  EXPECT_EQ(shown(), ">he_llo");
  EXPECT_EQ(submit(""), ">he_llo");
  EXPECT_EQ(term_.finished_rows().back(), kPrompt + ">he_llo");
}

TEST_F(LineEditorTest, RightArrowStopsAtEnd) {
  type("ab");
  echo_.clear();
  type(kRight);
  EXPECT_EQ(echo_, "") << "already at the end";
  type(kLeft + kLeft + kRight);
  EXPECT_EQ(cursor(), 1u);
}

TEST_F(LineEditorTest, BackspaceInTheMiddle) {
  type("abXcd" + kLeft + kLeft + "\x7f");
  EXPECT_EQ(shown(), "abcd");
  EXPECT_EQ(cursor(), 2u);
  EXPECT_EQ(submit(""), "abcd");
}

TEST_F(LineEditorTest, DeleteKey) {
  type("xabc" + kHome + kDelete);
  EXPECT_EQ(shown(), "abc");
  EXPECT_EQ(cursor(), 0u);
  type(kEnd);
  echo_.clear();
  type(kDelete);  // at the end: nothing to delete
  EXPECT_EQ(echo_, "");
  type(kLeft + kDelete);
  EXPECT_EQ(shown(), "ab");
  EXPECT_EQ(submit(""), "ab");
}

TEST_F(LineEditorTest, HomeAndEndInAllSpellings) {
  const std::string homes[] = {kHome, "\x1bOH", "\x1b[1~", "\x1b[7~", "\x01"};
  const std::string ends[] = {kEnd, "\x1bOF", "\x1b[4~", "\x1b[8~", "\x05"};
  for (const auto& home : homes) {
    for (const auto& end : ends) {
      type("mid" + home + "<" + end + ">");
      EXPECT_EQ(submit(""), "<mid>");
    }
  }
}

TEST_F(LineEditorTest, CtrlUClearsTheLine) {
  type("garbage here" + kLeft + kLeft);
  type("\x15");
  EXPECT_EQ(shown(), "");
  EXPECT_EQ(cursor(), 0u);
  EXPECT_EQ(submit("ok"), "ok");
}

TEST_F(LineEditorTest, CtrlCCancels) {
  type("partial");
  echo_.clear();
  EXPECT_EQ(type("\x03"), std::vector<Event>{Event::Cancel});
  EXPECT_EQ(echo_, "^C\r\n");
  EXPECT_EQ(ed_.history_size(), 0u) << "a cancelled line is not remembered";
  ed_.show_prompt();
  EXPECT_EQ(submit("next"), "next");
}

TEST_F(LineEditorTest, HistoryUpAndDown) {
  submit("one");
  submit("two");
  submit("three");
  EXPECT_EQ(ed_.history_size(), 3u);
  type(kUp);
  EXPECT_EQ(shown(), "three");
  EXPECT_EQ(cursor(), 5u);
  type(kUp);
  EXPECT_EQ(shown(), "two");
  type(kUp);
  EXPECT_EQ(shown(), "one");
  type(kUp);  // oldest: stays
  EXPECT_EQ(shown(), "one");
  type(kDown);
  EXPECT_EQ(shown(), "two");
  type(kDown + kDown);
  EXPECT_EQ(shown(), "");  // back to the (empty) new line
  type(kDown);
  EXPECT_EQ(shown(), "");
  // Recall, edit and submit: the edited line becomes the newest entry.
  type(kUp + kUp + "!");
  EXPECT_EQ(submit(""), "two!");
  type(kUp);
  EXPECT_EQ(shown(), "two!");
  type("\x15");
  EXPECT_EQ(submit(""), "");
  EXPECT_EQ(ed_.history_size(), 4u);
}

TEST_F(LineEditorTest, ConsecutiveDuplicatesAreSuppressed) {
  submit("same");
  submit("same");
  submit("same");
  EXPECT_EQ(ed_.history_size(), 1u);
  submit("other");
  submit("same");  // not consecutive: kept
  EXPECT_EQ(ed_.history_size(), 3u);
  type(kUp + kUp + kUp);
  EXPECT_EQ(shown(), "same");
  type(kDown);
  EXPECT_EQ(shown(), "other");
  // Submitting a line equal to the newest entry adds nothing.
  type("\x15" + kUp);
  EXPECT_EQ(submit(""), "same");
  EXPECT_EQ(ed_.history_size(), 3u);
}

TEST_F(LineEditorTest, HistoryKeepsTheNewest16) {
  for (int i = 0; i < 20; ++i) submit("cmd" + std::to_string(i));
  EXPECT_EQ(ed_.history_size(), LineEditor::kHistory);
  for (int i = 19; i >= 4; --i) {
    type(kUp);
    EXPECT_EQ(shown(), "cmd" + std::to_string(i));
  }
  type(kUp + kUp);
  EXPECT_EQ(shown(), "cmd4") << "older entries were dropped";
  for (int i = 5; i <= 19; ++i) {
    type(kDown);
    EXPECT_EQ(shown(), "cmd" + std::to_string(i));
  }
  type(kDown);
  EXPECT_EQ(shown(), "");
}

TEST_F(LineEditorTest, CrLfCountsOnce) {
  EXPECT_EQ(type("a\r\n"), std::vector<Event>{Event::Line});
  EXPECT_EQ(type("b\n"), std::vector<Event>{Event::Line});
  EXPECT_EQ(type("c\r\r\n"), (std::vector<Event>{Event::Line, Event::Line}));
  EXPECT_EQ(type("d\n\n"), (std::vector<Event>{Event::Line, Event::Line}));
  EXPECT_EQ(type("\r\nx\r\n"), (std::vector<Event>{Event::Line, Event::Line}));
  EXPECT_EQ(lines_, (std::vector<std::string>{"a", "b", "c", "", "d", "", "", "x"}));
}

TEST_F(LineEditorTest, LineLengthLimitRingsTheBell) {
  const std::string full(LineEditor::kMaxLine, 'a');
  type(full);
  EXPECT_EQ(term_.bells(), 0);
  echo_.clear();
  type("bc");
  EXPECT_EQ(echo_, "\a\a");
  EXPECT_EQ(term_.bells(), 2);
  type(kLeft + "z");  // inserting in the middle of a full line rings too
  EXPECT_EQ(term_.bells(), 3);
  type("\x7f" + std::string("y"));  // room again after erasing one
  EXPECT_EQ(term_.bells(), 3);
  std::string expected = full;
  expected[LineEditor::kMaxLine - 2] = 'y';
  EXPECT_EQ(submit(""), expected);
  EXPECT_EQ(strlen(ed_.line()), LineEditor::kMaxLine);
  // A full-length line goes into the history intact.
  type(kUp);
  EXPECT_EQ(shown(), expected);
}

TEST_F(LineEditorTest, IgnoredInput) {
  type("a");
  echo_.clear();
  type(std::string("\x02\x04\x07\x0b\x1f", 5) + std::string(1, '\0'));  // other control bytes
  EXPECT_EQ(echo_, "");
  type("\x1b[Z");   // unknown CSI final byte
  type("\x1bx");    // ESC followed by a non-CSI byte swallows it
  type("\x1b[5~");  // PageUp: ignored
  type("\x1b[3x");  // digit without '~'
  EXPECT_EQ(echo_, "");
  EXPECT_EQ(submit("b"), "ab");
}

TEST_F(LineEditorTest, HighBytesAreInsertedVerbatim) {
  EXPECT_EQ(submit("caf\xc3\xa9"), "caf\xc3\xa9");
}

// Random editing sessions against a simple model: the screen must always show the model's
// line with the cursor in the model's position, and Enter must submit exactly that line.
TEST_F(LineEditorTest, RandomEditingMatchesModelAndScreen) {
  std::mt19937 rng(20240601);
  for (int session = 0; session < 60; ++session) {
    std::string model;
    size_t cur = 0;
    for (int step = 0; step < 120; ++step) {
      switch (rng() % 9) {
        case 0:
        case 1:
        case 2: {
          char c = static_cast<char>('a' + rng() % 26);
          if (rng() % 8 == 0) c = ' ';
          type(std::string(1, c));
          if (model.size() < LineEditor::kMaxLine) model.insert(cur++, 1, c);
          break;
        }
        case 3: type(kLeft); if (cur > 0) --cur; break;
        case 4: type(kRight); if (cur < model.size()) ++cur; break;
        case 5: type("\x7f"); if (cur > 0) model.erase(--cur, 1); break;
        case 6: type(kDelete); if (cur < model.size()) model.erase(cur, 1); break;
        case 7: if (rng() % 2) { type(kHome); cur = 0; } else { type(kEnd); cur = model.size(); } break;
        case 8: if (rng() % 10 == 0) { type("\x15"); model.clear(); cur = 0; } break;
      }
      ASSERT_EQ(shown(), TerminalModel::rtrim(model)) << "session " << session << " step " << step;
      ASSERT_EQ(cursor(), cur) << "session " << session << " step " << step;
    }
    EXPECT_EQ(submit(""), model);
    ed_.show_prompt();
  }
}

}  // namespace
