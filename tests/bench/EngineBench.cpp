// Benchmark of `wirescope bench`'s engine: N unary PlaceOrder calls with C in flight (the
// closed model: each call that ends starts the next) through LoadRun's lean path, against
// the same through generated C++ code (demo.grpc.pb.h's callback stub, a reactor per call,
// the request serialized and the answer parsed as generated code does), on one channel to
// the in-process demo server. For reference, the same through the app's call engine (a
// CallHandle per call, events as queued signals). Rounds alternate; the best of each counts.
// The target: engine / generated at least 1 / 1.2 = 0.83.
//
//   build/tests/bench/wirescope_engine_bench [--calls N] [--concurrency C] [--rounds R]
//                                            [--no-handles]

#include "model/load/LoadPlan.h"
#include "model/load/LoadReport.h"
#include "rpc/call/CallHandle.h"
#include "rpc/call/Connection.h"
#include "rpc/demo/DemoServer.h"
#include "rpc/load/LoadRun.h"

#include "wirescope/demo/v1/demo.grpc.pb.h"

#include <grpcpp/create_channel.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>

using namespace wirescope;
namespace pb = wirescope::demo::v1;

namespace {

const QString PlaceOrder = QStringLiteral("/wirescope.demo.v1.DemoService/PlaceOrder");

pb::Order order()
{
    pb::Order order;
    order.set_customer("Ada");
    pb::Item *item = order.add_items();
    item->set_name("notebook");
    item->set_price(4.5);
    item->set_quantity(3);
    return order;
}

ChannelOptions plaintext(const DemoServer &server)
{
    ChannelOptions options;
    options.target = server.address();
    options.security = ChannelOptions::Security::Plaintext;
    return options;
}

// LoadRun's lean path, closed model; calls per second as the report counts them.
double engineRate(const std::shared_ptr<Connection> &connection, int calls, int concurrency)
{
    CallSpec spec;
    spec.method = PlaceOrder;
    spec.kind = CallKind::Unary;
    const std::string bytes = order().SerializeAsString();
    LoadPlan plan;
    plan.concurrency = concurrency;
    plan.total = calls;
    LoadRun run({connection}, spec, {QByteArray::fromStdString(bytes)}, plan);
    QEventLoop loop;
    QObject::connect(&run, &LoadRun::finished, &loop, &QEventLoop::quit);
    QString error;
    if (!run.start(&error)) {
        std::fprintf(stderr, "engine: %s\n", qPrintable(error));
        return 0;
    }
    if (run.isRunning())
        loop.exec();
    const LoadReport report = run.report();
    if (report.errorCount() > 0)
        std::fprintf(stderr, "engine: %lld of %lld calls failed\n", report.errorCount(), report.count);
    return report.achievedRps();
}

// Generated code at the same concurrency: a reactor per call, the next started from the
// one that ends, exactly as the lean path does.
class GeneratedLoop {
public:
    GeneratedLoop(pb::DemoService::Stub *stub, int calls)
        : m_stub(stub)
        , m_calls(calls)
        , m_order(order())
    {
    }

    double run(int concurrency)
    {
        QElapsedTimer clock;
        clock.start();
        m_active = 1;
        for (int i = 0; i < concurrency && claim(); ++i)
            startOne();
        ended();
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [this] { return m_done; });
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        if (m_failures > 0)
            std::fprintf(stderr, "generated: %d calls failed\n", m_failures.load());
        return double(m_calls) / seconds;
    }

private:
    class Call final : public grpc::ClientUnaryReactor {
    public:
        explicit Call(GeneratedLoop *loop)
            : m_loop(loop)
        {
        }
        void go()
        {
            m_loop->m_stub->async()->PlaceOrder(&m_context, &m_loop->m_order, &m_receipt, this);
            StartCall();
        }
        void OnDone(const grpc::Status &status) override
        {
            GeneratedLoop *loop = m_loop;
            if (!status.ok())
                ++loop->m_failures;
            delete this;
            if (loop->claim())
                loop->startOne();
            loop->ended();
        }

    private:
        GeneratedLoop *m_loop;
        grpc::ClientContext m_context;
        pb::Receipt m_receipt;
    };

    bool claim() { return m_claimed.fetch_add(1) < m_calls; }
    void startOne()
    {
        ++m_active;
        (new Call(this))->go();
    }
    void ended()
    {
        if (--m_active != 0)
            return;
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_wake.notify_all();
    }

    pb::DemoService::Stub *m_stub;
    const int m_calls;
    const pb::Order m_order;
    std::atomic<int> m_claimed {0};
    std::atomic<int> m_active {0};
    std::atomic<int> m_failures {0};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
};

// The app's engine: a CallHandle per call, its events delivered as queued signals.
double handleRate(Connection &connection, int calls, int concurrency)
{
    CallSpec spec;
    spec.method = PlaceOrder;
    spec.kind = CallKind::Unary;
    const QByteArray bytes = QByteArray::fromStdString(order().SerializeAsString());
    QEventLoop loop;
    int started = 0;
    int active = 0;
    int failures = 0;
    std::function<void()> startOne = [&] {
        ++started;
        ++active;
        CallHandle *handle = connection.startCall(spec);
        QObject::connect(handle, &CallHandle::finished, handle, [&, handle](const CallStatus &status) {
            failures += status.isOk() ? 0 : 1;
            handle->deleteLater();
            --active;
            if (started < calls)
                startOne();
            else if (active == 0)
                loop.quit();
        });
        handle->send(bytes);
        handle->halfClose();
    };
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < concurrency && started < calls; ++i)
        startOne();
    loop.exec();
    if (failures > 0)
        std::fprintf(stderr, "handles: %d calls failed\n", failures);
    return double(calls) / (double(clock.nsecsElapsed()) / 1e9);
}

int argument(const QStringList &arguments, const QString &name, int fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1).toInt() : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int calls = std::max(1, argument(arguments, QStringLiteral("--calls"), 50000));
    const int concurrency = std::clamp(argument(arguments, QStringLiteral("--concurrency"), 16), 1, 100000);
    const int rounds = std::clamp(argument(arguments, QStringLiteral("--rounds"), 3), 1, 100);
    const bool handles = !arguments.contains(QStringLiteral("--no-handles"));

    DemoServer server;
    QString error;
    if (!server.start(DemoServer::Options {}, &error)) {
        std::fprintf(stderr, "demo server: %s\n", qPrintable(error));
        return 1;
    }
    auto connection = std::make_shared<Connection>(plaintext(server));
    auto channel = grpc::CreateChannel(server.address().toStdString(), grpc::InsecureChannelCredentials());
    const std::unique_ptr<pb::DemoService::Stub> stub = pb::DemoService::NewStub(channel);

    // Connect and warm both up before timing.
    engineRate(connection, std::min(calls, 2000), concurrency);
    GeneratedLoop(stub.get(), std::min(calls, 2000)).run(concurrency);

    std::printf("unary PlaceOrder, %d calls, %d in flight, best of %d rounds\n", calls, concurrency, rounds);
    double bestEngine = 0;
    double bestGenerated = 0;
    double bestHandles = 0;
    for (int round = 1; round <= rounds; ++round) {
        const double engine = engineRate(connection, calls, concurrency);
        const double generated = GeneratedLoop(stub.get(), calls).run(concurrency);
        bestEngine = std::max(bestEngine, engine);
        bestGenerated = std::max(bestGenerated, generated);
        std::printf("  round %d: engine %8.0f calls/s, generated %8.0f calls/s (%.2f)\n", round, engine,
            generated, engine / generated);
        if (handles)
            bestHandles = std::max(bestHandles, handleRate(*connection, calls, concurrency));
    }
    std::printf("  load engine (LoadRun, lean path):   %8.0f calls/s\n", bestEngine);
    std::printf("  generated C++ (callback stub):      %8.0f calls/s\n", bestGenerated);
    if (handles)
        std::printf("  app engine (CallHandle per call):   %8.0f calls/s\n", bestHandles);
    std::printf("  ratio engine/generated: %.2f (target >= %.2f)\n", bestEngine / bestGenerated, 1 / 1.2);
    server.stop();
    return 0;
}
