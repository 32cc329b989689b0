#include "welcome_page.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "app_settings.h"
#include "retranslate_hook.h"

namespace sis::desktop {

namespace {

QLabel* heading(QWidget* parent) {
  auto* l = new QLabel(parent);
  QFont f = l->font();
  f.setBold(true);
  f.setPointSizeF(f.pointSizeF() * 1.15);
  l->setFont(f);
  return l;
}

}  // namespace

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent) {
  setObjectName("welcome_page");
  auto* icon = new QLabel(this);
  icon->setPixmap(QIcon(":/icons/sis-control-center.svg").pixmap(64, 64));
  title_ = new QLabel(this);
  QFont big = title_->font();
  big.setPointSizeF(big.pointSizeF() * 1.8);
  big.setBold(true);
  title_->setFont(big);
  subtitle_ = new QLabel(this);
  subtitle_->setWordWrap(true);
  auto* head = new QHBoxLayout;
  head->addWidget(icon, 0, Qt::AlignTop);
  auto* head_text = new QVBoxLayout;
  head_text->addWidget(title_);
  head_text->addWidget(subtitle_);
  head->addLayout(head_text, 1);

  host_heading_ = heading(this);
  host_box_ = new QVBoxLayout;
  local_host_ = new QLabel(this);
  local_host_->setObjectName("welcome_local_host");
  host_box_->addWidget(local_host_);

  default_button_ = new QPushButton(QIcon(":/icons/start.svg"), QString(), this);
  default_button_->setObjectName("welcome_default_disk");
  default_button_->setDefault(true);
  default_button_->setIconSize(QSize(22, 22));
  open_button_ = new QPushButton(this);
  open_button_->setObjectName("welcome_open_disk");
  settings_button_ = new QPushButton(this);
  settings_button_->setObjectName("welcome_settings");
  auto* start_row = new QHBoxLayout;
  start_row->addWidget(default_button_);
  start_row->addWidget(open_button_);
  start_row->addStretch(1);
  start_row->addWidget(settings_button_);

  recent_heading_ = heading(this);
  recent_ = new QListWidget(this);
  recent_->setObjectName("welcome_recent_disks");
  recent_->setAlternatingRowColors(true);
  recent_->setMinimumHeight(120);
  recent_heading_->setBuddy(recent_);
  recent_empty_ = new QLabel(this);
  recent_empty_->setWordWrap(true);
  start_selected_ = new QPushButton(this);
  start_selected_->setObjectName("welcome_start_selected");
  forget_ = new QPushButton(this);
  forget_->setObjectName("welcome_forget_disk");
  auto* recent_row = new QHBoxLayout;
  recent_row->addWidget(start_selected_);
  recent_row->addWidget(forget_);
  recent_row->addStretch(1);

  readiness_ = new QLabel(this);
  readiness_->setObjectName("welcome_readiness");
  readiness_->setWordWrap(true);
  readiness_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  // A column of readable width, centred: the page fills a large dock without stretching lines.
  auto* column = new QWidget(this);
  column->setMaximumWidth(760);
  auto* v = new QVBoxLayout(column);
  v->addLayout(head);
  v->addSpacing(12);
  v->addWidget(host_heading_);
  v->addLayout(host_box_);
  v->addSpacing(12);
  v->addLayout(start_row);
  v->addSpacing(12);
  v->addWidget(recent_heading_);
  v->addWidget(recent_, 4);
  v->addWidget(recent_empty_);
  v->addLayout(recent_row);
  v->addSpacing(8);
  v->addWidget(readiness_);
  v->addStretch(1);  // all the free space while the list is hidden: the page stays together at the top
  auto* outer = new QHBoxLayout(this);
  outer->addStretch(1);
  outer->addWidget(column, 4);
  outer->addStretch(1);
  // Tab order follows the reading order: start buttons, then the list and its buttons.
  setTabOrder(default_button_, open_button_);
  setTabOrder(open_button_, settings_button_);
  setTabOrder(settings_button_, recent_);
  setTabOrder(recent_, start_selected_);
  setTabOrder(start_selected_, forget_);

  connect(default_button_, &QPushButton::clicked, this, [this] { emit start_requested(QString()); });
  connect(open_button_, &QPushButton::clicked, this, &WelcomePage::open_disk);
  connect(settings_button_, &QPushButton::clicked, this, &WelcomePage::settings_requested);
  connect(start_selected_, &QPushButton::clicked, this, &WelcomePage::start_selected);
  connect(forget_, &QPushButton::clicked, this, &WelcomePage::forget_selected);
  connect(recent_, &QListWidget::itemActivated, this, &WelcomePage::start_selected);  // double-click, Enter
  connect(recent_, &QListWidget::currentRowChanged, this, &WelcomePage::update_buttons);

  keep_translated(this, [this] {
    title_->setText(tr("SIS Control Center"));
    subtitle_->setText(tr("Boots the SIS teaching kernel in QEMU and shows it live: metrics, console, files, "
                          "crash lab. No virtual machine is running."));
    host_heading_->setText(tr("Where the VM runs"));
    local_host_->setText(tr("This computer (QEMU, TCG)"));
    default_button_->setText(tr("Start with the default disk"));
    default_button_->setToolTip(tr("Boot the kernel with your copy of the build's default disk (sis-disk.img)"));
    open_button_->setText(tr("Open disk image..."));
    open_button_->setToolTip(tr("Choose a raw ext4 disk image and boot the kernel with it"));
    settings_button_->setText(tr("Settings..."));
    recent_heading_->setText(tr("&Recent disks"));
    recent_->setAccessibleName(tr("Recent disks"));
    recent_->setToolTip(tr("Double-click or press Enter to start the VM with a disk"));
    recent_empty_->setText(tr("Disk images you start appear here."));
    start_selected_->setText(tr("Start with the selected disk"));
    forget_->setText(tr("Remove from list"));
    forget_->setToolTip(tr("Forget the selected disk (the file stays)"));
    refresh();
  });
}

void WelcomePage::set_host_chooser(QWidget* chooser) {
  if (host_chooser_) host_chooser_->deleteLater();
  host_chooser_ = chooser;
  local_host_->setVisible(chooser == nullptr);
  if (chooser) host_box_->addWidget(chooser);
}

void WelcomePage::refresh() {
  const QString selected = recent_->currentItem() ? recent_->currentItem()->data(Qt::UserRole).toString() : QString();
  recent_->clear();
  for (const QString& path : AppSettings::recent_disks()) {
    const QFileInfo info(path);
    QString text = info.fileName() + QStringLiteral("  \u2014  ") + info.absolutePath();
    if (!info.exists()) text += QStringLiteral("  ") + tr("(missing)");
    auto* item = new QListWidgetItem(QIcon(":/icons/disk.svg"), text, recent_);
    item->setData(Qt::UserRole, path);
    item->setToolTip(info.exists() ? tr("%1\nlast changed %2").arg(path, QLocale().toString(info.lastModified(), QLocale::ShortFormat))
                                   : tr("%1\nthe file is gone").arg(path));
    if (!info.exists()) item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
    if (path == selected) recent_->setCurrentItem(item);
  }
  if (!recent_->currentItem() && recent_->count() > 0) recent_->setCurrentRow(0);
  recent_->setVisible(recent_->count() > 0);
  recent_empty_->setVisible(recent_->count() == 0);
  update_buttons();

  const AppSettings s = AppSettings::load();
  QStringList missing;
  if (s.resolved_qemu().isEmpty())
    missing << tr("qemu-system-aarch64 was not found: install qemu-system-arm or set the QEMU binary in Settings.");
  const QString kernel = s.resolved_kernel();
  if (kernel.isEmpty() || !QFileInfo(kernel).isReadable())
    missing << tr("The kernel image was not found (%1): build it (cmake --build build --target kernel) or set it in Settings.")
                   .arg(kernel.isEmpty() ? QStringLiteral("-") : kernel);
  readiness_->setText(missing.join('\n'));
  readiness_->setVisible(!missing.isEmpty());
  readiness_->setStyleSheet(missing.isEmpty() ? QString() : QStringLiteral("QLabel { color: #c62828; }"));
}

QString WelcomePage::readiness_text() const { return readiness_->isHidden() ? QString() : readiness_->text(); }

void WelcomePage::showEvent(QShowEvent* event) {
  refresh();
  QWidget::showEvent(event);
}

void WelcomePage::open_disk() {
  const QStringList recent = AppSettings::recent_disks();
  const QString dir = recent.isEmpty() ? QString() : QFileInfo(recent.first()).absolutePath();
  const QString path = QFileDialog::getOpenFileName(this, tr("Open disk image"), dir,
                                                    tr("Disk images (*.img *.raw *.ext4);;All files (*)"));
  if (!path.isEmpty()) emit start_requested(path);
}

void WelcomePage::start_selected() {
  if (QListWidgetItem* item = recent_->currentItem()) emit start_requested(item->data(Qt::UserRole).toString());
}

void WelcomePage::forget_selected() {
  if (QListWidgetItem* item = recent_->currentItem()) {
    AppSettings::forget_disk(item->data(Qt::UserRole).toString());
    refresh();
  }
}

void WelcomePage::update_buttons() {
  const bool any = recent_->currentItem() != nullptr;
  start_selected_->setEnabled(any);
  forget_->setEnabled(any);
  start_selected_->setVisible(recent_->count() > 0);
  forget_->setVisible(recent_->count() > 0);
}

}  // namespace sis::desktop
