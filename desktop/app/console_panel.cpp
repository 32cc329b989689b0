#include "console_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "console_widget.h"
#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

ConsolePanel::ConsolePanel(VmSession* session, ConsoleWidget* console, QWidget* parent)
    : QWidget(parent), session_(session), console_(console) {
  setObjectName("console_panel");
  auto* row = new QHBoxLayout;
  row->setContentsMargins(4, 2, 4, 2);
  sh_button_ = new QPushButton(this);
  sh_button_->setObjectName("console_sh");
  hint_ = new QLabel(this);
  hint_->setWordWrap(true);
  row->addWidget(sh_button_);
  row->addWidget(hint_, 1);
  auto* v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 0);
  v->setSpacing(0);
  v->addLayout(row);
  v->addWidget(console_, 1);
  connect(sh_button_, &QPushButton::clicked, this, &ConsolePanel::hand_to_busybox_sh);
  auto enable = [this](VmSession::State s) { sh_button_->setEnabled(s == VmSession::State::Running); };
  connect(session_, &VmSession::state_changed, this, enable);
  enable(session_->state());
  keep_translated(this, [this] {
    sh_button_->setText(tr("busybox sh"));
    sh_button_->setToolTip(tr("Hand the terminal to /bin/sh (the kernel's `sh` command; needs a disk with busybox)"));
    hint_->setText(tr("Runs busybox sh on this terminal: pipelines, line editing, Ctrl-C to the foreground job; "
                      "`exit` returns to the kernel's shell."));
  });
}

void ConsolePanel::hand_to_busybox_sh() {
  // Typed at the kernel's prompt like any command; typed inside busybox sh it would start a
  // nested shell, which is harmless (exit leaves it).
  session_->send_console("sh\r");
  console_->setFocus();
}

}  // namespace sis::desktop
