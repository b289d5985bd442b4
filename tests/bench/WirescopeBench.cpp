// Wirescope's benchmark: each target from the core issue, measured against its baseline in
// the same run.
//   (a) importing a generated tree of .proto files vs protoc --descriptor_set_out, and a
//       real tree too when one is given (the googleapis protos: see the README)
//   (b) sequential unary calls through the dynamic engine (JSON in, JSON out) vs a
//       generated C++ stub
//   (c) one server stream of small messages received into frame records: rate and memory
// Usage: wirescope_bench [--files N] [--calls N] [--messages N] [--real-tree DIR]

#include "model/json/JsonCodec.h"
#include "model/request/CallRecord.h"
#include "model/schema/SchemaLoader.h"
#include "rpc/call/CallHandle.h"
#include "rpc/call/Connection.h"
#include "rpc/demo/DemoServer.h"

#include "wirescope/demo/v1/demo.grpc.pb.h"

#include <grpcpp/create_channel.h>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <sys/resource.h>

#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <malloc.h>
#include <mutex>

using namespace wirescope;

namespace {

struct Sizes {
    int files = 2000;
    int calls = 20000;
    int messages = 200000;
    QString realTree; // --real-tree: also import every .proto file under it
};

// A tree like a large company's API repo: packages of files importing their neighbours
// and the well-known types, with a service in every tenth file.
QStringList writeProtoTree(const QString &root, int count)
{
    QStringList names;
    for (int i = 0; i < count; ++i) {
        const QString dir = QStringLiteral("team%1/v1").arg(i / 100);
        QDir(root).mkpath(dir);
        const QString name = dir + QStringLiteral("/file%1.proto").arg(i);
        QByteArray text = "syntax = \"proto3\";\npackage team" + QByteArray::number(i / 100)
            + ".v1;\n"
              "import \"google/protobuf/timestamp.proto\";\n";
        for (int back : {1, 7, 31}) {
            if (i - back >= 0)
                text += "import \"" + names.at(i - back).toUtf8() + "\";\n";
        }
        for (int m = 0; m < 3; ++m) {
            text += "message M" + QByteArray::number(i) + "_" + QByteArray::number(m)
                + " {\n"
                  "  string name = 1;\n  int64 id = 2;\n  repeated double values = 3;\n"
                  "  map<string, string> labels = 4;\n  google.protobuf.Timestamp at = 5;\n";
            if (i > 0)
                text += "  .team" + QByteArray::number((i - 1) / 100) + ".v1.M" + QByteArray::number(i - 1)
                    + "_0 previous = 6;\n";
            text += "  enum Kind { KIND_UNSPECIFIED = 0; KIND_A = 1; }\n  Kind kind = 7;\n}\n";
        }
        if (i % 10 == 0)
            text += "service S" + QByteArray::number(i) + " {\n  rpc Get(M" + QByteArray::number(i)
                + "_0) returns (M" + QByteArray::number(i) + "_1);\n}\n";
        QFile file(root + u'/' + name);
        file.open(QIODevice::WriteOnly);
        file.write(text);
        names.append(name);
    }
    return names;
}

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

// Every .proto file under root but protobuf's own (google/protobuf/): the built-in
// well-known types stand for those, and the test files among them need a newer protoc.
QStringList protoFilesUnder(const QString &root)
{
    QStringList names;
    const QDir base(root);
    QDirIterator it(root, {QStringLiteral("*.proto")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString name = base.relativeFilePath(it.next());
        if (!name.startsWith(QStringLiteral("google/protobuf/")))
            names.append(name);
    }
    names.sort();
    return names;
}

// protoc --descriptor_set_out, then our import, on the same files named relative to root,
// the one import path.
void compareImport(const QString &what, const QString &root, const QStringList &names)
{
    QTemporaryDir out;
    QElapsedTimer timer;
    timer.start();
    QProcess protoc;
    protoc.setWorkingDirectory(root);
    protoc.start(QStringLiteral(PROTOC_BINARY),
        QStringList {QStringLiteral("-I."), QStringLiteral("--include_imports"),
            QStringLiteral("--descriptor_set_out=") + out.filePath(QStringLiteral("out.protoset"))}
            + names);
    protoc.waitForFinished(-1);
    const double protocSeconds = seconds(timer);
    if (protoc.exitCode() != 0)
        std::printf("protoc failed: %s\n", protoc.readAllStandardError().left(2000).constData());

    timer.restart();
    LoadResult loaded = SchemaLoader::loadProtoFiles(names, {root});
    const double parseSeconds = seconds(timer);
    const size_t fileCount = loaded.source.files.size();
    Diagnostics diagnostics;
    std::vector<SchemaSource> sources;
    sources.push_back(std::move(loaded.source));
    const SchemaPtr schema = Schema::build(std::move(sources), &diagnostics);
    const double ours = seconds(timer);
    diagnostics = loaded.diagnostics + diagnostics;
    std::printf(
        "(a) import %s, %lld .proto files (%zu with imports, %lld services): wirescope %.3f s (parse %.3f s, "
        "merge %.3f s), protoc %.3f s, ratio %.2f (target <= 0.60)%s%s\n",
        qPrintable(what), qlonglong(names.size()), fileCount, qlonglong(schema->serviceNames().size()), ours,
        parseSeconds, ours - parseSeconds, protocSeconds, ours / protocSeconds,
        diagnostics.isEmpty() ? "" : " [load had errors] ",
        diagnostics.isEmpty() ? "" : qPrintable(diagnostics.constFirst().toString()));
}

void benchImport(const Sizes &sizes)
{
    QTemporaryDir dir;
    compareImport(QStringLiteral("a generated tree"), dir.path(), writeProtoTree(dir.path(), sizes.files));
    if (sizes.realTree.isEmpty())
        return;
    const QString root = QDir::cleanPath(QFileInfo(sizes.realTree).absoluteFilePath());
    const QStringList names = protoFilesUnder(root);
    if (names.isEmpty()) {
        std::printf("(a) --real-tree %s: no .proto files there\n", qPrintable(root));
        return;
    }
    // Both read the files from the page cache, not the first one from disk.
    for (const QString &name : names) {
        QFile file(root + u'/' + name);
        if (file.open(QIODevice::ReadOnly))
            file.readAll();
    }
    compareImport(QStringLiteral("the real tree %1 (google/protobuf/ left out)").arg(root), root, names);
}

// Voluntary and forced context switches of every thread of the process so far.
qint64 contextSwitches()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_nvcsw) + qint64(usage.ru_nivcsw);
}

// CPU time of the calling thread so far, in ns: where each way of calling spends the thread
// that waits for the answer.
qint64 threadCpuNs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// Sequential calls the way the app makes them: the next call starts from the previous
// one's finished signal, on one running event loop.
class UnaryDriver final : public QObject {
public:
    UnaryDriver(Connection &connection, const Schema &schema,
        const google::protobuf::MethodDescriptor *method, QByteArray json)
        : m_connection(connection)
        , m_schema(schema)
        , m_method(method)
        , m_json(std::move(json))
    {
        m_spec.method = methodPath(method);
        m_spec.kind = CallKind::Unary;
        m_style.indent = false;
    }

    // CPU time spent in JsonCodec between the calls so far, in ns: the codec as it runs
    // after gRPC's own work has taken the caches, not in a warm loop of its own.
    qint64 codecNs() const { return m_codecNs; }

    // Runs `count` calls one after another; returns how many failed.
    int run(int count)
    {
        m_remaining = count;
        m_failures = 0;
        QEventLoop loop;
        m_loop = &loop;
        next();
        if (m_remaining > 0 || m_handle)
            loop.exec();
        return m_failures;
    }

private:
    void next()
    {
        if (m_remaining-- <= 0) {
            m_loop->quit();
            return;
        }
        QByteArray request;
        const qint64 started = threadCpuNs();
        if (!JsonCodec::toBinary(m_schema, m_method->input_type(), m_json, &request, nullptr))
            ++m_failures;
        m_codecNs += threadCpuNs() - started;
        m_record.clear();
        m_handle = m_connection.startCall(m_spec, this);
        connect(m_handle, &CallHandle::events, this,
            [this](const CallEvents &events) { m_record.apply(events); });
        connect(m_handle, &CallHandle::finished, this, &UnaryDriver::finished);
        m_handle->send(request);
        m_handle->halfClose();
    }

    void finished()
    {
        QByteArray reply;
        const qint64 started = threadCpuNs();
        if (!m_record.status().isOk() || m_record.frames().empty()
            || !JsonCodec::toJson(
                m_schema, m_method->output_type(), m_record.frames().back().bytes, &reply, m_style, nullptr))
            ++m_failures;
        m_codecNs += threadCpuNs() - started;
        m_handle->deleteLater();
        m_handle = nullptr;
        next();
    }

    Connection &m_connection;
    const Schema &m_schema;
    const google::protobuf::MethodDescriptor *m_method;
    QByteArray m_json;
    CallSpec m_spec;
    JsonStyle m_style;
    CallRecord m_record;
    CallHandle *m_handle = nullptr;
    QEventLoop *m_loop = nullptr;
    int m_remaining = 0;
    int m_failures = 0;
    qint64 m_codecNs = 0;
};

void benchUnary(const Sizes &sizes, const DemoServer &server, const SchemaPtr &schema)
{
    const auto *method = schema->findMethod(QStringLiteral("wirescope.demo.v1.DemoService/PlaceOrder"));
    const QByteArray json = R"({"customer": "ada", "items": [{"name": "pen", "price": 1.5, "quantity": 2}]})";
    ChannelOptions options;
    options.target = server.address();
    Connection connection(options);
    UnaryDriver driver(connection, *schema, method, json);

    auto stub = wirescope::demo::v1::DemoService::NewStub(
        grpc::CreateChannel(server.address().toStdString(), grpc::InsecureChannelCredentials()));
    wirescope::demo::v1::Order order;
    order.set_customer("ada");
    auto *item = order.add_items();
    item->set_name("pen");
    item->set_price(1.5);
    item->set_quantity(2);

    QByteArray reply;
    driver.run(200); // warm both paths: connections, caches
    for (int i = 0; i < 200; ++i) {
        grpc::ClientContext context;
        wirescope::demo::v1::Receipt receipt;
        stub->PlaceOrder(&context, order, &receipt);
    }
    // The three ways in turns of a tenth of the calls each, so that a machine that speeds up
    // or slows down during the run (frequency, neighbours on a VM) weighs on all of them.
    constexpr int Turns = 10;
    const int perTurn = std::max(1, sizes.calls / Turns);
    const int calls = perTurn * Turns;
    double dynamic = 0;
    double generated = 0;
    double callback = 0;
    qint64 dynamicSwitchCount = 0;
    qint64 generatedSwitchCount = 0;
    qint64 callbackSwitchCount = 0;
    qint64 dynamicCpu = 0;
    qint64 callbackCpu = 0;
    int failures = 0;
    const qint64 warmupCodecNs = driver.codecNs();
    QElapsedTimer timer;
    for (int turn = 0; turn < Turns; ++turn) {
        timer.start();
        qint64 switches = contextSwitches();
        qint64 cpu = threadCpuNs();
        failures += driver.run(perTurn);
        dynamic += seconds(timer);
        dynamicCpu += threadCpuNs() - cpu;
        dynamicSwitchCount += contextSwitches() - switches;

        timer.restart();
        switches = contextSwitches();
        for (int i = 0; i < perTurn; ++i) {
            grpc::ClientContext context;
            wirescope::demo::v1::Receipt receipt;
            failures += stub->PlaceOrder(&context, order, &receipt).ok() ? 0 : 1;
        }
        generated += seconds(timer);
        generatedSwitchCount += contextSwitches() - switches;

        // The same stub through gRPC's own callback API, waited on by the calling thread:
        // what any non-blocking caller pays for the hop from gRPC's thread back to its own.
        timer.restart();
        switches = contextSwitches();
        cpu = threadCpuNs();
        for (int i = 0; i < perTurn; ++i) {
            grpc::ClientContext context;
            wirescope::demo::v1::Receipt receipt;
            std::mutex mutex;
            std::condition_variable done;
            bool finished = false;
            bool ok = false;
            stub->async()->PlaceOrder(&context, &order, &receipt, [&](grpc::Status status) {
                std::lock_guard lock(mutex);
                ok = status.ok();
                finished = true;
                done.notify_one();
            });
            std::unique_lock lock(mutex);
            done.wait(lock, [&] { return finished; });
            failures += ok ? 0 : 1;
        }
        callback += seconds(timer);
        callbackCpu += threadCpuNs() - cpu;
        callbackSwitchCount += contextSwitches() - switches;
    }
    const double dynamicSwitches = double(dynamicSwitchCount) / calls;
    const double generatedSwitches = double(generatedSwitchCount) / calls;
    const double callbackSwitches = double(callbackSwitchCount) / calls;
    // Where the dynamic path's time goes: the JSON codec alone, without the network.
    timer.restart();
    const QByteArray sample = [&] {
        QByteArray bytes;
        JsonCodec::toBinary(*schema, method->input_type(), json, &bytes, nullptr);
        return bytes;
    }();
    for (int i = 0; i < calls; ++i) {
        QByteArray bytes;
        JsonCodec::toBinary(*schema, method->input_type(), json, &bytes, nullptr);
        JsonStyle style;
        style.indent = false;
        JsonCodec::toJson(*schema, method->input_type(), sample, &reply, style, nullptr);
    }
    const double codec = seconds(timer);
    std::printf(
        "(b) %d sequential unary calls (three ways in ten turns): dynamic engine (JSON in, JSON out) %.3f s "
        "(%.0f us/call), "
        "generated stub %.3f s (%.0f us/call), ratio %.2f (target <= 1.20); JSON codec %.1f us/call between "
        "the calls, "
        "%.1f us/call alone; "
        "generated stub through gRPC's callback API %.0f us/call, ratio to it %.2f; context switches "
        "per call (client and server threads): engine %.1f, stub %.1f, callback API %.1f; CPU time per call "
        "of the thread that waits for the answer: engine %.0f us, callback API %.0f us%s\n",
        calls, dynamic, dynamic * 1e6 / calls, generated, generated * 1e6 / calls, dynamic / generated,
        double(driver.codecNs() - warmupCodecNs) / 1e3 / calls, codec * 1e6 / calls, callback * 1e6 / calls,
        dynamic / callback, dynamicSwitches, generatedSwitches, callbackSwitches, dynamicCpu / 1e3 / calls,
        callbackCpu / 1e3 / calls, failures ? " [some calls failed]" : "");
}

void benchStream(const Sizes &sizes, const DemoServer &server, const SchemaPtr &schema)
{
    const auto *method = schema->findMethod(QStringLiteral("wirescope.demo.v1.DemoService/StreamTicks"));
    QByteArray request;
    JsonCodec::toBinary(*schema, method->input_type(),
        "{\"count\": " + QByteArray::number(sizes.messages) + ", \"payloadSize\": 8}", &request, nullptr);
    ChannelOptions options;
    options.target = server.address();
    Connection connection(options);
    CallSpec spec;
    spec.method = methodPath(method);
    spec.kind = CallKind::ServerStreaming;

    // Heap in use, counting large blocks malloc maps separately (the frame vector is one).
    const auto heapInUse = [] {
        const struct mallinfo2 info = mallinfo2();
        return info.uordblks + info.hblkhd;
    };
    const size_t heapBefore = heapInUse();
    auto record = std::make_unique<CallRecord>();
    int batches = 0;
    QElapsedTimer timer;
    timer.start();
    QEventLoop loop;
    CallHandle *handle = connection.startCall(spec);
    QObject::connect(handle, &CallHandle::events, &loop, [&](const CallEvents &events) {
        record->apply(events);
        ++batches;
    });
    QObject::connect(handle, &CallHandle::finished, &loop, &QEventLoop::quit);
    handle->send(request);
    handle->halfClose();
    loop.exec();
    const double elapsed = seconds(timer);
    delete handle;
    const size_t heapAfter = heapInUse();
    const int received = record->receivedCount();
    const double perFrame = double(heapAfter - heapBefore) / std::max(1, received);
    const double payload = double(record->receivedBytes()) / std::max(1, received);
    std::printf(
        "(c) server stream of %d messages (%.0f bytes each): %.3f s, %.0f messages/s (target >= 100000), "
        "%d batches; memory %.0f bytes/frame held (%.0f payload + %.0f overhead; the record's own "
        "estimate is %lld + payload)%s\n",
        sizes.messages, payload, elapsed, received / elapsed, batches, perFrame, payload, perFrame - payload,
        qlonglong(CallRecord::bytesPerFrameOverhead()),
        record->status().isOk() && received == sizes.messages ? "" : " [stream incomplete]");
}

Sizes parseSizes(const QStringList &args)
{
    Sizes sizes;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const int value = args.at(i + 1).toInt();
        if (args.at(i) == QStringLiteral("--real-tree"))
            sizes.realTree = args.at(i + 1);
        else if (args.at(i) == QStringLiteral("--files"))
            sizes.files = value;
        else if (args.at(i) == QStringLiteral("--calls"))
            sizes.calls = value;
        else if (args.at(i) == QStringLiteral("--messages"))
            sizes.messages = value;
    }
    return sizes;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Sizes sizes = parseSizes(QCoreApplication::arguments());
    DemoServer server;
    QString error;
    if (!server.start({}, &error)) {
        std::printf("demo server: %s\n", qPrintable(error));
        return 1;
    }
    const QString protoRoot = QStringLiteral(WIRESCOPE_SOURCE_DIR "/resources/proto");
    LoadResult demo
        = SchemaLoader::loadProtoFiles({QStringLiteral("wirescope/demo/v1/demo.proto")}, {protoRoot});
    std::vector<SchemaSource> sources;
    sources.push_back(std::move(demo.source));
    const SchemaPtr schema = Schema::build(std::move(sources), nullptr);

    benchImport(sizes);
    benchUnary(sizes, server, schema);
    benchStream(sizes, server, schema);
    server.stop();
    return 0;
}
