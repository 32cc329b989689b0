#include "sched_policy_box.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPointer>

#include "client/control_client.h"
#include "remote_fs.h"
#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

SchedPolicyBox::SchedPolicyBox(VmSession* session, QWidget* parent) : QWidget(parent), session_(session) {
  setObjectName("sched_policy_box");
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  auto* label = new QLabel(this);
  combo_ = new QComboBox(this);
  combo_->setObjectName("sched_policy");
  combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  label->setBuddy(combo_);
  status_ = new QLabel(this);
  status_->setObjectName("sched_policy_status");
  status_->setWordWrap(true);
  row->addWidget(label);
  row->addWidget(combo_);
  row->addWidget(status_, 1);
  // activated: the user chose (a set_active from the metrics stream does not send anything).
  connect(combo_, &QComboBox::activated, this, [this](int i) { switch_to(combo_->itemData(i).toString()); });
  keep_translated(this, [=, this] {
    label->setText(tr("Scheduling &policy:"));
    combo_->setAccessibleName(tr("Scheduling policy"));
    combo_->setToolTip(tr("Switches the kernel's scheduler to this policy (schedctl policy NAME); every queued "
                          "thread moves to it"));
  });
  connect(session_, &VmSession::control_ready_changed, this, [this](bool ready) {
    if (ready) load_policies();
    else {
      combo_->clear();
      active_.clear();
    }
    update_enabled();
  });
  update_enabled();
}

QStringList SchedPolicyBox::policies() const {
  QStringList out;
  for (int i = 0; i < combo_->count(); ++i) out << combo_->itemData(i).toString();
  return out;
}

QString SchedPolicyBox::status_text() const { return status_->text(); }

void SchedPolicyBox::set_status(const QString& text, bool error) {
  status_->setText(text);
  status_->setStyleSheet(error ? QStringLiteral("color: #c62828") : QString());
  emit status_changed(text);
}

void SchedPolicyBox::update_enabled() {
  auto* c = session_->control();
  const bool ok = c->is_ready() && c->has_capability("shell") && combo_->count() > 0;
  combo_->setEnabled(ok);
  if (c->is_ready() && !c->has_capability("shell"))
    set_status(tr("Policy switch: not available in this kernel (no shell.exec)"));
}

void SchedPolicyBox::set_active(const QString& policy) {
  active_ = policy;
  const int i = combo_->findData(policy);
  if (i >= 0 && i != combo_->currentIndex()) combo_->setCurrentIndex(i);
}

void SchedPolicyBox::load_policies() {
  auto* c = session_->control();
  if (!c->is_ready() || !c->has_capability("shell") || loading_) return;
  loading_ = true;
  QPointer<SchedPolicyBox> self(this);
  c->request("shell.exec", {{"command", "schedctl status --json"}}, [self](const Reply& r) {
    if (!self) return;
    self->loading_ = false;
    const QJsonObject res = r.ok() ? r.object() : QJsonObject{};
    const QJsonObject status = QJsonDocument::fromJson(res.value("output").toString().trimmed().toUtf8()).object();
    const QJsonArray policies = status.value("policies").toArray();
    if (!r.ok() || res.value("status").toInt() != 0 || policies.isEmpty()) {
      self->set_status(tr("Could not list the scheduling policies: %1")
                           .arg(r.ok() ? tr("`schedctl status --json` gave none") : describe_error(r.error->cls, r.error->message)),
                       true);
      return;
    }
    self->combo_->clear();
    for (const QJsonValue& v : policies) {
      const QJsonObject p = v.toObject();
      const QString name = p.value("name").toString();
      self->combo_->addItem(name, name);
      self->combo_->setItemData(self->combo_->count() - 1, p.value("summary").toString(), Qt::ToolTipRole);
      if (p.value("active").toBool() && self->active_.isEmpty()) self->active_ = name;
    }
    self->set_active(self->active_);
    self->update_enabled();
    emit self->policies_loaded();
  }, 10000);
}

bool SchedPolicyBox::switch_to(const QString& name) {
  auto* c = session_->control();
  if (name.isEmpty() || !c->is_ready() || !c->has_capability("shell")) return false;
  set_status(tr("Switching to %1...").arg(name));
  QPointer<SchedPolicyBox> self(this);
  c->request("shell.exec", {{"command", "schedctl policy " + name}}, [self, name](const Reply& r) {
    if (!self) return;
    if (!r.ok()) {
      self->set_status(tr("Policy switch failed: %1").arg(describe_error(r.error->cls, r.error->message)), true);
      self->set_active(self->active_);
      return;
    }
    const QString out = r.object().value("output").toString().trimmed();
    if (r.object().value("status").toInt() != 0) {
      self->set_status(tr("Policy switch failed: %1").arg(out), true);
      self->set_active(self->active_);  // back to what the kernel runs
      return;
    }
    self->set_status(tr("The kernel answered: %1").arg(out));
  }, 10000);
  return true;
}

}  // namespace sis::desktop
