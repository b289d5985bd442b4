#pragma once

#include "model/load/LoadPlan.h"
#include "model/load/LoadReport.h"
#include "rpc/call/Connection.h"
#include "rpc/call/LoadCaller.h"

#include <QObject>

#include <memory>
#include <thread>
#include <vector>

class QTimer;

namespace wirescope {

class LoadCaller;

// One load test: the same call sent again and again over K connections (round-robin)
// through the lean LoadCaller path, by the plan's schedule. In the open model a thread of
// its own starts each call at its intended time whatever the server does, and latencies
// count from that time; in the closed model each call that ends starts the next. Reports
// a snapshot a few times a second and the whole report once every call has ended.
class LoadRun final : public QObject {
    Q_OBJECT

public:
    // `messages` are encoded: a unary or server-streaming method's one request, or every
    // message of a client or bidi stream, sent on every call.
    LoadRun(std::vector<std::shared_ptr<Connection>> connections, const CallSpec &spec,
        const QList<QByteArray> &messages, const LoadPlan &plan, QObject *parent = nullptr);
    // Cancels a run still going and waits for its calls to end.
    ~LoadRun() override;
    Q_DISABLE_COPY_MOVE(LoadRun)

    // Requests that differ per call ({{seq}}): see LoadCaller::Vary. Before start().
    void setVary(LoadCaller::Vary vary) { m_vary = std::move(vary); }
    // False (with *error) when the plan cannot run or a connection has no channel.
    bool start(QString *error);
    // Stops starting calls and cancels those in flight; finished() follows with the report
    // so far, marked cancelled.
    void cancel();
    bool isRunning() const { return m_running; }
    // What the calls measured so far (or in the end).
    LoadReport report() const;

Q_SIGNALS:
    void progress(const wirescope::LoadReport &report); // every 250 ms while it runs
    void finished(const wirescope::LoadReport &report);

private:
    struct State;
    void allEnded();

    std::vector<std::shared_ptr<Connection>> m_connections; // outlive the callers below
    std::vector<std::unique_ptr<LoadCaller>> m_callers;
    CallSpec m_spec;
    QList<QByteArray> m_messages;
    LoadCaller::Vary m_vary;
    LoadPlan m_plan;
    std::shared_ptr<State> m_state;
    std::thread m_scheduler;
    QTimer *m_progress = nullptr;
    bool m_started = false;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace wirescope
