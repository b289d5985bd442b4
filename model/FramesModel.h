#pragma once

#include "model/CallRecord.h"
#include "model/MethodRef.h"

#include <QAbstractTableModel>

namespace wirescope {

// Every message of one call, sent and received, as rows: the call's CallRecord plus a view
// of its frames. Batches of events append rows with one insert notification each, so a
// stream of 100,000 messages stays cheap; JSON is decoded only for rows someone asks for.
class FramesModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeqColumn, DirectionColumn, TimeColumn, SizeColumn, ColumnCount };
    enum Role {
        IsReceivedRole = Qt::UserRole + 1, // bool
        NanosRole,  // qint64, since the call started
        BytesRole,  // QByteArray, the wire bytes
        JsonRole,   // QString, the message decoded (or why it could not be)
        HeadingRole, // QString, e.g. "#3 ↓ +1.204 ms · 45 B"
    };

    explicit FramesModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FramesModel)

    void setMethod(const MethodRef &method);
    const MethodRef &method() const { return m_method; }
    const CallRecord &record() const { return m_record; }

    void apply(const CallEvents &events);
    void clear();
    // Rows of the last `count` received messages, oldest first.
    QList<int> lastReceivedRows(int count) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formatNanos(qint64 nanos);
    static QString formatBytes(qint64 bytes);

private:
    QVariant displayData(const CallRecord::Frame &frame, int row, int column) const;
    QString decode(const CallRecord::Frame &frame) const;
    QString heading(const CallRecord::Frame &frame, int row) const;

    MethodRef m_method;
    CallRecord m_record;
};

} // namespace wirescope
