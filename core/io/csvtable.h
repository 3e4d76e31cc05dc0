#pragma once

#include "csvreader.h"
#include "importerror.h"

#include "domain/quantity.h"

#include <QDate>
#include <QStringList>

#include <optional>

// A CSV file whose first line names its columns. Checks the header against
// the expected columns (any order, none missing, none unknown or repeated)
// and every record's field count, then hands out typed fields addressed by
// the expected column's index. A column named with a trailing `?`
// ("issuer?") is optional: absent, its fields read as empty. The first
// problem is kept as an ImportError;
// after it every getter returns a default value and ok() is false.
class CsvTable
{
public:
    CsvTable(QString fileName, const QByteArray &utf8, QStringList expectedColumns);
    // Streams `device` (see CsvReader), which must stay open while in use.
    CsvTable(QString fileName, QIODevice *device, QStringList expectedColumns);

    // Reads the next record; false at the end of the file or on an error.
    bool next();
    bool ok() const { return !m_error; }
    const std::optional<ImportError> &error() const { return m_error; }
    int line() const { return m_reader.line(); }

    QStringView text(int column) const;
    QString identifier(int column);
    double number(int column);
    Quantity quantity(int column);
    double price(int column);
    double rate(int column);
    QString currency(int column);
    double haircut(int column);
    bool boolean(int column);
    QDate date(int column, bool allowEmpty = false);
    QDateTime instant(int column, const QTimeZone &deskZone);

    // Records a problem with a field of the current record.
    void fail(int column, const QString &message);
    void failLine(const QString &message);

private:
    template<typename T, typename Parse>
    T parse(int column, Parse parser, T fallback);
    bool readHeader();
    void takeOptionalMarks();

    QString m_fileName;
    CsvReader m_reader;
    QStringList m_expected;
    QList<int> m_fieldOf; // expected column -> field index in the file (-1: an absent optional one)
    QList<bool> m_optional;
    qsizetype m_fieldCount = 0; // fields of the header
    std::optional<ImportError> m_error;
};
