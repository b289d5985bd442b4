#include "model/FramesModel.h"

namespace wirescope {

FramesModel::FramesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FramesModel::setMethod(const MethodRef &method)
{
    m_method = method;
    if (!m_record.frames().empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {JsonRole});
}

void FramesModel::apply(const CallEvents &events)
{
    const int before = int(m_record.frames().size());
    int added = 0;
    for (const CallEvent &event : events)
        added += (event.type == CallEvent::Type::Sent || event.type == CallEvent::Type::Received) ? 1 : 0;
    if (added > 0)
        beginInsertRows({}, before, before + added - 1);
    m_record.apply(events);
    if (added > 0)
        endInsertRows();
}

void FramesModel::clear()
{
    beginResetModel();
    m_record.clear();
    endResetModel();
}

QList<int> FramesModel::lastReceivedRows(int count) const
{
    QList<int> rows;
    const auto &frames = m_record.frames();
    for (int row = int(frames.size()) - 1; row >= 0 && rows.size() < count; --row) {
        if (frames[size_t(row)].direction == CallRecord::Direction::Received)
            rows.prepend(row);
    }
    return rows;
}

int FramesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_record.frames().size());
}

int FramesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FramesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CallRecord::Frame &frame = m_record.frames()[size_t(index.row())];
    const bool received = frame.direction == CallRecord::Direction::Received;
    switch (role) {
    case Qt::DisplayRole: return displayData(frame, index.row(), index.column());
    case Qt::TextAlignmentRole:
        return index.column() >= TimeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case IsReceivedRole: return received;
    case NanosRole: return frame.nanos;
    case BytesRole: return frame.bytes;
    case JsonRole: return decode(frame);
    case HeadingRole: return heading(frame, index.row());
    default: return {};
    }
}

QVariant FramesModel::displayData(const CallRecord::Frame &frame, int row, int column) const
{
    const bool received = frame.direction == CallRecord::Direction::Received;
    switch (column) {
    case SeqColumn: return row + 1;
    case DirectionColumn: return received ? tr("\u2193 recv") : tr("\u2191 sent");
    case TimeColumn: return formatNanos(frame.nanos);
    case SizeColumn: return formatBytes(frame.bytes.size());
    default: return {};
    }
}

QString FramesModel::decode(const CallRecord::Frame &frame) const
{
    QByteArray json;
    QString error;
    const bool isRequest = frame.direction == CallRecord::Direction::Sent;
    if (m_method.decode(frame.bytes, isRequest, &json, &error))
        return QString::fromUtf8(json);
    return tr("// %1\n// base64: %2").arg(error, QString::fromLatin1(frame.bytes.left(4096).toBase64()));
}

QString FramesModel::heading(const CallRecord::Frame &frame, int row) const
{
    const bool received = frame.direction == CallRecord::Direction::Received;
    return QStringLiteral("#%1 %2 +%3 \u00b7 %4")
        .arg(row + 1)
        .arg(received ? QStringLiteral("\u2193") : QStringLiteral("\u2191"), formatNanos(frame.nanos),
             formatBytes(frame.bytes.size()));
}

QVariant FramesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn: return tr("#");
    case DirectionColumn: return tr("Direction");
    case TimeColumn: return tr("Time");
    case SizeColumn: return tr("Size");
    default: return {};
    }
}

QString FramesModel::formatNanos(qint64 nanos)
{
    if (nanos < 1'000'000)
        return QStringLiteral("%1 \u00b5s").arg(double(nanos) / 1e3, 0, 'f', 1);
    if (nanos < 10'000'000'000)
        return QStringLiteral("%1 ms").arg(double(nanos) / 1e6, 0, 'f', nanos < 100'000'000 ? 2 : 0);
    return QStringLiteral("%1 s").arg(double(nanos) / 1e9, 0, 'f', 2);
}

QString FramesModel::formatBytes(qint64 bytes)
{
    if (bytes < 10 * 1024)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 10 * 1024 * 1024)
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 1);
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

} // namespace wirescope
