#include "csvreader.h"

#include <QCoreApplication>
#include <QStringDecoder>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CsvReader", text);
}

} // namespace

CsvReader::CsvReader(const QByteArray &utf8, QChar separator)
    : m_separator(separator)
{
    QByteArrayView bytes(utf8);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    m_text = decoder.decode(bytes);
    if (decoder.hasError()) {
        // Find the first bad line so the message can point at it.
        int line = 1;
        qsizetype start = 0;
        while (start <= bytes.size()) {
            qsizetype end = bytes.indexOf('\n', start);
            if (end < 0)
                end = bytes.size();
            QStringDecoder probe(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString text = probe.decode(bytes.sliced(start, end - start));
            if (probe.hasError()) {
                const int column = int(text.first(text.indexOf(QChar::ReplacementCharacter))
                                           .count(separator)) + 1;
                fail(line, column, tr("the file is not valid UTF-8"));
                break;
            }
            ++line;
            start = end + 1;
        }
        m_text.clear();
    }
}

bool CsvReader::fail(int line, int column, const QString &message)
{
    m_error = {line, column, message};
    m_fields.clear();
    return false;
}

// PostgreSQL cannot store a NUL in text and SQLite would cut the text at it
// on the way out; no field of FinDesk's files has a use for one.
bool CsvReader::failNul(int column)
{
    return fail(m_line, column, tr("the field contains a NUL character (U+0000), which no text may contain"));
}

bool CsvReader::next()
{
    if (hasError())
        return false;
    m_fields.clear();
    m_unescaped.clear();
    const QChar *data = m_text.constData();
    const qsizetype size = m_text.size();

    // Skip blank lines between records.
    while (m_pos < size && (data[m_pos] == u'\n' || data[m_pos] == u'\r')) {
        if (data[m_pos] == u'\n')
            ++m_line;
        ++m_pos;
    }
    if (m_pos >= size)
        return false;

    m_recordLine = m_line;
    for (;;) {
        const int column = int(m_fields.size()) + 1;
        if (m_pos < size && data[m_pos] == u'"') {
            const int quoteLine = m_line;
            ++m_pos;
            QString value;
            qsizetype runStart = m_pos;
            for (;;) {
                if (m_pos >= size)
                    return fail(quoteLine, column, tr("a quoted field is not closed"));
                const QChar c = data[m_pos];
                if (c == u'"') {
                    value.append(data + runStart, m_pos - runStart);
                    if (m_pos + 1 < size && data[m_pos + 1] == u'"') {
                        value.append(u'"');
                        m_pos += 2;
                        runStart = m_pos;
                        continue;
                    }
                    ++m_pos;
                    break;
                }
                if (c == u'\n')
                    ++m_line;
                else if (c.isNull())
                    return failNul(column);
                ++m_pos;
            }
            m_unescaped.append(value);
            m_fields.append(m_unescaped.constLast());
            if (m_pos < size && data[m_pos] == u'\r' && m_pos + 1 < size && data[m_pos + 1] == u'\n')
                ++m_pos;
            if (m_pos < size && data[m_pos] != m_separator && data[m_pos] != u'\n')
                return fail(m_line, column, tr("unexpected text after a closing quote"));
        } else {
            const qsizetype start = m_pos;
            while (m_pos < size && data[m_pos] != m_separator && data[m_pos] != u'\n') {
                if (data[m_pos] == u'"')
                    return fail(m_line, column, tr("a quote inside an unquoted field (quote the whole field and double the quote)"));
                if (data[m_pos].isNull())
                    return failNul(column);
                ++m_pos;
            }
            qsizetype end = m_pos;
            if (end > start && data[end - 1] == u'\r' && (m_pos >= size || data[m_pos] == u'\n'))
                --end;
            m_fields.append(QStringView(data + start, end - start));
        }

        if (m_pos >= size)
            return true;
        if (data[m_pos] == u'\n') {
            ++m_pos;
            ++m_line;
            return true;
        }
        ++m_pos; // separator
    }
}
