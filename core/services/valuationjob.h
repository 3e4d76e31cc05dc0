#pragma once

#include "domain/book.h"
#include "domain/positionsnapshot.h"
#include "domain/valuation.h"

#include <QDate>
#include <QHash>
#include <QString>

class Connection;

// Marking positions to market from the database: the reference data,
// latest prices on or before a business date, FX closes and the books'
// base currencies, read once and used for every book. Runs in whatever
// thread owns the Connection; the batch commands and the window share it.
namespace ValuationJob {

struct Market
{
    QString deskCurrency;
    QHash<QString, QString> bookCurrencies; // only books with their own
    MarketContext context;                  // baseCurrency set per book

    QString baseCurrency(const QString &bookId) const { return bookCurrencies.value(bookId, deskCurrency); }
    // The positions of one book, valued in its base currency.
    ValuedPositionList value(const QString &bookId, const PositionList &positions);
};

Market load(const Connection &connection, const QDate &businessDate);
// The same with the instruments the caller has read already.
Market load(const Connection &connection, const QDate &businessDate, InstrumentMap instruments);

} // namespace ValuationJob
