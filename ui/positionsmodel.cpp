#include "positionsmodel.h"

#include <QBrush>
#include <QColor>

PositionsModel::PositionsModel(QObject *parent)
    : ListModel<PositionTraits>(parent)
{
    m_flashTimer.setSingleShot(true);
    m_flashTimer.setInterval(FlashMs);
    connect(&m_flashTimer, &QTimer::timeout, this, [this] {
        const QSet<int> rows = std::exchange(m_flashing, {});
        for (int row : rows) {
            if (row < rowCount())
                emit dataChanged(index(row, 0), index(row, columnCount() - 1), {Qt::BackgroundRole});
        }
    });
}

QVariant PositionsModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::BackgroundRole && index.isValid() && m_flashing.contains(index.row()))
        return QBrush(QColor(0xff, 0xf3, 0xc4));
    return ListModel<PositionTraits>::data(index, role);
}

bool PositionsModel::isFlashing(int row) const
{
    return m_flashing.contains(row);
}

void PositionsModel::flash(const QList<int> &rows)
{
    for (int row : rows)
        m_flashing.insert(row);
    m_flashTimer.start(); // the latest batch restarts the fade
}

PositionsModel::Prepared PositionsModel::prepare(const LiveBook &book, MarketContext market)
{
    Prepared prepared{book, std::move(market), {}, {}, {}};
    prepared.rows = prepared.market.value(book.book().positions(true));
    prepared.rowOf.reserve(prepared.rows.size());
    for (int i = 0; i < prepared.rows.size(); ++i)
        prepared.rowOf.insert(prepared.rows[i].position.instrumentId, i);
    return prepared;
}

void PositionsModel::setBook(const LiveBook &book, MarketContext market)
{
    setBook(prepare(book, std::move(market)));
}

void PositionsModel::setBook(Prepared prepared)
{
    m_flashing.clear();
    releaseOffThread(std::make_tuple(std::exchange(m_book, std::move(prepared.book)),
                                     std::exchange(m_market, std::move(prepared.market)),
                                     std::exchange(m_rowOf, std::move(prepared.rowOf))));
    setTitle(tr("%1 positions").arg(m_book.bookId()));
    setRows(std::move(prepared.rows));
}

bool PositionsModel::applyTrades(const QList<LoggedTrade> &trades)
{
    QList<int> touched;
    int firstChanged = std::numeric_limits<int>::max();
    int lastChanged = -1;
    QStringList added;
    bool inOrder = true;
    for (const LoggedTrade &logged : trades) {
        if (logged.trade.bookId != m_book.bookId())
            continue;
        const auto applied = m_book.apply(logged.trade, logged.sequence);
        if (applied == LiveBook::Applied::OutOfOrder) {
            inOrder = false;
            break;
        }
        if (applied != LiveBook::Applied::Applied)
            continue;
        const QString &id = logged.trade.instrumentId;
        const auto row = m_rowOf.constFind(id);
        if (row == m_rowOf.cend()) {
            if (!added.contains(id))
                added.append(id);
            continue;
        }
        m_rows[*row] = m_market.value(*m_book.book().position(id));
        touched << *row;
        firstChanged = std::min(firstChanged, *row);
        lastChanged = std::max(lastChanged, *row);
    }
    if (lastChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, columnCount() - 1));
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const QString &id : std::as_const(added)) {
            touched << int(m_rows.size());
            m_rowOf.insert(id, int(m_rows.size()));
            m_rows.append(m_market.value(*m_book.book().position(id)));
        }
        endInsertRows();
    }
    if (!touched.isEmpty())
        flash(touched);
    return inOrder;
}
