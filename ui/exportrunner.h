#pragma once

#include "io/tableexporter.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

#include <memory>

class QProgressDialog;
class QWidget;

// Runs one export off the UI thread (QtConcurrent::run with a QPromise for
// progress and cancellation), showing a progress dialog with Cancel.
class ExportRunner : public QObject
{
    Q_OBJECT

public:
    explicit ExportRunner(QWidget *parent);

    bool isRunning() const { return m_watcher.isRunning(); }
    // Asks where to write (CSV or Excel), then exports `table`.
    void exportWithDialog(std::unique_ptr<DataTable> table, const QString &suggestedName);
    void start(std::unique_ptr<DataTable> table, const QString &path, const TableExporter::Options &options);

signals:
    void finished(const TableExporter::Result &result, const QString &path);

private:
    void onFinished();

    QWidget *m_parent;
    QFutureWatcher<TableExporter::Result> m_watcher;
    QPointer<QProgressDialog> m_progress;
    QString m_path;
};
