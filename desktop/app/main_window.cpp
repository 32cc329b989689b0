#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
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
#include "settings_dialog.h"
#include "snapshot_dialog.h"
#include "traces_panel.h"

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

  QDockWidget* first = add_dock("dashboard", tr("Dashboard"), dashboard_);
  for (auto [name, title, w] : std::initializer_list<std::tuple<const char*, QString, QWidget*>>{
           {"console", tr("Console"), console_panel_},
           {"files", tr("Files"), files_},
           {"crash", tr("Crash lab"), crash_},
           {"llm", tr("Language model"), llm_},
           {"processes", tr("Processes"), processes_},
           {"traces", tr("Traces"), traces_},
           {"log", tr("Log"), log_},
           {"profiler", tr("Profiler"), profiler_}}) {
    tabifyDockWidget(first, add_dock(name, title, w));
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
  statusBar()->addWidget(state_label_);
  statusBar()->addWidget(storage_label_);
  statusBar()->addWidget(control_label_, 1);
  statusBar()->addPermanentWidget(samples_label_);
  connect(session_, &VmSession::state_changed, this, &MainWindow::update_state);
  connect(session_, &VmSession::control_ready_changed, this, &MainWindow::update_control_label);
  connect(session_, &VmSession::root_fs_changed, this, &MainWindow::update_storage_label);
  connect(session_, &VmSession::log_message, this, &MainWindow::log_line);
  connect(dashboard_, &DashboardPanel::samples_changed, this, [this](qint64 n) {
    if (n % 10 == 0) samples_label_->setText(tr("%1 samples").arg(n));
  });
  update_state(VmSession::State::Off, QString());
  update_control_label();
  update_storage_label(session_->root_fs());

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
}

QDockWidget* MainWindow::add_dock(const QString& name, const QString& title, QWidget* panel) {
  auto* d = new QDockWidget(title, this);
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

void MainWindow::build_actions() {
  auto make = [this](const QString& name, const QString& icon, const QString& text, const QString& tip, auto slot) {
    auto* a = new QAction(QIcon(":/icons/" + icon + ".svg"), text, this);
    a->setObjectName("action_" + name);
    a->setToolTip(tip);
    connect(a, &QAction::triggered, this, slot);
    actions_.insert(name, a);
    return a;
  };
  make("start", "start", tr("Start"), tr("Boot the kernel in QEMU"), [this] { start_vm(); });
  make("pause", "pause", tr("Pause"), tr("Stop or resume the virtual CPUs (QMP stop/cont)"), [this] {
    if (session_->state() == VmSession::State::Paused)
      session_->resume();
    else
      session_->pause();
  });
  make("reset", "reset", tr("Reset"), tr("Reset the machine: the kernel reboots (QMP system_reset)"), [this] { session_->reset(); });
  make("poweroff", "poweroff", tr("Power off"), tr("Sync the file system and quit QEMU"), [this] { session_->power_off(); });
  make("kill", "kill", tr("Force stop"), tr("Kill QEMU at once (no sync)"), [this] { session_->force_stop(); });
  actions_["start"]->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  auto* bar = addToolBar(tr("VM"));
  bar->setObjectName("vm_toolbar");
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->setIconSize(QSize(22, 22));
  for (const char* n : {"start", "pause", "reset", "poweroff", "kill"}) bar->addAction(actions_[n]);
  // VM > Snapshots... and its toolbar button (snapshot_dialog.h).
  actions_.insert("snapshots", make_snapshot_action(this, session_));
  bar->addAction(actions_["snapshots"]);
}

void MainWindow::build_menus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  auto* settings = file->addAction(tr("&Settings..."), this, &MainWindow::open_settings);
  settings->setObjectName("action_settings");
  actions_.insert("settings", settings);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  QMenu* vm = menuBar()->addMenu(tr("&VM"));
  for (const char* n : {"start", "pause", "reset", "poweroff", "kill"}) vm->addAction(actions_[n]);
  vm->addSeparator();
  vm->addAction(actions_["snapshots"]);
  QMenu* view = menuBar()->addMenu(tr("V&iew"));
  for (const QString& n : dock_order_) view->addAction(docks_[n]->toggleViewAction());
  view->addSeparator();
  view->addAction(tr("Reset layout"), this, &MainWindow::reset_layout);
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About SIS Control Center"), this, [this] {
    QMessageBox::about(this, tr("About SIS Control Center"),
                       tr("<b>SIS Control Center</b> %1<br>Boots the SIS kernel in QEMU and shows it live: "
                          "metrics, console, files, crash lab.<br>QEMU over QMP, the kernel over its control "
                          "port (protocol v1).")
                           .arg(QApplication::applicationVersion()));
  });
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::update_state(VmSession::State s, const QString& qmp_status) {
  using S = VmSession::State;
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

QString MainWindow::status_text() const { return state_label_->property("plain").toString(); }

void MainWindow::log_line(const QString& level, const QString& source, const QString& text) {
  log_->append(level, source, text);
  if (level == "error") statusBar()->showMessage(text, 8000);
}

bool MainWindow::start_vm() {
  settings_ = AppSettings::load();
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
  settings_ = s;
  dashboard_->set_rate_hz(s.metrics_rate_hz);
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
