// findesk: parses the command line and wires core and ui; no logic here.
#include "batch/batchcommands.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FinDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("findesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FINDESK_VERSION));
    return BatchCommands::run(QCoreApplication::arguments());
}
