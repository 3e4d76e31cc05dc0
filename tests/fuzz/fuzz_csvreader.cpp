// CsvReader on arbitrary bytes: every record's fields stay views of live
// text, an error has a line and a column, and the reader stops after one.
// The first byte picks the separator (, or ;) and the source (memory or a
// device, which reads in chunks and enforces the line limit differently).
#include "io/csvreader.h"

#include <QBuffer>

#include <cstdint>
#include <cstdlib>

static void readAll(CsvReader &reader)
{
    int lastLine = 0;
    while (reader.next()) {
        if (reader.line() < lastLine)
            std::abort(); // lines only go forward
        lastLine = reader.line();
        qsizetype total = 0;
        for (const QStringView field : reader.fields())
            total += field.size(); // touches every view: ASan sees dangling ones
        (void)total;
    }
    if (reader.hasError() && (reader.error().line <= 0 || reader.error().column < 0 || reader.error().message.isEmpty()))
        std::abort();
    if (reader.next()) // stays at its end or its error
        std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QChar separator = (data[0] & 1) ? u';' : u',';
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    if (data[0] & 2) {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer, separator);
        readAll(reader);
    } else {
        CsvReader reader(bytes, separator);
        readAll(reader);
    }
    return 0;
}
