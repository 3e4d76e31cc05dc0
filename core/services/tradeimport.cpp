#include "tradeimport.h"

#include "domain/desktime.h"
#include "io/importfiles.h"
#include "io/tableexporter.h"
#include "storage/desksettingsstore.h"
#include "storage/tradestore.h"

#include <QBuffer>
#include <QCoreApplication>

namespace TradeImport {

Result insert(const Connection &connection, const TradeList &trades, const QString &file, const QList<int> &lines)
{
    Result result;
    const auto inserted = TradeStore(connection).insert(trades);
    if (inserted.conflict) {
        const Trade &t = trades.at(*inserted.conflict);
        const Trade &s = inserted.stored;
        result.error = ImportError{file, lines.value(*inserted.conflict), lines.isEmpty() ? 0 : 1, QStringLiteral("trade_id"),
                                   QCoreApplication::translate("TradeImport",
                                       "trade %1 is already stored with other content (%2 %3 %4 @ %5 at %6); nothing was imported")
                                       .arg(t.tradeId, s.bookId, s.instrumentId, s.quantity.toString(),
                                            TableExporter::plainNumber(s.price), DeskTime::formatInstant(s.tradeTime))};
        return result;
    }
    result.inserted = inserted.inserted;
    result.skipped = inserted.skipped;
    return result;
}

Result importCsv(const Connection &connection, const QString &file, const QByteArray &utf8)
{
    QBuffer buffer;
    buffer.setData(utf8);
    buffer.open(QIODevice::ReadOnly);
    return importCsv(connection, file, &buffer);
}

Result importCsv(const Connection &connection, const QString &file, QIODevice *device)
{
    const auto parsed = ImportFiles::trades(file, device, DeskSettingsStore(connection).deskTimeZone());
    if (parsed.error) {
        Result result;
        result.error = parsed.error;
        return result;
    }
    Result result = insert(connection, parsed.rows, file, parsed.lines);
    result.repeatedInFile = parsed.skippedDuplicates;
    return result;
}

} // namespace TradeImport
