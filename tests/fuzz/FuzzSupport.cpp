// The fuzz targets' shared parts; see FuzzSupport.h.
#include "FuzzSupport.h"

#include "model/json/ExampleJson.h"
#include "model/json/JsonCodec.h"
#include "model/schema/SchemaLoader.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/stubs/logging.h>
#include <google/rpc/error_details.pb.h>
#include <google/rpc/status.pb.h>

#include <QHash>
#include <QtGlobal>

#include <algorithm>
#include <set>

#include <cstdio>
#include <cstdlib>

namespace gp = google::protobuf;

namespace {

using TypeList = std::vector<const gp::Descriptor *>;

void addWithNested(const gp::Descriptor *type, TypeList *types)
{
    types->push_back(type);
    for (int i = 0; i < type->nested_type_count(); ++i)
        addWithNested(type->nested_type(i), types);
}

void addFile(const gp::FileDescriptor *file, std::set<std::string> *seen, TypeList *types)
{
    if (!seen->insert(file->name()).second)
        return;
    for (int i = 0; i < file->dependency_count(); ++i)
        addFile(file->dependency(i), seen, types);
    for (int i = 0; i < file->message_type_count(); ++i)
        addWithNested(file->message_type(i), types);
}

// Each run may provoke thousands of warnings (protobuf's "file already exists", Qt's JSON
// complaints); printed, they would drown the one report that matters and slow every run.
// Fatal messages still print: they end the process and explain why.
bool verbose()
{
    static const bool on = qEnvironmentVariableIsSet("WIRESCOPE_FUZZ_VERBOSE");
    return on;
}

void protobufLog(gp::LogLevel level, const char *file, int line, const std::string &message)
{
    if (level == gp::LOGLEVEL_FATAL || verbose())
        std::fprintf(stderr, "protobuf %s:%d: %s\n", file, line, message.c_str());
}

void qtLog(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg || verbose())
        std::fprintf(stderr, "qt: %s\n", qPrintable(message));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    gp::SetLogHandler(protobufLog);
    qInstallMessageHandler(qtLog);
    // The app links the google.rpc error model into protobuf's generated pool, where
    // WellKnownTypes finds it; naming it here links it into every target too.
    (void)google::rpc::Status::descriptor();
    (void)google::rpc::ErrorInfo::descriptor();
    return 0;
}

namespace wirescope::fuzz {

namespace {

// Enough to reach every kind of method a schema has without making a run slow.
constexpr int MaxExamples = 4;

} // namespace

QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

QString demoProtoRoot()
{
    const QString root = qEnvironmentVariable("WIRESCOPE_DEMO_PROTO_ROOT");
    return root.isEmpty() ? QStringLiteral(WIRESCOPE_DEMO_PROTO_ROOT) : root;
}

const Schema &demoSchema()
{
    static const SchemaPtr schema = [] {
        LoadResult loaded = SchemaLoader::loadProtoFiles(
            {QStringLiteral("wirescope/demo/v1/demo.proto")}, {demoProtoRoot()});
        if (!loaded.ok()) {
            std::fprintf(stderr, "fuzz: the demo schema does not load (set WIRESCOPE_DEMO_PROTO_ROOT): %s\n",
                qPrintable(joinDiagnostics(loaded.diagnostics)));
            std::abort();
        }
        std::vector<SchemaSource> sources;
        sources.push_back(std::move(loaded.source));
        return Schema::build(std::move(sources), nullptr);
    }();
    return *schema;
}

const std::vector<SchemaSource> &demoSources()
{
    static const std::vector<SchemaSource> sources = [] {
        std::vector<SchemaSource> copies = demoSchema().sources();
        for (SchemaSource &source : copies) {
            source.built.reset();
            for (auto &file : source.files)
                file.clear_source_code_info();
        }
        return copies;
    }();
    return sources;
}

void fail(const char *invariant, const QByteArray &input)
{
    std::fprintf(stderr, "fuzz: invariant broken: %s\nfuzz: input of %lld bytes, from the start: %s\n",
        invariant, static_cast<long long>(input.size()), input.left(256).toHex(' ').constData());
    std::abort();
}

void checkSchema(const Schema &schema, const QByteArray &input)
{
    int examples = 0;
    for (const QString &name : schema.serviceNames()) {
        const gp::ServiceDescriptor *service = schema.findService(name);
        if (!service)
            fail("Schema::serviceNames lists a service that Schema::findService does not find", input);
        QString kind;
        (void)schema.describe(name, &kind);
        for (int i = 0; i < service->method_count(); ++i) {
            const gp::MethodDescriptor *method = service->method(i);
            if (schema.findMethod(methodPath(method)) != method)
                fail("Schema::findMethod does not find a method by its path", input);
            if (examples++ >= MaxExamples)
                continue;
            // What the request editor does on selecting a method: write an example body
            // and encode it. Either may refuse; neither may crash or run away.
            QByteArray binary;
            JsonError error;
            (void)JsonCodec::toBinary(
                schema, method->input_type(), exampleJson(method->input_type()), &binary, &error);
        }
    }
}

const std::vector<const gp::Descriptor *> &demoMessageTypes()
{
    static const TypeList types = [] {
        const auto *file = demoSchema().pool()->FindFileByName("wirescope/demo/v1/demo.proto");
        if (!file) {
            std::fputs("fuzz: wirescope/demo/v1/demo.proto is not in the demo schema\n", stderr);
            std::abort();
        }
        TypeList all;
        std::set<std::string> seen;
        addFile(file, &seen, &all);
        std::sort(all.begin(), all.end(),
            [](const gp::Descriptor *a, const gp::Descriptor *b) { return a->full_name() < b->full_name(); });
        return all;
    }();
    return types;
}

// Looked up in the list rather than the pool: a name the pool does not hold yet would make
// it load more files, and the next run would see a different pool.
TypedInput typedInput(const QByteArray &input)
{
    static const QHash<QByteArray, const gp::Descriptor *> byName = [] {
        QHash<QByteArray, const gp::Descriptor *> names;
        for (const gp::Descriptor *type : demoMessageTypes())
            names.insert(QByteArray::fromStdString(type->full_name()), type);
        return names;
    }();
    const qsizetype lineEnd = input.indexOf('\n');
    const QByteArray line = lineEnd < 0 ? QByteArray() : input.left(lineEnd);
    TypedInput typed;
    typed.body = lineEnd < 0 ? input : input.mid(lineEnd + 1);
    typed.type = byName.value(line.trimmed());
    if (!typed.type) {
        unsigned sum = 0;
        for (const char c : line)
            sum += static_cast<unsigned char>(c);
        typed.type = demoMessageTypes().at(sum % demoMessageTypes().size());
    }
    return typed;
}

} // namespace wirescope::fuzz
