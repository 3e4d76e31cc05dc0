#include "tradeticketdialog.h"

#include "domain/desktime.h"
#include "io/valueparser.h"
#include "numberinput.h"
#include "services/background.h"
#include "tablemodel.h"

#include <QAbstractListModel>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QtConcurrent>

namespace {

// "DE0001102580 · Bund 2.5% 2030" in the list; the id is what is booked.
QString instrumentIdOf(const QString &text)
{
    const qsizetype dot = text.indexOf(QStringLiteral(" · "));
    return (dot < 0 ? text : text.left(dot)).trimmed();
}

// The ticket's instruments, "id · name" by id, the id as Qt::UserRole. A
// desk of 100,000 instruments took 0.9 s to open the ticket when each was
// added to the combo box as an item of its own. (A QStringListModel of the
// same texts opened it in 98 ms against this model's 73: bench_uistall
// --ticket, one after the other.)
class InstrumentChoices : public QAbstractListModel
{
public:
    InstrumentChoices(const InstrumentMap &instruments, QObject *parent)
        : QAbstractListModel(parent)
        , m_ids(instruments.keys())
    {
        std::sort(m_ids.begin(), m_ids.end());
        m_texts.reserve(m_ids.size());
        for (const QString &id : std::as_const(m_ids))
            m_texts << QStringLiteral("%1 · %2").arg(id, instruments.value(id).name);
    }
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_ids.size()); }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_ids.size())
            return {};
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return m_texts.at(index.row());
        if (role == Qt::UserRole)
            return m_ids.at(index.row());
        return {};
    }

private:
    QStringList m_ids;
    QStringList m_texts;
};

} // namespace

TradeTicketDialog::TradeTicketDialog(const QStringList &books, const InstrumentMap &instruments,
                                     const QTimeZone &deskZone, QWidget *parent)
    : QDialog(parent)
    , m_zone(deskZone)
    , m_book(new QComboBox(this))
    , m_instrument(new QComboBox(this))
    , m_instrumentName(new QLabel(this))
    , m_buy(new QRadioButton(tr("&Buy"), this))
    , m_sell(new QRadioButton(tr("&Sell"), this))
    , m_quantity(new QLineEdit(this))
    , m_price(new QLineEdit(this))
    , m_time(new QDateTimeEdit(this))
    , m_tradeId(new QLineEdit(this))
    , m_problemLabel(new QLabel(this))
    , m_backDated(new QLabel(this))
    , m_backDatedConfirm(new QCheckBox(tr("Book it &anyway"), this))
    , m_unknownConfirm(new QCheckBox(tr("Book an instrument without reference &data"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_instruments(instruments)
{
    setWindowTitle(tr("New trade"));
    setMinimumWidth(480);
    m_book->addItems(books);

    m_instrument->setEditable(true);
    m_instrument->setInsertPolicy(QComboBox::NoInsert);
    // Found by id or by name: the completer matches anywhere in "id · name".
    m_instrument->setModel(new InstrumentChoices(instruments, m_instrument));
    m_instrument->setCurrentIndex(-1);
    // Sized by a length, not by measuring every instrument's text; and its
    // lists lay out rows of one height (each key re-filters the popup: the
    // list measured up to 100,000 texts, 0.5 s a key).
    m_instrument->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_instrument->setMinimumContentsLength(36);
    m_instrument->lineEdit()->setPlaceholderText(tr("ISIN, identifier or name"));
    m_instrument->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_instrument->completer()->setFilterMode(Qt::MatchContains);
    for (QAbstractItemView *view : {m_instrument->view(), m_instrument->completer()->popup()}) {
        if (auto *list = qobject_cast<QListView *>(view))
            list->setUniformItemSizes(true);
    }
    m_instrumentName->setStyleSheet(QStringLiteral("color: palette(mid);"));

    m_buy->setChecked(true);
    auto *sides = new QButtonGroup(this);
    sides->addButton(m_buy);
    sides->addButton(m_sell);
    auto *sideRow = new QHBoxLayout;
    sideRow->addWidget(m_buy);
    sideRow->addWidget(m_sell);
    sideRow->addStretch();

    m_quantity->setPlaceholderText(tr("e.g. 1000 (bonds: nominal)"));
    m_price->setPlaceholderText(tr("e.g. 101.25 (bonds: % of nominal)"));
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    // The edit shows desk time; the widget holds it as a plain wall-clock.
    const QDateTime deskNow = QDateTime::currentDateTimeUtc().toTimeZone(m_zone);
    m_time->setDateTime(QDateTime(deskNow.date(), deskNow.time()));
    m_tradeId->setText(QStringLiteral("TKT-%1-%2")
                           .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")))
                           .arg(QRandomGenerator::global()->bounded(1000, 10000)));

    m_backDated->setWordWrap(true);
    m_backDated->setStyleSheet(QStringLiteral("color: #b35c00;"));
    m_backDated->setVisible(false);
    m_backDatedConfirm->setVisible(false);
    m_unknownConfirm->setVisible(false);
    m_instrumentName->setWordWrap(true);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c62828;"));

    auto *form = new QFormLayout;
    form->addRow(tr("Boo&k:"), m_book);
    form->addRow(tr("&Instrument:"), m_instrument);
    form->addRow(QString(), m_instrumentName);
    form->addRow(QString(), m_unknownConfirm);
    form->addRow(tr("Side:"), sideRow);
    form->addRow(tr("&Quantity:"), m_quantity);
    form->addRow(tr("&Price:"), m_price);
    form->addRow(tr("&Time (%1):").arg(QString::fromUtf8(m_zone.id())), m_time);
    form->addRow(tr("Trade &id:"), m_tradeId);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_backDated);
    layout->addWidget(m_backDatedConfirm);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_book, &QComboBox::currentTextChanged, this, &TradeTicketDialog::validate);
    connect(m_book, &QComboBox::currentTextChanged, this, [this](const QString &book) {
        if (!m_endOfDays.contains(book))
            emit endOfDaysWanted(book);
    });
    connect(m_backDatedConfirm, &QCheckBox::toggled, this, &TradeTicketDialog::validate);
    connect(m_unknownConfirm, &QCheckBox::toggled, this, &TradeTicketDialog::validate);
    connect(m_instrument, &QComboBox::currentTextChanged, this, &TradeTicketDialog::validate);
    connect(m_buy, &QRadioButton::toggled, this, &TradeTicketDialog::validate);
    for (QLineEdit *edit : {m_quantity, m_price, m_tradeId}) {
        connect(edit, &QLineEdit::textChanged, this, &TradeTicketDialog::validate);
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_edited = true;
            validate();
        });
    }
    connect(m_time, &QDateTimeEdit::dateTimeChanged, this, &TradeTicketDialog::validate);
    m_closestDelay.setSingleShot(true);
    m_closestDelay.setInterval(150);
    connect(&m_closestDelay, &QTimer::timeout, this, [this] {
        if (m_closestSearch.isRunning()) {
            m_closestDelay.start(); // after the one under way
            return;
        }
        const QString wanted = instrumentIdOf(m_instrument->currentText());
        if (wanted == m_closestFor)
            return;
        m_closestAsked = wanted;
        m_closestSearch.setFuture(QtConcurrent::run(Background::pool(), [instruments = m_instruments, wanted] {
            Background::lowerThisThread();
            return closestInstruments(instruments, wanted);
        }));
    });
    connect(&m_closestSearch, &QFutureWatcher<QStringList>::finished, this, [this] {
        m_closestFor = m_closestAsked;
        m_closest = m_closestSearch.result();
        validate();
    });
    validate();
}

void TradeTicketDialog::setBook(const QString &bookId)
{
    m_book->setCurrentText(bookId);
}

void TradeTicketDialog::setInstrument(const QString &instrumentId)
{
    const int index = m_instrument->findData(instrumentId);
    if (index >= 0)
        m_instrument->setCurrentIndex(index);
    else
        m_instrument->setCurrentText(instrumentId);
}

void TradeTicketDialog::setPositions(const QString &bookId, const QHash<QString, Position> &positions)
{
    m_positionsBook = bookId;
    m_positions = positions;
    validate();
}

QString TradeTicketDialog::instrumentInfo() const
{
    return m_instrumentName->text();
}

void TradeTicketDialog::setStoredEndOfDays(const QString &bookId, const QList<SnapshotSummary> &snapshots)
{
    m_endOfDays.insert(bookId, snapshots);
    m_checksEndOfDays = true;
    validate();
}

QString TradeTicketDialog::currentBook() const
{
    return m_book->currentText();
}

QString TradeTicketDialog::backDatedWarning() const
{
    return m_backDated->isHidden() ? QString() : m_backDated->text();
}

Trade TradeTicketDialog::trade() const
{
    return m_trade;
}

void TradeTicketDialog::validate()
{
    m_problems.clear();
    Trade t;
    QString why;
    auto check = [&](const QString &field, auto parsed) {
        if (!parsed)
            m_problems << tr("%1: %2").arg(field, why);
        return parsed;
    };

    if (const auto book = check(tr("Book"), ValueParser::identifier(m_book->currentText(), &why)))
        t.bookId = *book;
    const QString instrument = instrumentIdOf(m_instrument->currentText());
    if (const auto id = check(tr("Instrument"), ValueParser::identifier(instrument, &why)))
        t.instrumentId = *id;
    const auto known = m_instruments.constFind(instrument);
    const bool unknown = known == m_instruments.cend() && !instrument.isEmpty();

    if (const auto quantity = check(tr("Quantity"), ValueParser::quantity(NumberInput::normalized(m_quantity->text()), &why))) {
        if (quantity->isNegative())
            m_problems << tr("Quantity: give a positive quantity and choose Buy or Sell");
        t.quantity = m_sell->isChecked() ? -quantity->abs() : quantity->abs();
    }
    if (const auto price = check(tr("Price"), ValueParser::price(NumberInput::normalized(m_price->text()), &why)))
        t.price = *price;
    if (const auto id = check(tr("Trade id"), ValueParser::identifier(m_tradeId->text(), &why)))
        t.tradeId = *id;

    const QDateTime local = m_time->dateTime();
    if (const auto instant = DeskTime::fromLocal(local.date(), local.time(), m_zone))
        t.tradeTime = instant->toUTC();
    else
        m_problems << tr("Time: %1 does not exist in %2 (the clocks go forward)")
                          .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), QString::fromUtf8(m_zone.id()));

    // What the trade is: the instrument, its notional in the instrument's
    // currency (quantity × price, per 100 of nominal for a bond) and the
    // book's position before and after it.
    QStringList info;
    if (known != m_instruments.cend()) {
        info << QStringLiteral("%1 · %2 · %3").arg(known->name, Instrument::toString(known->assetClass), known->currency);
        if (!t.quantity.isZero() && t.price > 0)
            info << tr("notional %1 %2").arg(TableModel::money(known->toMoney(t.quantity.abs().toDouble() * t.price), known->currency),
                                              known->currency);
    }
    if (m_positionsBook == m_book->currentText() && !instrument.isEmpty() && !t.quantity.isZero() && t.price > 0) {
        Position position = m_positions.value(instrument, Position{m_positionsBook, instrument, {}, 0.0, 0.0});
        const QString before = TableModel::display(QVariant::fromValue(position.quantity), ColumnKind::Quantity);
        position.apply(t.quantity, t.price);
        info << tr("position %1 → %2").arg(before, TableModel::display(QVariant::fromValue(position.quantity), ColumnKind::Quantity));
    }
    if (unknown) {
        if (instrument != m_closestFor)
            m_closestDelay.start();
        const QStringList close = instrument == m_closestFor ? m_closest : QStringList();
        QString text = tr("%1 has no reference data: it will have no currency or market value and is never collateral.").arg(instrument);
        if (!close.isEmpty())
            text += u' ' + tr("Did you mean %1?").arg(close.join(QStringLiteral(", ")));
        info.prepend(text);
        if (!m_unknownConfirm->isChecked())
            m_problems << tr("Instrument: confirm an instrument without reference data, or choose a known one");
    }
    m_instrumentName->setText(info.join(QStringLiteral(" · ")));
    m_instrumentName->setStyleSheet(unknown ? QStringLiteral("color: #b35c00;") : QStringLiteral("color: palette(mid);"));
    m_unknownConfirm->setVisible(unknown);

    // A trade at or before a stored snapshot's instant changes that end of
    // day (positions as of an instant are the fold of the trades up to it).
    m_changedDays.clear();
    const auto stored = m_endOfDays.constFind(m_book->currentText());
    if (stored == m_endOfDays.cend()) {
        if (m_checksEndOfDays && !m_book->currentText().isEmpty())
            m_problems << tr("Checking the stored end-of-day snapshots of %1…").arg(m_book->currentText());
    } else if (t.tradeTime.isValid()) {
        for (const SnapshotSummary &s : *stored) {
            if (s.snapshotTime >= t.tradeTime)
                m_changedDays << s.businessDate;
        }
        std::sort(m_changedDays.begin(), m_changedDays.end());
    }
    if (!m_changedDays.isEmpty()) {
        QStringList days;
        for (const QDate &d : std::as_const(m_changedDays).first(std::min<qsizetype>(m_changedDays.size(), 6)))
            days << DeskTime::formatDate(d);
        if (m_changedDays.size() > 6)
            days << tr("… %1").arg(DeskTime::formatDate(m_changedDays.constLast()));
        m_backDated->setText(tr("Back-dated: this trade is before stored end-of-day snapshots of %1, so it changes the "
                                "stored end of day of %n day(s): %2.", nullptr, int(m_changedDays.size()))
                                 .arg(m_book->currentText(), days.join(QStringLiteral(", "))));
        if (!m_backDatedConfirm->isChecked())
            m_problems << tr("Time: confirm the back-dated trade, or give a later time");
    }
    m_backDated->setVisible(!m_changedDays.isEmpty());
    m_backDatedConfirm->setVisible(!m_changedDays.isEmpty());

    m_trade = t;
    // A blank ticket says what it needs; red once the user has typed.
    m_problemLabel->setStyleSheet(m_edited ? QStringLiteral("color: #c62828;") : QStringLiteral("color: palette(mid);"));
    m_problemLabel->setText(m_edited || m_problems.isEmpty() ? m_problems.join(u'\n')
                                                             : tr("Fill in the instrument, quantity and price."));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problems.isEmpty());
    fitToText();
}

void TradeTicketDialog::fitToText()
{
    // Wrapped labels (a warning with its "Did you mean …?", the back-dated
    // days) grow the ticket instead of being cut at its bottom: a dialog's
    // minimum height does not follow their height for its width.
    if (!isVisible() || !layout())
        return;
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : layout()->totalSizeHint().height();
    if (needed > height())
        resize(width(), needed);
}
