#pragma once

#include "domain/trade.h"
#include "services/deskdata.h"
#include "services/tradeimport.h"
#include "storage/databaselocation.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>
#include <QTimeZone>

#include <optional>

// The window's writes: booking trades, importing a trades file, changing
// desk settings. One at a time on a worker thread with its own connection;
// the same all-or-nothing rules as the command line. Emits tradesWritten
// after trades were written, so the trade log watcher looks at once.
class TradeBooking : public QObject
{
    Q_OBJECT

public:
    struct Result : TradeImport::Result
    {
        QString storageError; // the database failed: nothing was written
        bool ok() const { return !error && storageError.isEmpty(); }
    };

    explicit TradeBooking(const DatabaseLocation &location, QObject *parent = nullptr);
    ~TradeBooking() override;

    QFuture<Result> book(const TradeList &trades);
    QFuture<Result> importFile(const QString &path);
    // The desk's shared settings: time zone, default and FX haircuts, base currency.
    QFuture<QString> saveDeskSettings(const DeskSettings &settings);

    void waitForDone();

signals:
    void tradesWritten();

private:
    DatabaseLocation m_location;
    QThreadPool m_pool;
};
