#pragma once

#include "model/core/CurrentWork.h"
#include "model/frames/PayloadSizer.h"
#include "model/schema/MethodRef.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTabBar;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace wirescope {

class FramesModel;
class SizeBarChart;

// The Sizes tab: what one message costs in binary and in canonical JSON (compact, pretty,
// each also gzipped) as bars with their ratios, where those bytes go field by field, and
// the same six sizes for the whole call, sent, received or both. The totals need every
// message printed as JSON twice and run through a streaming gzip, so they are added up on
// a worker, a chunk of rows at a time, and only while the tab is visible.
class SizesPanel final : public QWidget {
    Q_OBJECT

public:
    // Which messages the totals chart shows.
    enum class Scope { Call, Sent, Received };

    struct Totals {
        SizeTotals sent;
        SizeTotals received;
        SizeTotals call() const { return sent + received; }
        SizeTotals of(Scope scope) const;
    };

    explicit SizesPanel(FramesModel *frames, QWidget *parent = nullptr);
    ~SizesPanel() override;
    Q_DISABLE_COPY_MOVE(SizesPanel)

    // Shows one frame's sizes; -1 follows the newest message.
    void showRow(int row);
    // The request as it stands in the editor: measured while no message has been sent or
    // received yet, so the comparison is there before the first call.
    void setDraft(const MethodRef &method, const QByteArray &binary);
    int shownRow() const { return m_shownRow; }
    const Totals &totals() const { return m_totals; }
    // True when every frame in the model has been added to the totals.
    bool totalsComplete() const;
    void setTotalsScope(Scope scope);
    Scope totalsScope() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Chunk {
        int endRow = 0;
        Totals totals; // of every row before endRow
    };

    QWidget *createTotals();
    void setupFields();
    void onRowsChanged();
    void onReset();
    void refreshMessage();
    void showSizes(const PayloadSizes &sizes);
    void showDraft();
    // Measures on a worker when the message is large; a newer message makes that result stale.
    void measureMessage(const MethodRef &method, bool isRequest, const QByteArray &bytes);
    void addField(QTreeWidgetItem *parent, const FieldSize &field);
    void startChunk();
    void finishChunk(const Chunk &chunk);
    void refreshTotals();
    QString totalsLine(Scope scope) const;
    int newestMessageRow() const;

    FramesModel *m_frames;
    int m_pinnedRow = -1;
    int m_shownRow = -1;
    QLabel *m_heading = nullptr;
    SizeBarChart *m_messageChart = nullptr;
    QTreeWidget *m_fields = nullptr;
    SizeBarChart *m_totalChart = nullptr;
    QTabBar *m_totalsScope = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QTimer *m_refreshTimer = nullptr;
    Totals m_totals;
    // Lives on the worker while a chunk runs; replaced (not touched) when a new call starts.
    std::shared_ptr<CallSizeCounter> m_counter;
    int m_accountedRows = 0;
    CurrentWork m_chunks {
        this}; // one chunk of the totals at a time; reset, a late chunk of an old call is dropped
    MethodRef m_draftMethod;
    QByteArray m_draft;
    bool m_draftShown = false;
    CurrentWork m_measure {this}; // a large message measured on a worker shows only if still wanted
};

} // namespace wirescope
