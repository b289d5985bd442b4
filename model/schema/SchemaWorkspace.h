#pragma once

#include "model/schema/SchemaLoader.h"

#include <QFuture>
#include <QObject>

#include <deque>

class QFileSystemWatcher;
class QTimer;

namespace wirescope {

// One schema source as the user manages it: what it is, how it fared, what it found.
struct SchemaSourceInfo {
    enum class State { Loading, Loaded, Repaired, Failed };

    QString label;
    SchemaSource::Kind kind = SchemaSource::Kind::ProtoFiles;
    State state = State::Loading;
    int fileCount = 0;
    Diagnostics diagnostics; // its loader's, and the merge's about its files
    QStringList diskFiles;

    int errorCount() const;
    int warningCount() const;
    // "loaded", "repaired (3 warnings)", "failed (2 problems)", "loading…"
    QString stateText() const;
};

// Everything the user has imported, merged into one schema. Loading and merging run on a
// worker thread; the GUI thread only swaps in the finished snapshot. Loads queue up and run
// one after another, so a second import never races the first. Every source is kept with its
// state and problems, can be reloaded or removed, and files read from disk are watched: an
// edit reloads the source that read them.
class SchemaWorkspace final : public QObject {
    Q_OBJECT

public:
    // A load job runs on a worker thread and must not touch QObjects.
    using Job = std::function<LoadResult(const LoadControl &)>;

    explicit SchemaWorkspace(QObject *parent = nullptr);
    ~SchemaWorkspace() override;
    Q_DISABLE_COPY_MOVE(SchemaWorkspace)

    SchemaPtr schema() const { return m_schema; }
    // Every source's problems, in the order the sources were added.
    Diagnostics diagnostics() const;
    QList<SchemaSourceInfo> sources() const;
    bool hasSource(const QString &label) const;
    bool isBusy() const { return m_running || !m_queue.empty(); }

    // The label a set of proto files is known by (and that the loader gives it).
    static QString protoFilesLabel(const QStringList &files);
    void addProtoFiles(const QStringList &files, const QStringList &importPaths);
    void addProtoset(const QString &path);
    // A source with the same label as an earlier one replaces it (reloading reflection).
    void load(const QString &what, Job job);
    void reloadSource(const QString &label);
    void removeSource(const QString &label);
    // Forgets every source. A load running meanwhile is cancelled, and its result discarded.
    void clear();
    // Reload sources whose files change on disk (on by default).
    void setWatchFiles(bool watch);

Q_SIGNALS:
    void progress(const QString &what, int done, int total);
    // The load of one source finished; diagnostics are that source's.
    void loadFinished(bool ok, const wirescope::Diagnostics &diagnostics, const QString &label);
    void schemaChanged();
    void sourcesChanged();

private:
    struct Entry {
        SchemaSourceInfo info;
        Diagnostics loaderDiagnostics;
        Job job;
    };
    struct Outcome {
        SchemaPtr schema;
        QString label;
        SchemaSourceInfo loaded;
        Diagnostics mergeDiagnostics;
        bool removal = false;
        bool ok = false;
        quint64 generation = 0;
    };
    struct Queued {
        QString label;
        Job job; // empty: rebuild without the source
    };

    Entry *entry(const QString &label);
    void enqueue(Queued item);
    void startNext();
    void apply(const Outcome &outcome);
    void attribute(const Diagnostics &mergeDiagnostics);
    void watchFiles();
    void onFileChanged(const QString &path);

    SchemaPtr m_schema;
    std::vector<Entry> m_entries;
    std::deque<Queued> m_queue;
    bool m_running = false;
    quint64 m_generation = 0;
    QFuture<Outcome> m_future;
    std::shared_ptr<LoadCancel> m_cancel; // of the load that runs now
    QFileSystemWatcher *m_watcher;
    QTimer *m_reloadTimer;
    QStringList m_changedLabels;
    bool m_watch = true;
};

} // namespace wirescope
