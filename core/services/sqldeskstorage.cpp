#include "sqldeskstorage.h"

SqlDeskStorage::SqlDeskStorage(const DatabaseLocation &location, QObject *parent)
    : DeskStorage(parent)
    , m_reader(location)
    , m_booking(location)
    , m_changes(location)
{
    // This desk's own trades: looked for at once, not at the next poll.
    connect(&m_booking, &TradeBooking::tradesWritten, &m_changes, &ChangeFeed::poke);
    connect(&m_changes, &ChangeFeed::started, this, &DeskStorage::started);
    connect(&m_changes, &ChangeFeed::tradesArrived, this, &DeskStorage::tradesArrived);
    connect(&m_changes, &ChangeFeed::snapshotStored, this, &DeskStorage::snapshotStored);
    connect(&m_changes, &ChangeFeed::snapshotMoved, this, &DeskStorage::snapshotMoved);
    connect(&m_changes, &ChangeFeed::rankingStored, this, &DeskStorage::rankingStored);
    connect(&m_changes, &ChangeFeed::referenceDataChanged, this, &DeskStorage::referenceDataChanged);
    connect(&m_changes, &ChangeFeed::agreementsChanged, this, &DeskStorage::agreementsChanged);
    connect(&m_changes, &ChangeFeed::settingsChanged, this, &DeskStorage::settingsChanged);
    connect(&m_changes, &ChangeFeed::failed, this, &DeskStorage::failed);
    connect(&m_changes, &ChangeFeed::resumed, this, &DeskStorage::resumed);
}

SqlDeskStorage::~SqlDeskStorage()
{
    m_changes.stop();
    waitForDone();
}

void SqlDeskStorage::waitForDone()
{
    m_booking.waitForDone();
    m_reader.waitForDone();
}
