#include "tablemodel.h"

#include "domain/desktime.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>

namespace {

QTimeZone &displayZone()
{
    static QTimeZone zone(QTimeZone::systemTimeZoneId());
    return zone;
}

int decimalsFor(double value, int max)
{
    // Whole quantities show none; fractional nominal shows what it has.
    for (int d = 0; d < max; ++d) {
        const double scaled = value * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-9 * std::max(1.0, std::abs(scaled)))
            return d;
    }
    return max;
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
    case ColumnKind::Money:
    case ColumnKind::Percent:
        return true;
    default:
        return false;
    }
}

QString TableModel::display(const QVariant &raw, ColumnKind kind)
{
    if (raw.isNull())
        return {};
    const QLocale locale;
    switch (kind) {
    case ColumnKind::Text: return raw.toString();
    case ColumnKind::Integer: return locale.toString(raw.toLongLong());
    case ColumnKind::Quantity: {
        const double v = raw.toDouble();
        return locale.toString(v, 'f', decimalsFor(v, 6));
    }
    case ColumnKind::Price: {
        const double v = raw.toDouble();
        return locale.toString(v, 'f', std::max(4, decimalsFor(v, 6)));
    }
    case ColumnKind::Money: return locale.toString(raw.toDouble(), 'f', 2);
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
    case Qt::DisplayRole:
        return display(raw(index.row(), index.column()), kind);
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
        if (kind == ColumnKind::Text)
            return raw(index.row(), index.column());
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
