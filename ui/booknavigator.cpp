#include "booknavigator.h"

#include "desktableview.h"
#include "tableproxy.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QVBoxLayout>

const QList<ColumnSpec> &BookTraits::columns()
{
    static const QList<ColumnSpec> specs = {
        {QStringLiteral("book_id"), QT_TRANSLATE_NOOP("Column", "Book"), ColumnKind::Text},
        {QStringLiteral("name"), QT_TRANSLATE_NOOP("Column", "Name"), ColumnKind::Text},
        {QStringLiteral("positions"), QT_TRANSLATE_NOOP("Column", "Positions"), ColumnKind::Integer},
    };
    return specs;
}

QVariant BookTraits::value(const Row &row, int column, const Context &)
{
    switch (column) {
    case BookId: return row.bookId;
    case Name: return row.name;
    case OpenPositions: return row.openPositions < 0 ? QVariant() : QVariant(row.openPositions);
    }
    return {};
}

int BookListModel::rowOf(const QString &bookId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].bookId == bookId)
            return i;
    }
    return -1;
}

void BookListModel::setOpenCounts(const QHash<QString, int> &counts)
{
    for (BookRow &row : m_rows)
        row.openPositions = counts.value(row.bookId, 0);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, BookTraits::OpenPositions), index(int(m_rows.size()) - 1, BookTraits::OpenPositions));
}

BookNavigator::BookNavigator(DeskStorage &reader, QWidget *parent)
    : QWidget(parent)
    , m_reader(reader)
    , m_model(new BookListModel(this))
    , m_proxy(new TableProxy(this))
    , m_view(new DeskTableView(QStringLiteral("books"), this))
    , m_filter(new QLineEdit(this))
{
    m_model->setTitle(tr("Books"));
    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->horizontalHeader()->setSectionResizeMode(BookTraits::Name, QHeaderView::Stretch);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_filter->setPlaceholderText(tr("Filter books"));
    m_filter->setClearButtonEnabled(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TableProxy::setFilterWords);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &BookNavigator::onSelectionChanged);
    connect(&m_books, &QFutureWatcher<Loaded<QList<BookInfo>>>::finished, this, [this] {
        const auto loaded = m_books.result();
        if (!loaded.ok()) {
            emit loadFailed(loaded.error);
            return;
        }
        QList<BookRow> rows;
        for (const BookInfo &b : loaded.value)
            rows.append({b.bookId, b.name, m_openCounts.value(b.bookId, -1)}); // known counts stay
        const QString keep = m_current.isEmpty() ? m_wanted : m_current;
        // A reload that still has the current book keeps it without telling
        // the tabs again (they would go back to its latest day).
        if (std::none_of(rows.cbegin(), rows.cend(), [&keep](const BookRow &r) { return r.bookId == keep; }))
            m_current.clear();
        m_model->setRows(rows);
        emit booksLoaded(loaded.value);
        selectBook(keep.isEmpty() && !rows.isEmpty() ? rows.constFirst().bookId : keep);
        refreshCounts();
        if (std::exchange(m_reloadAgain, false))
            reload();
    });
    m_countsThrottle.setSingleShot(true);
    m_countsThrottle.setInterval(15000);
    connect(&m_countsThrottle, &QTimer::timeout, this, [this] {
        if (std::exchange(m_countsWanted, false))
            refreshCounts();
    });
    connect(&m_counts, &QFutureWatcher<Loaded<QHash<QString, int>>>::finished, this, [this] {
        const auto loaded = m_counts.result();
        if (loaded.ok()) {
            m_openCounts = loaded.value;
            m_model->setOpenCounts(loaded.value);
        }
    });
}

void BookNavigator::reload()
{
    if (m_books.isRunning())
        m_reloadAgain = true;
    else
        m_books.setFuture(m_reader.books());
}

void BookNavigator::noteBooks(const QStringList &bookIds)
{
    for (const QString &id : bookIds) {
        if (m_model->rowOf(id) < 0) {
            reload();
            return;
        }
    }
}

void BookNavigator::noteTrades(const QList<LoggedTrade> &trades)
{
    QStringList ids;
    for (const LoggedTrade &t : trades) {
        if (!ids.contains(t.trade.bookId))
            ids << t.trade.bookId;
    }
    noteBooks(ids);
}

void BookNavigator::noteSnapshots(const QList<SnapshotReport> &reports)
{
    QStringList ids;
    for (const SnapshotReport &r : reports)
        ids << r.bookId;
    noteBooks(ids);
}

void BookNavigator::refreshCounts()
{
    if (m_counts.isRunning() || m_countsThrottle.isActive()) {
        m_countsWanted = true;
        if (!m_countsThrottle.isActive())
            m_countsThrottle.start();
        return;
    }
    m_countsThrottle.start();
    m_counts.setFuture(m_reader.openPositionCounts());
}

void BookNavigator::selectBook(const QString &bookId)
{
    const int row = m_model->rowOf(bookId);
    if (row < 0) {
        m_wanted = bookId;
        if (m_model->rowCount() > 0)
            selectBook(m_model->rows().constFirst().bookId);
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void BookNavigator::onSelectionChanged()
{
    const QModelIndex current = m_proxy->mapToSource(m_view->selectionModel()->currentIndex());
    if (!current.isValid())
        return;
    const BookRow &row = m_model->rows().at(current.row());
    if (row.bookId == m_current)
        return;
    m_current = row.bookId;
    emit bookSelected(row.bookId, row.name);
}
