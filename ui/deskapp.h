#pragma once

#include <QStringList>

class QApplication;

// The desk window's start: which database (--db, the user's setting, or
// the default), demo data on a first start, the session and the window.
// With --screenshot FILE it renders the window to a PNG and quits.
namespace DeskApp {

int run(QApplication &app);
// The window's options that take a value.
QStringList valueOptions();

} // namespace DeskApp
