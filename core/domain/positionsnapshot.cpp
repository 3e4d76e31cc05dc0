#include "positionsnapshot.h"

#include <QCryptographicHash>

QByteArray PositionSnapshot::contentHash() const
{
    QCryptographicHash hash(QCryptographicHash::Blake2b_160);
    auto add = [&hash](const Position &p) {
        const qint64 length = p.instrumentId.size();
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&length), sizeof length));
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(p.instrumentId.constData()),
                                    p.instrumentId.size() * qsizetype(sizeof(QChar))));
        const QuantityMicros quantity = p.quantity.micros();
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&quantity), sizeof quantity));
        const double numbers[] = {p.averagePrice, p.realizedPnl};
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(numbers), sizeof numbers));
    };
    for (const Position &p : positions)
        add(p);
    // Flat positions after a marker that no position's id length can be;
    // none at all leaves the digest of a snapshot stored before version 3
    // of the schema as it was.
    if (!flat.isEmpty()) {
        const qint64 marker = -1;
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&marker), sizeof marker));
        for (const Position &p : flat)
            add(p);
    }
    return hash.result().toHex();
}
