#include "exportrunner.h"

#include "services/background.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPromise>
#include <QSettings>
#include <QStandardPaths>
#include <QtConcurrent>

ExportRunner::ExportRunner(QWidget *parent)
    : QObject(parent)
    , m_parent(parent)
{
    connect(&m_watcher, &QFutureWatcher<TableExporter::Result>::finished, this, &ExportRunner::onFinished);
}

void ExportRunner::exportWithDialog(std::unique_ptr<DataTable> table, const QString &suggestedName)
{
    if (isRunning())
        return;
    QSettings settings;
    QString folder = settings.value(QStringLiteral("export/folder")).toString();
    if (folder.isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString excel = tr("Excel workbook (*.xlsx)");
    const QString csv = tr("CSV, comma-separated (*.csv)");
    const QString csvSemicolon = tr("CSV for comma-decimal spreadsheets, semicolon-separated (*.csv)");
    QString filter = settings.value(QStringLiteral("export/filter"), excel).toString();
    QString name = suggestedName;
    name.replace(u' ', u'_');
    name += filter == excel ? QStringLiteral(".xlsx") : QStringLiteral(".csv");
    QString path = QFileDialog::getSaveFileName(m_parent, tr("Export"), folder + u'/' + name,
                                                QStringList{excel, csv, csvSemicolon}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    // A name ending in .xlsx or .csv says the format; otherwise the chosen
    // file type does, and its suffix is added.
    TableExporter::Options options;
    if (path.endsWith(QStringLiteral(".xlsx"), Qt::CaseInsensitive))
        options.format = TableExporter::Format::Xlsx;
    else if (path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive))
        options.format = TableExporter::Format::Csv;
    else {
        options.format = filter == excel ? TableExporter::Format::Xlsx : TableExporter::Format::Csv;
        path += options.format == TableExporter::Format::Xlsx ? QStringLiteral(".xlsx") : QStringLiteral(".csv");
    }
    if (options.format == TableExporter::Format::Csv && filter == csvSemicolon) {
        options.separator = u';';
        options.utf8Bom = true;
    }
    settings.setValue(QStringLiteral("export/folder"), QFileInfo(path).absolutePath());
    settings.setValue(QStringLiteral("export/filter"), filter);
    start(std::move(table), path, options);
}

void ExportRunner::start(std::unique_ptr<DataTable> table, const QString &path, const TableExporter::Options &options)
{
    m_path = path;
    m_progress = new QProgressDialog(tr("Exporting %Ln row(s) to %1…", nullptr, int(table->rowCount())).arg(QFileInfo(path).fileName()),
                                     tr("Cancel"), 0, 100, m_parent);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, &m_watcher, &QFutureWatcher<TableExporter::Result>::cancel);
    connect(&m_watcher, &QFutureWatcher<TableExporter::Result>::progressValueChanged, m_progress, &QProgressDialog::setValue);

    std::shared_ptr<DataTable> shared(std::move(table));
    m_watcher.setFuture(QtConcurrent::run(Background::pool(), [shared, path, options](QPromise<TableExporter::Result> &promise) {
        Background::lowerThisThread();
        promise.setProgressRange(0, 100);
        const auto result = TableExporter::exportToFile(*shared, path, options, [&promise](qsizetype done, qsizetype total) {
            promise.setProgressValue(total > 0 ? int(done * 100 / total) : 100);
            return !promise.isCanceled();
        });
        promise.addResult(result);
    }));
}

void ExportRunner::onFinished()
{
    // Gone before an error box opens: deleteLater() waited for the box's
    // own event loop to end, and meanwhile the dialog's 300 ms timer showed
    // it, at 0 %, on top of the error.
    delete m_progress.data();
    TableExporter::Result result;
    if (m_watcher.future().resultCount() > 0)
        result = m_watcher.result();
    else
        result.cancelled = true;
    if (!result.ok && !result.cancelled)
        QMessageBox::warning(m_parent, tr("Export failed"), tr("Nothing was written.\n\n%1").arg(result.error));
    emit finished(result, m_path);
}
