// Each importer's row validation (ImportFiles) on arbitrary files: the
// first byte picks the importer, the rest is the file. A file parses whole
// or gives one error with a line; never both, never a crash.
#include "io/importfiles.h"

#include <QBuffer>
#include <QTimeZone>

#include <cstdint>
#include <cstdlib>

template<typename T>
static void check(const ImportFiles::Rows<T> &rows)
{
    if (rows.error && (!rows.rows.isEmpty() || rows.error->message.isEmpty()))
        std::abort();
    if (rows.rows.size() != rows.lines.size())
        std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const QTimeZone london("Europe/London");
    static const QString name = QStringLiteral("fuzz.csv");
    const QByteArray file(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    switch (data[0] % 8) {
    case 0:
        check(ImportFiles::trades(name, file, london));
        break;
    case 1: {
        QBuffer buffer;
        buffer.setData(file);
        buffer.open(QIODevice::ReadOnly);
        check(ImportFiles::trades(name, &buffer, QTimeZone::utc()));
        break;
    }
    case 2:
        check(ImportFiles::instruments(name, file));
        break;
    case 3:
        check(ImportFiles::prices(name, file));
        break;
    case 4:
        check(ImportFiles::books(name, file));
        break;
    case 5:
        check(ImportFiles::fxRates(name, file));
        break;
    case 6:
        check(ImportFiles::haircutOverrides(name, file));
        break;
    case 7:
        check(ImportFiles::haircutSchedule(name, file));
        break;
    }
    return 0;
}
