#pragma once

#include "model/request/CallEvent.h"
#include "model/request/SavedRequest.h"
#include "model/schema/Schema.h"

#include <QDockWidget>
#include <QJsonValue>
#include <QPointer>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace wirescope {

class MockCallLog;
class MockServer;
class RequestTab;
class RequestTabs;
class StubEditorDialog;

// The "Mock" dock: a mock server of the loaded schema on a local port, answered from the
// stub files of a folder (by default the open collection's "mocks"; with none, every call
// gets an example of its response type). It starts and stops the server, lists the
// folder's stubs for editing, shows every incoming call live (double-click: its frames),
// turns a received response into a stub, and points the current request tab at the mock.
class MockPanel final : public QDockWidget {
    Q_OBJECT

public:
    explicit MockPanel(QWidget *parent = nullptr);
    ~MockPanel() override;
    Q_DISABLE_COPY_MOVE(MockPanel)

    // What Start serves; a running mock keeps the schema it started with.
    void setSchema(const SchemaPtr &schema);
    SchemaPtr schema() const { return m_schema; }
    // The tabs that "Point Current Tab at Mock" and "Save Response as Stub" work on.
    void setRequestTabs(RequestTabs *tabs);
    // The open collection's folder (empty: none): its "mocks" folder is the default stubs
    // folder until one is chosen.
    void setCollectionDirectory(const QString &directory);
    QString stubsFolder() const;
    void setStubsFolder(const QString &folder);
    void setPort(int port);

    // Shows the panel, ready to start (the "Start Mock Server…" action).
    void present();
    // Loads the stubs (broken ones stop it, listed in the panel) and starts serving; false
    // with the reason in the status line.
    bool start();
    void stop();
    bool isRunning() const;
    QString address() const; // "127.0.0.1:PORT" while running
    MockServer *server() const { return m_server; }
    MockCallLog *callLog() const { return m_log; }
    QString statusText() const { return m_statusText; }
    QStringList stubErrors() const { return m_stubErrors; }
    // The stub files listed (relative to the stubs folder).
    QStringList stubFiles() const;

    // Sets the current tab's target to the running mock (plaintext) and asks the window to
    // connect there (targetChosen). False when no tab is open or the mock is not running.
    bool pointCurrentTabAtMock();

    // The stub editor, non-modal, deleting itself on close; null without a stubs folder or
    // (editStub) when the file cannot be read, with the reason shown in the panel.
    StubEditorDialog *newStub(const QString &method = {});
    StubEditorDialog *editStub(const QString &file);
    // Writes a stub answering `method` as a call was answered (see StubFiles::fromResponse)
    // into `folder`, without a dialog; the file written, or empty with *error.
    QString saveStubFromResponse(const QString &method, const QString &requestJson,
        const QList<QJsonValue> &responses, const QString &folder, const CallStatus &status = {},
        QString *error = nullptr);
    // "Save Response as Stub…" of a tab: the stub editor prefilled with its last call (asks
    // for a stubs folder when none is set). Null when there is nothing to save or no folder.
    StubEditorDialog *editStubFromResponse(RequestTab *tab);

Q_SIGNALS:
    void runningChanged(bool running);
    // Where the current tab now sends: the window connects to it.
    void targetChosen(const wirescope::SavedRequest &where);
    void stubSaved(const QString &path);

private:
    QWidget *createControls();
    QWidget *createStatusRow();
    QWidget *createStubsPane();
    void chooseFolder();
    void refreshStubList();
    void reloadStubs();
    void onStubsChanged(int count);
    void showStubErrors(const QStringList &errors);
    void showStatus(const QString &text, bool error = false);
    void refreshStatus();
    void updateControls();
    StubEditorDialog *openEditor(const QString &folder);
    QString folderForNewStub();
    // What stubs are checked against: the served schema while running, else the loaded one.
    SchemaPtr stubSchema() const { return m_servedSchema ? m_servedSchema : m_schema; }

    MockServer *m_server;
    MockCallLog *m_log;
    SchemaPtr m_schema;
    SchemaPtr m_servedSchema;
    QPointer<RequestTabs> m_tabs;
    QString m_collectionDirectory;
    bool m_folderChosen = false; // the folder was picked or typed, not defaulted
    bool m_watching = false; // the server watches the stubs folder (it must exist for that)
    int m_stubCount = 0;
    QString m_statusText;
    QStringList m_stubErrors;

    QSpinBox *m_port = nullptr;
    QLineEdit *m_folder = nullptr;
    QPushButton *m_chooseFolder = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_pointTab = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_errors = nullptr;
    QListWidget *m_stubs = nullptr;
    QPushButton *m_editStub = nullptr;
};

} // namespace wirescope
