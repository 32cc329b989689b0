#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include "client/control_client.h"
#include "console_panel.h"
#include "console_widget.h"
#include "crash_panel.h"
#include "dashboard_panel.h"
#include "files_panel.h"
#include "llm_panel.h"
#include "log_panel.h"
#include "processes_panel.h"
#include "profiler_panel.h"
#include "remote/ssh_link.h"
#include "remote_host_chooser.h"
#include "remote_host_settings.h"
#include "retranslate_hook.h"
#include "settings_dialog.h"
#include "snapshot_dialog.h"
#include "traces_panel.h"
#include "ui_language.h"
#include "welcome_page.h"

namespace sis::desktop {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), settings_(AppSettings::load()) {
  setObjectName("main_window");
  setWindowTitle(tr("SIS Control Center"));
  setWindowIcon(QIcon(":/icons/sis-control-center.svg"));
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
  setDocumentMode(true);
  session_ = new VmSession(QStringLiteral("control-center"), this);

  log_ = new LogPanel(this);
  dashboard_ = new DashboardPanel(session_, this);
  console_ = new ConsoleWidget(session_, this);
  console_panel_ = new ConsolePanel(session_, console_, this);
  files_ = new FilesPanel(session_, this);
  crash_ = new CrashPanel(session_, this);
  llm_ = new LlmPanel(session_, this);
  processes_ = new ProcessesPanel(session_, this);
  traces_ = new TracesPanel(session_, this);
  profiler_ = new ProfilerPanel(session_, this);
  connect(files_, &FilesPanel::log_message, this, &MainWindow::log_line);
  connect(llm_, &LlmPanel::run_in_shell, this, [this](const QString& command) {
    show_dock("console");
    session_->send_console(command.toUtf8() + "\r");
  });

  // The Dashboard dock: the welcome page while no VM runs, the charts while one does.
  welcome_ = new WelcomePage(this);
  connect(welcome_, &WelcomePage::start_requested, this, &MainWindow::start_vm_with_disk);
  connect(welcome_, &WelcomePage::settings_requested, this, &MainWindow::open_settings);
  welcome_->set_host_chooser(new RemoteHostChooser);
  dashboard_stack_ = new QStackedWidget(this);
  dashboard_stack_->setObjectName("dashboard_stack");
  dashboard_stack_->addWidget(welcome_);
  dashboard_stack_->addWidget(dashboard_);
  QDockWidget* first = add_dock("dashboard", dashboard_stack_);
  for (auto [name, w] : std::initializer_list<std::pair<const char*, QWidget*>>{{"console", console_panel_},
                                                                               {"files", files_},
                                                                               {"crash", crash_},
                                                                               {"llm", llm_},
                                                                               {"processes", processes_},
                                                                               {"traces", traces_},
                                                                               {"log", log_},
                                                                               {"profiler", profiler_}}) {
    tabifyDockWidget(first, add_dock(name, w));
  }
  first->raise();

  build_actions();
  build_menus();

  state_label_ = new QLabel(this);
  state_label_->setObjectName("vm_state");
  state_label_->setMinimumWidth(160);
  control_label_ = new QLabel(this);
  control_label_->setObjectName("control_state");
  storage_label_ = new QLabel(this);
  storage_label_->setObjectName("storage_state");
  samples_label_ = new QLabel(this);
  host_label_ = new QLabel(this);
  host_label_->setObjectName("vm_host");
  statusBar()->addWidget(host_label_);
  statusBar()->addWidget(state_label_);
  statusBar()->addWidget(storage_label_);
  statusBar()->addWidget(control_label_, 1);
  statusBar()->addPermanentWidget(samples_label_);
  connect(session_, &VmSession::state_changed, this, &MainWindow::update_state);
  connect(session_, &VmSession::control_ready_changed, this, &MainWindow::update_control_label);
  connect(session_, &VmSession::root_fs_changed, this, &MainWindow::update_storage_label);
  connect(session_, &VmSession::log_message, this, &MainWindow::log_line);
  connect(session_, &VmSession::host_changed, this, &MainWindow::update_host);
  connect(session_, &VmSession::link_changed, this, &MainWindow::update_host);
  connect(session_, &VmSession::remote_start_failed, this, &MainWindow::on_remote_start_failed);
  connect(dashboard_, &DashboardPanel::samples_changed, this, [this](qint64 n) {
    if (n % 10 == 0) samples_label_->setText(tr("%1 samples").arg(n));
  });
  update_state(VmSession::State::Off, QString());
  update_storage_label(session_->root_fs());
  keep_translated(this, [this] { retranslate(); });

  resize(1400, 900);
  default_state_ = saveState();
  QSettings s;
  if (!restoreGeometry(s.value("window/geometry").toByteArray())) resize(1400, 900);
  restoreState(s.value("window/state").toByteArray());
}

MainWindow::~MainWindow() {
  // QWidget's destructor deletes the children after this window's own parts are gone; the
  // session's destructor then fails requests still in flight, and panels report that
  // (FilesPanel::log_message). Such reports must not reach the half-destroyed window.
  for (QObject* child : findChildren<QObject*>()) disconnect(child, nullptr, this, nullptr);
  // The session goes first, while every panel is whole: its destructor fails the requests
  // still in flight, and their callbacks update the panels that asked. Deleted among the
  // children instead, it called back into panels already gone (gui.llm_panel crashed at exit
  // in SlabChart's callback, on a deleted label).
  delete session_;
  session_ = nullptr;
}

QDockWidget* MainWindow::add_dock(const QString& name, QWidget* panel) {
  auto* d = new QDockWidget(this);
  d->setObjectName("dock_" + name);
  d->setWidget(panel);
  d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::TopDockWidgetArea, d);
  docks_.insert(name, d);
  dock_order_.append(name);
  return d;
}

void MainWindow::show_dock(const QString& name) {
  if (QDockWidget* d = docks_.value(name)) {
    d->show();
    d->raise();
  }
}

void MainWindow::go_to_dock(const QString& name) {
  QDockWidget* d = docks_.value(name);
  if (!d) return;
  show_dock(name);
  // The first control of the dock in tab order gets the focus, so the keyboard is in the
  // dock at once (and leaves the console, which keeps Tab for the shell's completion).
  QWidget* root = d->widget();
  QWidget* w = root;
  do {
    w = w->nextInFocusChain();
    if (root->isAncestorOf(w) && w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus)) {
      w->setFocus(Qt::ShortcutFocusReason);
      return;
    }
  } while (w != root);
  root->setFocus(Qt::ShortcutFocusReason);
}

bool MainWindow::welcome_shown() const { return dashboard_stack_->currentWidget() == welcome_; }

void MainWindow::build_actions() {
  auto make = [this](const QString& name, const QString& icon, auto slot) {
    auto* a = new QAction(QIcon(":/icons/" + icon + ".svg"), QString(), this);
    a->setObjectName("action_" + name);
    connect(a, &QAction::triggered, this, slot);
    actions_.insert(name, a);
    return a;
  };
  make("start", "start", [this] { start_vm(); });
  make("pause", "pause", [this] {
    if (session_->state() == VmSession::State::Paused)
      session_->resume();
    else
      session_->pause();
  });
  make("reset", "reset", [this] { session_->reset(); });
  make("poweroff", "poweroff", [this] { session_->power_off(); });
  make("kill", "kill", [this] { session_->force_stop(); });
  actions_["start"]->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  auto* bar = addToolBar(QString());
  bar->setObjectName("vm_toolbar");
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->setIconSize(QSize(22, 22));
  for (const char* n : {"start", "pause", "reset", "poweroff", "kill"}) bar->addAction(actions_[n]);
  // VM > Snapshots... and its toolbar button (snapshot_dialog.h).
  actions_.insert("snapshots", make_snapshot_action(this, session_));
  bar->addAction(actions_["snapshots"]);
}

void MainWindow::build_menus() {
  auto menu = [this](const QString& name) {
    QMenu* m = menuBar()->addMenu(QString());
    m->setObjectName("menu_" + name);
    return m;
  };
  QMenu* file = menu("file");
  actions_.insert("settings", file->addAction(QString(), this, &MainWindow::open_settings));
  file->addSeparator();
  actions_.insert("quit", file->addAction(QString(), QKeySequence::Quit, this, &QWidget::close));
  QMenu* vm = menu("vm");
  for (const char* n : {"start", "pause", "reset", "poweroff", "kill"}) vm->addAction(actions_[n]);
  vm->addSeparator();
  vm->addAction(actions_["snapshots"]);
  QMenu* view = menu("view");
  for (const QString& n : dock_order_) view->addAction(docks_[n]->toggleViewAction());
  view->addSeparator();
  QMenu* go = view->addMenu(QString());
  go->setObjectName("menu_go_to");
  int key = 0;
  for (const QString& n : dock_order_) {
    QAction* a = go->addAction(QString(), this, [this, n] { go_to_dock(n); });
    a->setObjectName("action_go_to_" + n);
    if (key < 9) a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + key++)));
    actions_.insert("go_to_" + n, a);
  }
  build_language_menu(view);
  view->addSeparator();
  actions_.insert("reset_layout", view->addAction(QString(), this, &MainWindow::reset_layout));
  QMenu* help = menu("help");
  actions_.insert("about", help->addAction(QString(), this, [this] {
    QMessageBox::about(this, tr("About SIS Control Center"),
                       tr("<b>SIS Control Center</b> %1<br>Boots the SIS kernel in QEMU and shows it live: "
                          "metrics, console, files, crash lab.<br>QEMU over QMP, the kernel over its control "
                          "port (protocol v1).")
                           .arg(QApplication::applicationVersion()));
  }));
  actions_.insert("about_qt", help->addAction(QString(), qApp, &QApplication::aboutQt));
  for (const char* n : {"settings", "quit", "reset_layout", "about", "about_qt"}) actions_[n]->setObjectName(QStringLiteral("action_") + n);
}

void MainWindow::build_language_menu(QMenu* view) {
  QMenu* languages = view->addMenu(QString());
  languages->setObjectName("menu_language");
  auto* group = new QActionGroup(this);
  // Each language is named in itself, so a user who cannot read the current one finds theirs.
  for (auto [code, name] : std::initializer_list<std::pair<QString, QString>>{{QString(), QString()},
                                                                              {"en", QStringLiteral("English")},
                                                                              {"de", QStringLiteral("Deutsch")},
                                                                              {"fr", QStringLiteral("Fran\u00e7ais")}}) {
    QAction* a = languages->addAction(name);
    a->setObjectName("action_language_" + (code.isEmpty() ? QStringLiteral("system") : code));
    a->setCheckable(true);
    a->setData(code);
    a->setChecked(code == ui_language());
    group->addAction(a);
    connect(a, &QAction::triggered, this, [code] {
      set_ui_language(code);
      AppSettings s = AppSettings::load();
      s.language = code;
      s.save();
    });
    actions_.insert(a->objectName().mid(7), a);
  }
}

void MainWindow::retranslate() {
  update_host();  // the window title and the host label
  const std::pair<const char*, QString> texts[] = {
      {"start", tr("Start")},
      {"reset", tr("Reset")},
      {"poweroff", tr("Power off")},
      {"kill", tr("Force stop")},
      {"settings", tr("&Settings...")},
      {"quit", tr("&Quit")},
      {"reset_layout", tr("Reset layout")},
      {"about", tr("&About SIS Control Center")},
      {"about_qt", tr("About &Qt")},
      {"language_system", tr("System language")},
      {"snapshots", SnapshotDialog::tr("Snapshots...")}};
  for (const auto& [name, text] : texts) actions_[name]->setText(text);
  actions_["start"]->setToolTip(tr("Boot the kernel in QEMU"));
  actions_["pause"]->setToolTip(tr("Stop or resume the virtual CPUs (QMP stop/cont)"));
  actions_["reset"]->setToolTip(tr("Reset the machine: the kernel reboots (QMP system_reset)"));
  actions_["poweroff"]->setToolTip(tr("Sync the file system and quit QEMU"));
  actions_["kill"]->setToolTip(tr("Kill QEMU at once (no sync)"));
  actions_["snapshots"]->setToolTip(SnapshotDialog::tr("Take, list, restore and delete snapshots of the VM (RAM, devices and disk)"));
  findChild<QToolBar*>("vm_toolbar")->setWindowTitle(tr("VM"));
  const std::pair<const char*, QString> menus[] = {{"menu_file", tr("&File")},          {"menu_vm", tr("&VM")},
                                                   {"menu_view", tr("V&iew")},          {"menu_go_to", tr("&Go to")},
                                                   {"menu_language", tr("&Language")}, {"menu_help", tr("&Help")}};
  for (const auto& [name, text] : menus) findChild<QMenu*>(name)->setTitle(text);
  const QMap<QString, QString> titles{{"console", tr("Console")},        {"files", tr("Files")},
                                      {"crash", tr("Crash lab")},        {"llm", tr("Language model")},
                                      {"processes", tr("Processes")},    {"traces", tr("Traces")},
                                      {"log", tr("Log")},                {"profiler", tr("Profiler")}};
  for (auto it = titles.begin(); it != titles.end(); ++it) docks_[it.key()]->setWindowTitle(it.value());
  update_state(state_, qmp_status_);  // the Dashboard dock's title, the state and port labels
  update_storage_label(RootFsStatus::from_sys_info(session_->root_fs().info));
  for (const QString& n : dock_order_) actions_["go_to_" + n]->setText(docks_[n]->windowTitle());
  const QString code = ui_language();
  for (QAction* a : findChild<QMenu*>("menu_language")->actions()) a->setChecked(a->data().toString() == code);
}

void MainWindow::update_state(VmSession::State s, const QString& qmp_status) {
  using S = VmSession::State;
  state_ = s;
  qmp_status_ = qmp_status;
  QString colour = "#777";
  switch (s) {
    case S::Running: colour = "#2e7d32"; break;
    case S::Paused: colour = "#b26a00"; break;
    case S::Panicked: colour = "#c62828"; break;
    case S::Starting:
    case S::Stopping: colour = "#1565c0"; break;
    case S::Off: break;
  }
  QString text = tr("VM: %1").arg(VmSession::state_name(s));
  if (!qmp_status.isEmpty() && s != S::Off) text += QStringLiteral(" (%1)").arg(qmp_status);
  state_label_->setText(QStringLiteral("<b style='color:%1'>&#9679;</b> %2").arg(colour, text.toHtmlEscaped()));
  state_label_->setProperty("plain", text);
  const bool on = s != S::Off;
  actions_["start"]->setEnabled(!on);
  actions_["pause"]->setEnabled(s == S::Running || s == S::Paused);
  actions_["pause"]->setText(s == S::Paused ? tr("Resume") : tr("Pause"));
  actions_["pause"]->setIcon(QIcon(s == S::Paused ? ":/icons/start.svg" : ":/icons/pause.svg"));
  actions_["reset"]->setEnabled(s == S::Running || s == S::Paused || s == S::Panicked);
  actions_["poweroff"]->setEnabled(on && s != S::Stopping);
  actions_["kill"]->setEnabled(on);
  if (!on) samples_label_->clear();
  update_host();
  // No VM: the welcome page, not empty charts. The dashboard comes back with the next start
  // (its charts then show the new VM from its first sample).
  const bool welcome = s == S::Off;
  dashboard_stack_->setCurrentWidget(welcome ? static_cast<QWidget*>(welcome_) : dashboard_);
  docks_["dashboard"]->setWindowTitle(welcome ? tr("Welcome") : tr("Dashboard"));
  if (actions_.contains("go_to_dashboard")) actions_["go_to_dashboard"]->setText(docks_["dashboard"]->windowTitle());
  update_control_label();
}

void MainWindow::update_control_label() {
  auto* c = session_->control();
  if (!session_->is_running())
    control_label_->setText(tr("Control port: -"));
  else if (c->is_ready())
    control_label_->setText(tr("Control port: %1 %2, capabilities: %3")
                                .arg(c->greeting().value("kernel").toString(), c->kernel_version(), c->capabilities().join(", ")));
  else
    control_label_->setText(tr("Control port: waiting for the kernel..."));
}

void MainWindow::update_storage_label(const RootFsStatus& s) {
  // Red and impossible to overlook: an in-memory "/" accepts writes and loses them.
  storage_label_->setVisible(s.kind != RootFsStatus::Kind::Unknown);
  storage_label_->setText(s.text);
  storage_label_->setProperty("alarm", s.in_memory());
  storage_label_->setStyleSheet(s.in_memory() ? "QLabel { background: #c62828; color: white; font-weight: bold; padding: 1px 6px; }"
                                              : QString());
}

void MainWindow::update_host() {
  // Title and status bar name the host whenever a VM runs there (starting, running, lost link).
  const bool remote = session_->is_remote() && session_->is_running();
  const QString host = session_->host();
  setWindowTitle(remote ? tr("SIS Control Center \u2014 VM on %1").arg(host) : tr("SIS Control Center"));
  QString text = remote ? tr("Host: %1 (SSH)").arg(host) : tr("Host: this computer");
  QString style;
  if (remote) {
    switch (session_->link_state()) {
      case VmSession::Link::Lost:
        text = tr("Host: %1 \u2014 SSH connection lost, reconnecting...").arg(host);
        style = QStringLiteral("QLabel { background: #b26a00; color: white; padding: 1px 6px; }");
        break;
      case VmSession::Link::Reconnecting:
        text = tr("Host: %1 \u2014 connecting...").arg(host);
        break;
      case VmSession::Link::Up:
      case VmSession::Link::Local: break;
    }
  }
  host_label_->setText(text);
  host_label_->setToolTip(remote ? tr("The VM runs on %1; this window reaches it over one SSH connection. If the connection "
                                      "drops, the VM keeps running there and the window reconnects.").arg(host)
                                 : tr("The VM runs on this computer."));
  host_label_->setStyleSheet(style);
  host_label_->setMinimumWidth(host_label_->sizeHint().width());  // never cut off by the other status texts
  host_label_->setProperty("link_lost", remote && session_->link_state() == VmSession::Link::Lost);
}

QString MainWindow::status_text() const { return state_label_->property("plain").toString(); }

void MainWindow::log_line(const QString& level, const QString& source, const QString& text) {
  log_->append(level, source, text);
  if (level == "error") statusBar()->showMessage(text, 8000);
}

bool MainWindow::start_vm_with_disk(const QString& disk) {
  AppSettings s = AppSettings::load();
  s.disk = disk;
  s.save();
  return start_vm();
}

bool MainWindow::start_remote_vm(bool trust_new_key) {
  const RemoteHostSettings host = RemoteHostSettings::load_saved();
  QString error;
  sis::host::VmConfig config = settings_.to_remote_vm_config(&error);
  config.disk = host.disk.trimmed().toStdString();  // a path there; empty: the default disk's copy there
  const QString default_disk = AppSettings::default_disk_image();
  if (error.isEmpty())
    session_->start_remote(host, config, QFileInfo(default_disk).isReadable() ? default_disk : QString(), trust_new_key, &error);
  if (!error.isEmpty()) {
    log_line("error", "app", tr("cannot start the VM on %1: %2").arg(host.target, error));
    QMessageBox::warning(this, tr("Start"), tr("Cannot start the VM on %1: %2").arg(host.target, error));
    return false;
  }
  return true;
}

void MainWindow::on_remote_start_failed(const QString& message, int failure) {
  const QString host = RemoteHostSettings::load_saved().target.trimmed();
  using sis::remote::ConnectFailure;
  if (failure == static_cast<int>(ConnectFailure::UnknownHostKey)) {
    // Asked, never assumed; a "yes" adds the key to known_hosts and starts again.
    if (ask_to_trust_host_key(this, host, message)) start_remote_vm(true);
    return;
  }
  if (failure == static_cast<int>(ConnectFailure::ChangedHostKey)) {
    // Never offered for trust: it may be someone in the middle.
    QMessageBox box(QMessageBox::Critical, tr("Host key changed"),
                    tr("The host key of %1 has changed. The VM was not started.").arg(host), QMessageBox::Ok, this);
    box.setObjectName("host_key_changed_box");
    box.setInformativeText(message);
    box.exec();
    return;
  }
  QMessageBox::warning(this, tr("Start"), tr("Cannot start the VM on %1: %2").arg(host, message));
}

bool MainWindow::start_vm() {
  settings_ = AppSettings::load();
  if (settings_.run_on_remote_host && !settings_.remote_host.trimmed().isEmpty()) return start_remote_vm(false);
  AppSettings::remember_disk(settings_.disk);
  QString error;
  sis::host::VmConfig config = settings_.to_vm_config(&error);
  if (error.isEmpty() && !session_->start(config, &error)) {
    // start() explains (e.g. invalid configuration)
  }
  if (!error.isEmpty()) {
    log_line("error", "app", tr("cannot start the VM: %1").arg(error));
    QMessageBox::warning(this, tr("Start"), tr("Cannot start the VM: %1").arg(error));
    return false;
  }
  return true;
}

void MainWindow::open_settings() {
  SettingsDialog dialog(AppSettings::load(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  const AppSettings s = dialog.settings();
  s.save();
  dialog.remote_host_settings().save_as_app_setting();
  if (auto* chooser = qobject_cast<RemoteHostChooser*>(welcome_->host_chooser())) chooser->refresh();
  const bool language_changed = s.language != ui_language();
  settings_ = s;
  dashboard_->set_rate_hz(s.metrics_rate_hz);
  if (language_changed) set_ui_language(s.language);
  welcome_->refresh();
  log_line("info", "app", tr("settings saved"));
}

void MainWindow::save_layout() {
  QSettings s;
  s.setValue("window/geometry", saveGeometry());
  s.setValue("window/state", saveState());
}

void MainWindow::reset_layout() {
  restoreState(default_state_);
  for (QDockWidget* d : docks_) d->show();
  docks_["dashboard"]->raise();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  save_layout();
  if (session_->is_running() && !closing_) {
    // Power off first (fs.sync + quit), then close; never leave QEMU behind.
    closing_ = true;
    connect(session_, &VmSession::finished, this, [this] { close(); });
    session_->power_off();
    QTimer::singleShot(6000, this, [this] {
      session_->force_stop();
      close();
    });
    event->ignore();
    return;
  }
  event->accept();
}

}  // namespace sis::desktop
