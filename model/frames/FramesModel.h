#pragma once

#include "model/frames/StreamStats.h"
#include "model/request/CallRecord.h"
#include "model/schema/MethodRef.h"

#include <QAbstractTableModel>

#include <array>
#include <deque>
#include <optional>

namespace wirescope {

// Every event of one call as rows: the server's headers, each message sent or received,
// the half-close and the trailers with the status. The messages' bytes live in the call's
// CallRecord; the model adds a small row per event. A batch of events appends its rows with
// one insert notification, and JSON is decoded only for rows someone asks for (previews
// are cached for the rows on screen), so a stream of 200,000 messages stays cheap.
//
// Memory: each row costs bytesPerRowOverhead() (the row plus its CallRecord frame); a
// message whose bytes are kept costs its payload plus an allocation header on top. With
// setKeepFullFrames(n) only the newest n messages keep their bytes: older rows keep time,
// direction and size (and count in the statistics) but can no longer be decoded. The
// statistics add 8 bytes per received message, up to StreamStats::MaxGapSamples.
class FramesModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { SeqColumn, DirectionColumn, TimeColumn, GapColumn, SizeColumn, PreviewColumn, ColumnCount };
    enum Role {
        IsReceivedRole = Qt::UserRole + 1, // bool: came from the server
        NanosRole, // qint64, since the call started
        BytesRole, // QByteArray, the wire bytes (empty for non-messages and dropped bytes)
        JsonRole, // QString, the message decoded (or why it could not be); metadata as JSON
        HeadingRole, // QString, e.g. "#3 ↓ +1.204 ms · 45 B"
        KindRole, // int, a RowKind
        SizeRole, // qint64, message bytes or metadata bytes (keys plus values)
        GapRole, // qint64, nanos since the previous row
    };
    enum class RowKind : quint8 { Headers, Sent, Received, HalfClosed, Trailers };

    struct Row {
        qint64 nanos = 0;
        qint32 size = 0;
        qint32 frame = -1; // index into record().frames(), -1 for non-messages
        RowKind kind = RowKind::Sent;
    };

    explicit FramesModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FramesModel)

    void setMethod(const MethodRef &method);
    const MethodRef &method() const { return m_method; }
    const CallRecord &record() const { return m_record; }
    const StreamStats &stats() const { return m_stats; }
    // Plain access for views that draw every row (the timeline) without QVariant per row.
    const std::deque<Row> &rows() const { return m_rows; }
    qint32 maxMessageSize() const { return m_maxMessageSize; }

    void apply(const CallEvents &events);
    void clear();
    // Rows of the last `count` received messages, oldest first.
    QList<int> lastReceivedRows(int count) const;

    // 0 keeps every message's bytes; n > 0 keeps only the newest n messages' bytes.
    void setKeepFullFrames(int count);
    int keepFullFrames() const { return m_keepFullFrames; }
    bool hasBytes(int row) const;
    QByteArray bytesAt(int row) const;
    QString jsonAt(int row) const;
    QString previewAt(int row) const;

    // Messages this large are printed as JSON off the GUI thread: jsonAt() prints them
    // only once asked (the last one is kept), previewAt() and summaries do not print them.
    static constexpr qint64 LargeMessageBytes = 256 * 1024;
    bool isLargeMessage(int row) const;
    // The printed JSON of a row if it is at hand (the last one printed), or a null string.
    QString knownJson(int row) const;
    // Keeps the JSON a worker printed for a row, as jsonAt() would have.
    void setJson(int row, const QString &json);
    // What it takes to print a row's message on another thread.
    struct PrintJob {
        MethodRef method;
        QByteArray bytes;
        bool isRequest = false;
        QString print() const;
    };
    std::optional<PrintJob> printJob(int row) const;
    // What the rows and the kept bytes cost now, by the accounting stated above.
    qint64 memoryBytes() const;
    static constexpr qint64 bytesPerRowOverhead()
    {
        return qint64(sizeof(Row)) + CallRecord::bytesPerFrameOverhead();
    }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static bool isMessage(RowKind kind) { return kind == RowKind::Sent || kind == RowKind::Received; }
    static bool isFromServer(RowKind kind);
    static QString kindName(RowKind kind);
    static QString formatNanos(qint64 nanos);
    static QString formatBytes(qint64 bytes);

private:
    static constexpr int PreviewCacheSlots = 1024; // a few screens of rows
    static constexpr int PreviewChars = 160;

    struct CachedPreview {
        int row = -1;
        QString text;
    };

    void appendRow(const CallEvent &event);
    void releaseOldBytes();
    void resetPreviews();
    QVariant displayData(int row, int column) const;
    QString decodeMessage(const Row &row, bool indent) const;
    QString metadataJson(const Row &row) const;
    QString metadataPreview(const Row &row) const;
    QString heading(int row) const;

    MethodRef m_method;
    CallRecord m_record;
    StreamStats m_stats;
    std::deque<Row> m_rows; // grows without moving: no copying spikes on long streams
    qint32 m_maxMessageSize = 0;
    qint64 m_keptBytes = 0;
    int m_keepFullFrames = 0;
    int m_releasedFrames = 0; // frames [0, m_releasedFrames) have had their bytes dropped
    qsizetype m_releaseCursor = 0; // the row to continue the release walk from
    mutable std::array<CachedPreview, PreviewCacheSlots> m_previews;
    mutable CachedPreview m_lastJson; // the last full JSON printed: a large one costs to print
};

} // namespace wirescope
