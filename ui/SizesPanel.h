#pragma once

#include "model/PayloadSizer.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace wirescope {

class FramesModel;
class SizeBarChart;

// The Sizes tab: what one message costs in binary and in canonical JSON (compact, pretty,
// each also gzipped) as bars with their ratios, where those bytes go field by field, and
// the totals of binary against compact JSON for the whole call. The totals need every
// message printed as JSON (a few µs each), so they are summed on a worker, a chunk at a
// time, and only while the tab is visible.
class SizesPanel final : public QWidget {
    Q_OBJECT

public:
    struct Totals {
        qint64 messages = 0;
        qint64 binary = 0;
        qint64 json = 0;
        qint64 undecodable = 0;
        qint64 notKept = 0; // messages whose bytes the frames model had already dropped
    };

    explicit SizesPanel(FramesModel *frames, QWidget *parent = nullptr);
    ~SizesPanel() override;
    Q_DISABLE_COPY_MOVE(SizesPanel)

    // Shows one frame's sizes; -1 follows the newest message.
    void showRow(int row);
    int shownRow() const { return m_shownRow; }
    const Totals &totals() const { return m_totals; }
    // True when every frame in the model has been added to the totals.
    bool totalsComplete() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Chunk {
        int endRow = 0;
        Totals totals;
    };

    QWidget *createTotals();
    void setupFields();
    void onRowsChanged();
    void onReset();
    void refreshMessage();
    void showSizes(const PayloadSizes &sizes);
    void addField(QTreeWidgetItem *parent, const FieldSize &field);
    void startChunk();
    void finishChunk();
    void refreshTotals();
    int newestMessageRow() const;

    FramesModel *m_frames;
    int m_pinnedRow = -1;
    int m_shownRow = -1;
    QLabel *m_heading = nullptr;
    SizeBarChart *m_messageChart = nullptr;
    QTreeWidget *m_fields = nullptr;
    SizeBarChart *m_totalChart = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QTimer *m_refreshTimer = nullptr;
    Totals m_totals;
    int m_accountedRows = 0;
    quint64 m_generation = 0; // bumped on reset, so a late chunk of an old call is ignored
    quint64 m_chunkGeneration = 0;
    QFutureWatcher<Chunk> m_watcher;
};

} // namespace wirescope
