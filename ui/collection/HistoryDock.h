#pragma once

#include "model/collection/HistoryListModel.h"
#include "model/core/CurrentWork.h"

#include <QDockWidget>
#include <QJsonValue>
#include <QThreadPool>

#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;

namespace wirescope {

class History;
class ResponseDiffDialog;

// The "History" dock: every call sent, newest first, with a search over it, the selected
// call in full below, and what to do with it: open it in a request tab (double-click,
// Enter or "Open"), send it again (a load run runs again with its plan), copy it as a
// grpcurl command, or clear the history.
// The dock records calls through History, so the list and the file never disagree; a file
// that could not be read, or lines of it that were skipped, are reported above the list.
class HistoryDock final : public QDockWidget {
    Q_OBJECT

public:
    // When the dock reads the history file: as it is made, or when load() is called (the
    // window calls it once its first frame is on the screen).
    enum class Loading { Now, WhenAsked };

    // `history` is not owned and must outlive the dock; it is loaded by load() unless it was
    // already.
    explicit HistoryDock(History *history, QWidget *parent = nullptr, Loading loading = Loading::Now);
    Q_DISABLE_COPY_MOVE(HistoryDock)

    // Reads the history file on a worker when there is one (the list fills when it is done);
    // once, later calls do nothing. A call recorded before then reads the file itself.
    void load();
    // The history file is still being read.
    bool isLoading() const;

    HistoryListModel *model() const { return m_model; }
    // Appends through History and shows the call at the top of the list. On a failed save
    // the call is still listed for this session (History keeps it in memory) and the
    // problem is both returned and shown in the dock.
    bool record(const HistoryEntry &entry, QString *error);
    // The selected call, if any (the first, when several are selected).
    std::optional<HistoryEntry> currentEntry() const;
    // Every selected call, newest first as listed.
    QList<HistoryEntry> selectedEntries() const;
    // "Compare Responses" on two selected calls: the older on the left. Null unless exactly
    // two are selected; the dialog deletes itself on close.
    ResponseDiffDialog *compareSelected();
    // What history keeps of a call's response, as the diff compares it: {"status": ...,
    // "response": ...}, the response being the kept summary as JSON when it parses (a
    // complete short response) and as text when it does not (a longer one, cut short).
    static QJsonValue responseValue(const HistoryEntry &entry);
    void focusSearch();

    // The request as the grpcurl command the "Copy as grpcurl" action puts on the
    // clipboard: the target as it was resolved (so the command reaches the server), the
    // body and metadata as written (so no secret is copied).
    static QString grpcurlCommand(const HistoryEntry &entry);

Q_SIGNALS:
    void openRequested(const wirescope::HistoryEntry &entry);
    // "Run Again": the entry's load, when it holds one, is what runs again.
    void rerunRequested(const wirescope::HistoryEntry &entry);

private:
    QWidget *buildToolBar();
    void showLoaded();
    void showNotice(const QString &text);
    void updateSelection();
    void openCurrent();
    void rerunCurrent();
    void copyCurrent();
    void confirmClear();
    void clearHistory();
    static QString detailText(const HistoryEntry &entry);
    static QString entryLabel(const HistoryEntry &entry);

    History *m_history;
    HistoryListModel *m_model;
    QLineEdit *m_search;
    QLabel *m_notice;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
    QAction *m_openAction;
    QAction *m_rerunAction;
    QAction *m_copyAction;
    QAction *m_clearAction;
    QAction *m_compareAction;
    bool m_loadStarted = false;
    QThreadPool m_readPool; // the history file's worker, at a low priority
    CurrentWork m_loading {this}; // the history file read on it
};

} // namespace wirescope
