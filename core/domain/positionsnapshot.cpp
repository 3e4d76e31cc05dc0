#include "positionsnapshot.h"

#include <QCryptographicHash>

QByteArray PositionSnapshot::contentHash() const
{
    QCryptographicHash hash(QCryptographicHash::Blake2b_160);
    for (const Position &p : positions) {
        const qint64 length = p.instrumentId.size();
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&length), sizeof length));
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(p.instrumentId.constData()),
                                    p.instrumentId.size() * qsizetype(sizeof(QChar))));
        const QuantityMicros quantity = p.quantity.micros();
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&quantity), sizeof quantity));
        const double numbers[] = {p.averagePrice, p.realizedPnl};
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(numbers), sizeof numbers));
    }
    return hash.result().toHex();
}
