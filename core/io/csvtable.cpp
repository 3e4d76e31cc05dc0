#include "csvtable.h"

#include "domain/desktime.h"
#include "valueparser.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CsvTable", text);
}

} // namespace

QString ImportError::toString() const
{
    QString where = file;
    if (line > 0)
        where += u':' + QString::number(line);
    if (column > 0)
        where += u':' + QString::number(column);
    if (!columnName.isEmpty())
        return QStringLiteral("%1: %2: %3").arg(where, columnName, message);
    return QStringLiteral("%1: %2").arg(where, message);
}

CsvTable::CsvTable(QString fileName, const QByteArray &utf8, QStringList expectedColumns)
    : m_fileName(std::move(fileName))
    , m_reader(utf8)
    , m_expected(std::move(expectedColumns))
{
    takeOptionalMarks();
    readHeader();
}

CsvTable::CsvTable(QString fileName, QIODevice *device, QStringList expectedColumns)
    : m_fileName(std::move(fileName))
    , m_reader(device)
    , m_expected(std::move(expectedColumns))
{
    takeOptionalMarks();
    readHeader();
}

void CsvTable::takeOptionalMarks()
{
    for (QString &name : m_expected) {
        m_optional.append(name.endsWith(u'?'));
        if (m_optional.constLast())
            name.chop(1);
    }
}

bool CsvTable::readHeader()
{
    if (!m_reader.next()) {
        if (m_reader.hasError()) {
            const auto &e = m_reader.error();
            m_error = ImportError{m_fileName, e.line, e.column, {}, e.message};
        } else {
            m_error = ImportError{m_fileName, 1, 0, {},
                                  tr("the file is empty; expected a header line: %1").arg(m_expected.join(u','))};
        }
        return false;
    }
    m_fieldOf = QList<int>(m_expected.size(), -1);
    const auto &fields = m_reader.fields();
    m_fieldCount = fields.size();
    for (int i = 0; i < fields.size(); ++i) {
        const QStringView name = fields[i].trimmed();
        const int expected = int(m_expected.indexOf(name.toString().toLower()));
        if (expected < 0) {
            // The reader drops one byte order mark; a second one (a file
            // saved twice with a BOM) is invisible on a terminal: name it.
            const QString what = name.startsWith(QChar::ByteOrderMark)
                ? tr("unknown column: it starts with a second byte order mark (U+FEFF); expected the columns %1")
                : tr("unknown column; expected the columns %1");
            m_error = ImportError{m_fileName, m_reader.line(), i + 1, name.toString(), what.arg(m_expected.join(u','))};
            return false;
        }
        if (m_fieldOf[expected] >= 0) {
            m_error = ImportError{m_fileName, m_reader.line(), i + 1, name.toString(),
                                  tr("the column appears twice in the header")};
            return false;
        }
        m_fieldOf[expected] = i;
    }
    for (int c = 0; c < m_expected.size(); ++c) {
        if (m_fieldOf[c] < 0 && !m_optional[c]) {
            m_error = ImportError{m_fileName, m_reader.line(), 0, {},
                                  tr("the header has no column \"%1\"; expected the columns %2")
                                      .arg(m_expected[c], m_expected.join(u','))};
            return false;
        }
    }
    return true;
}

bool CsvTable::next()
{
    if (m_error)
        return false;
    if (!m_reader.next()) {
        if (m_reader.hasError()) {
            const auto &e = m_reader.error();
            const QString name = e.column >= 1 && e.column <= m_fieldOf.size()
                                     ? m_expected.value(m_fieldOf.indexOf(e.column - 1))
                                     : QString();
            m_error = ImportError{m_fileName, e.line, e.column, name, e.message};
        }
        return false;
    }
    const qsizetype count = m_reader.fields().size();
    if (count != m_fieldCount) {
        m_error = ImportError{m_fileName, m_reader.line(), int(std::min(count, m_fieldCount)) + 1, {},
                              tr("expected %1 fields, found %2").arg(m_fieldCount).arg(count)};
        return false;
    }
    return true;
}

QStringView CsvTable::text(int column) const
{
    if (m_error || m_fieldOf.at(column) < 0)
        return {};
    return m_reader.fields().at(m_fieldOf.at(column));
}

void CsvTable::fail(int column, const QString &message)
{
    if (m_error)
        return;
    m_error = ImportError{m_fileName, m_reader.line(), m_fieldOf.at(column) + 1, m_expected.at(column), message};
}

void CsvTable::failLine(const QString &message)
{
    if (m_error)
        return;
    m_error = ImportError{m_fileName, m_reader.line(), 0, {}, message};
}

template<typename T, typename Parse>
T CsvTable::parse(int column, Parse parser, T fallback)
{
    if (m_error)
        return fallback;
    QString why;
    const std::optional<T> value = parser(text(column), &why);
    if (!value) {
        fail(column, why);
        return fallback;
    }
    return *value;
}

QString CsvTable::identifier(int column)
{
    return parse<QString>(column, ValueParser::identifier, {});
}

double CsvTable::number(int column)
{
    return parse<double>(column, ValueParser::number, 0.0);
}

Quantity CsvTable::quantity(int column)
{
    return parse<Quantity>(column, ValueParser::quantity, Quantity());
}

double CsvTable::rate(int column)
{
    return parse<double>(column, ValueParser::rate, 0.0);
}

QString CsvTable::currency(int column)
{
    return parse<QString>(column, ValueParser::currency, {});
}

double CsvTable::price(int column)
{
    return parse<double>(column, ValueParser::price, 0.0);
}

double CsvTable::haircut(int column)
{
    return parse<double>(column, ValueParser::haircut, 0.0);
}

bool CsvTable::boolean(int column)
{
    return parse<bool>(column, ValueParser::boolean, false);
}

QDate CsvTable::date(int column, bool allowEmpty)
{
    return parse<QDate>(column, [allowEmpty](QStringView s, QString *why) {
        return ValueParser::date(s, allowEmpty, why);
    }, QDate());
}

QDateTime CsvTable::instant(int column, const QTimeZone &deskZone)
{
    return parse<QDateTime>(column, [&deskZone](QStringView s, QString *why) -> std::optional<QDateTime> {
        const QDateTime t = DeskTime::parseInstant(s.trimmed(), deskZone, why);
        if (!t.isValid())
            return std::nullopt;
        return t;
    }, QDateTime());
}
