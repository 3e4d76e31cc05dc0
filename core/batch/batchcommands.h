#pragma once

#include <QStringList>

// The batch command line of DESIGN.md §3:
//   findesk [--db LOCATION] COMMAND [options]
// Data goes to standard output (or --output), messages to standard error.
// Exit status: 0 success, 1 bad input (nothing written), 2 usage error,
// 3 database error, 4 the output could not be written (nothing is left
// half-written under the final name).
namespace BatchCommands {

enum ExitCode { Success = 0, BadInput = 1, UsageError = 2, DatabaseError = 3, OutputError = 4 };

// The command named by `arguments` (argv, program first), or empty when
// they ask for the window. `windowOptions` are the window's options that
// take a value (their value is not a command); --help and --version count
// as the command "help".
QString commandIn(const QStringList &arguments, const QStringList &windowOptions = {});

// Runs one command; needs a QCoreApplication.
int run(const QStringList &arguments);

} // namespace BatchCommands
