// findesk: with a command, one batch command and no window; without, the
// desk window. Parses and wires; the work is in core/ and ui/.
#include "batch/batchcommands.h"
#include "deskapp.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("FinDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("findesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FINDESK_VERSION));
}

void installTranslator(QCoreApplication &app)
{
    // The user's language, else English, whose file holds only the plural
    // forms ("1 row", "2 rows") of the English source strings.
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("findesk"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator->load(QStringLiteral("findesk_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
    // Qt's own strings (standard buttons, file dialogs, context menus).
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (!BatchCommands::commandIn(arguments, DeskApp::valueOptions()).isEmpty()) {
        QCoreApplication app(argc, argv);
        setIdentity();
        installTranslator(app);
        return BatchCommands::run(QCoreApplication::arguments());
    }
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("FinDesk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/findesk.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("findesk"));
    installTranslator(app);
    return DeskApp::run(app);
}
