#include "model/frames/FramesModel.h"

#include "model/json/JsonCodec.h"
#include "model/json/MetadataText.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <limits>

namespace wirescope {

namespace {

qint32 metadataSize(const Metadata &metadata)
{
    qint64 size = 0;
    for (const MetadataPair &entry : metadata)
        size += entry.first.size() + entry.second.size();
    return qint32(std::min<qint64>(size, std::numeric_limits<qint32>::max()));
}

// A JSON string literal, escaped the way QJsonDocument escapes it.
QString jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString elide(QString text, int chars)
{
    if (text.size() > chars) {
        text.truncate(chars);
        text += u'\u2026';
    }
    return text;
}

} // namespace

FramesModel::FramesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FramesModel::setMethod(const MethodRef &method)
{
    m_method = method;
    resetPreviews();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole, JsonRole});
}

void FramesModel::apply(const CallEvents &events)
{
    if (events.isEmpty())
        return;
    const int before = rowCount();
    // Every event is one row, so the batch is one contiguous insert.
    beginInsertRows({}, before, before + int(events.size()) - 1);
    const int framesBefore = int(m_record.frames().size());
    m_record.apply(events);
    m_stats.apply(events);
    int frame = framesBefore;
    for (const CallEvent &event : events) {
        appendRow(event);
        if (isMessage(m_rows.back().kind))
            m_rows.back().frame = frame++;
    }
    endInsertRows();
    releaseOldBytes();
}

void FramesModel::appendRow(const CallEvent &event)
{
    Row row;
    row.nanos = event.nanos;
    switch (event.type) {
    case CallEvent::Type::Sent:
        row.kind = RowKind::Sent;
        break;
    case CallEvent::Type::Received:
        row.kind = RowKind::Received;
        break;
    case CallEvent::Type::Headers:
        row.kind = RowKind::Headers;
        break;
    case CallEvent::Type::HalfClosed:
        row.kind = RowKind::HalfClosed;
        break;
    case CallEvent::Type::Finished:
        row.kind = RowKind::Trailers;
        break;
    }
    if (isMessage(row.kind)) {
        row.size = qint32(event.payload.size());
        m_maxMessageSize = std::max(m_maxMessageSize, row.size);
        m_keptBytes += event.payload.size();
    } else {
        row.size = metadataSize(event.metadata);
    }
    m_rows.push_back(row);
}

// Walks forward from where the last release stopped, so each row is visited once overall.
void FramesModel::releaseOldBytes()
{
    if (m_keepFullFrames <= 0)
        return;
    const int target = int(m_record.frames().size()) - m_keepFullFrames;
    if (target <= m_releasedFrames)
        return;
    const qsizetype firstRow = m_releaseCursor;
    while (m_releasedFrames < target && m_releaseCursor < qsizetype(m_rows.size())) {
        const Row &row = m_rows[size_t(m_releaseCursor++)];
        if (row.frame < 0)
            continue;
        m_keptBytes -= m_record.frames()[size_t(row.frame)].bytes.size();
        m_record.releaseBytes(size_t(row.frame));
        ++m_releasedFrames;
    }
    resetPreviews();
    Q_EMIT dataChanged(index(int(firstRow), 0), index(int(m_releaseCursor) - 1, ColumnCount - 1),
        {Qt::DisplayRole, BytesRole, JsonRole});
}

void FramesModel::clear()
{
    beginResetModel();
    m_record.clear();
    m_stats.clear();
    m_rows = {};
    m_maxMessageSize = 0;
    m_keptBytes = 0;
    m_releasedFrames = 0;
    m_releaseCursor = 0;
    resetPreviews();
    endResetModel();
}

void FramesModel::setKeepFullFrames(int count)
{
    m_keepFullFrames = std::max(0, count);
    releaseOldBytes();
}

void FramesModel::resetPreviews()
{
    for (CachedPreview &slot : m_previews)
        slot = CachedPreview();
    m_lastJson = CachedPreview();
}

QList<int> FramesModel::lastReceivedRows(int count) const
{
    QList<int> rows;
    for (int row = rowCount() - 1; row >= 0 && rows.size() < count; --row) {
        if (m_rows[size_t(row)].kind == RowKind::Received)
            rows.prepend(row);
    }
    return rows;
}

bool FramesModel::hasBytes(int row) const
{
    const Row &entry = m_rows[size_t(row)];
    return entry.frame >= 0 && entry.frame >= m_releasedFrames;
}

QByteArray FramesModel::bytesAt(int row) const
{
    const Row &entry = m_rows[size_t(row)];
    return entry.frame >= 0 ? m_record.frames()[size_t(entry.frame)].bytes : QByteArray();
}

QString FramesModel::jsonAt(int row) const
{
    if (m_lastJson.row == row)
        return m_lastJson.text;
    const Row &entry = m_rows[size_t(row)];
    if (!isMessage(entry.kind))
        return metadataJson(entry);
    QString json = decodeMessage(entry, true);
    m_lastJson = CachedPreview {row, json};
    return json;
}

bool FramesModel::isLargeMessage(int row) const
{
    const Row &entry = m_rows[size_t(row)];
    return isMessage(entry.kind) && entry.size >= LargeMessageBytes;
}

QString FramesModel::knownJson(int row) const
{
    return m_lastJson.row == row ? m_lastJson.text : QString();
}

void FramesModel::setJson(int row, const QString &json)
{
    if (row < 0 || size_t(row) >= m_rows.size())
        return;
    m_lastJson = CachedPreview {row, json};
    m_previews[size_t(row % PreviewCacheSlots)] = CachedPreview(); // its preview can use it now
    const QModelIndex changed = index(row, PreviewColumn);
    Q_EMIT dataChanged(changed, changed, {Qt::DisplayRole});
}

std::optional<FramesModel::PrintJob> FramesModel::printJob(int row) const
{
    const Row &entry = m_rows[size_t(row)];
    if (!isMessage(entry.kind) || entry.frame < m_releasedFrames || !m_method.isValid())
        return std::nullopt;
    return PrintJob {m_method, m_record.frames()[size_t(entry.frame)].bytes, entry.kind == RowKind::Sent};
}

QString FramesModel::PrintJob::print() const
{
    QByteArray json;
    QString error;
    JsonStyle style;
    style.indent = true;
    const auto *type = isRequest ? method.requestType() : method.responseType();
    if (JsonCodec::toJson(*method.schema(), type, bytes, &json, style, &error))
        return QString::fromUtf8(json);
    return tr("// %1\n// base64: %2").arg(error, QString::fromLatin1(bytes.left(4096).toBase64()));
}

QString FramesModel::previewAt(int row) const
{
    CachedPreview &slot = m_previews[size_t(row % PreviewCacheSlots)];
    if (slot.row == row)
        return slot.text;
    const Row &entry = m_rows[size_t(row)];
    if (isLargeMessage(row)) {
        // Not printed here for one line: the start of its printed JSON once at hand.
        const QString known = knownJson(row);
        if (known.isNull())
            return tr("%1 message (its JSON is printed when shown)").arg(formatBytes(entry.size));
        slot = CachedPreview {row, elide(known.left(PreviewChars * 8).simplified(), PreviewChars)};
        return slot.text;
    }
    QString text = isMessage(entry.kind) ? decodeMessage(entry, false) : metadataPreview(entry);
    text.replace(u'\n', u' ');
    slot = CachedPreview {row, elide(text, PreviewChars)};
    return slot.text;
}

qint64 FramesModel::memoryBytes() const
{
    // 24 bytes of QArrayData header plus malloc's rounding per kept payload, and the
    // statistics' inter-arrival samples (8 bytes per received message up to their cap).
    const qint64 keptFrames = qint64(m_record.frames().size()) - m_releasedFrames;
    return qint64(m_rows.size()) * bytesPerRowOverhead() + m_keptBytes + keptFrames * 32
        + m_stats.memoryBytes();
}

QString FramesModel::decodeMessage(const Row &row, bool indent) const
{
    if (row.frame < m_releasedFrames) {
        return tr("// %1 message; its bytes were not kept (the frames view keeps only the newest "
                  "messages' bytes)")
            .arg(formatBytes(row.size));
    }
    const QByteArray &bytes = m_record.frames()[size_t(row.frame)].bytes;
    const bool isRequest = row.kind == RowKind::Sent;
    QString error = tr("no schema for this method");
    if (m_method.isValid()) {
        QByteArray json;
        JsonStyle style;
        style.indent = indent;
        const auto *type = isRequest ? m_method.requestType() : m_method.responseType();
        if (JsonCodec::toJson(*m_method.schema(), type, bytes, &json, style, &error))
            return QString::fromUtf8(json);
    }
    return tr("// %1\n// base64: %2").arg(error, QString::fromLatin1(bytes.left(4096).toBase64()));
}

QString FramesModel::metadataJson(const Row &row) const
{
    const bool trailers = row.kind == RowKind::Trailers;
    if (row.kind == RowKind::HalfClosed)
        return tr("// the client half-closed: no more requests follow");
    QStringList members;
    if (trailers) {
        const CallStatus &status = m_record.status();
        members << QStringLiteral("  \"grpc-status\": %1").arg(jsonString(status.codeName()));
        if (!status.message.isEmpty())
            members << QStringLiteral("  \"grpc-message\": %1").arg(jsonString(status.message));
    }
    for (const MetadataPair &entry : trailers ? m_record.trailers() : m_record.headers()) {
        members << QStringLiteral("  %1: %2")
                       .arg(jsonString(QString::fromLatin1(entry.first)),
                           jsonString(MetadataText::displayValue(entry)));
    }
    return QStringLiteral("// %1\n{\n%2\n}")
        .arg(trailers ? tr("status and trailers") : tr("headers"), members.join(QStringLiteral(",\n")));
}

QString FramesModel::metadataPreview(const Row &row) const
{
    QStringList parts;
    if (row.kind == RowKind::HalfClosed)
        return tr("request side closed");
    if (row.kind == RowKind::Trailers) {
        const CallStatus &status = m_record.status();
        parts << (status.message.isEmpty() ? status.codeName()
                                           : QString(status.codeName() + u' ' + status.message));
    }
    for (const MetadataPair &entry : row.kind == RowKind::Trailers ? m_record.trailers() : m_record.headers())
        parts << QString::fromLatin1(entry.first) + QStringLiteral(": ") + MetadataText::displayValue(entry);
    return parts.join(QStringLiteral(" \u00b7 "));
}

int FramesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FramesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FramesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    const Row &entry = m_rows[size_t(row)];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        return index.column() == PreviewColumn ? QVariant(previewAt(row)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() >= TimeColumn && index.column() <= SizeColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case IsReceivedRole:
        return isFromServer(entry.kind);
    case NanosRole:
        return entry.nanos;
    case BytesRole:
        return bytesAt(row);
    case JsonRole:
        return jsonAt(row);
    case HeadingRole:
        return heading(row);
    case KindRole:
        return int(entry.kind);
    case SizeRole:
        return qint64(entry.size);
    case GapRole:
        return row > 0 ? entry.nanos - m_rows[size_t(row - 1)].nanos : entry.nanos;
    default:
        return {};
    }
}

QVariant FramesModel::displayData(int row, int column) const
{
    const Row &entry = m_rows[size_t(row)];
    switch (column) {
    case SeqColumn:
        return row + 1;
    case DirectionColumn:
        return QString((isFromServer(entry.kind) ? QStringLiteral("\u2193 ") : QStringLiteral("\u2191 "))
            + kindName(entry.kind));
    case TimeColumn:
        return formatNanos(entry.nanos);
    case GapColumn:
        return row > 0 ? QString(u'+' + formatNanos(entry.nanos - m_rows[size_t(row - 1)].nanos)) : QString();
    case SizeColumn:
        return entry.kind == RowKind::HalfClosed ? QString() : formatBytes(entry.size);
    case PreviewColumn:
        return previewAt(row);
    default:
        return {};
    }
}

QString FramesModel::heading(int row) const
{
    const Row &entry = m_rows[size_t(row)];
    QString text
        = QStringLiteral("#%1 %2").arg(row + 1).arg(QChar(isFromServer(entry.kind) ? u'\u2193' : u'\u2191'));
    if (!isMessage(entry.kind))
        text += u' ' + kindName(entry.kind);
    text += QStringLiteral(" +%1").arg(formatNanos(entry.nanos));
    if (entry.kind != RowKind::HalfClosed)
        text += QStringLiteral(" \u00b7 %1").arg(formatBytes(entry.size));
    return text;
}

QVariant FramesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn:
        return tr("#");
    case DirectionColumn:
        return tr("Direction");
    case TimeColumn:
        return tr("Time");
    case GapColumn:
        return tr("Gap");
    case SizeColumn:
        return tr("Size");
    case PreviewColumn:
        return tr("Preview");
    default:
        return {};
    }
}

bool FramesModel::isFromServer(RowKind kind)
{
    return kind == RowKind::Received || kind == RowKind::Headers || kind == RowKind::Trailers;
}

QString FramesModel::kindName(RowKind kind)
{
    switch (kind) {
    case RowKind::Headers:
        return tr("headers");
    case RowKind::Sent:
        return tr("sent");
    case RowKind::Received:
        return tr("recv");
    case RowKind::HalfClosed:
        return tr("half-close");
    case RowKind::Trailers:
        return tr("trailers");
    }
    return {};
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
