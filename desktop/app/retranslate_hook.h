// Keeps a widget's fixed texts in the current language. keep_translated(owner, apply) runs
// `apply` now and again each time `owner` receives QEvent::LanguageChange (Qt sends it to
// every widget and its children when a translator is installed or removed, see
// ui_language.h). `apply` sets the texts with tr(), so lupdate still finds every string:
//   keep_translated(this, [=] { start->setText(tr("Start")); start->setToolTip(tr("...")); });
// Texts computed from live data (status lines, counts) are set where the data changes and
// need no hook. The hook is a child of `owner` and dies with it.
#pragma once
#include <QObject>
#include <functional>

namespace sis::desktop {

void keep_translated(QObject* owner, std::function<void()> apply);

}  // namespace sis::desktop
