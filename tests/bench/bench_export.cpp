// Exporting a 100,000-row ranking (DESIGN.md §5: xlsx ≤ 1.2 × bare
// libxlsxwriter writing the same cells, ≤ 64 MB peak). Each measure runs in
// its own process so its peak memory is its own:
//   bench_export            runs them all and prints the ratio
//   bench_export MODE       bare | xlsx | csv, one measure
#include "benchutil.h"
#include "io/tableexporter.h"
#include "io/tables.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <xlsxwriter.h>

namespace {

CollateralRanking ranking(int count)
{
    CollateralRanking r;
    r.bookId = QStringLiteral("REPO-LDN");
    r.businessDate = QDate(2026, 7, 24);
    QRandomGenerator random(9);
    r.items.reserve(count);
    for (int i = 0; i < count; ++i) {
        CollateralItem item;
        item.instrumentId = QStringLiteral("XS%1").arg(i, 10, 10, QChar(u'0'));
        item.quantity = Quantity::units(random.bounded(1, 100000000));
        item.price = 90.0 + random.generateDouble() * 20;
        item.priceSource = i % 7 ? CollateralItem::PriceSource::Market : CollateralItem::PriceSource::Average;
        if (i % 10 != 0) {
            item.rank = i + 1;
            item.haircut = 0.02 + (i % 5) * 0.01;
            item.collateralValue = item.quantity.toDouble() * item.price / 100 * (1 - *item.haircut);
            item.note = Notes::make(Notes::Schedule, {QStringLiteral("sovereign bond AAA..AA- over 1 up to 5 years")});
        } else {
            item.note = Notes::make(Notes::NotEligibleRule, {QStringLiteral("non-sovereign bond BB"), QStringLiteral("unrated")});
        }
        r.items.append(item);
    }
    return r;
}

// The yardstick: the same cells and formats through libxlsxwriter directly.
void bare(const RankingTable &table, const QString &path)
{
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    lxw_workbook *wb = workbook_new_opt(path.toLocal8Bit().constData(), &options);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "REPO-LDN 2026-07-24");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    const char *numberFormats[] = {"0", nullptr, "yyyy-mm-dd", nullptr, "#,##0", "0.0000", nullptr, "0.00%", "#,##0.00", nullptr};
    lxw_format *formats[10] = {};
    for (int c = 0; c < 10; ++c) {
        if (numberFormats[c]) {
            formats[c] = workbook_add_format(wb);
            format_set_num_format(formats[c], numberFormats[c]);
        }
        worksheet_write_string(ws, 0, lxw_col_t(c), table.columns().at(c).name.toUtf8().constData(), bold);
    }
    const QList<CollateralItem> &items = table.rows();
    for (qsizetype r = 0; r < items.size(); ++r) {
        const CollateralItem &i = items.at(r);
        const lxw_row_t row = lxw_row_t(r + 1);
        if (i.rank)
            worksheet_write_number(ws, row, 0, i.rank, formats[0]);
        worksheet_write_string(ws, row, 1, "REPO-LDN", nullptr);
        lxw_datetime date = {2026, 7, 24, 0, 0, 0};
        worksheet_write_datetime(ws, row, 2, &date, formats[2]);
        worksheet_write_string(ws, row, 3, i.instrumentId.toUtf8().constData(), nullptr);
        worksheet_write_number(ws, row, 4, i.quantity.toDouble(), formats[4]);
        worksheet_write_number(ws, row, 5, i.price, formats[5]);
        worksheet_write_string(ws, row, 6, i.priceSource == CollateralItem::PriceSource::Market ? "market" : "average", nullptr);
        if (i.haircut)
            worksheet_write_number(ws, row, 7, *i.haircut, formats[7]);
        if (i.collateralValue)
            worksheet_write_number(ws, row, 8, *i.collateralValue, formats[8]);
        worksheet_write_string(ws, row, 9, i.note.text().toUtf8().constData(), nullptr);
    }
    for (int c = 0; c < 10; ++c)
        worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), 16, nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, lxw_row_t(items.size()), 9);
    workbook_close(wb);
}

int measure(const QString &mode, int count)
{
    const RankingTable table = rankingTable(ranking(count));
    QTemporaryDir dir;
    const QString path = dir.filePath(mode == u"csv" ? QStringLiteral("r.csv") : QStringLiteral("r.xlsx"));
    const double before = Bench::peakMegabytes();
    QElapsedTimer t;
    t.start();
    if (mode == u"bare") {
        bare(table, path);
    } else {
        TableExporter::Options options;
        options.format = mode == u"csv" ? TableExporter::Format::Csv : TableExporter::Format::Xlsx;
        const auto result = TableExporter::exportToFile(table, path, options);
        if (!result.ok)
            qFatal("%s", qPrintable(result.error));
    }
    const double elapsed = Bench::seconds(t);
    std::printf("%s %.4f %.1f %.1f %lld\n", qPrintable(mode), elapsed, Bench::peakMegabytes(), before,
                qlonglong(QFileInfo(path).size()));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int count = args.contains(QStringLiteral("--quick")) ? 10000 : 100000;
    if (args.size() > 1 && !args.at(1).startsWith(u'-'))
        return measure(args.at(1), count);

    std::printf("bench_export: %d ranking rows, best of 3 runs, each in its own process\n", count);
    QHash<QString, double> best;
    QHash<QString, double> peak;
    QHash<QString, double> baseline;
    for (int run = 0; run < 3; ++run) {
        for (const QString &mode : {QStringLiteral("bare"), QStringLiteral("xlsx"), QStringLiteral("csv")}) {
            QProcess p;
            p.start(QCoreApplication::applicationFilePath(), QStringList{mode} + args.mid(1));
            p.waitForFinished(-1);
            const QStringList f = QString::fromUtf8(p.readAllStandardOutput()).trimmed().split(u' ');
            if (f.size() < 5)
                qFatal("%s failed: %s", qPrintable(mode), p.readAllStandardError().constData());
            best[mode] = run == 0 ? f[1].toDouble() : std::min(best[mode], f[1].toDouble());
            peak[mode] = std::max(peak.value(mode), f[2].toDouble());
            baseline[mode] = f[3].toDouble();
        }
    }
    Bench::report("bare libxlsxwriter, same cells and formats", best[QStringLiteral("bare")], "s");
    Bench::report("TableExporter xlsx", best[QStringLiteral("xlsx")], "s");
    Bench::report("  ratio to bare", best[QStringLiteral("xlsx")] / best[QStringLiteral("bare")], "x", "target <= 1.2");
    Bench::report("  peak memory of the process (with the 100k rows)", peak[QStringLiteral("xlsx")], "MB", "target <= 64");
    Bench::report("  of which before the export (the rows themselves)", baseline[QStringLiteral("xlsx")], "MB");
    Bench::report("bare: peak memory", peak[QStringLiteral("bare")], "MB");
    Bench::report("TableExporter csv", best[QStringLiteral("csv")], "s");
    Bench::report("  peak memory", peak[QStringLiteral("csv")], "MB");
    return 0;
}
