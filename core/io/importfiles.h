#pragma once

#include "domain/agreement.h"
#include "domain/book.h"
#include "domain/haircutschedule.h"
#include "domain/instrument.h"
#include "domain/marketdata.h"
#include "domain/money.h"
#include "domain/trade.h"
#include "importerror.h"

#include <QByteArray>
#include <QList>
#include <QTimeZone>

#include <optional>

// Parsing of the import files of DESIGN.md §3 into values, all or nothing:
// a file either parses whole or gives the first ImportError. Nothing here
// touches the database; the stores write what parsed.
namespace ImportFiles {

template<typename T>
struct Rows
{
    QList<T> rows;
    QList<int> lines;           // the file line of each row, for later errors
    int skippedDuplicates = 0;  // identical repeats inside the file
    std::optional<ImportError> error;
};

// Reads a whole file, or gives an ImportError saying why it cannot be read:
// it cannot be opened, or a line is longer than CsvReader::MaxLineBytes
// (reading stops there, so endless input ends).
std::optional<QByteArray> read(const QString &path, ImportError *error);

// Trades; a trade_time without an offset is local time in `deskZone`.
Rows<Trade> trades(const QString &fileName, const QByteArray &utf8, const QTimeZone &deskZone);
// The same, streamed from an open device: memory holds the rows, not the
// file, and bad input ends the reading where it is.
Rows<Trade> trades(const QString &fileName, QIODevice *device, const QTimeZone &deskZone);
Rows<Instrument> instruments(const QString &fileName, const QByteArray &utf8);
Rows<MarketPrice> prices(const QString &fileName, const QByteArray &utf8);
Rows<HaircutOverride> haircutOverrides(const QString &fileName, const QByteArray &utf8);
// book_id,name,base_currency (base_currency empty: the desk's).
Rows<BookInfo> books(const QString &fileName, const QByteArray &utf8);
// currency_pair,business_date,rate: `EURUSD 1.08` means 1 EUR = 1.08 USD.
Rows<FxRate> fxRates(const QString &fileName, const QByteArray &utf8);
// agreement_id,counterparty,type,base_currency,fx_haircut,issuer_limit,excluded_issuer
Rows<Agreement> agreements(const QString &fileName, const QByteArray &utf8);
// agreement_id,rule_id,include,asset_class,issuer_type,min_rating,
// max_maturity_years,currencies,main_index,haircut (whether each agreement
// exists is for the store to say).
Rows<EligibilityRule> eligibility(const QString &fileName, const QByteArray &utf8);
// instrument_id,business_date,cost_rate (a fraction a year, ≥ 0)
Rows<CostRate> costRates(const QString &fileName, const QByteArray &utf8);

// A haircut schedule: asset_class,issuer_type,rating,residual_maturity,
// main_index,haircut_percent. rating is empty (any), `unrated`, one rating
// or a range `AAA..AA-`; residual_maturity is empty, `<=1y`, `1y-5y` or
// `>5y`; haircut_percent is a number from 0 to below 100 or `not eligible`.
Rows<HaircutRule> haircutSchedule(const QString &fileName, const QByteArray &utf8);

} // namespace ImportFiles
