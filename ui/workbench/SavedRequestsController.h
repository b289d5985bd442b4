// SavedRequestsController: requests opened from the collection, history or the clipboard,
// saved back into the collection, and kept in step with edits to it and changes on disk.

#pragma once

#include "model/request/SavedRequest.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace wirescope {

class CollectionDock;
class CollectionSession;
class DraftKeeper;
class HistoryDock;
class RequestTab;
class RequestTabs;
class SchemaController;
class Settings;
class WorkbenchActions;
struct CallStatus;
struct CollectionEdit;
struct HistoryEntry;
struct LoadReport;

// The flow of saved requests between the open collection and the request tabs: opening one
// (pointing the connection at its target and loading its schema), saving, restoring the
// tabs of the last session, detaching tabs whose file went away, and recording each
// finished call and load run in the history. It holds no widgets; it works on the tabs and
// docks it is given, and the parent widget only hosts its dialogs and message boxes.
class SavedRequestsController final : public QObject {
    Q_OBJECT

public:
    struct Parts {
        Settings *settings; // the tabs open at the last exit
        CollectionSession *collections;
        SchemaController *schema; // where a request goes
        DraftKeeper *drafts;
        WorkbenchActions *actions; // save, save as, copy and paste as grpcurl
        RequestTabs *tabs;
        CollectionDock *collectionDock; // shows the saved request; the folder to save into
        HistoryDock *historyDock; // records finished calls
    };

    SavedRequestsController(const Parts &parts, QWidget *parent);
    Q_DISABLE_COPY_MOVE(SavedRequestsController)

    // Reopens the tabs of the last session; the schema sources they need, to import once
    // the window has connected.
    QList<SavedRequest::SchemaSourceRef> restoreTabs();
    // The saved request at `path` of the open collection, in its tab (opened if needed);
    // the connection is pointed at its target and its schema source is loaded.
    RequestTab *openSavedRequest(const QString &path);
    // A request from elsewhere (history, a pasted grpcurl command) in a new scratch tab.
    RequestTab *openRequest(const SavedRequest &request);
    RequestTab *openHistoryEntry(const HistoryEntry &entry);
    // Saves the current tab to the request it came from; false when it has none.
    bool saveCurrentRequest();
    // Saves the current tab as a new request; its path, or empty (the error was shown).
    QString saveCurrentRequestAs(const QString &name, const QString &folder);
    void showSaveRequestAs();
    // Asks whether to save the tabs' edits; false when the user cancels.
    bool confirmDiscardModified(const QList<RequestTab *> &tabs);
    // Follows the collection just opened (or closed).
    void onCollectionChanged();
    // Starts what "Run" or Run Again opened (the call, or the load run) once its schema has
    // arrived.
    void runPendingIfResolved();

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);
    // Saving needs a collection and none is open: a slot may create one.
    void collectionNeeded();
    // A request is about to open in a tab: the schema's arrival must not open another.
    void requestOpening();

private:
    void onCollectionEdited(const CollectionEdit &edit);
    void onCollectionContentChanged();
    void onChangedOnDisk(const QStringList &paths);
    void offerReload(RequestTab *tab, const QString &path);
    void recordHistory(RequestTab *tab, const CallStatus &status);
    void recordLoad(RequestTab *tab, const LoadReport &report);
    void record(HistoryEntry entry); // secrets redacted; a failure is said in the status bar
    // What starts once the tab's method is known: the request sent whole, or its load run.
    enum class Run { Call, Load };
    // History's Run Again: a call is sent again, a load run runs again with its plan.
    void runAgain(const HistoryEntry &entry);
    void runWhenResolved(RequestTab *tab, Run run = Run::Call);
    void copyAsGrpcurl();
    void pasteGrpcurl();

    QWidget *m_parent;
    Settings *m_settings;
    CollectionSession *m_collections;
    SchemaController *m_schema;
    DraftKeeper *m_drafts;
    RequestTabs *m_tabs;
    CollectionDock *m_collectionDock;
    HistoryDock *m_historyDock;
    QPointer<RequestTab> m_pendingRun; // "Run" waits for its schema
    Run m_pendingKind = Run::Call; // and what it is to start then
};

} // namespace wirescope
