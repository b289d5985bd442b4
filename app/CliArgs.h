#pragma once

#include <QStringList>

namespace wirescope {

// The command line, parsed. Accepts wirescope's own verbs ("call TARGET METHOD") and
// grpcurl's habits ("-plaintext TARGET METHOD", single-dash long options, options after
// the positional arguments), so a grpcurl line works after changing its first word.
struct CliArgs {
    enum class Command {
        Gui,
        List,
        Describe,
        Call,
        Inspect,
        ServeDemo,
        Run,
        Mock,
        Bench,
        Encode,
        Evolve,
        Help,
        Version
    };

    Command command = Command::Gui;
    QString target;
    QString symbol; // service for list, symbol for describe, method for call

    QStringList protoFiles;
    QStringList importPaths;
    QStringList protosets;
    QStringList headers; // "key: value"
    QString data;
    bool hasData = false;

    bool plaintext = false;
    QString caFile;
    QString certFile;
    QString keyFile;
    QString authority;
    double maxTimeSeconds = 0;
    int maxMessageBytes = 0;
    bool verbose = false;
    bool emitDefaults = false;
    bool sizes = false; // print binary vs JSON sizes of every message

    // inspect: the bytes come from exactly one of --hex, --base64 or a FILE ("-" is stdin)
    QString hexInput;
    QString base64Input;
    QString inputFile;
    bool hasHex = false;
    bool hasBase64 = false;
    QString messageType; // --type: decode with this message from the schema
    bool grpcFrame = false;
    bool annotate = false; // encode: print the annotated dump instead of the bytes

    // evolve: two versions of one message type, each a schema file of its own (.proto, else a
    // protoset); `messageType` names the writer's message, `readerType` the reader's (empty:
    // the same name). The message, if any, comes from -d, --hex or --base64.
    QString writerFile;
    QString readerFile;
    QString readerType;

    QString collection; // a collection folder: the GUI opens it; call runs a request saved in it
    QString environment; // --env: resolves {{variables}} of a saved request

    // run: COLLECTION_DIR is `collection`; these are the request files or folders to run.
    QStringList runPaths;
    QString junitFile;
    QString jsonFile;
    bool updateSnapshots = false;
    bool bail = false;
    QStringList variables; // --var KEY=VALUE

    // mock: the stubs, TLS for the mock itself (--tls CERT KEY), and record mode
    QString stubsDirectory;
    QString serveCertFile;
    QString serveKeyFile;
    QString recordDirectory;
    QString upstream;

    // bench: the load (a rate, or calls in flight), what ends it and what it reports
    double rps = 0; // > 0: calls start at this rate (the open model)
    int concurrency = 0; // 0: not given
    QString durationText; // "10s"; read by LoadPlan::parseDuration, which says what is wrong
    qint64 total = 0; // 0: not given
    int connections = 1;
    QString rampText;
    QString format; // bench: summary, json, csv; encode: hex, base64, binary; inspect: text, html, svg
    QString outputFile; // -o: bench's report, inspect's dump
    double failP99Ms = -1; // < 0: not given
    double failErrors = -1; // < 0: not given; else 0..1

    QString host; // serve-demo, mock
    int port = 0;
    bool useTls = false; // whether the target was given TLS options

    QString error; // set when the line cannot be understood

    static CliArgs parse(const QStringList &arguments);
    static QString usage();
};

} // namespace wirescope
