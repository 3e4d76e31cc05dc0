#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

// Reads back what a .xlsx holds, for tests: a tiny ZIP reader (zlib
// inflate) and the cells of a worksheet from its XML.
namespace XlsxReader {

// The uncompressed content of `entry` in the ZIP file at `path`, or empty.
QByteArray zipEntry(const QString &path, const QString &entry);
QStringList zipEntries(const QString &path);

struct Cell
{
    QString type;   // the t attribute: "n" (or empty) for numbers, "inlineStr", "s", …
    QString value;  // the number as written, or the text
    int style = 0;  // the s attribute: index of the cell format
};

// Cells of one sheet by reference ("A1", "B2").
QHash<QString, Cell> cells(const QByteArray &sheetXml);

} // namespace XlsxReader
