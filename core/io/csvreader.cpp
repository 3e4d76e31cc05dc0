#include "csvreader.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QStringDecoder>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CsvReader", text);
}

constexpr qsizetype ChunkBytes = 64 * 1024;

// The field a position in a raw line falls in, counting separators (a
// quoted separator counts too: close enough to point at the place).
int columnAt(QByteArrayView line, QChar separator)
{
    return separator.unicode() < 0x80 ? int(line.count(char(separator.unicode()))) + 1 : 1;
}

} // namespace

CsvReader::CsvReader(QIODevice *device, QChar separator)
    : m_device(device)
    , m_separator(separator)
    , m_decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom)
{
}

CsvReader::CsvReader(const QByteArray &utf8, QChar separator)
    : m_separator(separator)
    , m_decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(utf8);
    buffer->open(QIODevice::ReadOnly);
    m_device = buffer.get();
    m_ownDevice = std::move(buffer);
}

CsvReader::~CsvReader() = default;

QString CsvReader::lineTooLongMessage()
{
    return tr("line longer than 1 MiB (%1 bytes); a CSV line is never that long: is this the right file?")
        .arg(MaxLineBytes);
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

// Appends the next physical line, with its '\n' when it has one, to m_text.
// False at the end of the input or on an error.
bool CsvReader::readLine()
{
    qsizetype end = -1;
    for (;;) {
        end = m_raw.indexOf('\n', m_rawPos);
        if (end >= 0 && end - m_rawPos <= MaxLineBytes)
            break;
        if (end >= 0 || m_raw.size() - m_rawPos > MaxLineBytes) {
            // Stop before reading (and keeping) any more of it.
            const int line = m_line + 1;
            return fail(line, columnAt(QByteArrayView(m_raw).sliced(m_rawPos, MaxLineBytes), m_separator),
                        lineTooLongMessage());
        }
        if (m_atEnd) {
            if (m_rawPos >= m_raw.size())
                return false;
            end = m_raw.size() - 1;
            break;
        }
        m_raw.remove(0, m_rawPos);
        m_rawPos = 0;
        const qsizetype kept = m_raw.size();
        m_raw.resize(kept + ChunkBytes);
        const qint64 got = m_device->read(m_raw.data() + kept, ChunkBytes);
        m_raw.resize(kept + std::max<qint64>(got, 0));
        if (got < 0)
            return fail(m_line + 1, 0, tr("cannot read the file: %1").arg(m_device->errorString()));
        if (got == 0)
            m_atEnd = true;
    }

    QByteArrayView bytes = QByteArrayView(m_raw).sliced(m_rawPos, end + 1 - m_rawPos);
    m_rawPos = end + 1;
    ++m_line;
    // The file's byte order mark is not text; a U+FEFF anywhere else is
    // (the decoder keeps it: ConvertInitialBom), an id's included.
    if (m_line == 1 && bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);
    // Decoded straight into the record's buffer, which keeps its capacity
    // from record to record: no allocation per line.
    const qsizetype had = m_text.size();
    m_text.resize(had + bytes.size()); // UTF-16 never needs more units than UTF-8 bytes
    const QChar *decodedEnd = m_decoder.appendToBuffer(m_text.data() + had, bytes);
    m_text.resize(decodedEnd - m_text.constData());
    if (m_decoder.hasError()) {
        const QStringView text = QStringView(m_text).sliced(had);
        const int column = int(text.first(text.indexOf(QChar::ReplacementCharacter)).count(m_separator)) + 1;
        return fail(m_line, column, tr("the file is not valid UTF-8"));
    }
    return true;
}

bool CsvReader::next()
{
    if (hasError())
        return false;
    m_fields.clear();
    m_unescaped.clear();

    // Skip blank lines between records.
    for (;;) {
        m_text.truncate(0); // keeps the capacity
        if (!readLine())
            return false;
        const bool blank = std::all_of(m_text.cbegin(), m_text.cend(), [](QChar c) { return c == u'\n' || c == u'\r'; });
        if (!blank)
            break;
    }
    m_recordLine = m_line;

    QList<Span> &spans = m_spans;
    spans.clear();
    // Raw access: this loop runs for every character of every import.
    // m_text grows only in readLine(), after which both are taken again.
    const QChar *data = m_text.constData();
    qsizetype size = m_text.size();
    qsizetype pos = 0;
    for (;;) {
        const int column = int(spans.size()) + 1;
        if (pos < size && data[pos] == u'"') {
            const int quoteLine = m_line;
            ++pos;
            QString value;
            qsizetype runStart = pos;
            for (;;) {
                if (pos >= size) {
                    value.append(data + runStart, pos - runStart);
                    if (value.size() > MaxLineBytes)
                        return fail(quoteLine, column, tr("a quoted field longer than 1 MiB: is its closing quote missing?"));
                    if (!readLine())
                        return hasError() ? false : fail(quoteLine, column, tr("a quoted field is not closed"));
                    data = m_text.constData();
                    size = m_text.size();
                    runStart = pos;
                    continue;
                }
                const QChar c = data[pos];
                if (c == u'"') {
                    value.append(data + runStart, pos - runStart);
                    if (pos + 1 < size && data[pos + 1] == u'"') {
                        value.append(u'"');
                        pos += 2;
                        runStart = pos;
                        continue;
                    }
                    ++pos;
                    break;
                }
                if (c.isNull())
                    return failNul(column);
                ++pos;
            }
            m_unescaped.append(value);
            spans.append({0, 0, m_unescaped.size() - 1});
            if (pos < size && data[pos] == u'\r' && pos + 1 < size && data[pos + 1] == u'\n')
                ++pos;
            if (pos < size && data[pos] != m_separator && data[pos] != u'\n')
                return fail(m_line, column, tr("unexpected text after a closing quote"));
        } else {
            const qsizetype start = pos;
            while (pos < size && data[pos] != m_separator && data[pos] != u'\n') {
                if (data[pos] == u'"')
                    return fail(m_line, column, tr("a quote inside an unquoted field (quote the whole field and double the quote)"));
                if (data[pos].isNull())
                    return failNul(column);
                ++pos;
            }
            qsizetype end = pos;
            if (end > start && data[end - 1] == u'\r' && (pos >= size || data[pos] == u'\n'))
                --end;
            spans.append({start, end - start, -1});
        }

        if (pos >= size || data[pos] == u'\n')
            break;
        ++pos; // separator
    }

    for (const Span &s : std::as_const(spans)) {
        if (s.unescaped >= 0)
            m_fields.append(m_unescaped.at(s.unescaped));
        else
            m_fields.append(QStringView(m_text).sliced(s.start, s.length));
    }
    return true;
}
