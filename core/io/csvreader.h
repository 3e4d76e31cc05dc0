#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringDecoder>
#include <QStringView>

#include <memory>

class QIODevice;

// An RFC 4180 reader: UTF-8 with or without BOM, LF or CRLF, quoted fields
// with embedded commas, quotes and line breaks. Blank lines are skipped.
// Every record and error knows its line; errors also name the 1-based field
// ("column") where they happened.
//
// It reads its device as it goes, line by line, so memory stays bounded by
// the longest record: a line longer than MaxLineBytes is an error, which is
// how endless input (/dev/zero, a stream without line breaks) ends.
class CsvReader
{
public:
    static constexpr qsizetype MaxLineBytes = 1024 * 1024;

    struct Error
    {
        int line = 0;
        int column = 0;
        QString message;
    };

    // Reads from `device`, which must stay open while the reader is used.
    explicit CsvReader(QIODevice *device, QChar separator = u',');
    // Reads a file already in memory.
    explicit CsvReader(const QByteArray &utf8, QChar separator = u',');
    ~CsvReader();

    // Reads the next record into fields(); false at the end or on an error.
    bool next();

    const QList<QStringView> &fields() const { return m_fields; }
    int line() const { return m_recordLine; }
    bool hasError() const { return m_error.line > 0; }
    const Error &error() const { return m_error; }

    // The message of a line over MaxLineBytes, for readers of whole files.
    static QString lineTooLongMessage();

private:
    bool fail(int line, int column, const QString &message);
    bool failNul(int column);
    bool readLine();

    std::unique_ptr<QIODevice> m_ownDevice;
    QIODevice *m_device = nullptr;
    QChar m_separator;
    QByteArray m_raw;        // bytes read and not yet handed out as lines
    qsizetype m_rawPos = 0;
    bool m_atEnd = false;
    QStringDecoder m_decoder;
    int m_line = 0;          // the last physical line read
    int m_recordLine = 0;
    QString m_text;          // the physical lines of the current record
    // Where each field of the record is: a span of m_text, or the index of
    // its unescaped text. Views are made once m_text no longer grows.
    struct Span
    {
        qsizetype start;
        qsizetype length;
        qsizetype unescaped; // index into m_unescaped, or -1
    };
    QList<Span> m_spans;
    QList<QStringView> m_fields;
    QList<QString> m_unescaped; // storage behind views of quoted fields
    Error m_error;
};
