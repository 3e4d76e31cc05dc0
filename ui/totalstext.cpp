#include "totalstext.h"

#include "tablemodel.h"

#include <QLocale>

namespace {

QString cell(const QString &text, bool number = true)
{
    return QStringLiteral("<td align=\"%1\" style=\"padding: 0 8px\">%2</td>")
        .arg(number ? QStringLiteral("right") : QStringLiteral("left"), text.toHtmlEscaped());
}

QString head(const QString &text, bool number = true)
{
    return QStringLiteral("<th align=\"%1\" style=\"padding: 0 8px\">%2</th>")
        .arg(number ? QStringLiteral("right") : QStringLiteral("left"), text.toHtmlEscaped());
}

} // namespace

QString TotalsText::positions(const QList<CurrencyTotal> &totals, int shown, int all)
{
    if (totals.isEmpty())
        return tr("No rows shown: no totals");
    const QLocale locale;
    QString html = QStringLiteral("<table cellspacing=\"0\"><tr>")
        + head(shown == all ? tr("Totals, per currency") : tr("Totals of the %1 rows shown").arg(locale.toString(shown)), false)
        + head(tr("Positions")) + head(tr("Market value")) + head(tr("Unrealized P&L")) + head(tr("Realized P&L"))
        + QStringLiteral("</tr>");
    for (const CurrencyTotal &t : totals) {
        const QString ccy = t.currency.isEmpty() ? tr("no reference data (price units)") : t.currency;
        QString market = TableModel::money(t.marketValue, t.currency);
        QString unrealized = TableModel::money(t.unrealizedPnl, t.currency);
        if (t.unpriced > 0) {
            const QString without = tr("(%Ln without a price)", nullptr, t.unpriced);
            market += u' ' + without;
            if (t.unpriced == t.positions) {
                market = without;
                unrealized.clear();
            }
        }
        html += QStringLiteral("<tr>") + cell(ccy, false) + cell(locale.toString(t.positions)) + cell(market)
            + cell(unrealized) + cell(TableModel::money(t.realizedPnl, t.currency)) + QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString TotalsText::ranking(const RankingTotals &totals, const QString &currency, int shown, int all)
{
    if (shown == 0)
        return tr("No rows shown: no totals");
    const QLocale locale;
    const QString scope = shown == all ? tr("Totals") : tr("Totals of the %1 rows shown").arg(locale.toString(shown));
    return tr("%1, in %2: collateral value %3, counted value %4 (%Ln ranked item(s); %5 not eligible)", nullptr,
              totals.ranked)
        .arg(scope, currency, TableModel::money(totals.collateralValue, currency),
             TableModel::money(totals.countedValue, currency), locale.toString(totals.ineligible))
        .toHtmlEscaped();
}
