#include "xlsxreader.h"

#include <QFile>
#include <QXmlStreamReader>

#include <zlib.h>

namespace XlsxReader {

namespace {

quint32 u32(const QByteArray &d, qsizetype at)
{
    const auto *p = reinterpret_cast<const uchar *>(d.constData() + at);
    return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24;
}

quint16 u16(const QByteArray &d, qsizetype at)
{
    const auto *p = reinterpret_cast<const uchar *>(d.constData() + at);
    return quint16(p[0] | p[1] << 8);
}

struct Entry
{
    QString name;
    quint16 method;
    quint32 compressed;
    quint32 size;
    quint32 offset;
};

QList<Entry> directory(const QByteArray &zip)
{
    QList<Entry> entries;
    qsizetype end = zip.size() - 22;
    while (end >= 0 && u32(zip, end) != 0x06054b50)
        --end;
    if (end < 0)
        return entries;
    const quint16 count = u16(zip, end + 10);
    qsizetype at = u32(zip, end + 16);
    for (int i = 0; i < count && u32(zip, at) == 0x02014b50; ++i) {
        const quint16 nameLength = u16(zip, at + 28);
        const quint16 extra = u16(zip, at + 30);
        const quint16 comment = u16(zip, at + 32);
        entries.append({QString::fromUtf8(zip.mid(at + 46, nameLength)), u16(zip, at + 10), u32(zip, at + 20),
                        u32(zip, at + 24), u32(zip, at + 42)});
        at += 46 + nameLength + extra + comment;
    }
    return entries;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

QStringList zipEntries(const QString &path)
{
    QStringList names;
    for (const Entry &e : directory(readAll(path)))
        names << e.name;
    return names;
}

QByteArray zipEntry(const QString &path, const QString &name)
{
    const QByteArray zip = readAll(path);
    for (const Entry &e : directory(zip)) {
        if (e.name != name)
            continue;
        const qsizetype data = e.offset + 30 + u16(zip, e.offset + 26) + u16(zip, e.offset + 28);
        const QByteArray raw = zip.mid(data, e.compressed);
        if (e.method == 0)
            return raw;
        QByteArray out(qsizetype(e.size), Qt::Uninitialized);
        z_stream s = {};
        s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.constData()));
        s.avail_in = uInt(raw.size());
        s.next_out = reinterpret_cast<Bytef *>(out.data());
        s.avail_out = uInt(out.size());
        if (inflateInit2(&s, -MAX_WBITS) != Z_OK)
            return {};
        const int rc = inflate(&s, Z_FINISH);
        inflateEnd(&s);
        return rc == Z_STREAM_END ? out : QByteArray();
    }
    return {};
}

QHash<QString, Cell> cells(const QByteArray &xml)
{
    QHash<QString, Cell> result;
    QXmlStreamReader r(xml);
    QString ref;
    Cell cell;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == u"c") {
            ref = r.attributes().value(QLatin1StringView("r")).toString();
            cell = Cell{r.attributes().value(QLatin1StringView("t")).toString(), QString(), r.attributes().value(QLatin1StringView("s")).toInt()};
        } else if (r.isStartElement() && (r.name() == u"v" || r.name() == u"t")) {
            cell.value = r.readElementText();
        } else if (r.isEndElement() && r.name() == u"c") {
            result.insert(ref, cell);
        }
    }
    return result;
}

} // namespace XlsxReader
