#include "model/SchemaWorkspace.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace wirescope {

SchemaWorkspace::SchemaWorkspace(QObject *parent)
    : QObject(parent)
    , m_schema(Schema::empty())
{
}

SchemaWorkspace::~SchemaWorkspace()
{
    // The worker posts progress to this object; it must be done before the object goes.
    m_queue.clear();
    m_future.waitForFinished();
}

void SchemaWorkspace::addProtoFiles(const QStringList &files, const QStringList &importPaths)
{
    const QString what
        = files.size() == 1 ? files.first() : QStringLiteral("%1 .proto files").arg(files.size());
    load(what, [files, importPaths](const ProgressFn &progress) {
        return SchemaLoader::loadProtoFiles(files, importPaths, progress);
    });
}

void SchemaWorkspace::addProtoset(const QString &path)
{
    load(path, [path](const ProgressFn &) { return SchemaLoader::loadProtoset(path); });
}

void SchemaWorkspace::load(const QString &what, Job job)
{
    m_queue.emplace_back(what, std::move(job));
    if (!m_running)
        startNext();
}

void SchemaWorkspace::clear()
{
    m_queue.clear();
    if (m_running)
        return; // the running load finishes first; its result is merged into an empty set
    m_schema = Schema::empty();
    m_diagnostics.clear();
    Q_EMIT schemaChanged();
}

void SchemaWorkspace::startNext()
{
    if (m_queue.empty()) {
        m_running = false;
        return;
    }
    m_running = true;
    auto [what, job] = std::move(m_queue.front());
    m_queue.pop_front();

    QPointer<SchemaWorkspace> self(this);
    const QString label = what;
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
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        // Not busy any more while listeners hear about it; one of them may queue the next.
        m_running = false;
        watcher->deleteLater();
        apply(watcher->result());
        if (!m_running)
            startNext();
    });
    m_future = QtConcurrent::run([current, job = std::move(job), progress] {
        LoadResult loaded = job(progress);
        Outcome outcome;
        outcome.diagnostics = loaded.diagnostics;
        outcome.ok = loaded.ok();
        std::vector<SchemaSource> sources;
        for (const SchemaSource &source : current->sources()) {
            if (source.label != loaded.source.label)
                sources.push_back(source);
        }
        if (!loaded.source.files.empty())
            sources.push_back(std::move(loaded.source));
        Diagnostics merged;
        outcome.schema = Schema::build(std::move(sources), &merged);
        outcome.ok = outcome.ok && !hasErrors(merged);
        outcome.diagnostics.append(merged);
        return outcome;
    });
    watcher->setFuture(m_future);
}

void SchemaWorkspace::apply(const Outcome &outcome)
{
    m_diagnostics = outcome.diagnostics;
    m_schema = outcome.schema;
    Q_EMIT schemaChanged();
    Q_EMIT loadFinished(outcome.ok, m_diagnostics);
}

} // namespace wirescope
