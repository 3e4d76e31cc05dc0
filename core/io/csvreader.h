#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

// An RFC 4180 reader over a whole file: UTF-8 with or without BOM, LF or
// CRLF, quoted fields with embedded commas, quotes and line breaks. Blank
// lines are skipped. Every record and error knows its line; errors also
// name the 1-based field ("column") where they happened.
class CsvReader
{
public:
    struct Error
    {
        int line = 0;
        int column = 0;
        QString message;
    };

    explicit CsvReader(const QByteArray &utf8, QChar separator = u',');

    // Reads the next record into fields(); false at the end or on an error.
    bool next();

    const QList<QStringView> &fields() const { return m_fields; }
    int line() const { return m_recordLine; }
    bool hasError() const { return m_error.line > 0; }
    const Error &error() const { return m_error; }

private:
    bool fail(int line, int column, const QString &message);
    bool failNul(int column);

    QString m_text;
    QChar m_separator;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_recordLine = 0;
    QList<QStringView> m_fields;
    QList<QString> m_unescaped; // storage behind views of quoted fields
    Error m_error;
};
