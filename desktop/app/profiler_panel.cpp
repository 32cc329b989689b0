#include "profiler_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include "client/control_client.h"
#include "flame_graph_widget.h"
#include "functions.h"
#include "remote_fs.h"
#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::flame::CallTree;
using sis::flame::NodeId;
using sis::host::Reply;

namespace {

constexpr qint64 kChunk = 16384;                 // prof.folded "max" (PROF-API: chunks end at a line)
constexpr qint64 kMaxFolded = 64ll << 20;        // a larger export is refused, not drawn half
constexpr qint64 kMaxFileBytes = 256ll << 20;
constexpr int kRequestTimeoutMs = 10000;

constexpr int kSortRole = Qt::UserRole + 1;

// A percentage shown with two decimals that sorts as a number.
QStandardItem* percent_item(std::uint64_t part, std::uint64_t whole) {
  const double v = whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
  auto* it = new QStandardItem(QString::number(v, 'f', 2) + "%");
  it->setData(v, kSortRole);
  it->setData(QObject::tr("%1 samples").arg(part), Qt::ToolTipRole);
  it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  it->setEditable(false);
  return it;
}

// A request that failed because the control port went away says so plainly.
QString failure(const QString& method, const sis::host::Reply& r) {
  if (r.error->cls == sis::host::error_class::kDisconnected || r.error->cls == sis::host::error_class::kSessionRestarted)
    return QObject::tr("The control port went away; the profile was lost.");
  return QObject::tr("%1 failed: %2").arg(method, describe_error(r.error->cls, r.error->message));
}

QString pct(std::uint64_t part, std::uint64_t whole) {
  return whole ? QString::number(100.0 * static_cast<double>(part) / static_cast<double>(whole), 'f', 2) + "%" : QStringLiteral("0%");
}

}  // namespace

ProfilerPanel::ProfilerPanel(VmSession* session, QWidget* parent)
    : QWidget(parent), session_(session), graph_(new FlameGraphWidget), top_model_(new QStandardItemModel(this)) {
  setObjectName("profiler");
  auto* outer = new QVBoxLayout(this);

  // Live profiling of the VM.
  auto* live = new QHBoxLayout;
  start_ = new QPushButton(this);
  start_->setObjectName("profiler_start");
  stop_ = new QPushButton(this);
  stop_->setObjectName("profiler_stop");
  hz_ = new QSpinBox(this);
  hz_->setObjectName("profiler_hz");
  hz_->setRange(1, 10000);
  hz_->setValue(1000);
  target_ = new QComboBox(this);
  target_->setObjectName("profiler_target");
  target_->addItem(QString(), "all");
  target_->addItem(QString(), "kernel");
  target_->addItem(QString(), "pid");
  pid_ = new QSpinBox(this);
  pid_->setObjectName("profiler_pid");
  pid_->setRange(1, 1 << 30);
  pid_->setEnabled(false);
  live_status_ = new QLabel(this);
  live_status_->setObjectName("profiler_live_status");
  live_status_->setWordWrap(true);
  live->addWidget(start_);
  live->addWidget(stop_);
  auto* rate_label = new QLabel(this);
  rate_label->setBuddy(hz_);
  auto* sample_label = new QLabel(this);
  sample_label->setBuddy(target_);
  live->addWidget(rate_label);
  live->addWidget(hz_);
  live->addWidget(sample_label);
  live->addWidget(target_);
  live->addWidget(pid_);
  live->addWidget(live_status_, 1);
  outer->addLayout(live);

  // Profiles: load, compare, view, save.
  auto* files = new QHBoxLayout;
  auto* load = new QPushButton(this);
  load->setObjectName("profiler_load");
  auto* compare = new QPushButton(this);
  compare->setObjectName("profiler_compare");
  keep_before_ = new QPushButton(this);
  keep_before_->setObjectName("profiler_keep_before");
  view_ = new QComboBox(this);
  view_->setObjectName("profiler_view");
  view_->addItem(QString());
  view_->addItem(QString());
  normalize_ = new QCheckBox(this);
  normalize_->setObjectName("profiler_normalize");
  auto* save = new QPushButton(this);
  save->setObjectName("profiler_save_image");
  files->addWidget(load);
  files->addWidget(compare);
  files->addWidget(keep_before_);
  auto* view_label = new QLabel(this);
  view_label->setBuddy(view_);
  files->addWidget(view_label);
  files->addWidget(view_);
  files->addWidget(normalize_);
  files->addStretch(1);
  files->addWidget(save);
  outer->addLayout(files);

  auto* find = new QHBoxLayout;
  search_ = new QLineEdit(this);
  search_->setObjectName("profiler_search");
  search_->setClearButtonEnabled(true);
  match_ = new QLabel(this);
  match_->setObjectName("profiler_match");
  auto* reset = new QPushButton(this);
  reset->setObjectName("profiler_reset_zoom");
  auto* search_label = new QLabel(this);
  search_label->setBuddy(search_);
  find->addWidget(search_label);
  find->addWidget(search_, 1);
  find->addWidget(match_);
  find->addWidget(reset);
  outer->addLayout(find);

  summary_ = new QLabel(this);
  summary_->setObjectName("profiler_summary");
  summary_->setWordWrap(true);
  error_ = new QLabel(this);
  error_->setObjectName("profiler_error");
  error_->setStyleSheet("color: #b00020;");
  error_->setWordWrap(true);
  error_->hide();
  zoom_path_ = new QLabel(this);
  zoom_path_->setObjectName("profiler_zoom_path");
  zoom_path_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  outer->addWidget(summary_);
  outer->addWidget(error_);
  outer->addWidget(zoom_path_);

  // The graph above at its natural height, the functions table below it.
  split_ = new QSplitter(Qt::Vertical, this);
  auto* split = split_;
  auto* scroll = new QScrollArea(split);
  scroll->setWidgetResizable(true);
  scroll->setAlignment(Qt::AlignBottom);
  scroll->setWidget(graph_);
  top_table_ = new QTableView(split);
  top_table_->setObjectName("profiler_top");
  top_table_->setModel(top_model_);
  top_table_->setSortingEnabled(true);
  top_table_->verticalHeader()->hide();
  top_table_->verticalHeader()->setDefaultSectionSize(top_table_->fontMetrics().height() + 6);
  top_table_->horizontalHeader()->setStretchLastSection(true);
  top_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  top_model_->setSortRole(kSortRole);
  split->addWidget(scroll);
  split->addWidget(top_table_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  split->setChildrenCollapsible(false);
  outer->addWidget(split, 1);

  connect(start_, &QPushButton::clicked, this, &ProfilerPanel::start_profiling);
  connect(stop_, &QPushButton::clicked, this, &ProfilerPanel::stop_profiling);
  connect(target_, &QComboBox::currentIndexChanged, this, [this] { pid_->setEnabled(target_->currentData() == "pid"); });
  connect(load, &QPushButton::clicked, this, &ProfilerPanel::load_dialog);
  connect(compare, &QPushButton::clicked, this, &ProfilerPanel::compare_dialog);
  connect(keep_before_, &QPushButton::clicked, this, &ProfilerPanel::keep_as_before);
  connect(view_, &QComboBox::currentIndexChanged, this, [this] { show_current(); });
  connect(normalize_, &QCheckBox::toggled, this, [this] { show_current(); });
  connect(save, &QPushButton::clicked, this, &ProfilerPanel::save_dialog);
  connect(search_, &QLineEdit::textChanged, this, &ProfilerPanel::on_search_changed);
  connect(reset, &QPushButton::clicked, graph_, &FlameGraphWidget::reset_zoom);
  connect(graph_, &FlameGraphWidget::zoom_changed, this, &ProfilerPanel::on_zoom_changed);
  connect(graph_, &FlameGraphWidget::search_changed, this, &ProfilerPanel::on_search_changed);
  connect(top_table_, &QTableView::activated, this, [this](const QModelIndex& i) {  // double-click, Enter
    search_->setText(top_model_->item(i.row(), 2)->text());
  });
  connect(session_, &VmSession::control_ready_changed, this, [this](bool ready) {
    if (ready) {
      live_status_error_ = false;  // a new session: old errors are history
    } else {
      ++generation_;  // a reboot or power-off ends any run or fetch
      last_run_.clear();
      if (profiling_ || fetching_) {
        // Said until the next Start or session, also through repeated "not ready" signals.
        set_live_status(tr("The control port went away; the profile was lost."), true);
      }
      // Any other error stays too: it says what happened to the last run.
      fetching_ = false;
      if (profiling_) {
        profiling_ = false;
        emit profiling_changed(false);
      }
    }
    update_live();
  });
  connect(session_, &VmSession::state_changed, this, &ProfilerPanel::update_live);

  view_->setEnabled(false);
  normalize_->setEnabled(false);
  keep_before_->setEnabled(false);
  keep_translated(this, [=, this] {
    start_->setText(tr("Start"));
    start_->setToolTip(tr("Start sampling the kernel (prof.start)"));
    stop_->setText(tr("Stop"));
    stop_->setToolTip(tr("Stop sampling and draw the profile (prof.stop, prof.folded)"));
    hz_->setSuffix(tr(" Hz"));
    hz_->setToolTip(tr("Samples per second (1..10000)"));
    rate_label->setText(tr("&Rate:"));
    sample_label->setText(tr("Sa&mple:"));
    target_->setItemText(0, tr("Everything"));
    target_->setItemText(1, tr("Kernel only"));
    target_->setItemText(2, tr("One process:"));
    pid_->setPrefix(tr("pid "));
    pid_->setAccessibleName(tr("Process id to sample"));
    load->setText(tr("Load folded file..."));
    compare->setText(tr("Compare with before..."));
    compare->setToolTip(tr("Load a folded file as the \"before\" profile and show the difference"));
    keep_before_->setText(tr("Keep as before"));
    keep_before_->setToolTip(tr("Remember this profile as \"before\": profile again after a change and compare"));
    view_label->setText(tr("&View:"));
    view_->setItemText(0, tr("Flame graph"));
    view_->setItemText(1, tr("Differential (before \u2192 after)"));
    normalize_->setText(tr("Normalize"));
    normalize_->setToolTip(tr("Compare each frame's share of its profile instead of its samples "
                              "(for runs of different length or rate)"));
    save->setText(tr("Save image..."));
    search_label->setText(tr("Sear&ch:"));
    search_->setPlaceholderText(tr("Search frames (e.g. ext4, memcpy)"));
    reset->setText(tr("Reset zoom"));
    reset->setToolTip(tr("Show all frames again (or right-click the graph, or Escape)"));
    scroll->setAccessibleName(tr("Flame graph area"));
    top_table_->setToolTip(tr("Functions by samples in the function itself (self) and below it (total); "
                              "double-click or Enter to search"));
    top_table_->setAccessibleName(tr("Functions"));
    top_model_->setHorizontalHeaderLabels({tr("Self"), tr("Total"), tr("Function")});
    if (current_.total == 0 && current_source_.isEmpty())
      summary_->setText(tr("No profile yet. Profile the VM (Start, run a workload, Stop) or load a folded file "
                           "(sisctl prof folded, tools/profile_kernel.sh)."));
    else
      show_current();
    on_zoom_changed();
    update_live();
  });
}

// --- live ---

bool ProfilerPanel::live_available() const {
  return session_->control_ready() && session_->control()->has_capability("prof");
}

QString ProfilerPanel::live_status() const { return live_status_->text(); }

void ProfilerPanel::set_live_status(const QString& text, bool error) {
  live_status_->setText(text);
  live_status_error_ = error;
  live_status_->setStyleSheet(error ? "color: #b00020;" : QString());
}

void ProfilerPanel::update_live() {
  const bool can = live_available();
  start_->setEnabled(can && !profiling_ && !fetching_);
  stop_->setEnabled(can && profiling_);
  hz_->setEnabled(can && !profiling_);
  target_->setEnabled(can && !profiling_);
  pid_->setEnabled(can && !profiling_ && target_->currentData() == "pid");
  // An error stays until the next Start or until the control port comes or goes.
  if (profiling_ || fetching_ || live_status_error_) return;
  if (!session_->control_ready())
    set_live_status(session_->is_running() ? tr("Waiting for the kernel's control port...")
                                           : tr("VM off: start the VM to profile it, or load a folded file."));
  else if (!can)
    set_live_status(tr("Live profiling: not available in this kernel (no prof.* methods, capability \"prof\"). "
                       "Load a folded file to view one."),
                    false);
  else
    set_live_status(last_run_.isEmpty() ? tr("Ready: Start, run a workload (Console), Stop.") : last_run_);
}

bool ProfilerPanel::start_profiling() {
  if (!live_available() || profiling_ || fetching_) return false;
  QJsonObject params{{"hz", hz_->value()}};
  const QString target = target_->currentData().toString();
  params.insert("target", target == "pid" ? QJsonValue(pid_->value()) : QJsonValue(target));
  live_status_error_ = false;
  start_info_.clear();
  set_live_status(tr("Starting..."));
  start_->setEnabled(false);
  const quint64 gen = generation_;
  session_->control()->request("prof.start", params, [this, gen](const Reply& r) {
    if (gen != generation_) return;
    if (!r.ok()) {
      if (r.error->cls == "Busy") {
        // Someone (profctl in the shell, sisctl prof) is already profiling: Stop ends it.
        profiling_ = true;
        set_live_status(tr("A profile is already running (started elsewhere); Stop ends it and draws it."));
        emit profiling_changed(true);
      } else {
        const QString msg = failure("prof.start", r);
        set_live_status(msg, true);
        emit live_error(msg);
      }
      update_live();
      return;
    }
    profiling_ = true;
    const QJsonObject o = r.object();
    start_info_ = tr("%1 Hz, %2 sampling").arg(o.value("hz").toInteger()).arg(o.value("mode").toString());
    set_live_status(tr("Profiling at %1. Run a workload, then Stop.").arg(start_info_));
    emit profiling_changed(true);
    update_live();
  }, kRequestTimeoutMs);
  return true;
}

bool ProfilerPanel::stop_profiling() {
  if (!live_available() || !profiling_) return false;
  stop_->setEnabled(false);
  set_live_status(tr("Stopping..."));
  const quint64 gen = generation_;
  session_->control()->request("prof.stop", {}, [this, gen](const Reply& r) {
    if (gen != generation_) return;
    profiling_ = false;
    emit profiling_changed(false);
    if (!r.ok()) {
      const QString msg = failure("prof.stop", r);
      set_live_status(msg, true);
      emit live_error(msg);
      update_live();
      return;
    }
    const QJsonObject o = r.object();
    const double secs = o.value("duration_ns").toDouble() / 1e9;
    run_summary_ = tr("%1 samples, %2 dropped, %3 s%4")
                       .arg(o.value("samples").toInteger())
                       .arg(o.value("dropped").toInteger())
                       .arg(secs, 0, 'f', 2)
                       .arg(start_info_.isEmpty() ? QString() : ", " + start_info_);
    // The profiler's own cost, when the kernel reports it (sample handler + drain time).
    if (o.contains("handler_ns") && o.contains("drain_ns") && o.value("duration_ns").toDouble() > 0)
      run_summary_ += tr(", profiler cost %1% of the time")
                          .arg(100.0 * (o.value("handler_ns").toDouble() + o.value("drain_ns").toDouble()) /
                                   o.value("duration_ns").toDouble(),
                               0, 'f', 2);
    fetching_ = true;
    fetched_.clear();
    set_live_status(tr("Stopped (%1). Fetching the folded stacks...").arg(run_summary_));
    update_live();
    fetch_folded(0);
  }, kRequestTimeoutMs);
  return true;
}

void ProfilerPanel::fetch_folded(qint64 offset) {
  const quint64 gen = generation_;
  session_->control()->request("prof.folded", {{"offset", offset}, {"max", kChunk}}, [this, gen, offset](const Reply& r) {
    if (gen != generation_) return;
    const auto fail = [this](const QString& msg) {
      fetching_ = false;
      set_live_status(msg, true);
      emit live_error(msg);
      update_live();
    };
    if (!r.ok()) return fail(failure("prof.folded", r));
    const QJsonObject o = r.object();
    const QByteArray text = o.value("text").toString().toUtf8();
    const qint64 next = o.value("next").toInteger(-1);
    const qint64 total = o.value("total").toInteger(-1);
    const bool done = o.value("done").toBool();
    // The kernel's chunks must follow on from each other; anything else is a protocol error,
    // not a profile (never draw half of one as if it were all).
    if (o.value("offset").toInteger(-1) != offset || total < 0 || total > kMaxFolded || next > total ||
        (!done && next <= offset))
      return fail(tr("prof.folded: inconsistent chunk at offset %1 (next %2, total %3)").arg(offset).arg(next).arg(total));
    fetched_ += text;
    if (fetched_.size() > kMaxFolded) return fail(tr("prof.folded: more than %1 MiB of folded stacks").arg(kMaxFolded >> 20));
    if (!done) return fetch_folded(next);
    fetching_ = false;
    QString error;
    if (!load_folded_text(fetched_, tr("the VM (%1)").arg(run_summary_), &error))
      return fail(tr("The kernel's folded stacks are not valid: %1").arg(error));
    last_run_ = tr("Profile drawn: %1. Start again for another.").arg(run_summary_);
    update_live();
  }, kRequestTimeoutMs);
}

// --- profiles ---

bool ProfilerPanel::load_folded_text(const QByteArray& text, const QString& source, QString* error) {
  sis::flame::ParseResult r = sis::flame::parse_folded(std::string_view(text.constData(), static_cast<size_t>(text.size())));
  if (!r.ok()) {
    const QString msg = tr("%1: line %2: %3").arg(source).arg(r.error.line).arg(QString::fromStdString(r.error.message));
    show_error(msg);
    if (error) *error = msg;
    return false;
  }
  current_ = std::move(r.profile);
  current_source_ = source;
  error_->hide();
  keep_before_->setEnabled(true);
  show_current();
  emit profile_loaded();
  return true;
}

bool ProfilerPanel::load_folded_file(const QString& path, QString* error) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    const QString msg = tr("Cannot open %1: %2").arg(path, f.errorString());
    show_error(msg);
    if (error) *error = msg;
    return false;
  }
  if (f.size() > kMaxFileBytes) {
    const QString msg = tr("%1 is larger than %2 MiB").arg(path).arg(kMaxFileBytes >> 20);
    show_error(msg);
    if (error) *error = msg;
    return false;
  }
  return load_folded_text(f.readAll(), QFileInfo(path).fileName(), error);
}

bool ProfilerPanel::load_before_file(const QString& path, QString* error) {
  QFile f(path);
  QString msg;
  if (!f.open(QIODevice::ReadOnly) || f.size() > kMaxFileBytes) {
    msg = tr("Cannot open %1: %2").arg(path, f.isOpen() ? tr("too large") : f.errorString());
  } else {
    const QByteArray text = f.readAll();
    sis::flame::ParseResult r = sis::flame::parse_folded(std::string_view(text.constData(), static_cast<size_t>(text.size())));
    if (r.ok()) {
      before_ = std::move(r.profile);
      before_source_ = QFileInfo(path).fileName();
      has_before_ = true;
      error_->hide();
      view_->setEnabled(true);
      set_differential_view(true);
      return true;
    }
    msg = tr("%1: line %2: %3").arg(QFileInfo(path).fileName()).arg(r.error.line).arg(QString::fromStdString(r.error.message));
  }
  show_error(msg);
  if (error) *error = msg;
  return false;
}

void ProfilerPanel::keep_as_before() {
  before_ = current_;
  before_source_ = current_source_;
  has_before_ = true;
  view_->setEnabled(true);
  summary_->setText(summary_->text() + tr("  \u00b7  kept as \"before\": profile again and choose the Differential view."));
}

void ProfilerPanel::set_differential_view(bool on) {
  if (on && !has_before_) return;
  view_->setCurrentIndex(on ? 1 : 0);
  show_current();  // also when the index did not change
}

bool ProfilerPanel::differential_view() const { return has_before_ && view_->currentIndex() == 1; }

void ProfilerPanel::set_normalized(bool on) { normalize_->setChecked(on); }

void ProfilerPanel::show_current() {
  normalize_->setEnabled(differential_view());
  if (differential_view()) {
    const bool norm = normalize_->isChecked();
    graph_->set_differential(before_, current_, norm);
    summary_->setText(tr("Differential: before = %1 (%2 samples), after = %3 (%4 samples). Widths are the after profile; %5")
                          .arg(before_source_)
                          .arg(before_.total)
                          .arg(current_source_.isEmpty() ? tr("none") : current_source_)
                          .arg(current_.total)
                          .arg(norm ? tr("red frames take a larger share of the samples than before, blue a smaller one.")
                                    : tr("red frames have more samples than before, blue fewer, white the same.")));
  } else {
    graph_->set_profile(current_);
    summary_->setText(tr("%1 samples in %2 distinct stacks, from %3. Click a frame to zoom, hover for counts.")
                          .arg(current_.total)
                          .arg(current_.stacks.size())
                          .arg(current_source_));
  }
  fill_top_functions();
}

void ProfilerPanel::show_error(const QString& text) {
  error_->setText(text);
  error_->show();
}

// Self and total per function over the whole tree, as the kernel's `profctl report` counts them.
void ProfilerPanel::fill_top_functions() {
  const CallTree& t = graph_->tree();
  top_model_->removeRows(0, top_model_->rowCount());
  const std::uint64_t all = t.total();
  for (const sis::flame::FunctionCost& f : sis::flame::function_costs(t)) {
    auto* fn = new QStandardItem(QString::fromStdString(f.name));
    fn->setEditable(false);
    top_model_->appendRow({percent_item(f.self, all), percent_item(f.total, all), fn});
  }
  top_model_->setHorizontalHeaderLabels({tr("Self %"), tr("Total %"), tr("Function")});
  top_model_->sort(0, Qt::DescendingOrder);
  top_table_->horizontalHeader()->setSortIndicator(0, Qt::DescendingOrder);
  top_table_->resizeColumnsToContents();
  // The graph gets its natural height (up to two thirds of the space), the table the rest.
  const int room = split_->height();
  const int want = std::min(graph_->minimumSizeHint().height() + 4, room * 2 / 3);
  if (room > 0) split_->setSizes({want, room - want});
}

int ProfilerPanel::top_rows() const { return top_model_->rowCount(); }
QString ProfilerPanel::top_function(int row) const { return top_model_->item(row, 2)->text(); }

void ProfilerPanel::on_search_changed() {
  if (graph_->search() != search_->text()) {
    graph_->set_search(search_->text());  // emits search_changed: back here
    return;
  }
  if (search_->text().isEmpty()) match_->clear();
  else if (graph_->matched_samples() == 0) match_->setText(tr("no match"));
  else
    match_->setText(tr("Matched: %1 (%2 of %3 samples)")
                        .arg(pct(graph_->matched_samples(), graph_->tree().total()))
                        .arg(graph_->matched_samples())
                        .arg(graph_->tree().total()));
}

void ProfilerPanel::on_zoom_changed() {
  const CallTree& t = graph_->tree();
  if (graph_->zoom_root() == CallTree::kRoot) {
    zoom_path_->setText(tr("Showing all frames."));
    return;
  }
  QStringList names;
  for (NodeId id : t.path(graph_->zoom_root())) names << QString::fromStdString(t.node(id).name);
  const auto& z = t.node(graph_->zoom_root());
  zoom_path_->setText(tr("Zoomed: %1  (%2 samples, %3; Reset zoom or right-click to go back)")
                          .arg(names.join(QStringLiteral(" \u2192 ")))
                          .arg(z.total)
                          .arg(pct(z.total, t.total())));
}

QString ProfilerPanel::summary() const { return summary_->text(); }
QString ProfilerPanel::error_text() const { return error_->isHidden() ? QString() : error_->text(); }
QString ProfilerPanel::match_text() const { return match_->text(); }
QString ProfilerPanel::zoom_path() const { return zoom_path_->text(); }

bool ProfilerPanel::save_image(const QString& path, QString* error) { return graph_->save_image(path, error); }

void ProfilerPanel::load_dialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Load folded stacks"), QString(),
                                                    tr("Folded stacks (*.folded *.txt);;All files (*)"));
  if (!path.isEmpty()) load_folded_file(path);
}

void ProfilerPanel::compare_dialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Load the \"before\" profile"), QString(),
                                                    tr("Folded stacks (*.folded *.txt);;All files (*)"));
  if (!path.isEmpty()) load_before_file(path);
}

void ProfilerPanel::save_dialog() {
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  const QString path = QFileDialog::getSaveFileName(this, tr("Save flame graph"), dir + "/sis-flame-graph.png",
                                                    tr("PNG image (*.png);;SVG drawing (*.svg)"));
  if (path.isEmpty()) return;
  QString error;
  if (!save_image(path, &error)) QMessageBox::warning(this, tr("Save image"), error);
}

}  // namespace sis::desktop
