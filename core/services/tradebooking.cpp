#include "tradebooking.h"

#include "io/importfiles.h"
#include "services/background.h"
#include "storage/connection.h"
#include "storage/desksettingsstore.h"
#include "storage/keptconnection.h"
#include "storage/storageerror.h"

#include <QFileInfo>
#include <QtConcurrent>


TradeBooking::TradeBooking(const DatabaseLocation &location, QObject *parent)
    : QObject(parent)
    , m_location(location)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // its threads keep their connections (KeptConnection)
}

TradeBooking::~TradeBooking()
{
    m_pool.waitForDone();
}

void TradeBooking::waitForDone()
{
    m_pool.waitForDone();
}

QFuture<TradeBooking::Result> TradeBooking::book(const TradeList &trades)
{
    return QtConcurrent::run(&m_pool, [this, location = m_location, trades] {
        Background::lowerThisThread();
        Result result;
        try {
            const KeptConnection::Lease lease(location, Connection::Mode::CreateIfMissing);
            const Connection &c = *lease;
            static_cast<TradeImport::Result &>(result) = TradeImport::insert(c, trades);
        } catch (const StorageError &e) {
            KeptConnection::dropIfBroken(location);
            result.storageError = e.message();
        }
        if (result.ok() && result.inserted > 0)
            QMetaObject::invokeMethod(this, &TradeBooking::tradesWritten, Qt::QueuedConnection);
        return result;
    });
}

QFuture<TradeBooking::Result> TradeBooking::importFile(const QString &path)
{
    return QtConcurrent::run(&m_pool, [this, location = m_location, path] {
        Background::lowerThisThread();
        Result result;
        ImportError error;
        const auto bytes = ImportFiles::read(path, &error);
        if (!bytes) {
            result.error = error;
            return result;
        }
        try {
            const KeptConnection::Lease lease(location, Connection::Mode::CreateIfMissing);
            const Connection &c = *lease;
            static_cast<TradeImport::Result &>(result) = TradeImport::importCsv(c, QFileInfo(path).fileName(), *bytes);
        } catch (const StorageError &e) {
            KeptConnection::dropIfBroken(location);
            result.storageError = e.message();
        }
        if (result.ok() && result.inserted > 0)
            QMetaObject::invokeMethod(this, &TradeBooking::tradesWritten, Qt::QueuedConnection);
        return result;
    });
}

QFuture<QString> TradeBooking::saveDeskSettings(const DeskSettings &settings)
{
    return QtConcurrent::run(&m_pool, [location = m_location, settings]() -> QString {
        Background::lowerThisThread();
        try {
            const KeptConnection::Lease lease(location, Connection::Mode::CreateIfMissing);
            const Connection &c = *lease;
            Transaction tx(c);
            DeskSettingsStore s(c);
            s.setDeskTimeZone(settings.deskTimeZone);
            s.setDefaultHaircut(settings.defaultHaircut);
            s.setBaseCurrency(settings.baseCurrency);
            s.setFxHaircut(settings.fxHaircut);
            tx.commit();
        } catch (const StorageError &e) {
            KeptConnection::dropIfBroken(location);
            return e.message();
        }
        return {};
    });
}
