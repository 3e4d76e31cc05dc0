#pragma once

#include "domain/trade.h"
#include "io/importerror.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

class Connection;
class QIODevice;

// Writing trades into the log, all or nothing, for the command line and
// the window alike. Throws StorageError when the database fails.
namespace TradeImport {

struct Result
{
    int inserted = 0;
    int skipped = 0;          // identical trades already stored
    int repeatedInFile = 0;   // identical repeats inside the file
    std::optional<ImportError> error; // bad input: nothing was written
};

// Trades parsed from `file` (their lines in `lines`) or typed in (no file).
Result insert(const Connection &connection, const TradeList &trades, const QString &file = {},
              const QList<int> &lines = {});
// A trades CSV; desk-local trade times use the desk time zone.
Result importCsv(const Connection &connection, const QString &file, const QByteArray &utf8);
// The same, streamed from an open device (a file of any size, a pipe).
Result importCsv(const Connection &connection, const QString &file, QIODevice *device);

} // namespace TradeImport
