#include "app/CliArgs.h"

#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <cmath>

namespace wirescope {

namespace {

enum class Opt {
    Proto,
    ImportPath,
    Protoset,
    Header,
    Data,
    Plaintext,
    CaCert,
    Cert,
    Key,
    Authority,
    MaxTime,
    MaxMsgSize,
    Verbose,
    EmitDefaults,
    Sizes,
    Port,
    Host,
    Help,
    Version,
    ConnectTimeout,
    Format,
    Hex,
    Base64,
    Type,
    GrpcFrame,
    Collection,
    Env,
    Junit,
    Json,
    UpdateSnapshots,
    Bail,
    Var,
    Annotate,
    Stubs,
    ServeTls,
    Record,
    Upstream,
    Rps,
    Concurrency,
    Duration,
    Total,
    Connections,
    Ramp,
    Output,
    FailP99,
    FailErrors,
    Writer,
    Reader,
    ReaderType,
};

struct OptSpec {
    Opt opt;
    bool takesValue;
};

const QHash<QString, OptSpec> &options()
{
    static const QHash<QString, OptSpec> table = {
        {QStringLiteral("proto"), {Opt::Proto, true}},
        {QStringLiteral("import-path"), {Opt::ImportPath, true}},
        {QStringLiteral("I"), {Opt::ImportPath, true}},
        {QStringLiteral("protoset"), {Opt::Protoset, true}},
        {QStringLiteral("H"), {Opt::Header, true}},
        {QStringLiteral("header"), {Opt::Header, true}},
        {QStringLiteral("rpc-header"), {Opt::Header, true}},
        {QStringLiteral("d"), {Opt::Data, true}},
        {QStringLiteral("data"), {Opt::Data, true}},
        {QStringLiteral("plaintext"), {Opt::Plaintext, false}},
        {QStringLiteral("cacert"), {Opt::CaCert, true}},
        {QStringLiteral("cert"), {Opt::Cert, true}},
        {QStringLiteral("key"), {Opt::Key, true}},
        {QStringLiteral("authority"), {Opt::Authority, true}},
        {QStringLiteral("servername"), {Opt::Authority, true}},
        {QStringLiteral("max-time"), {Opt::MaxTime, true}},
        {QStringLiteral("max-msg-sz"), {Opt::MaxMsgSize, true}},
        {QStringLiteral("v"), {Opt::Verbose, false}},
        {QStringLiteral("verbose"), {Opt::Verbose, false}},
        {QStringLiteral("emit-defaults"), {Opt::EmitDefaults, false}},
        {QStringLiteral("sizes"), {Opt::Sizes, false}},
        {QStringLiteral("port"), {Opt::Port, true}},
        {QStringLiteral("host"), {Opt::Host, true}},
        {QStringLiteral("h"), {Opt::Help, false}},
        {QStringLiteral("help"), {Opt::Help, false}},
        {QStringLiteral("version"), {Opt::Version, false}},
        {QStringLiteral("connect-timeout"), {Opt::ConnectTimeout, true}},
        {QStringLiteral("format"), {Opt::Format, true}},
        {QStringLiteral("hex"), {Opt::Hex, true}},
        {QStringLiteral("base64"), {Opt::Base64, true}},
        {QStringLiteral("type"), {Opt::Type, true}},
        {QStringLiteral("collection"), {Opt::Collection, true}},
        {QStringLiteral("env"), {Opt::Env, true}},
        {QStringLiteral("grpc-frame"), {Opt::GrpcFrame, false}},
        {QStringLiteral("junit"), {Opt::Junit, true}},
        {QStringLiteral("json"), {Opt::Json, true}},
        {QStringLiteral("update-snapshots"), {Opt::UpdateSnapshots, false}},
        {QStringLiteral("bail"), {Opt::Bail, false}},
        {QStringLiteral("var"), {Opt::Var, true}},
        {QStringLiteral("annotate"), {Opt::Annotate, false}},
        {QStringLiteral("stubs"), {Opt::Stubs, true}},
        {QStringLiteral("tls"), {Opt::ServeTls, true}},
        {QStringLiteral("record"), {Opt::Record, true}},
        {QStringLiteral("upstream"), {Opt::Upstream, true}},
        {QStringLiteral("rps"), {Opt::Rps, true}},
        {QStringLiteral("concurrency"), {Opt::Concurrency, true}},
        {QStringLiteral("duration"), {Opt::Duration, true}},
        {QStringLiteral("total"), {Opt::Total, true}},
        {QStringLiteral("connections"), {Opt::Connections, true}},
        {QStringLiteral("ramp"), {Opt::Ramp, true}},
        {QStringLiteral("o"), {Opt::Output, true}},
        {QStringLiteral("output"), {Opt::Output, true}},
        {QStringLiteral("fail-p99"), {Opt::FailP99, true}},
        {QStringLiteral("fail-errors"), {Opt::FailErrors, true}},
        {QStringLiteral("writer"), {Opt::Writer, true}},
        {QStringLiteral("reader"), {Opt::Reader, true}},
        {QStringLiteral("reader-type"), {Opt::ReaderType, true}},
    };
    return table;
}

bool isSchemaFile(const QString &arg)
{
    for (const char *suffix : {".proto", ".protoset", ".binpb", ".pb"}) {
        if (arg.endsWith(QLatin1String(suffix)))
            return true;
    }
    return false;
}

// A collection's folder, or its collection.json (what a file manager hands over).
bool isCollection(const QString &arg)
{
    const QFileInfo info(arg);
    if (info.isDir())
        return QFileInfo::exists(info.filePath() + QStringLiteral("/collection.json"));
    return info.fileName() == u"collection.json" && info.isFile();
}

bool looksLikeTarget(const QString &arg)
{
    // Symbols never contain ':'; addresses ("host:port", "unix:/path", "dns:///x") do.
    return arg.contains(u':');
}

// bench's options; the duration texts are read later, where what is wrong can be said.
bool applyBench(CliArgs *args, Opt opt, const QString &value)
{
    bool ok = true;
    switch (opt) {
    case Opt::Rps:
        args->rps = value.toDouble(&ok);
        ok = ok && args->rps > 0 && std::isfinite(args->rps);
        break;
    case Opt::Concurrency:
        args->concurrency = value.toInt(&ok);
        ok = ok && args->concurrency >= 1;
        break;
    case Opt::Duration:
        args->durationText = value;
        break;
    case Opt::Total:
        args->total = value.toLongLong(&ok);
        ok = ok && args->total >= 1;
        break;
    case Opt::Connections:
        args->connections = value.toInt(&ok);
        ok = ok && args->connections >= 1;
        break;
    case Opt::Ramp:
        args->rampText = value;
        break;
    case Opt::Output:
        args->outputFile = value;
        ok = !value.isEmpty();
        break;
    case Opt::FailP99:
        args->failP99Ms = value.toDouble(&ok);
        ok = ok && args->failP99Ms >= 0;
        break;
    case Opt::FailErrors:
        args->failErrors = value.toDouble(&ok);
        ok = ok && args->failErrors >= 0 && args->failErrors <= 1;
        break;
    default:
        ok = false;
        break;
    }
    return ok;
}

bool apply(CliArgs *args, Opt opt, const QString &value)
{
    bool ok = true;
    switch (opt) {
    case Opt::Collection:
        args->collection = value;
        break;
    case Opt::Env:
        args->environment = value;
        break;
    case Opt::Proto:
        args->protoFiles.append(value);
        break;
    case Opt::ImportPath:
        args->importPaths.append(value);
        break;
    case Opt::Protoset:
        args->protosets.append(value);
        break;
    case Opt::Header:
        args->headers.append(value);
        break;
    case Opt::Data:
        args->data = value;
        args->hasData = true;
        break;
    case Opt::Plaintext:
        args->plaintext = true;
        break;
    case Opt::CaCert:
        args->caFile = value;
        args->useTls = true;
        break;
    case Opt::Cert:
        args->certFile = value;
        args->useTls = true;
        break;
    case Opt::Key:
        args->keyFile = value;
        args->useTls = true;
        break;
    case Opt::Authority:
        args->authority = value;
        break;
    case Opt::MaxTime:
        args->maxTimeSeconds = value.toDouble(&ok);
        ok = ok && args->maxTimeSeconds >= 0;
        break;
    case Opt::MaxMsgSize:
        args->maxMessageBytes = value.toInt(&ok);
        ok = ok && args->maxMessageBytes > 0;
        break;
    case Opt::Verbose:
        args->verbose = true;
        break;
    case Opt::EmitDefaults:
        args->emitDefaults = true;
        break;
    case Opt::Sizes:
        args->sizes = true;
        break;
    case Opt::Port:
        args->port = value.toInt(&ok);
        ok = ok && args->port >= 0 && args->port < 65536;
        break;
    case Opt::Host:
        args->host = value;
        break;
    case Opt::Help:
        args->command = CliArgs::Command::Help;
        break;
    case Opt::Version:
        args->command = CliArgs::Command::Version;
        break;
    case Opt::ConnectTimeout:
        value.toDouble(&ok);
        break; // accepted for grpcurl lines; gRPC connects lazily
    case Opt::Format:
        // Which values are valid depends on the command, known only later (formatError).
        args->format = value;
        ok = !value.isEmpty();
        break;
    case Opt::Hex:
        args->hexInput = value;
        args->hasHex = true;
        break;
    case Opt::Base64:
        args->base64Input = value;
        args->hasBase64 = true;
        break;
    case Opt::Type:
        args->messageType = value;
        ok = !value.isEmpty();
        break;
    case Opt::GrpcFrame:
        args->grpcFrame = true;
        break;
    case Opt::Annotate:
        args->annotate = true;
        break;
    case Opt::Junit:
        args->junitFile = value;
        ok = !value.isEmpty();
        break;
    case Opt::Json:
        args->jsonFile = value;
        ok = !value.isEmpty();
        break;
    case Opt::UpdateSnapshots:
        args->updateSnapshots = true;
        break;
    case Opt::Bail:
        args->bail = true;
        break;
    case Opt::Var:
        args->variables.append(value);
        ok = value.indexOf(u'=') > 0;
        break;
    case Opt::Stubs:
        args->stubsDirectory = value;
        break;
    case Opt::ServeTls:
        args->serveCertFile = value; // the key is the next argument (see splitOptions)
        break;
    case Opt::Record:
        args->recordDirectory = value;
        break;
    case Opt::Upstream:
        args->upstream = value;
        break;
    case Opt::Writer:
        args->writerFile = value;
        ok = !value.isEmpty();
        break;
    case Opt::Reader:
        args->readerFile = value;
        ok = !value.isEmpty();
        break;
    case Opt::ReaderType:
        args->readerType = value;
        ok = !value.isEmpty();
        break;
    default:
        return applyBench(args, opt, value);
    }
    return ok;
}

// Splits options from positional arguments; false (with args->error set) on a bad option.
bool splitOptions(const QStringList &arguments, CliArgs *args, QStringList *positional)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QStringLiteral("--")) {
            positional->append(arguments.mid(i + 1));
            break;
        }
        if (!arg.startsWith(u'-') || arg == QStringLiteral("-")) {
            positional->append(arg);
            continue;
        }
        QString name = arg.mid(arg.startsWith(QStringLiteral("--")) ? 2 : 1);
        QString value;
        bool inlineValue = false;
        if (const qsizetype eq = name.indexOf(u'='); eq > 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
            inlineValue = true;
        }
        auto spec = options().constFind(name);
        if (spec == options().constEnd() && name.size() > 1
            && (name.startsWith(u'I') || name.startsWith(u'H') || name.startsWith(u'd')) && !inlineValue
            && !arg.startsWith(QStringLiteral("--"))) {
            // Glued short options: -Iprotos, -H'k: v'
            value = name.mid(1);
            name = name.left(1);
            inlineValue = true;
            spec = options().constFind(name);
        }
        if (spec == options().constEnd()) {
            args->error = QStringLiteral("unknown option %1").arg(arg);
            return false;
        }
        if (spec->takesValue && !inlineValue) {
            if (i + 1 >= arguments.size()) {
                args->error = QStringLiteral("option %1 needs a value").arg(arg);
                return false;
            }
            value = arguments.at(++i);
        }
        if (spec->opt == Opt::ServeTls) {
            // --tls CERT KEY: the mock's certificate and its key, two values.
            if (i + 1 >= arguments.size()) {
                args->error = QStringLiteral("option %1 needs a certificate and a key file").arg(arg);
                return false;
            }
            args->serveKeyFile = arguments.at(++i);
        }
        if (!apply(args, spec->opt, value)) {
            args->error = QStringLiteral("invalid value for %1: %2").arg(arg, value);
            return false;
        }
    }
    return true;
}

const QHash<QString, CliArgs::Command> &verbs()
{
    static const QHash<QString, CliArgs::Command> table = {
        {QStringLiteral("list"), CliArgs::Command::List},
        {QStringLiteral("describe"), CliArgs::Command::Describe},
        {QStringLiteral("call"), CliArgs::Command::Call},
        {QStringLiteral("inspect"), CliArgs::Command::Inspect},
        {QStringLiteral("serve-demo"), CliArgs::Command::ServeDemo},
        {QStringLiteral("run"), CliArgs::Command::Run},
        {QStringLiteral("mock"), CliArgs::Command::Mock},
        {QStringLiteral("encode"), CliArgs::Command::Encode},
        {QStringLiteral("evolve"), CliArgs::Command::Evolve},
        {QStringLiteral("bench"), CliArgs::Command::Bench},
        {QStringLiteral("help"), CliArgs::Command::Help},
    };
    return table;
}

bool isOneOf(const QString &value, std::initializer_list<const char16_t *> allowed)
{
    return std::any_of(
        allowed.begin(), allowed.end(), [&value](const char16_t *one) { return value == QStringView(one); });
}

// --format names what a command prints, so each command has its own values.
QString formatError(const CliArgs &args)
{
    using Command = CliArgs::Command;
    const QString &format = args.format;
    if (format.isEmpty() || args.command == Command::Help || args.command == Command::Version)
        return {};
    switch (args.command) {
    case Command::Bench:
        return isOneOf(format, {u"summary", u"json", u"csv"})
            ? QString()
            : QStringLiteral("--format %1: bench prints summary (the default), json or csv").arg(format);
    case Command::Encode:
        return isOneOf(format, {u"hex", u"base64", u"binary"})
            ? QString()
            : QStringLiteral("--format %1: encode prints hex (the default), base64 or binary").arg(format);
    case Command::Inspect:
        return isOneOf(format, {u"text", u"html", u"svg"})
            ? QString()
            : QStringLiteral("--format %1: inspect prints text (the default), html or svg").arg(format);
    case Command::Evolve:
        return isOneOf(format, {u"text", u"json"})
            ? QString()
            : QStringLiteral("--format %1: evolve prints text (the default) or json").arg(format);
    default:
        return format == u"json" ? QString()
                                 : QStringLiteral("--format %1 is for bench, encode, inspect and evolve; the "
                                                  "other commands print JSON")
                                       .arg(format);
    }
}

CliArgs parseLine(const QStringList &arguments)
{
    using Command = CliArgs::Command;
    CliArgs args;
    QStringList positional;
    if (!splitOptions(arguments, &args, &positional) || args.command == Command::Help
        || args.command == Command::Version)
        return args;

    // A collection opens in the GUI: "wirescope path/to/collection [TARGET]".
    if (!positional.isEmpty() && !verbs().contains(positional.first()) && isCollection(positional.first())) {
        const QFileInfo info(positional.takeFirst());
        args.collection = info.isDir() ? info.filePath() : info.path();
        if (!positional.isEmpty() && looksLikeTarget(positional.first()))
            args.target = positional.takeFirst();
        if (!positional.isEmpty())
            args.error = QStringLiteral("unexpected argument \"%1\"").arg(positional.first());
        return args;
    }

    // Files handed over by a file manager ("wirescope a.proto b.protoset") open in the GUI.
    if (!positional.isEmpty() && !verbs().contains(positional.first()) && isSchemaFile(positional.first())) {
        while (!positional.isEmpty() && isSchemaFile(positional.first())) {
            const QString file = positional.takeFirst();
            (file.endsWith(QStringLiteral(".proto")) ? args.protoFiles : args.protosets).append(file);
        }
        if (!positional.isEmpty() && looksLikeTarget(positional.first()))
            args.target = positional.takeFirst();
        if (!positional.isEmpty())
            args.error = QStringLiteral("unexpected argument \"%1\"").arg(positional.first());
        return args;
    }

    // grpcurl puts the address first: "TARGET list", "TARGET describe X", "TARGET method".
    if (!positional.isEmpty() && looksLikeTarget(positional.first())) {
        const QString target = positional.takeFirst();
        if (positional.isEmpty()) {
            args.target = target;
            return args; // the GUI, opened on that target
        }
        if (!verbs().contains(positional.first()))
            positional.prepend(QStringLiteral("call"));
        positional.insert(1, target);
    }
    if (positional.isEmpty())
        return args;

    const auto verb = verbs().constFind(positional.first());
    if (verb == verbs().constEnd()) {
        args.error = QStringLiteral("unknown command \"%1\" (expected list, describe, call, inspect, encode, "
                                    "evolve, run, mock, bench or serve-demo)")
                         .arg(positional.first());
        return args;
    }
    args.command = *verb;
    positional.removeFirst();
    if (args.command == Command::Run) {
        // "run COLLECTION_DIR [PATH ...]": paths may hold ':' as well; none is a target.
        if (positional.isEmpty()) {
            args.error = QStringLiteral("run needs the COLLECTION_DIR to run");
            return args;
        }
        const QFileInfo info(positional.takeFirst());
        args.collection = info.fileName() == u"collection.json" ? info.path() : info.filePath();
        args.runPaths = positional;
        return args;
    }
    if (args.command == Command::Encode) {
        // Everything is in options: the schema, --type and -d.
        if (!positional.isEmpty())
            args.error = QStringLiteral("unexpected argument \"%1\" (encode takes --type and -d)")
                             .arg(positional.first());
        return args;
    }
    if (args.command == Command::Evolve) {
        // The two versions are options too, so neither can be taken for the other.
        if (!positional.isEmpty())
            args.error
                = QStringLiteral("unexpected argument \"%1\" (evolve takes --writer FILE and --reader FILE)")
                      .arg(positional.first());
        return args;
    }
    if (args.command == Command::Inspect) {
        // A file name may contain ':' like a target does; for inspect it is always the input.
        if (!positional.isEmpty())
            args.inputFile = positional.takeFirst();
        if (!positional.isEmpty())
            args.error = QStringLiteral("unexpected argument \"%1\"").arg(positional.first());
        return args;
    }
    if (!positional.isEmpty() && looksLikeTarget(positional.first()))
        args.target = positional.takeFirst();
    else if ((args.command == Command::Call || args.command == Command::Bench) && positional.size() >= 2)
        args.target = positional.takeFirst(); // "localhost" without a port, say
    if (!positional.isEmpty())
        args.symbol = positional.takeFirst();
    if (!positional.isEmpty())
        args.error = QStringLiteral("unexpected argument \"%1\"").arg(positional.first());
    return args;
}

// -o is read by bench and inspect only; anywhere else it would be ignored, and the output
// the user meant for a file would go to the terminal.
QString outputError(const CliArgs &args)
{
    using Command = CliArgs::Command;
    if (args.outputFile.isEmpty() || args.command == Command::Bench || args.command == Command::Inspect)
        return {};
    return QStringLiteral("-o/--output is for bench and inspect; this command prints to standard output "
                          "(redirect it to a file instead)");
}

} // namespace

CliArgs CliArgs::parse(const QStringList &arguments)
{
    CliArgs args = parseLine(arguments);
    if (args.error.isEmpty())
        args.error = formatError(args);
    if (args.error.isEmpty())
        args.error = outputError(args);
    return args;
}

QString CliArgs::usage()
{
    return QStringLiteral(
        "Usage:\n"
        "  wirescope [TARGET]                          open the workbench (the demo server if no TARGET)\n"
        "  wirescope FILE.proto|FILE.protoset [TARGET] open the workbench with those schemas\n"
        "  wirescope COLLECTION_DIR [TARGET]           open the workbench on a saved-request collection\n"
        "  wirescope list [TARGET] [SERVICE]           list services, or the methods of SERVICE\n"
        "  wirescope describe [TARGET] [SYMBOL]        show a service, method, message or enum\n"
        "  wirescope call TARGET pkg.Service/Method    call a method (-d JSON, -d @ reads stdin)\n"
        "  wirescope inspect (--hex HEX | --base64 B64 | FILE) [--proto F -I DIR | --protoset F] [--type "
        "pkg.Message]\n"
        "                    [--format text|html|svg] [-o FILE]\n"
        "                                              annotate a message's bytes: offsets, wire types, "
        "values, lints\n"
        "  wirescope encode (--proto F -I DIR | --protoset F) --type pkg.Message -d JSON\n"
        "                                              a message's bytes, as protoc --encode writes them\n"
        "  wirescope evolve --writer F --reader F [-I DIR] --type pkg.Message [--reader-type pkg.Message]\n"
        "                   [-d JSON | --hex HEX | --base64 B64] [--format text|json]\n"
        "                                              what readers built with --reader make of --writer's\n"
        "                                              messages, change by change; exit 1 when one breaks "
        "them\n"
        "  wirescope run COLLECTION_DIR [PATH ...]     run saved requests as tests: checks their "
        "\"expect\",\n"
        "                                              chains their \"capture\"; exit 0 all held, 1 one "
        "failed\n"
        "  wirescope mock [TARGET] [--proto F -I DIR | --protoset F | --collection DIR] [--stubs DIR]\n"
        "                                              serve a mock of the schema: stubs, else examples\n"
        "  wirescope bench TARGET pkg.Service/Method [--rps R | --concurrency C] "
        "[--duration 10s | --total N]\n"
        "                                              load test a method: latency percentiles, errors, rps\n"
        "  wirescope bench --collection DIR [--env NAME] [TARGET] REQUEST [--rps R ...]\n"
        "                                              load test a request saved in a collection, as call "
        "runs it\n"
        "  wirescope serve-demo [--port N] [--host H]  run the demo server\n"
        "\n"
        "grpcurl's order also works: wirescope [options] TARGET [list|describe] [SYMBOL]\n"
        "\n"
        "Options (one or two dashes; before or after the arguments):\n"
        "  --proto FILE         load a .proto file (repeatable)\n"
        "  -I, --import-path D  where imports are found (repeatable)\n"
        "  --protoset FILE      load a FileDescriptorSet (repeatable)\n"
        "  -d, --data JSON      request body; @ reads messages from stdin, one per line\n"
        "  -H 'key: value'      request metadata (repeatable; -bin keys take base64)\n"
        "  --plaintext          no TLS\n"
        "  --cacert FILE        CA certificate (PEM) to verify the server with\n"
        "  --cert FILE --key F  client certificate and key, for mutual TLS\n"
        "  --authority NAME     override :authority and the name checked in the certificate\n"
        "  --max-time SECONDS   deadline for the call\n"
        "  --max-msg-sz BYTES   largest response accepted (default 4194304, as grpcurl)\n"
        "  --emit-defaults      print fields that hold their default value\n"
        "  --sizes              after each message, its binary and compact-JSON size (stderr)\n"
        "  -v, --verbose        print headers and trailers\n"
        "  --hex HEX            inspect, evolve: the bytes, in hex (spaces allowed); inspect FILE - reads "
        "stdin\n"
        "  --base64 B64         inspect, evolve: the bytes, in base64\n"
        "  --type pkg.Message   inspect: decode exactly as this message from --proto/--protoset; encode: the "
        "type;\n"
        "                       evolve: the writer's message\n"
        "  --writer FILE        evolve: the schema the message is written with: a .proto file (with -I), "
        "else\n"
        "                       a protoset (.protoset, .binpb, .pb)\n"
        "  --reader FILE        evolve: the schema the message is read with (the same kinds of file)\n"
        "  --reader-type T      evolve: the reader's message, when it has another name (default: --type)\n"
        "  --collection DIR     open this collection (GUI); call, bench: run REQUEST saved in it\n"
        "  --env NAME           call and bench --collection, run: the environment resolving {{variables}}\n"
        "  --grpc-frame         inspect: the bytes are gRPC frames (1 flag byte, 4-byte length, message);\n"
        "                       encode: add that 5-byte prefix\n"
        "  --var KEY=VALUE      run: a variable over the environment's (repeatable)\n"
        "  --junit FILE         run: write the results as JUnit XML\n"
        "  --json FILE          run: write the full results as JSON\n"
        "  --update-snapshots   run: write each \"snapshot\": true request's NAME.snapshot.json\n"
        "  --bail               run: stop at the first request that fails\n"
        "  --stubs DIR          mock: the stub files (default: the collection's mocks/ folder)\n"
        "  --tls CERT KEY       mock: serve TLS with this certificate and key (PEM)\n"
        "  --record DIR         mock: answer what no stub matches from --upstream, saving stubs in DIR\n"
        "  --upstream TARGET    mock: the real server --record forwards to (plaintext)\n"
        "  --port N, --host H   serve-demo, mock: where to listen (default 127.0.0.1, a free port)\n"
        "  --rps R              bench: start R calls a second on schedule (latency from each one's start)\n"
        "  --concurrency C      bench: keep C calls in flight (default 50); with --rps, the most in flight\n"
        "  --duration 10s       bench: how long to start calls (ns, us, ms, s, m, h; default 10s)\n"
        "  --total N            bench: how many calls; the first of --duration and --total ends it\n"
        "  --connections K      bench: spread the calls over K connections (default 1)\n"
        "  --ramp 5s            bench: with --rps, raise the rate linearly from 0 to R first\n"
        "  --format F           bench: summary (default), json (ghz's fields, nanoseconds) or csv;\n"
        "                       encode: hex (default, a space between bytes), base64 or binary;\n"
        "                       inspect: text (default), or the annotated dump as a standalone html or svg\n"
        "                       document (hex in colour, field tree, arithmetic, lints);\n"
        "                       evolve: text (default) or json, one object: writer, reader, type, "
        "readerType,\n"
        "                       worst, schemaWorst, changes [{verdict, kind, field, writerField, "
        "readerField,\n"
        "                       reason}] and, with a message, unknownToReader [field numbers]\n"
        "  --annotate           encode: print the annotated dump (as inspect does) instead\n"
        "  -o, --output FILE    bench, inspect: write the report or the dump to FILE instead of standard "
        "output\n"
        "  --fail-p99 MS        bench: exit 1 when the 99th percentile latency is over MS milliseconds\n"
        "  --fail-errors RATE   bench: exit 1 when more than RATE (0 to 1) of the calls fail\n"
        "  -h, --help, help     this text\n"
        "  --version            the version\n"
        "\n"
        "Accepted for grpcurl command lines:\n"
        "  --header, --rpc-header 'key: value'   same as -H\n"
        "  --servername NAME                     same as --authority\n"
        "  --connect-timeout SECONDS             accepted; channels connect on first use\n"
        "  --format json                         call's only format (JSON)\n"
        "\n"
        "Exit status: 0 on success, 1 on an error before the call, 2 on a bad command line,\n"
        "64 + the gRPC status code when the call fails (e.g. 69 for NOT_FOUND).\n"
        "run: 0 when every request ran and every check held, 1 when one failed, 2 for a bad\n"
        "command line or an unreadable collection.\n"
        "bench: 0 when the run stayed within --fail-p99 and --fail-errors, 1 when it did not or the\n"
        "schema could not be had, 2 for a bad command line; Ctrl+C ends a run with the report so far.\n"
        "evolve: 0 when no change breaks a reader (with a message: no change in a field the message holds),\n"
        "1 when one does, 2 for a bad command line, a schema that does not load or a message that does not "
        "fit.\n");
}

} // namespace wirescope
