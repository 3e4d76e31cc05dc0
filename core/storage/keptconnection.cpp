#include "keptconnection.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadStorage>

#include <map>
#include <memory>

namespace {

struct Kept
{
    // By location, as text (with its password: two users are two connections).
    std::map<QString, std::unique_ptr<Connection>> connections;
};

// Deleted in the thread that ends, as QtSql wants.
QThreadStorage<Kept *> kept;

bool onMainThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return !app || QThread::currentThread() == app->thread();
}

Kept &thisThread()
{
    if (!kept.hasLocalData())
        kept.setLocalData(new Kept);
    return *kept.localData();
}

QString key(const DatabaseLocation &location)
{
    return location.toString() + QChar(u'\n') + location.password;
}

bool usable(const Connection &connection)
{
    return connection.isUsable();
}

} // namespace

namespace KeptConnection {

Lease::Lease(const DatabaseLocation &location, Connection::Mode mode)
{
    if (onMainThread()) {
        m_own = std::make_unique<Connection>(location, mode);
        m_connection = m_own.get();
        return;
    }
    auto &slot = thisThread().connections[key(location)];
    if (slot && !usable(*slot))
        slot.reset();
    if (!slot)
        slot = std::make_unique<Connection>(location, mode);
    m_connection = slot.get();
}

Lease::~Lease()
{
    // A task that wrote may have grown the cache to the writer's size; a
    // kept connection idles with the reader's.
    if (m_connection && !m_own)
        m_connection->releasePageCache();
}

bool dropIfBroken(const DatabaseLocation &location)
{
    if (!kept.hasLocalData())
        return false;
    auto &connections = kept.localData()->connections;
    const auto it = connections.find(key(location));
    if (it == connections.end() || !it->second || usable(*it->second))
        return false;
    connections.erase(it);
    return true;
}

} // namespace KeptConnection
