#pragma once

#include "domain/collateralranking.h"
#include "domain/instrument.h"
#include "domain/marketdata.h"
#include "domain/money.h"

#include <QDate>
#include <QHash>
#include <QList>

class Connection;

// Instrument reference data, market prices and haircut overrides. Each
// import is one transaction that inserts new keys and updates known ones.
// Each instrument's latest `column` on or before `date` in `table`, a table
// of (instrument_id, business_date, column) rows: market prices, cost rates.
QHash<QString, double> latestPerInstrument(const Connection &connection, const char *table, const char *column,
                                           const QDate &date);

class ReferenceDataStore
{
public:
    explicit ReferenceDataStore(const Connection &connection);

    struct UpsertCount
    {
        int inserted = 0;
        int updated = 0;
    };
    UpsertCount upsertInstruments(const QList<Instrument> &instruments);
    UpsertCount upsertPrices(const QList<MarketPrice> &prices);
    UpsertCount upsertHaircutOverrides(const QList<HaircutOverride> &overrides);
    UpsertCount upsertFxRates(const QList<FxRate> &rates);

    InstrumentMap instruments() const;
    QHash<QString, double> haircutOverrides() const;
    FxRates fxRates() const;
    // Every instrument's latest price on or before `date`.
    QHash<QString, double> latestPrices(const QDate &date) const;

    struct RankingInputs
    {
        QDateTime snapshotTime; // invalid: no snapshot of that day
        QList<RankingInput> inputs;
    };
    // What the ranking of the stored snapshot of `bookId` on `date` needs:
    // its long positions with their reference data and latest market price
    // on or before `date`, read in one statement, so from one version of
    // the snapshot even while another desk replaces it.
    RankingInputs rankingInputs(const QString &bookId, const QDate &date) const;

private:
    const Connection &m_connection;
};
