#include "tablemodel.h"

#include "domain/desktime.h"
#include "domain/money.h"
#include "domain/quantity.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>

namespace {

QTimeZone &displayZone()
{
    static QTimeZone zone(QTimeZone::systemTimeZoneId());
    return zone;
}

// The decimals a price shows: at least four, up to six when it has them.
int priceDecimals(double value)
{
    const QString shortest = QString::number(value, 'f', QLocale::FloatingPointShortest);
    const qsizetype dot = shortest.indexOf(u'.');
    const qsizetype decimals = dot < 0 ? 0 : shortest.size() - dot - 1;
    return int(std::clamp<qsizetype>(decimals, 4, 6));
}

} // namespace

void TableModel::setDisplayTimeZone(const QTimeZone &zone)
{
    displayZone() = zone;
}

bool TableModel::isNumeric(ColumnKind kind)
{
    switch (kind) {
    case ColumnKind::Integer:
    case ColumnKind::Quantity:
    case ColumnKind::Price:
    case ColumnKind::Rate:
    case ColumnKind::Money:
    case ColumnKind::Percent:
        return true;
    default:
        return false;
    }
}

QString TableModel::money(double amount, const QString &currency)
{
    return QLocale().toString(amount, 'f', Money::minorUnits(currency));
}

QString TableModel::display(const QVariant &raw, ColumnKind kind, const QString &currency)
{
    if (raw.isNull())
        return {};
    const QLocale locale;
    switch (kind) {
    case ColumnKind::Text: return raw.toString();
    case ColumnKind::Integer: return locale.toString(raw.toLongLong());
    case ColumnKind::Quantity: {
        if (raw.metaType() != QMetaType::fromType<Quantity>())
            return locale.toString(raw.toDouble(), 'f', 0);
        // Exact: the integer part grouped by the locale, the decimals as they are.
        const Quantity q = raw.value<Quantity>();
        const QString plain = q.abs().toString();
        const qsizetype dot = plain.indexOf(u'.');
        QString text = locale.toString(QStringView(plain).first(dot < 0 ? plain.size() : dot).toULongLong());
        if (dot >= 0)
            text += locale.decimalPoint() + plain.mid(dot + 1);
        return q.isNegative() ? locale.negativeSign() + text : text;
    }
    case ColumnKind::Price: {
        const double v = raw.toDouble();
        return locale.toString(v, 'f', priceDecimals(v));
    }
    case ColumnKind::Rate: return locale.toString(raw.toDouble(), 'f', 6);
    case ColumnKind::Money: return locale.toString(raw.toDouble(), 'f', Money::minorUnits(currency));
    case ColumnKind::Percent: return locale.toString(raw.toDouble() * 100.0, 'f', 2) + locale.percent();
    case ColumnKind::Date: return DeskTime::formatDate(raw.toDate());
    case ColumnKind::Instant: return raw.toDateTime().toTimeZone(displayZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    return raw.toString();
}

int TableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(columns().size());
}

QVariant TableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ColumnKind kind = columns().at(index.column()).kind;
    switch (role) {
    case Qt::DisplayRole: {
        const QString text = displayText(index.row(), index.column());
        if (!text.isNull())
            return text;
        return display(raw(index.row(), index.column()), kind,
                       kind == ColumnKind::Money ? currency(index.row(), index.column()) : QString());
    }
    case DeskRole::Raw:
    case Qt::EditRole:
        return raw(index.row(), index.column());
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment((isNumeric(kind) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (isNumeric(kind)) {
            const QVariant v = raw(index.row(), index.column());
            if (!v.isNull() && v.toDouble() < 0)
                return QBrush(QColor(0xc6, 0x28, 0x28));
        }
        return {};
    case Qt::ToolTipRole:
        if (kind == ColumnKind::Text) {
            const QString text = displayText(index.row(), index.column());
            return text.isNull() ? raw(index.row(), index.column()) : QVariant(text);
        }
        return {};
    default:
        return {};
    }
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columns().size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const ColumnSpec &spec = columns().at(section);
    switch (role) {
    case Qt::DisplayRole: return QCoreApplication::translate("Column", spec.title);
    case Qt::ToolTipRole: return spec.name;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment((isNumeric(spec.kind) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    default: return {};
    }
}
