#include "app/CliCommands.h"

#include "app/CliArgs.h"
#include "app/CliCollection.h"
#include "app/CliSession.h"
#include "model/core/AtomicFile.h"
#include "model/json/BytesText.h"
#include "model/json/JsonCodec.h"
#include "model/lab/WireExport.h"
#include "model/wire/WireAnnotator.h"
#include "model/wire/WireDump.h"
#include "model/wire/WireLayout.h"
#include "rpc/demo/DemoServer.h"

#include <google/protobuf/descriptor.h>

#include <QFile>

#include <csignal>
#include <cstdio>
#include <pthread.h>

namespace wirescope::CliCommands {

int list(const CliArgs &args)
{
    CliSession session(args);
    if (!session.checkHeaders())
        return 2;
    if (args.symbol.isEmpty() && session.usesReflection()) {
        QStringList services;
        if (!session.listServicesByReflection(&services))
            return 1;
        for (const QString &service : std::as_const(services))
            session.out(service);
        return 0;
    }
    if (!session.loadSchema())
        return 1;
    const SchemaPtr schema = session.schema();
    if (args.symbol.isEmpty()) {
        for (const QString &service : schema->serviceNames())
            session.out(service);
        return 0;
    }
    const auto *service = schema->findService(args.symbol);
    if (!service) {
        session.err(QStringLiteral("no service named %1").arg(args.symbol));
        return 1;
    }
    for (int i = 0; i < service->method_count(); ++i)
        session.out(QString::fromStdString(service->method(i)->full_name()));
    return 0;
}

int describe(const CliArgs &args)
{
    CliSession session(args);
    if (!session.checkHeaders())
        return 2;
    if (!session.loadSchema())
        return 1;
    const SchemaPtr schema = session.schema();
    const QStringList symbols = args.symbol.isEmpty() ? schema->serviceNames() : QStringList {args.symbol};
    for (const QString &symbol : symbols) {
        QString kind;
        const QString text = schema->describe(symbol, &kind);
        if (text.isEmpty()) {
            session.err(QStringLiteral("no symbol named %1 in the schema").arg(symbol));
            return 1;
        }
        QString name = symbol;
        if (name.startsWith(u'.'))
            name.remove(0, 1);
        session.out(QStringLiteral("%1 is a %2:").arg(name, kind));
        session.out(text.trimmed());
    }
    return 0;
}

int call(const CliArgs &given)
{
    CliArgs args;
    if (!CliCollection::resolveArguments(given, CliCollection::Helpers::None, &args))
        return 2;
    CliSession session(args);
    if (args.target.isEmpty() || args.symbol.isEmpty()) {
        session.err(QStringLiteral(
            "call needs a TARGET and a METHOD, e.g. wirescope call localhost:50051 pkg.Service/Method"));
        return 2;
    }
    if (!session.checkHeaders())
        return 2;
    if (!session.loadSchema())
        return 1;
    return session.runCall();
}

namespace {

// Each top-level field (or gRPC frame) of `inspect` gets spans for at most this many fields
// inside it: memory stays bounded by one such span, not by the input.
constexpr qint64 kMaxFieldsPerTopLevelSpan = 100000;

bool readFile(const QString &path, QByteArray *bytes, QString *error)
{
    if (path != QStringLiteral("-")) {
        // A regular file, and not past the bound: /dev/zero is refused, not read forever.
        if (AtomicFile::read(path, bytes, error))
            return true;
        *error = QStringLiteral("cannot read %1").arg(*error);
        return false;
    }
    QFile file;
    if (!file.open(stdin, QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read standard input: %1").arg(file.errorString());
        return false;
    }
    *bytes = file.read(AtomicFile::MaxReadBytes + 1);
    if (bytes->size() > AtomicFile::MaxReadBytes) {
        *error = QStringLiteral("standard input holds more than %1 bytes; not inspected")
                     .arg(AtomicFile::MaxReadBytes);
        return false;
    }
    return true;
}

using Write = std::function<void(const QByteArray &utf8)>;

// The annotated dump, written as it is decoded: the output of a megabyte of fields is
// hundreds of megabytes of text, which is never held whole.
WireTree streamAnnotated(
    const QByteArray &bytes, const google::protobuf::Descriptor *type, bool grpcFrame, const Write &write)
{
    WireAnnotateOptions options;
    options.grpcFrame = grpcFrame;
    options.maxFields = kMaxFieldsPerTopLevelSpan;
    return WireDump::streamText(bytes, type, options, write);
}

// The dump on standard output. False when the bytes have errors.
bool printAnnotated(const QByteArray &bytes, const google::protobuf::Descriptor *type, bool grpcFrame)
{
    const WireTree tree = streamAnnotated(bytes, type, grpcFrame,
        [](const QByteArray &utf8) { std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout); });
    std::fflush(stdout);
    return !tree.hasErrors();
}

// The dump into -o FILE, streamed like the printed one; the file appears only once it is
// whole. 0, 1 when the bytes have errors, 2 when the file cannot be written.
int writeAnnotated(const CliSession &session, const CliArgs &args, const QByteArray &bytes,
    const google::protobuf::Descriptor *type)
{
    bool hasErrors = false;
    QString error;
    const bool written = AtomicFile::write(
        args.outputFile,
        [&](QIODevice &device, QString *writeError) {
            bool ok = true;
            const WireTree tree = streamAnnotated(bytes, type, args.grpcFrame,
                [&](const QByteArray &utf8) { ok = ok && device.write(utf8) == utf8.size(); });
            hasErrors = tree.hasErrors();
            if (!ok)
                *writeError = device.errorString();
            return ok;
        },
        &error);
    if (!written) {
        session.err(QStringLiteral("wirescope: cannot write %1").arg(error));
        return 2;
    }
    return hasErrors ? 1 : 0;
}

// The dump as a standalone HTML or SVG document. Annotated whole, so the document ends with
// how decoding ended; the field limit bounds the memory a huge input can take.
int exportAnnotated(const CliSession &session, const CliArgs &args, const QByteArray &bytes,
    const google::protobuf::Descriptor *type)
{
    WireAnnotateOptions options;
    options.grpcFrame = args.grpcFrame;
    options.maxFields = WireLayout::MaxFields;
    const WireTree tree = WireAnnotator::annotate(bytes, type, options);
    const QByteArray document
        = (args.format == u"svg" ? WireExport::svg(tree) : WireExport::html(tree)).toUtf8();
    QString error;
    if (args.outputFile.isEmpty()) {
        std::fwrite(document.constData(), 1, size_t(document.size()), stdout);
        std::fflush(stdout);
    } else if (!AtomicFile::write(args.outputFile, document, &error)) {
        session.err(QStringLiteral("wirescope: cannot write %1").arg(error));
        return 2;
    }
    return tree.hasErrors() ? 1 : 0;
}

bool readInput(const CliArgs &args, QByteArray *bytes, QString *error)
{
    if (int(args.hasHex) + int(args.hasBase64) + int(!args.inputFile.isEmpty()) != 1) {
        *error = QStringLiteral("inspect needs exactly one of --hex HEX, --base64 B64 or FILE");
        return false;
    }
    if (args.hasHex && !BytesText::parseHex(args.hexInput, bytes)) {
        *error = QStringLiteral("--hex: not an even number of hex digits: %1").arg(args.hexInput);
        return false;
    }
    if (args.hasBase64 && !BytesText::parseBase64(args.base64Input, bytes)) {
        *error = QStringLiteral("--base64: not valid base64: %1").arg(args.base64Input);
        return false;
    }
    return args.inputFile.isEmpty() || readFile(args.inputFile, bytes, error);
}

} // namespace

int inspect(const CliArgs &args)
{
    CliSession session(args);
    QByteArray bytes;
    QString error;
    if (!readInput(args, &bytes, &error)) {
        session.err(QStringLiteral("wirescope: %1").arg(error));
        return 2;
    }
    const bool hasSchema = !args.protoFiles.isEmpty() || !args.protosets.isEmpty();
    if (!args.messageType.isEmpty() && !hasSchema) {
        session.err(QStringLiteral(
            "wirescope: --type needs a schema: give --proto FILE (with -I DIR) or --protoset FILE"));
        return 2;
    }
    const google::protobuf::Descriptor *type = nullptr;
    if (hasSchema) {
        if (!session.loadSchema())
            return 1;
        if (args.messageType.isEmpty()) {
            session.err(
                QStringLiteral("wirescope: no --type given, so the bytes are decoded without the schema"));
        } else if (type = session.schema()->findMessage(args.messageType); !type) {
            session.err(QStringLiteral("wirescope: no message named %1 in the schema").arg(args.messageType));
            return 2;
        }
    }
    if (args.format == u"html" || args.format == u"svg")
        return exportAnnotated(session, args, bytes, type);
    if (!args.outputFile.isEmpty())
        return writeAnnotated(session, args, bytes, type);
    return printAnnotated(bytes, type, args.grpcFrame) ? 0 : 1;
}

int encode(const CliArgs &args)
{
    CliSession session(args);
    if (args.protoFiles.isEmpty() && args.protosets.isEmpty()) {
        session.err(QStringLiteral(
            "wirescope: encode needs a schema: --proto FILE (with -I DIR) or --protoset FILE"));
        return 2;
    }
    if (args.messageType.isEmpty() || !args.hasData) {
        session.err(
            QStringLiteral("wirescope: encode needs --type pkg.Message and -d JSON (-d @ reads stdin)"));
        return 2;
    }
    if (!session.loadSchema())
        return 1;
    const google::protobuf::Descriptor *type = session.schema()->findMessage(args.messageType);
    if (!type) {
        session.err(QStringLiteral("wirescope: no message named %1 in the schema").arg(args.messageType));
        return 2;
    }
    QByteArray json = args.data.toUtf8();
    QString error;
    if (args.data.trimmed() == QStringLiteral("@") && !readFile(QStringLiteral("-"), &json, &error)) {
        session.err(QStringLiteral("wirescope: %1").arg(error));
        return 2;
    }
    QByteArray bytes;
    JsonError jsonError;
    if (!JsonCodec::toBinary(*session.schema(), type, json, &bytes, &jsonError)) {
        session.err(
            QStringLiteral("wirescope: -d does not fit %1: %2").arg(args.messageType, jsonError.toString()));
        return 1;
    }
    if (args.grpcFrame) {
        // The 5-byte prefix: not compressed, then the length, big-endian.
        const quint32 length = quint32(bytes.size());
        const char prefix[5] = {0, char(length >> 24), char(length >> 16), char(length >> 8), char(length)};
        bytes.prepend(prefix, 5);
    }
    if (args.annotate) {
        printAnnotated(bytes, type, args.grpcFrame);
    } else if (args.format == QStringLiteral("binary")) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    } else if (args.format == QStringLiteral("base64")) {
        std::puts(bytes.toBase64().constData());
    } else {
        std::puts(bytes.toHex(' ').constData());
    }
    std::fflush(stdout);
    return 0;
}

int serveDemo(const CliArgs &args)
{
    // Wait for SIGINT/SIGTERM synchronously: block them before gRPC starts its threads.
    const sigset_t signals = blockStopSignals();

    DemoServer server;
    DemoServer::Options options;
    if (!args.host.isEmpty())
        options.host = args.host;
    options.port = args.port;
    QString error;
    if (!server.start(options, &error)) {
        std::fprintf(stderr, "wirescope: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("Wirescope demo server listening on %s (reflection on; Ctrl+C stops it)\n",
        qPrintable(server.address()));
    std::fflush(stdout);
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
    return 0;
}

} // namespace wirescope::CliCommands
