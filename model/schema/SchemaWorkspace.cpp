#include "model/schema/SchemaWorkspace.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <set>

namespace wirescope {

namespace {

// Editors save in bursts (write, rename, touch): one reload after the last of them.
constexpr int reloadDelayMs = 300;

SchemaSourceInfo::State stateOf(const Diagnostics &diagnostics)
{
    if (hasErrors(diagnostics))
        return SchemaSourceInfo::State::Failed;
    return diagnostics.isEmpty() ? SchemaSourceInfo::State::Loaded : SchemaSourceInfo::State::Repaired;
}

} // namespace

int SchemaSourceInfo::errorCount() const
{
    return int(std::count_if(
        diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) { return d.isError(); }));
}

int SchemaSourceInfo::warningCount() const
{
    return int(diagnostics.size()) - errorCount();
}

QString SchemaSourceInfo::stateText() const
{
    switch (state) {
    case State::Loading:
        return QStringLiteral("loading\u2026");
    case State::Loaded:
        return QStringLiteral("loaded");
    case State::Repaired:
        return QStringLiteral("repaired (%1 warning%2)")
            .arg(warningCount())
            .arg(warningCount() == 1 ? QString() : QStringLiteral("s"));
    case State::Failed:
        return QStringLiteral("failed (%1 problem%2)")
            .arg(errorCount())
            .arg(errorCount() == 1 ? QString() : QStringLiteral("s"));
    }
    return {};
}

SchemaWorkspace::SchemaWorkspace(QObject *parent)
    : QObject(parent)
    , m_schema(Schema::empty())
    , m_watcher(new QFileSystemWatcher(this))
    , m_reloadTimer(new QTimer(this))
{
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(reloadDelayMs);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &SchemaWorkspace::onFileChanged);
    connect(m_reloadTimer, &QTimer::timeout, this, [this] {
        const QStringList labels = std::exchange(m_changedLabels, {});
        for (const QString &label : labels)
            reloadSource(label);
    });
}

SchemaWorkspace::~SchemaWorkspace()
{
    // The worker posts progress to this object; it must be done before the object goes. A
    // load waiting on the network is interrupted, so closing never waits for a server.
    m_queue.clear();
    if (m_cancel)
        m_cancel->cancel();
    m_future.waitForFinished();
}

Diagnostics SchemaWorkspace::diagnostics() const
{
    Diagnostics all;
    for (const Entry &e : m_entries)
        all.append(e.info.diagnostics);
    return all;
}

QList<SchemaSourceInfo> SchemaWorkspace::sources() const
{
    QList<SchemaSourceInfo> out;
    for (const Entry &e : m_entries)
        out.append(e.info);
    return out;
}

bool SchemaWorkspace::hasSource(const QString &label) const
{
    return std::any_of(
        m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.info.label == label; });
}

SchemaWorkspace::Entry *SchemaWorkspace::entry(const QString &label)
{
    auto it = std::find_if(
        m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.info.label == label; });
    return it == m_entries.end() ? nullptr : &*it;
}

QString SchemaWorkspace::protoFilesLabel(const QStringList &files)
{
    return files.size() == 1 ? files.first() : QStringLiteral("%1 .proto files").arg(files.size());
}

void SchemaWorkspace::addProtoFiles(const QStringList &files, const QStringList &importPaths)
{
    load(protoFilesLabel(files), [files, importPaths](const LoadControl &control) {
        return SchemaLoader::loadProtoFiles(files, importPaths, control);
    });
}

void SchemaWorkspace::addProtoset(const QString &path)
{
    load(path, [path](const LoadControl &) { return SchemaLoader::loadProtoset(path); });
}

void SchemaWorkspace::load(const QString &what, Job job)
{
    if (Entry *e = entry(what)) {
        e->job = job;
        e->info.state = SchemaSourceInfo::State::Loading;
    } else {
        Entry added;
        added.info.label = what;
        added.job = job;
        m_entries.push_back(std::move(added));
    }
    Q_EMIT sourcesChanged();
    enqueue({what, std::move(job)});
}

void SchemaWorkspace::reloadSource(const QString &label)
{
    Entry *e = entry(label);
    if (!e || !e->job)
        return;
    load(label, e->job);
}

void SchemaWorkspace::removeSource(const QString &label)
{
    auto it = std::find_if(
        m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.info.label == label; });
    if (it == m_entries.end())
        return;
    m_entries.erase(it);
    // A load of it still queued would bring it back.
    m_queue.erase(
        std::remove_if(m_queue.begin(), m_queue.end(), [&](const Queued &q) { return q.label == label; }),
        m_queue.end());
    Q_EMIT sourcesChanged();
    enqueue({label, {}});
}

void SchemaWorkspace::clear()
{
    ++m_generation; // a load running now is dropped when it finishes
    if (m_cancel)
        m_cancel->cancel(); // ... which is at once when it waits on a server
    m_queue.clear();
    m_entries.clear();
    m_changedLabels.clear();
    m_schema = Schema::empty();
    watchFiles();
    Q_EMIT sourcesChanged();
    Q_EMIT schemaChanged();
}

void SchemaWorkspace::setWatchFiles(bool watch)
{
    m_watch = watch;
    watchFiles();
}

void SchemaWorkspace::enqueue(Queued item)
{
    m_queue.push_back(std::move(item));
    if (!m_running)
        startNext();
}

void SchemaWorkspace::startNext()
{
    if (m_queue.empty()) {
        m_running = false;
        return;
    }
    m_running = true;
    Queued next = std::move(m_queue.front());
    m_queue.pop_front();

    QPointer<SchemaWorkspace> self(this);
    const QString label = next.label;
    ProgressFn progress = [self, label](int done, int total) {
        // Posted to the workspace's thread; dropped if the workspace is gone.
        QMetaObject::invokeMethod(
            self.data(),
            [self, label, done, total] {
                if (self)
                    Q_EMIT self->progress(label, done, total);
            },
            Qt::QueuedConnection);
    };
    const SchemaPtr current = m_schema;
    const quint64 generation = m_generation;
    m_cancel = std::make_shared<LoadCancel>();
    const LoadControl control {progress, m_cancel};
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        // Not busy any more while listeners hear about it; one of them may queue the next.
        m_running = false;
        watcher->deleteLater();
        apply(watcher->result());
        if (!m_running)
            startNext();
    });
    m_future = QtConcurrent::run([current, label, generation, job = std::move(next.job), control] {
        Outcome outcome;
        outcome.label = label;
        outcome.generation = generation;
        outcome.removal = !job;
        LoadResult loaded;
        if (job) {
            loaded = job(control);
            loaded.source.label = label; // the workspace's name for it is the one it is managed by
            outcome.loaded.kind = loaded.source.kind;
            outcome.loaded.fileCount = int(loaded.source.files.size());
            outcome.loaded.diskFiles = loaded.source.diskFiles;
            outcome.loaded.diagnostics = loaded.diagnostics;
        }
        std::vector<SchemaSource> sources;
        for (const SchemaSource &source : current->sources()) {
            if (source.label != label)
                sources.push_back(source);
        }
        if (!loaded.source.files.empty())
            sources.push_back(std::move(loaded.source));
        outcome.schema = Schema::build(std::move(sources), &outcome.mergeDiagnostics);
        return outcome;
    });
    watcher->setFuture(m_future);
}

void SchemaWorkspace::apply(const Outcome &outcome)
{
    if (outcome.generation != m_generation)
        return; // cleared while it ran
    Entry *e = outcome.removal ? nullptr : entry(outcome.label);
    if (!outcome.removal && !e)
        return; // removed while it ran; the removal's own rebuild follows
    if (e) {
        e->loaderDiagnostics = outcome.loaded.diagnostics;
        e->info.kind = outcome.loaded.kind;
        e->info.fileCount = outcome.loaded.fileCount;
        e->info.diskFiles = outcome.loaded.diskFiles;
    }
    m_schema = outcome.schema;
    attribute(outcome.mergeDiagnostics);
    watchFiles();
    Q_EMIT sourcesChanged();
    Q_EMIT schemaChanged();
    if (e)
        Q_EMIT loadFinished(!hasErrors(e->info.diagnostics), e->info.diagnostics, e->info.label);
}

// The merge reports problems by file name; each belongs to the source that brought the file
// (or, for a file left out, the source that tried to).
void SchemaWorkspace::attribute(const Diagnostics &mergeDiagnostics)
{
    std::map<QString, QString> owner; // file name -> source label
    for (const SchemaSource &source : m_schema->sources()) {
        for (const auto &file : source.files)
            owner.emplace(QString::fromStdString(file.name()), source.label);
    }
    for (Entry &e : m_entries)
        e.info.diagnostics = e.loaderDiagnostics;
    for (const Diagnostic &d : mergeDiagnostics) {
        auto it = owner.find(d.file);
        Entry *e = it == owner.end() ? nullptr : entry(it->second);
        if (!e && !m_entries.empty())
            e = &m_entries.back();
        if (e)
            e->info.diagnostics.append(d);
    }
    for (Entry &e : m_entries) {
        const bool queued = std::any_of(m_queue.begin(), m_queue.end(),
            [&](const Queued &q) { return q.job && q.label == e.info.label; });
        e.info.state = queued ? SchemaSourceInfo::State::Loading : stateOf(e.info.diagnostics);
    }
}

void SchemaWorkspace::watchFiles()
{
    QStringList wanted;
    if (m_watch) {
        for (const Entry &e : m_entries) {
            for (const QString &path : e.info.diskFiles) {
                if (QFileInfo(path).isFile() && !wanted.contains(path))
                    wanted.append(path);
            }
        }
    }
    const QStringList watched = m_watcher->files();
    QStringList gone;
    for (const QString &path : watched) {
        if (!wanted.contains(path))
            gone.append(path);
    }
    if (!gone.isEmpty())
        m_watcher->removePaths(gone);
    QStringList added;
    for (const QString &path : std::as_const(wanted)) {
        if (!watched.contains(path))
            added.append(path);
    }
    if (!added.isEmpty())
        m_watcher->addPaths(added);
}

void SchemaWorkspace::onFileChanged(const QString &path)
{
    for (const Entry &e : m_entries) {
        if (e.info.diskFiles.contains(path) && !m_changedLabels.contains(e.info.label))
            m_changedLabels.append(e.info.label);
    }
    // A file replaced by a rename is no longer watched; it is added again after the reload.
    if (!m_changedLabels.isEmpty())
        m_reloadTimer->start();
}

} // namespace wirescope
