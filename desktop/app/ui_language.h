// The user interface language, switchable while the app runs: set_ui_language() removes the
// translators it installed before and installs the app's catalogue (:/i18n/sis_control_center_XX.qm,
// compiled from translations/*.ts) and Qt's own (qtbase_XX.qm, for standard dialogs) for the new
// language. Installing or removing a translator makes Qt send QEvent::LanguageChange to every
// widget; widgets keep their texts current through keep_translated() (retranslate_hook.h).
#pragma once
#include <QString>
#include <QStringList>

namespace sis::desktop {

// The languages the app ships, as codes: "en", "de", "fr".
QStringList ui_languages();
// Switches to `code` ("" = the system's language; "en" = the English source texts). Returns
// false, and changes nothing, for a code the app has no catalogue for.
bool set_ui_language(const QString& code);
// The code last passed to set_ui_language() ("" before the first call).
QString ui_language();

}  // namespace sis::desktop
