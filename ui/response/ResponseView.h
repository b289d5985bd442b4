#pragma once

#include "model/core/CurrentWork.h"
#include "model/request/CallEvent.h"
#include "model/schema/MethodRef.h"

#include <QElapsedTimer>
#include <QJsonValue>
#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;
class QTimer;
class QToolButton;
class QTreeView;

namespace wirescope {

class DeferredPage;
class FramesModel;
class FramesPanel;
class SizesPanel;
class Settings;
class JsonEditor;

// The response side of a request tab: a status line (code, elapsed time, message counts)
// and tabs for the body, headers, trailers and the final status with its rich details.
// Streams list every frame; the body renders only the newest messages (a bounded number,
// refreshed on a short timer) so a stream of 100,000 messages never stalls the window.
class ResponseView final : public QWidget {
    Q_OBJECT

public:
    explicit ResponseView(FramesModel *frames, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ResponseView)

    void setCallKind(CallKind kind);
    void setRenderLimit(int messages);
    // Where the Frames tab keeps its settings (how many messages keep their bytes).
    void setSettings(Settings *settings);
    void callStarted();
    void eventsArrived();
    void callFinished();
    // Shown in the status line when a call could not even start (bad body, no channel).
    void showLocalError(const QString &message);
    // The request as the editor holds it, for the Sizes tab before anything is sent.
    void setDraftRequest(const MethodRef &method, const QByteArray &binary);
    // What the body's "Assert This" does at a character offset of the body's text: asks for
    // an assertion on the response field there. False when no received message's field is.
    bool assertAt(int offset);
    // The Frames and Sizes tabs, made now if they were not shown yet.
    FramesPanel *framesPanel() const;
    SizesPanel *sizesPanel() const;

Q_SIGNALS:
    // A frame picked in the list: its wire bytes, and whether the server sent it.
    void frameSelected(const QByteArray &bytes, bool received);
    // "Assert This": the field's path, its value, and which message ("last" or a number).
    void assertRequested(const QString &path, const QJsonValue &value, const QString &message);
    // "Save Response as Stub…": a mock stub answering the request with this response.
    void saveAsStubRequested();

private:
    QWidget *createBodyPage();
    FramesPanel *createFramesPanel(QWidget *page);
    SizesPanel *createSizesPanel(QWidget *page);
    QTableWidget *createMetadataTable(const QString &objectName);
    void refresh();
    void refreshStatusLine();
    void refreshBody();
    void refreshMetadata();
    void showSelectedFrame();
    void showBodyMenu(const QPoint &position);
    QString jsonOrPrint(int row, const std::function<void()> &shown);
    void setFollow(bool follow);
    QString renderLatest();
    static void fillTable(QTableWidget *table, const Metadata &metadata);

    FramesModel *m_frames;
    CallKind m_kind = CallKind::Unary;
    int m_renderLimit = 50;
    bool m_running = false;
    bool m_follow = true;
    bool m_headersShown = false;
    QString m_localError;
    QElapsedTimer m_clock;
    int m_printingRow = -1; // whose JSON a worker is printing
    CurrentWork m_print {this}; // a large message printed on a worker, for the newest call only
    std::function<void()> m_whenPrinted;
    // The received messages the body shows, in order, by their 0-based number in the call;
    // -1 for one that is not a response (a sent frame picked in the list).
    QList<int> m_shownMessages;

    QLabel *m_statusLine = nullptr;
    QTabWidget *m_tabs = nullptr;
    QWidget *m_frameList = nullptr;
    QTreeView *m_frameView = nullptr;
    QToolButton *m_followButton = nullptr;
    QLabel *m_frameCount = nullptr;
    JsonEditor *m_body = nullptr;
    QTableWidget *m_headers = nullptr;
    QTableWidget *m_trailers = nullptr;
    QPlainTextEdit *m_status = nullptr;
    QTimer *m_refreshTimer = nullptr;
    DeferredPage *m_framesPage = nullptr;
    DeferredPage *m_sizesPage = nullptr;
    // What the Frames and Sizes tabs are handed when they are made.
    QPointer<Settings> m_settings;
    MethodRef m_draftMethod;
    QByteArray m_draft;
};

} // namespace wirescope
