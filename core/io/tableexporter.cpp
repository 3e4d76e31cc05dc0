#include "tableexporter.h"

#include "domain/desktime.h"
#include "domain/money.h"
#include "domain/quantity.h"
#include "outputfile.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <xlsxwriter.h>

#include <charconv>
#include <cmath>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace TableExporter {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TableExporter", text);
}

constexpr qsizetype ProgressStep = 4096;

QByteArray quoted(const QString &text, QChar separator)
{
    const bool needsQuotes = text.contains(separator) || text.contains(u'"') || text.contains(u'\n')
                             || text.contains(u'\r');
    if (!needsQuotes)
        return text.toUtf8();
    QString escaped = text;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return (u'"' + escaped + u'"').toUtf8();
}

// libxlsxwriter is C: keep its workbook closed on every path.
struct Workbook
{
    lxw_workbook *book = nullptr;
    ~Workbook()
    {
        if (book)
            workbook_close(book);
    }
    lxw_error close()
    {
        const lxw_error e = workbook_close(book);
        book = nullptr;
        return e;
    }
};

QString sheetName(const QString &title)
{
    QString name = title.isEmpty() ? QStringLiteral("FinDesk") : title;
    for (const QChar bad : {u'[', u']', u':', u'*', u'?', u'/', u'\\'})
        name.replace(bad, u'-');
    if (name.startsWith(u'\''))
        name[0] = u'-';
    return name.left(31);
}

const char *numberFormat(ColumnKind kind)
{
    switch (kind) {
    case ColumnKind::Integer: return "0";
    case ColumnKind::Quantity: return "#,##0";
    case ColumnKind::Price: return "0.0000";
    case ColumnKind::Rate: return "0.000000";
    case ColumnKind::Money: return "#,##0.00";
    case ColumnKind::Percent: return "0.00%";
    case ColumnKind::Date: return "yyyy-mm-dd";
    case ColumnKind::Instant: return "yyyy-mm-dd hh:mm:ss";
    case ColumnKind::Text: return nullptr;
    }
    return nullptr;
}

// Roughly how many characters a number shows with its format, to size the
// column: digits, thousands separators and decimals.
int displayWidth(double value, ColumnKind kind)
{
    const double magnitude = std::abs(value);
    const int digits = magnitude < 1.0 ? 1 : int(std::floor(std::log10(magnitude))) + 1;
    const int sign = value < 0 ? 1 : 0;
    switch (kind) {
    case ColumnKind::Quantity: return sign + digits + (digits - 1) / 3;
    case ColumnKind::Money: return sign + digits + (digits - 1) / 3 + 3;
    case ColumnKind::Price: return sign + digits + 5;
    case ColumnKind::Rate: return sign + digits + 7;
    case ColumnKind::Percent: return sign + digits + 6;
    case ColumnKind::Integer: return sign + digits;
    case ColumnKind::Date: return 10;
    case ColumnKind::Instant: return 19;
    case ColumnKind::Text: break;
    }
    return digits;
}

lxw_datetime toLxw(const QDateTime &instant)
{
    const QDateTime utc = instant.toUTC();
    return {utc.date().year(), utc.date().month(), utc.date().day(), utc.time().hour(), utc.time().minute(),
            double(utc.time().second())};
}

QString lxwMessage(lxw_error e)
{
    return QString::fromUtf8(lxw_strerror(e));
}

bool report(const Progress &progress, qsizetype done, qsizetype total)
{
    return !progress || progress(done, total);
}

// Writes the workbook at `path`; messages name `shownPath`.
Result writeXlsx(const DataTable &table, const QString &path, const QString &shownPath, const Progress &progress)
{
    Result result;
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    const QByteArray tmpDir = QDir::tempPath().toLocal8Bit();
    options.tmpdir = const_cast<char *>(tmpDir.constData());
    Workbook wb;
    wb.book = workbook_new_opt(path.toLocal8Bit().constData(), &options);
    if (!wb.book) {
        result.error = tr("cannot create the workbook %1").arg(shownPath);
        return result;
    }
    const QByteArray name = sheetName(table.title()).toUtf8();
    lxw_worksheet *sheet = workbook_add_worksheet(wb.book, name.constData());

    const QList<ColumnSpec> &columns = table.columns();
    lxw_format *header = workbook_add_format(wb.book);
    format_set_bold(header);
    format_set_bottom(header, LXW_BORDER_THIN);
    QList<lxw_format *> formats;
    QList<int> widths;
    for (const ColumnSpec &c : columns) {
        lxw_format *f = nullptr;
        if (const char *numFormat = numberFormat(c.kind)) {
            f = workbook_add_format(wb.book);
            format_set_num_format(f, numFormat);
        }
        formats.append(f);
        widths.append(int(c.name.size()) + 3); // room for the filter button
    }

    for (int c = 0; c < columns.size(); ++c)
        worksheet_write_string(sheet, 0, lxw_col_t(c), columns[c].name.toUtf8().constData(), header);

    // Money shows its currency's minor units (JPY none, KWD three) and a
    // quantity the decimals it has: one format per number of decimals.
    QHash<std::pair<int, int>, lxw_format *> decimalFormats;
    auto formatFor = [&](int column, qsizetype r, const QVariant &v) -> lxw_format * {
        int decimals;
        if (columns[column].kind == ColumnKind::Money)
            decimals = Money::minorUnits(table.currency(r, column));
        else if (columns[column].kind == ColumnKind::Quantity && v.metaType() == QMetaType::fromType<Quantity>())
            decimals = v.value<Quantity>().decimals();
        else
            return formats[column];
        const std::pair key(int(columns[column].kind), decimals);
        auto it = decimalFormats.constFind(key);
        if (it == decimalFormats.cend()) {
            lxw_format *f = workbook_add_format(wb.book);
            const QByteArray pattern = decimals == 0 ? QByteArrayLiteral("#,##0")
                                                     : QByteArrayLiteral("#,##0.") + QByteArray(decimals, '0');
            format_set_num_format(f, pattern.constData());
            it = decimalFormats.insert(key, f);
        }
        return *it;
    };

    const qsizetype rows = table.rowCount();
    for (qsizetype r = 0; r < rows; ++r) {
        const lxw_row_t row = lxw_row_t(r + 1);
        for (int c = 0; c < columns.size(); ++c) {
            const QVariant v = table.value(r, c);
            if (v.isNull())
                continue;
            const lxw_col_t col = lxw_col_t(c);
            lxw_error e = LXW_NO_ERROR;
            int width = 0;
            switch (columns[c].kind) {
            case ColumnKind::Text: {
                const QByteArray text = v.toString().toUtf8();
                e = worksheet_write_string(sheet, row, col, text.constData(), nullptr);
                width = int(v.toString().size());
                break;
            }
            case ColumnKind::Date: {
                const QDate d = v.toDate();
                lxw_datetime dt = {d.year(), d.month(), d.day(), 0, 0, 0};
                e = worksheet_write_datetime(sheet, row, col, &dt, formats[c]);
                width = 10;
                break;
            }
            case ColumnKind::Instant: {
                lxw_datetime dt = toLxw(v.toDateTime());
                e = worksheet_write_datetime(sheet, row, col, &dt, formats[c]);
                width = 19;
                break;
            }
            default: {
                const double number = v.toDouble();
                e = worksheet_write_number(sheet, row, col, number, formatFor(c, r, v));
                width = displayWidth(number, columns[c].kind);
                break;
            }
            }
            if (e != LXW_NO_ERROR) {
                result.error = tr("cannot write row %1 of %2: %3").arg(r + 1).arg(shownPath, lxwMessage(e));
                return result;
            }
            widths[c] = std::max(widths[c], width + 2);
        }
        if ((r + 1) % ProgressStep == 0 && !report(progress, r + 1, rows)) {
            result.cancelled = true;
            return result;
        }
    }

    for (int c = 0; c < columns.size(); ++c)
        worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), std::min(widths[c], 80), nullptr);
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, lxw_row_t(rows), lxw_col_t(columns.size() - 1));

    // libxlsxwriter does not check its writes of the rows to its temporary
    // file: a full disk there would give a workbook with rows missing and
    // no error. Its stream says whether one failed.
    if (FILE *rowsFile = sheet->optimize_tmpfile) {
        errno = 0;
        if (std::fflush(rowsFile) != 0 || std::ferror(rowsFile)) {
            result.error = tr("cannot write %1: the rows could not be written to a temporary file in %2 (%3)")
                               .arg(shownPath, QDir::tempPath(),
                                    QString::fromLocal8Bit(std::strerror(errno ? errno : EIO)));
            return result;
        }
    }
    const lxw_error closed = wb.close();
    if (closed != LXW_NO_ERROR) {
        result.error = tr("cannot write %1: %2").arg(shownPath, lxwMessage(closed));
        return result;
    }
    report(progress, rows, rows);
    result.ok = true;
    result.rows = rows;
    return result;
}

} // namespace

namespace {

// plainNumber() into `out`, as ASCII, without a QString: std::to_chars
// gives the same shortest round-trip digits as QString::number's
// FloatingPointShortest (both pick the closest), at a fraction of the cost
// (the CSV of 100,000 positions is a million numbers).
void appendPlainNumber(QByteArray &out, double value)
{
    if (!std::isfinite(value))
        return;
    if (std::fabs(value) >= 1e15) {
        // From 2^53 on, to_chars writes the double's exact integer digits
        // where Qt writes its shortest digits padded with zeros.
        out.append(QString::number(value, 'f', QLocale::FloatingPointShortest).toLatin1());
        return;
    }
    char text[400]; // below 1e15: the longest is a tiny one, 0.(323 zeros)494…
    auto [end, error] = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed);
    if (error != std::errc())
        return;
    const char *dot = static_cast<const char *>(std::memchr(text, '.', size_t(end - text)));
    if (dot && end - dot - 1 > 9) {
        end = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, 9).ptr;
        while (end[-1] == '0')
            --end;
        if (end[-1] == '.')
            --end;
    }
    if (end - text == 2 && text[0] == '-' && text[1] == '0')
        out.append('0');
    else
        out.append(text, end - text);
}

} // namespace

QString plainNumber(double value)
{
    // The shortest text that reads back as the same double, unless that
    // needs more than nine decimals (0.1 + 0.2 = 0.30000000000000004): then
    // nine decimals, which is below any price tick or cent.
    QByteArray text;
    appendPlainNumber(text, value);
    return QString::fromLatin1(text);
}

QString csvText(const QVariant &value, ColumnKind kind)
{
    if (value.isNull())
        return {};
    switch (kind) {
    case ColumnKind::Text: return value.toString();
    case ColumnKind::Integer: return QString::number(value.toLongLong());
    case ColumnKind::Date: return DeskTime::formatDate(value.toDate());
    case ColumnKind::Instant: return DeskTime::formatInstant(value.toDateTime());
    case ColumnKind::Quantity:
        if (value.metaType() == QMetaType::fromType<Quantity>())
            return value.value<Quantity>().toString(); // exact, never through a double
        return plainNumber(value.toDouble());
    default: return plainNumber(value.toDouble());
    }
}

bool writeCsv(const DataTable &table, QIODevice &device, const Options &options, const Progress &progress,
              bool *cancelled)
{
    if (cancelled)
        *cancelled = false;
    const QList<ColumnSpec> &columns = table.columns();
    QByteArray buffer;
    buffer.reserve(1 << 20);
    if (options.utf8Bom)
        buffer.append("\xEF\xBB\xBF");
    const QByteArray separator = QString(options.separator).toUtf8();
    for (int c = 0; c < columns.size(); ++c) {
        if (c)
            buffer.append(separator);
        buffer.append(quoted(columns[c].name, options.separator));
    }
    buffer.append('\n');

    const qsizetype rows = table.rowCount();
    for (qsizetype r = 0; r < rows; ++r) {
        for (int c = 0; c < columns.size(); ++c) {
            if (c)
                buffer.append(separator);
            const QVariant value = table.value(r, c);
            const ColumnKind kind = columns[c].kind;
            if ((kind == ColumnKind::Price || kind == ColumnKind::Rate || kind == ColumnKind::Money || kind == ColumnKind::Percent)
                && !value.isNull() && value.metaType() == QMetaType::fromType<double>()) {
                appendPlainNumber(buffer, value.toDouble()); // csvText's, without a QString
                continue;
            }
            const QString text = csvText(value, kind);
            if (kind == ColumnKind::Text)
                buffer.append(quoted(text, options.separator));
            else
                buffer.append(text.toUtf8());
        }
        buffer.append('\n');
        if (buffer.size() > (1 << 20) - 4096) {
            if (device.write(buffer) != buffer.size())
                return false;
            buffer.clear();
        }
        if ((r + 1) % ProgressStep == 0 && !report(progress, r + 1, rows)) {
            if (cancelled)
                *cancelled = true;
            return false;
        }
    }
    if (device.write(buffer) != buffer.size())
        return false;
    report(progress, rows, rows);
    return true;
}

Result exportToFile(const DataTable &table, const QString &path, const Options &options, const Progress &progress)
{
    Result result;
    OutputFile file(path);
    if (!file.open()) {
        result.error = file.errorString();
        return result;
    }
    if (options.format == Format::Csv) {
        if (!writeCsv(table, file.device(), options, progress, &result.cancelled)) {
            if (!result.cancelled)
                result.error = file.errorString();
            return result; // the temporary file goes with `file`
        }
    } else {
        // libxlsxwriter writes to a path: the temporary one.
        const QString workPath = file.workPath();
        if (workPath.isEmpty()) {
            result.error = tr("cannot write %1: no temporary file").arg(path);
            return result;
        }
        result = writeXlsx(table, workPath, path, progress);
        if (!result.ok)
            return result;
    }
    if (!file.commit()) {
        result.ok = false;
        result.error = file.errorString();
        return result;
    }
    result.ok = true;
    result.rows = table.rowCount();
    return result;
}

bool writeText(const DataTable &table, QIODevice &device)
{
    const QList<ColumnSpec> &columns = table.columns();
    QList<QStringList> cells;
    QList<qsizetype> widths;
    for (const ColumnSpec &c : columns)
        widths.append(c.name.size());
    for (qsizetype r = 0; r < table.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < columns.size(); ++c) {
            const QVariant v = table.value(r, c);
            QString text;
            if (!v.isNull() && columns[c].kind == ColumnKind::Money)
                text = QString::number(v.toDouble(), 'f', Money::minorUnits(table.currency(r, c)));
            else if (!v.isNull() && columns[c].kind == ColumnKind::Percent)
                text = QString::number(v.toDouble() * 100.0, 'f', 2) + u'%';
            else
                text = csvText(v, columns[c].kind);
            widths[c] = std::max(widths[c], text.size());
            row.append(text);
        }
        cells.append(row);
    }
    auto line = [&](const QStringList &row) {
        QString out;
        for (int c = 0; c < columns.size(); ++c) {
            const bool right = columns[c].kind != ColumnKind::Text && columns[c].kind != ColumnKind::Date
                               && columns[c].kind != ColumnKind::Instant;
            if (c)
                out += QStringLiteral("  ");
            out += right ? row[c].rightJustified(widths[c]) : row[c].leftJustified(c + 1 < columns.size() ? widths[c] : 0);
        }
        const QByteArray bytes = out.toUtf8() + '\n';
        return device.write(bytes) == bytes.size();
    };
    QStringList header;
    for (const ColumnSpec &c : columns)
        header.append(c.name);
    if (!line(header))
        return false;
    for (const QStringList &row : std::as_const(cells)) {
        if (!line(row))
            return false;
    }
    return true;
}

} // namespace TableExporter
