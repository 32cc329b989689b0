#include "ui_language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace sis::desktop {

namespace {

QString current_code;
QPointer<QTranslator> own_translator;
QPointer<QTranslator> qt_translator;

void drop(QPointer<QTranslator>& t) {
  if (!t) return;
  QCoreApplication::removeTranslator(t);
  delete t;
}

}  // namespace

QStringList ui_languages() { return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")}; }

QString ui_language() { return current_code; }

bool set_ui_language(const QString& code) {
  if (!code.isEmpty() && !ui_languages().contains(code)) return false;
  const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
  auto* own = new QTranslator(QCoreApplication::instance());
  // English is the source language: its catalogue holds no translations, so for "en" (or a
  // system language the app lacks) the app shows the source texts.
  const bool own_ok = own->load(locale, "sis_control_center", "_", ":/i18n");
  auto* qt = new QTranslator(QCoreApplication::instance());
  const bool qt_ok = qt->load(locale, "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath));
  // Remove the old ones first: each removal and installation sends LanguageChange, and the
  // widgets must end up with the new language whatever order the events come in.
  drop(own_translator);
  drop(qt_translator);
  if (own_ok) {
    QCoreApplication::installTranslator(own);
    own_translator = own;
  } else {
    delete own;
  }
  if (qt_ok) {
    QCoreApplication::installTranslator(qt);
    qt_translator = qt;
  } else {
    delete qt;
  }
  current_code = code;
  return true;
}

}  // namespace sis::desktop
