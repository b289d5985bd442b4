#pragma once

#include "model/SchemaLoader.h"

#include <QFuture>
#include <QObject>

#include <deque>

namespace wirescope {

// Everything the user has imported, merged into one schema. Loading and merging run on a
// worker thread; the GUI thread only swaps in the finished snapshot. Loads queue up and run
// one after another, so a second import never races the first.
class SchemaWorkspace final : public QObject {
    Q_OBJECT

public:
    // A load job runs on a worker thread and must not touch QObjects.
    using Job = std::function<LoadResult(const ProgressFn &)>;

    explicit SchemaWorkspace(QObject *parent = nullptr);
    ~SchemaWorkspace() override;
    Q_DISABLE_COPY_MOVE(SchemaWorkspace)

    SchemaPtr schema() const { return m_schema; }
    // Problems found by the last finished load.
    Diagnostics diagnostics() const { return m_diagnostics; }
    bool isBusy() const { return m_running || !m_queue.empty(); }

    void addProtoFiles(const QStringList &files, const QStringList &importPaths);
    void addProtoset(const QString &path);
    // A source with the same label as an earlier one replaces it (reloading reflection).
    void load(const QString &what, Job job);
    void clear();

Q_SIGNALS:
    void progress(const QString &what, int done, int total);
    void loadFinished(bool ok, const wirescope::Diagnostics &diagnostics);
    void schemaChanged();

private:
    struct Outcome {
        SchemaPtr schema;
        Diagnostics diagnostics;
        bool ok = false;
    };

    void startNext();
    void apply(const Outcome &outcome);

    SchemaPtr m_schema;
    Diagnostics m_diagnostics;
    std::deque<std::pair<QString, Job>> m_queue;
    bool m_running = false;
    QFuture<Outcome> m_future;
};

} // namespace wirescope
