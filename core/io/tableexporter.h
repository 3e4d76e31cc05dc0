#pragma once

#include "datatable.h"

#include <QIODevice>
#include <QString>

#include <functional>

// The one exporter of FinDesk: any DataTable to CSV or to a real .xlsx
// (libxlsxwriter, constant-memory mode), used by the command line and the
// window alike. Files are written through OutputFile: under a temporary
// name in the target folder, renamed into place at the end, so a failed or
// cancelled export never leaves a half-written file under the final name.
namespace TableExporter {

enum class Format { Csv, Xlsx };

struct Options
{
    Format format = Format::Csv;
    // For spreadsheets in comma-decimal locales: ';' and a UTF-8 BOM.
    QChar separator = u',';
    bool utf8Bom = false;
};

// Called every few thousand rows (and at the end) with rows written so far
// and the total; return false to cancel. Runs on the exporting thread.
using Progress = std::function<bool(qsizetype done, qsizetype total)>;

struct Result
{
    bool ok = false;
    bool cancelled = false;
    QString error;
    qsizetype rows = 0;
};

Result exportToFile(const DataTable &table, const QString &path, const Options &options, const Progress &progress = {});

// CSV to an open device (standard output). Returns false if writing failed.
bool writeCsv(const DataTable &table, QIODevice &device, const Options &options, const Progress &progress = {},
              bool *cancelled = nullptr);

// Aligned plain text for a terminal. Returns false if writing failed.
bool writeText(const DataTable &table, QIODevice &device);

// A number as CSV wants it: `.` decimal, no thousands separator, no
// exponent, no trailing zeros (1234567.5).
QString plainNumber(double value);
// A raw cell value as CSV text.
QString csvText(const QVariant &value, ColumnKind kind);

} // namespace TableExporter
