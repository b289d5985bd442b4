// Benchmark of `wirescope mock`'s server: unary throughput of the mock (every call decoded
// with the schema, matched against stubs, rendered and encoded) against the demo server
// (generated C++ code) on the same machine, in the same process, through the same
// generated client stub. Reported as calls per second and as the ratio mock / demo.
//
//   build/tests/bench/wirescope_mock_bench [--calls N] [--threads N]

#include "model/mock/Stub.h"
#include "model/schema/SchemaLoader.h"
#include "rpc/demo/DemoServer.h"
#include "rpc/mock/MockServer.h"

#include "wirescope/demo/v1/demo.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <thread>
#include <vector>

using namespace wirescope;

namespace {

SchemaPtr loadDemo()
{
    LoadResult loaded = SchemaLoader::loadProtoFiles(
        {QStringLiteral("wirescope/demo/v1/demo.proto")}, {QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT)});
    std::vector<SchemaSource> sources;
    sources.push_back(std::move(loaded.source));
    return Schema::build(std::move(sources), nullptr);
}

// `calls` PlaceOrder calls spread over `threads` clients, each waiting for its answer
// before the next; returns calls per second.
double callsPerSecond(const QString &address, int calls, int threads)
{
    auto channel = grpc::CreateChannel(address.toStdString(), grpc::InsecureChannelCredentials());
    auto stub = wirescope::demo::v1::DemoService::NewStub(channel);
    wirescope::demo::v1::Order order;
    order.set_customer("Ada");
    auto *item = order.add_items();
    item->set_name("notebook");
    item->set_price(4.5);
    item->set_quantity(3);
    { // connect before timing
        grpc::ClientContext context;
        wirescope::demo::v1::Receipt receipt;
        stub->PlaceOrder(&context, order, &receipt);
    }
    QElapsedTimer clock;
    clock.start();
    std::vector<std::thread> workers;
    int failures = 0;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, share = calls / threads] {
            for (int i = 0; i < share; ++i) {
                grpc::ClientContext context;
                wirescope::demo::v1::Receipt receipt;
                if (!stub->PlaceOrder(&context, order, &receipt).ok())
                    ++failures; // benign race: only whether any failed is reported
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    if (failures > 0)
        std::fprintf(stderr, "%d calls failed against %s\n", failures, qPrintable(address));
    return double(calls / threads * threads) / seconds;
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
    const int calls = std::max(1, argument(arguments, QStringLiteral("--calls"), 5000));
    const int threads = std::clamp(argument(arguments, QStringLiteral("--threads"), 1), 1, 64);

    DemoServer demo;
    QString error;
    if (!demo.start(DemoServer::Options {}, &error)) {
        std::fprintf(stderr, "demo server: %s\n", qPrintable(error));
        return 1;
    }
    const SchemaPtr schema = loadDemo();
    // One stub with a template, as a mock is used: the request's customer echoed back.
    Stub stub;
    const QJsonObject stubJson = QJsonDocument::fromJson(R"({
        "method": "wirescope.demo.v1.DemoService/PlaceOrder",
        "match": {"body": {"customer": "Ada"}},
        "respond": {"body": {"itemCount": 3, "total": 13.5}}
    })")
                                     .object();
    if (!Stub::fromJson(stubJson, QStringLiteral("bench.json"), *schema, &stub, &error)) {
        std::fprintf(stderr, "stub: %s\n", qPrintable(error));
        return 1;
    }
    StubSet stubs;
    stubs.add(stub);
    MockServer mock;
    if (!mock.start(schema, stubs, MockServer::Options {}, &error)) {
        std::fprintf(stderr, "mock server: %s\n", qPrintable(error));
        return 1;
    }

    std::printf("unary PlaceOrder, %d calls, %d client thread%s\n", calls, threads, threads == 1 ? "" : "s");
    const double demoRate = callsPerSecond(demo.address(), calls, threads);
    const double mockRate = callsPerSecond(mock.address(), calls, threads);
    std::printf("  demo server (generated code): %8.0f calls/s\n", demoRate);
    std::printf("  mock server (schema + stubs): %8.0f calls/s\n", mockRate);
    std::printf("  ratio mock/demo: %.2f\n", mockRate / demoRate);
    mock.stop();
    demo.stop();
    return 0;
}
