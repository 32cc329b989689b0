#include "write_crash_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace sis::desktop {

WriteCrashDialog::WriteCrashDialog(const QString& path, QWidget* parent) : QDialog(parent) {
  setObjectName("write_crash_dialog");
  setWindowTitle(tr("Write and crash"));
  auto* v = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("Writes your content to the file in the guest, cuts the power at the chosen point of the "
                              "journal's work, reboots, and shows what survived and why."), this);
  intro->setWordWrap(true);
  v->addWidget(intro);
  auto* form = new QFormLayout;
  path_ = new QLineEdit(path, this);
  path_->setObjectName("write_crash_path");
  form->addRow(tr("File in the guest:"), path_);

  typed_ = new QRadioButton(tr("Type the content"), this);
  typed_->setObjectName("write_crash_typed");
  typed_->setChecked(true);
  from_file_ = new QRadioButton(tr("Take it from a host file"), this);
  from_file_->setObjectName("write_crash_from_file");
  text_ = new QPlainTextEdit(this);
  text_->setObjectName("write_crash_text");
  text_->setPlaceholderText(tr("The content to write (at most %1 bytes)").arg(sis::host::kWriteCrashMaxBytes));
  text_->setMinimumHeight(120);
  text_->setAccessibleName(tr("Content to write"));
  text_->setTabChangesFocus(true);  // Tab leaves the field, as everywhere else in the dialog
  host_file_ = new QLineEdit(this);
  host_file_->setObjectName("write_crash_host_file");
  host_file_->setAccessibleName(tr("Host file with the content"));
  auto* browse = new QPushButton(tr("Browse..."), this);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getOpenFileName(this, tr("Content from a host file"));
    if (!f.isEmpty()) set_host_file(f);
  });
  auto* file_row = new QHBoxLayout;
  file_row->addWidget(host_file_, 1);
  file_row->addWidget(browse);
  form->addRow(typed_);
  form->addRow(text_);
  form->addRow(from_file_);
  form->addRow(file_row);

  point_ = new QComboBox(this);
  point_->setObjectName("write_crash_point");
  for (const sis::host::CrashPointInfo& p : sis::host::crash_points()) {
    point_->addItem(p.label, p.name);
    point_->setItemData(point_->count() - 1, p.why, Qt::ToolTipRole);
  }
  point_->setCurrentIndex(1);  // before-commit: the classic "the write is rolled back"
  form->addRow(tr("Crash point:"), point_);
  v->addLayout(form);
  guarantee_ = new QLabel(this);
  guarantee_->setObjectName("write_crash_guarantee");
  guarantee_->setWordWrap(true);
  v->addWidget(guarantee_);
  problem_ = new QLabel(this);
  problem_->setObjectName("write_crash_problem");
  problem_->setStyleSheet("color: #c62828;");
  problem_->setWordWrap(true);
  v->addWidget(problem_);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("Write and crash"));
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  v->addWidget(buttons_);

  connect(path_, &QLineEdit::textChanged, this, &WriteCrashDialog::update_state);
  connect(text_, &QPlainTextEdit::textChanged, this, &WriteCrashDialog::update_state);
  connect(host_file_, &QLineEdit::textChanged, this, &WriteCrashDialog::update_state);
  connect(typed_, &QRadioButton::toggled, this, &WriteCrashDialog::update_state);
  connect(point_, &QComboBox::currentIndexChanged, this, &WriteCrashDialog::update_state);
  resize(620, 480);
  update_state();
}

void WriteCrashDialog::set_text(const QString& text) {
  typed_->setChecked(true);
  text_->setPlainText(text);
}

void WriteCrashDialog::set_host_file(const QString& path) {
  from_file_->setChecked(true);
  host_file_->setText(path);
}

void WriteCrashDialog::set_point(const QString& point) {
  const int i = point_->findData(point);
  if (i >= 0) point_->setCurrentIndex(i);
}

WriteCrashRequest WriteCrashDialog::request(QString* error) const {
  WriteCrashRequest q;
  q.path = path_->text().trimmed();
  q.point = point_->currentData().toString();
  error->clear();
  if (!q.path.startsWith('/') || q.path.endsWith('/')) *error = tr("The file must be an absolute path in the guest.");
  if (typed_->isChecked()) {
    q.data = text_->toPlainText().toUtf8();
    q.source = "typed";
  } else {
    q.source = host_file_->text().trimmed();
    QFile f(q.source);
    if (q.source.isEmpty()) {
      if (error->isEmpty()) *error = tr("Choose a host file.");
    } else if (!QFileInfo(q.source).isFile() || !f.open(QIODevice::ReadOnly)) {
      if (error->isEmpty()) *error = tr("%1 cannot be read.").arg(q.source);
    } else {
      q.data = f.read(sis::host::kWriteCrashMaxBytes + 1);
    }
  }
  if (error->isEmpty() && q.data.isEmpty()) *error = tr("The content is empty: a crash during the write needs something to write.");
  if (error->isEmpty() && q.data.size() > sis::host::kWriteCrashMaxBytes)
    *error = tr("The content is larger than %1 bytes, the most one write-crash takes.").arg(sis::host::kWriteCrashMaxBytes);
  return q;
}

void WriteCrashDialog::update_state() {
  text_->setEnabled(typed_->isChecked());
  host_file_->setEnabled(from_file_->isChecked());
  const auto* p = sis::host::find_crash_point(point_->currentData().toString());
  if (p)
    guarantee_->setText(tr("After the reboot the journal guarantees %1: %2")
                            .arg(p->keeps_new ? tr("the new content") : tr("the old content (or no file, for a new one)"), p->why));
  QString error;
  (void)request(&error);
  problem_->setText(error);
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

}  // namespace sis::desktop
