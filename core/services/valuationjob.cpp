#include "valuationjob.h"

#include "storage/connection.h"
#include "storage/desksettingsstore.h"
#include "storage/referencedatastore.h"
#include "storage/tradestore.h"

namespace ValuationJob {

ValuedPositionList Market::value(const QString &bookId, const PositionList &positions)
{
    context.baseCurrency = baseCurrency(bookId);
    return context.value(positions);
}

Market load(const Connection &connection, const QDate &businessDate)
{
    return load(connection, businessDate, ReferenceDataStore(connection).instruments());
}

Market load(const Connection &connection, const QDate &businessDate, InstrumentMap instruments)
{
    Market market;
    market.deskCurrency = DeskSettingsStore(connection).baseCurrency();
    for (const BookInfo &b : TradeStore(connection).books()) {
        if (!b.baseCurrency.isEmpty())
            market.bookCurrencies.insert(b.bookId, b.baseCurrency);
    }
    ReferenceDataStore reference(connection);
    market.context.businessDate = businessDate;
    market.context.instruments = std::move(instruments);
    market.context.prices = reference.latestPrices(businessDate);
    market.context.fx = reference.fxRates();
    return market;
}

} // namespace ValuationJob
