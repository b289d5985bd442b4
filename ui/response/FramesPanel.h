#pragma once

#include "model/core/CurrentWork.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;
class QTimer;
class QToolButton;
class QTableView;

namespace wirescope {

class FramesModel;
class JsonEditor;
class Settings;
class TimelineChart;

// The Frames tab of a response: live statistics, the timeline chart, one table row per
// event (headers, messages, half-close, trailers) and the selected frame's JSON, size and
// bytes. Everything follows the shared FramesModel on its own timers, so a stream of
// 200,000 messages costs a few repaints a second, never one per message.
class FramesPanel final : public QWidget {
    Q_OBJECT

public:
    explicit FramesPanel(FramesModel *frames, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FramesPanel)

    void selectRow(int row);
    int selectedRow() const;
    bool exportJsonLines(const QString &path, QString *error);
    // Writes the timeline as a PNG image; false if it could not be written.
    bool exportChart(const QString &path);
    // Reads and persists the keep-bytes-of-N-messages choice; follows changes made elsewhere
    // (another tab's panel). Null stops persisting.
    void setSettings(Settings *settings);
    // The statistics line as shown; refreshed on a timer while frames arrive.
    QString statsText() const;

Q_SIGNALS:
    void frameSelected(int row);

private:
    QWidget *createToolBar();
    QWidget *createDetail();
    void setupTable();
    void onRowsInserted();
    void onReset();
    void refreshStats();
    void showFrame(int row);
    void chooseExportJsonLines();
    void chooseExportChart();
    void showLargeFrame(int row);
    static QString hexDump(const QByteArray &bytes);

    FramesModel *m_frames;
    TimelineChart *m_chart = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_stats = nullptr;
    QLabel *m_frameHeading = nullptr;
    QTabWidget *m_detailTabs = nullptr;
    JsonEditor *m_json = nullptr;
    QPlainTextEdit *m_bytes = nullptr;
    QToolButton *m_follow = nullptr;
    QSpinBox *m_keep = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QPointer<Settings> m_settings;
    CurrentWork m_detail {this}; // a large frame's worker result is shown only if still wanted
};

} // namespace wirescope
