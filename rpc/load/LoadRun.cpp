#include "rpc/load/LoadRun.h"

#include "model/load/LoadTally.h"
#include "rpc/call/LoadCaller.h"

#include <QTimer>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>

namespace wirescope {

using Clock = LoadCaller::Clock;

// What the run's threads share: the scheduler, gRPC's threads ending calls (and, in the
// closed model, starting the next) and the run's own thread. It never owns the callers, so
// no call keeps it in a cycle; the run outlives every call that could reach them.
struct LoadRun::State {
    LoadPlan plan;
    std::shared_ptr<LoadTally> tally = std::make_shared<LoadTally>();
    std::vector<LoadCaller *> callers;
    Clock::time_point origin;

    // Calls in flight, plus one while calls may still be started: who brings it to zero
    // ends the run, so it ends exactly once, after its last call.
    std::atomic<qint64> active {0};
    std::atomic<bool> starting {false};
    std::atomic<qint64> claimed {0}; // closed model: calls claimed, bounded by the total
    std::atomic<quint64> nextCaller {0};
    std::atomic<bool> stopping {false};
    std::atomic<qint64> endNanos {-1};

    std::mutex mutex;
    std::condition_variable wake; // the scheduler's sleep, and the destructor's wait
    bool done = false;
    LoadRun *notify = nullptr; // cleared by the run's destructor

    qint64 nanosNow() const
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - origin).count();
    }
    void startOne(qint64 intendedNanos);
    bool claim();
    void callEnded();
    void release();
    void schedule();
};

void LoadRun::State::startOne(qint64 intendedNanos)
{
    active.fetch_add(1, std::memory_order_relaxed);
    const quint64 index = nextCaller.fetch_add(1, std::memory_order_relaxed);
    callers[size_t(index % callers.size())]->start(intendedNanos);
}

// Closed model: whether one more call may start.
bool LoadRun::State::claim()
{
    if (stopping.load(std::memory_order_relaxed))
        return false;
    if (plan.durationNanos > 0 && nanosNow() >= plan.durationNanos)
        return false;
    return plan.total <= 0 || claimed.fetch_add(1, std::memory_order_relaxed) < plan.total;
}

void LoadRun::State::callEnded()
{
    // The next call is counted in before this one is counted out, so `active` cannot touch
    // zero while the run goes on.
    if (!plan.isOpen() && claim())
        startOne(nanosNow());
    release();
}

void LoadRun::State::release()
{
    if (active.fetch_sub(1, std::memory_order_acq_rel) != 1)
        return;
    endNanos = nanosNow();
    std::lock_guard lock(mutex);
    done = true;
    wake.notify_all();
    if (LoadRun *run = notify)
        QMetaObject::invokeMethod(
            run, [run] { run->allEnded(); }, Qt::QueuedConnection);
}

// The open model's scheduler, on a thread of its own: it sleeps until the next call is due
// and then starts every call that is due by now, so a late wake-up sends a batch on time
// rather than falling behind. A call due while the cap is in flight is not started.
void LoadRun::State::schedule()
{
    const qint64 planned = plan.plannedCalls();
    qint64 next = 0;
    while (next < planned && !stopping.load(std::memory_order_relaxed)) {
        const qint64 now = nanosNow();
        qint64 due = plan.intendedStart(next);
        while (due <= now && !stopping.load(std::memory_order_relaxed)) {
            if (active.load(std::memory_order_relaxed) - 1 >= plan.maxInFlight)
                tally->recordNotStarted();
            else
                startOne(due);
            if (++next >= planned)
                break;
            due = plan.intendedStart(next);
        }
        if (next >= planned)
            break;
        std::unique_lock lock(mutex);
        wake.wait_until(lock, origin + std::chrono::nanoseconds(due), [this] { return stopping.load(); });
    }
    starting = false;
    release();
}

LoadRun::LoadRun(std::vector<std::shared_ptr<Connection>> connections, const CallSpec &spec,
    const QList<QByteArray> &messages, const LoadPlan &plan, QObject *parent)
    : QObject(parent)
    , m_connections(std::move(connections))
    , m_spec(spec)
    , m_messages(messages)
    , m_plan(plan)
    , m_state(std::make_shared<State>())
{
    m_state->plan = plan;
}

LoadRun::~LoadRun()
{
    if (m_running) {
        cancel();
        std::unique_lock lock(m_state->mutex);
        m_state->wake.wait(lock, [this] { return m_state->done; });
    }
    if (m_scheduler.joinable())
        m_scheduler.join();
    std::lock_guard lock(m_state->mutex);
    m_state->notify = nullptr;
}

bool LoadRun::start(QString *error)
{
    if (m_started) {
        *error = QStringLiteral("a load run starts once");
        return false;
    }
    if (const QString problem = m_plan.problem(); !problem.isEmpty()) {
        *error = problem;
        return false;
    }
    if (m_connections.empty()) {
        *error = QStringLiteral("no connection to load");
        return false;
    }
    for (const std::shared_ptr<Connection> &connection : m_connections) {
        if (!connection || !connection->isValid()) {
            *error = connection ? connection->errorString() : QStringLiteral("no connection");
            return false;
        }
    }
    State &state = *m_state;
    state.origin = Clock::now();
    state.notify = this;
    for (const std::shared_ptr<Connection> &connection : m_connections) {
        m_callers.push_back(std::make_unique<LoadCaller>(*connection, m_spec, m_messages, state.tally,
            state.origin, [shared = m_state] { shared->callEnded(); }));
        if (m_vary)
            m_callers.back()->setVary(m_vary);
        state.callers.push_back(m_callers.back().get());
    }
    m_started = m_running = true;
    m_progress = new QTimer(this);
    m_progress->setInterval(250);
    connect(m_progress, &QTimer::timeout, this, [this] { Q_EMIT progress(report()); });
    m_progress->start();

    state.active = 1; // held while calls may still be started
    state.starting = true;
    if (m_plan.isOpen()) {
        m_scheduler = std::thread([shared = m_state] { shared->schedule(); });
        return true;
    }
    for (int i = 0; i < m_plan.concurrency && state.claim(); ++i)
        state.startOne(state.nanosNow());
    state.starting = false;
    state.release();
    return true;
}

void LoadRun::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    {
        std::lock_guard lock(m_state->mutex);
        m_state->stopping = true;
    }
    m_state->wake.notify_all();
    for (const std::unique_ptr<LoadCaller> &caller : m_callers)
        caller->cancelAll();
}

LoadReport LoadRun::report() const
{
    LoadReport report;
    report.target = m_connections.empty() ? QString() : m_connections.front()->options().target;
    report.method = m_spec.method.startsWith(u'/') ? m_spec.method.mid(1) : m_spec.method;
    report.streaming = m_spec.kind != CallKind::Unary;
    report.openModel = m_plan.isOpen();
    report.targetRps = m_plan.rps;
    report.concurrency = m_plan.isOpen() ? m_plan.maxInFlight : m_plan.concurrency;
    report.connections = int(m_connections.size());
    report.plannedTotal = m_plan.total;
    report.durationNanos = m_plan.durationNanos;
    report.rampNanos = m_plan.rampNanos;
    report.cancelled = m_cancelled;
    if (!m_started)
        return report;
    m_state->tally->fill(&report);
    const qint64 end = m_state->endNanos.load();
    report.totalNanos = end >= 0 ? end : m_state->nanosNow();
    report.inFlight = std::max<qint64>(0, m_state->active.load() - (m_state->starting.load() ? 1 : 0));
    return report;
}

void LoadRun::allEnded()
{
    if (!m_running)
        return;
    m_running = false;
    m_progress->stop();
    if (m_scheduler.joinable())
        m_scheduler.join(); // it has let go: it is returning
    Q_EMIT finished(report());
}

} // namespace wirescope
