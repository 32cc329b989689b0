#!/usr/bin/env bash
# llm.ask_guest: the grounded answers in the real kernel under QEMU (TCG), with the default
# disk (its /usr/share/doc/sis: docs, tutorials, the troubleshooting guide, the examples):
#  - `llmctl ask` cites passages (doc § section), suggests a command and shows live state
#    (`df` lines for a disk question; the suggested `lspci`'s table for a PCI question);
#  - `llmctl suggest` answers with a command from the grammar, which then runs in the shell;
#  - hostile questions in the shell (quotes, $(...), ANSI escapes) are only searched: the
#    shell survives, no escape byte reaches the output, nothing named in them runs;
#  - over the control port (llm.ask): the same questions, newlines, a named value (in the
#    command), none (a form to complete), a hostile value (left out), a 60 KiB question
#    (answered) and a 70 KiB one (refused: TooLarge), then sys.ping still answers.
# Env: SISCTL, SIS_SOURCE_DIR, SIS_KERNEL, SIS_DISK (the default disk image), PYTHON.
source "${SIS_SOURCE_DIR:?}/tests/integration/lib.sh"
[ -f "${SIS_DISK:?}" ] || { echo "FAIL: the default disk image $SIS_DISK is missing (target sis_disk)"; exit 1; }
private_vm_runtime llmask llmask
disk="$SIS_RUNTIME_DIR/disk.img"
cp "$SIS_DISK" "$disk"

esc=$'\e[2J\e]0;owned\a'
out=$("$SISCTL" boot --quiet --timeout 100 --disk "$disk" \
  --exec "llmctl ask The disk is almost full and writes fail. What should I check?" \
  --exec "llmctl suggest the disk is full and writes fail" \
  --exec "llmctl ask \"What does the journal do after a crash?\"" \
  --exec "llmctl ask which PCI devices did the kernel find?" \
  --exec "llmctl ask \"\$(poweroff); reboot\" '; panic' ${esc}disk" \
  --exec "df" 2>&1); st=$?
expect_status "boot and llmctl ask" "$st" 0
expect_in "ask cites the troubleshooting guide" "$out" "troubleshooting.md"
expect_in "ask suggests df for a full disk" "$out" "Suggested command: df "
expect_in "ask shows df's live state" "$out" "  df       "
expect_in "suggest answers df" "$out" "suggestion (text only: nothing is run): df"
expect_in "suggest and ask name the example the command was chosen for" "$out" "hosen for reports like: "
expect_in "the journal question cites a journal passage" "$out" "journal"
expect_in "a PCI question suggests lspci" "$out" "Suggested command: lspci "
expect_in "and its live state is lspci's table (the suggested reading command ran)" "$out" "  lspci    slot"
# (sisctl echoes each command line after "sis> "; the kernel's output is the rest.)
expect_not_in "no escape byte reaches the output" "$(grep -v '^sis> ' <<<"$out")" $'\e'
expect_not_in "a hostile question never suggests poweroff or reboot" "$out" "Suggested command: poweroff"
expect_not_in "a hostile question never suggests reboot" "$out" "Suggested command: reboot"
expect_in "the shell survived the hostile question (df ran after it)" "$out" "Mounted on"

# The control port.
out=$("$SISCTL" vm start --name llmask --disk "$disk" --wait-boot 90 2>&1); expect_status "vm start" $? 0
questions="$SIS_RUNTIME_DIR/q.json"
"${PYTHON:-python3}" - "$questions" <<'PY'
import json, sys
qs = [["disk", "The disk is almost full and writes fail. What should I check?"],
      ["quotes", "\"; poweroff; echo '"],
      ["subst", "$(reboot) `panic` the heap keeps growing"],
      ["newlines", "line one\nline two\r\nmemctl stats\n"],
      ["ansi", "\x1b[2J\x1b]0;owned\x07 is the machine about to crash"],
      ["value", "kill process 3"],
      ["form", "How do I run a user program?"],
      ["hostile_value", "ls /tmp/$(reboot) and cat /etc;reboot"],
      ["big", "disk full " * 6000],
      ["huge", "A" * (70 * 1024)]]
json.dump(qs, open(sys.argv[1], "w"))
PY
res=$("${PYTHON:-python3}" "$SIS_SOURCE_DIR/tests/llm/control_ask.py" "$vm_dir/control.sock" "$questions" 2>&1); st=$?
expect_status "control port session" "$st" 0
check() {  # check KIND PYTHON-EXPRESSION-over-r DESCRIPTION
  if "${PYTHON:-python3}" -c "
import json, sys
rows = {r['question_kind']: r for r in map(json.loads, sys.stdin.read().splitlines())}
r = rows['$1']
sys.exit(0 if ($2) else 1)" <<<"$res"; then pass "$3"; else fail "$3"; echo "$res" | grep "\"$1\"" | head -c 2000 >&2; fi
}
check disk "r['ok'] and r['command'] == 'df' and r['passages'] and 'df' in r['live_state']" "llm.ask: df, passages, df live state"
check quotes "r['ok'] and (r['command'] or '') not in ('poweroff', 'reboot')" "llm.ask: quotes are data"
check subst "r['ok'] and (r['command'] or '').split(' ')[0] not in ('reboot', 'panic')" "llm.ask: \$(...) is data"
check newlines "r['ok']" "llm.ask: newlines are data"
check ansi "r['ok'] and '\x1b' not in r['answer'] and '\x1b' not in r['live_state']" "llm.ask: no escape byte comes back"
check value "r['ok'] and r['command'] == 'procctl kill 3' and r['from_question'] and not r['needs_value']" "llm.ask: a named value fills the command"
check form "r['ok'] and r['command'] == 'procctl run [--json] PATH [ARGS...]' and r['needs_value']" "llm.ask: no value named: a form to complete"
check hostile_value "r['ok'] and not any(c in (r['command'] or '') for c in '\$;()') and 'reboot' not in (r['command'] or '')" "llm.ask: only plain values travel into a command"
check big "r['ok'] and r['command'] == 'df'" "llm.ask: a 60 KiB question is answered"
check huge "not r['ok'] and r['error_class'] == 'TooLarge'" "llm.ask: a 70 KiB question is refused (TooLarge)"
check ping "r['ok']" "the kernel still answers sys.ping"
"$SISCTL" vm stop --name llmask >/dev/null 2>&1
finish
