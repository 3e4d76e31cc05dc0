// findesk: with a command, one batch command and no window; without, the
// desk window. Parses and wires; the work is in core/ and ui/.
#include "batch/batchcommands.h"
#include "deskapp.h"

#include <QApplication>
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
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("findesk"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
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
    installTranslator(app);
    return DeskApp::run(app);
}
