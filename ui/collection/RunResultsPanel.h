#pragma once

#include "model/schema/Schema.h"
#include "rpc/run/CollectionRun.h"

#include <QDockWidget>
#include <QHash>
#include <QPointer>
#include <QSet>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace wirescope {

class CallFramesDialog;
class ResponseDiffDialog;

// The "Run results" dock: a collection run (a folder, the whole collection or one request,
// as saved on disk) shown live, a row per request (waiting, running, passed or failed, its
// status and time) with a row under it per check (expected, actual, why). Double-clicking a
// request opens its call's frames; a failed snapshot check opens the stored snapshot beside
// the new response. The finished report can be saved as JUnit XML or JSON.
class RunResultsPanel final : public QDockWidget {
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        StatusColumn,
        TimeColumn,
        ExpectedColumn,
        ActualColumn,
        NoteColumn,
        ColumnCount
    };
    enum Role {
        IndexRole = Qt::UserRole + 1, // int: the request's place in the run
        CheckRole, // int: the check's place in its request; -1 on a request row, -2 on a capture
        StateRole, // int, on a request row: a State
    };
    enum class State { Waiting, Running, Passed, Failed, Skipped };
    // A call's events kept for its frames; past this the rest are dropped (and it says so).
    static constexpr qsizetype MaxKeptEvents = 50000;

    explicit RunResultsPanel(QWidget *parent = nullptr);
    ~RunResultsPanel() override;
    Q_DISABLE_COPY_MOVE(RunResultsPanel)

    // Decodes the frames of the calls shown (a method it lacks shows its frames as bytes).
    void setSchema(const SchemaPtr &schema) { m_schema = schema; }

    // Runs the saved requests of `collection` under `paths` (request files or folders; all
    // when empty) in `environment`, replacing what is shown; shows the panel. False (with
    // the reason shown in the panel) when a path is neither.
    bool startRun(const Collection &collection, const QStringList &paths, const QString &environment,
        const SecretStore *secrets, const QMap<QString, QString> &builtIns = {});
    // Shows a run that has not started yet and becomes its parent; `directory` is its
    // collection's folder (for snapshots). The caller starts it.
    void watch(CollectionRun *run, const QString &directory);
    CollectionRun *run() const { return m_run; }
    bool isRunning() const;

    // The last finished run; empty before one finished.
    const RunReport &report() const { return m_report; }
    // A request's result once it finished, else null.
    const RequestResult *result(int index) const;
    const CallEvents &eventsOf(int index) const;
    QTreeWidgetItem *requestRow(int index) const;

    bool saveJUnit(const QString &path, QString *error) const;
    bool saveJson(const QString &path, QString *error) const;
    // Opens a request's frames (null when it never ran); the dialog deletes itself on close.
    CallFramesDialog *openFrames(int index);
    // The stored snapshot against this run's response (null, with *error, when either is
    // missing); the dialog deletes itself on close.
    ResponseDiffDialog *showSnapshotDiff(int index, QString *error = nullptr);
    static bool isSnapshotCheck(const CheckResult &check);

Q_SIGNALS:
    void runFinished(const wirescope::RunReport &report);

private:
    QWidget *createButtons();
    void stopWatching();
    void onRequestStarted(int index);
    void onCallEvents(int index, const CallEvents &events);
    void onRequestFinished(int index, const RequestResult &result);
    void onFinished(const RunReport &report);
    void setRowState(QTreeWidgetItem *row, State state);
    void addCheckRows(QTreeWidgetItem *row, const RequestResult &result);
    void showContextMenu(const QPoint &position);
    void chooseAndSave(bool junit);
    void showError(const QString &message);
    QString requestName(int index) const;

    QPointer<CollectionRun> m_run;
    QString m_directory;
    QList<CollectionRun::Item> m_items;
    QHash<int, RequestResult> m_results;
    QHash<int, CallEvents> m_events;
    QSet<int> m_truncated; // requests whose events went past MaxKeptEvents
    RunReport m_report;
    SchemaPtr m_schema;

    QLabel *m_header;
    QLabel *m_summary;
    QPushButton *m_stop = nullptr;
    QPushButton *m_saveJUnit = nullptr;
    QPushButton *m_saveJson = nullptr;
    QTreeWidget *m_tree;
};

} // namespace wirescope
