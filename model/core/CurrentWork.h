#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace wirescope {

// Work that runs off the GUI thread and whose result counts only while it is still
// current: reset() makes everything started before it stale, and a stale result is dropped,
// never delivered. Delivery happens on the context object's thread and is tied to it: once
// the context is destroyed nothing is delivered. One instance per kind of work (a body
// check, a frame's JSON, an annotation) replaces a hand-kept generation counter.
class CurrentWork final {
public:
    explicit CurrentWork(QObject *context)
        : m_context(context)
    {
    }
    Q_DISABLE_COPY_MOVE(CurrentWork)

    // A new input, a new call: what runs now belongs to the past.
    void reset()
    {
        ++m_generation;
        m_running = 0;
    }
    // Work started since the last reset() that has not delivered yet.
    bool isRunning() const { return m_running > 0; }

    // Runs `job` on the thread pool and, if no reset() came in between, `deliver(result)` on
    // the context's thread. Work started in the same generation all counts.
    template<typename Job, typename Deliver> void run(Job job, Deliver deliver)
    {
        run(QThreadPool::globalInstance(), std::move(job), std::move(deliver));
    }
    // The same on `pool` (one whose threads run at idle priority, say).
    template<typename Job, typename Deliver> void run(QThreadPool *pool, Job job, Deliver deliver)
    {
        using Result = std::invoke_result_t<Job>;
        const quint64 generation = m_generation;
        ++m_running;
        auto *watcher = new QFutureWatcher<Result>(m_context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, m_context,
            [this, watcher, generation, deliver = std::move(deliver)] {
                watcher->deleteLater();
                if (generation != m_generation)
                    return;
                --m_running;
                deliver(watcher->result());
            });
        watcher->setFuture(QtConcurrent::run(pool, std::move(job)));
    }
    // reset() and run(): only the newest of this kind of work counts.
    template<typename Job, typename Deliver> void runLatest(Job job, Deliver deliver)
    {
        reset();
        run(std::move(job), std::move(deliver));
    }

private:
    QObject *m_context;
    quint64 m_generation = 0;
    int m_running = 0;
};

} // namespace wirescope
