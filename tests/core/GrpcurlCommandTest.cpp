#include "model/request/GrpcurlCommand.h"

#include <QTest>

using namespace wirescope;

using Security = SavedRequest::TlsProfile::Security;
using Kind = SavedRequest::SchemaSourceRef::Kind;

class GrpcurlCommandTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exportsAShellCommand();
    void roundTrip_data();
    void roundTrip();
    void splitsLikeAShell_data();
    void splitsLikeAShell();
    void parsesPastedCommands();
    void keepsWarningsForFlagsItDrops();
    void rejects_data();
    void rejects();
};

namespace {

SavedRequest plain()
{
    SavedRequest request;
    request.name = QStringLiteral("Echo");
    request.target = QStringLiteral("localhost:50051");
    request.method = QStringLiteral("wirescope.demo.v1.DemoService/Echo");
    return request;
}

QStringList words(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *word : list)
        result.append(QString::fromUtf8(word));
    return result;
}

} // namespace

void GrpcurlCommandTest::exportsAShellCommand()
{
    SavedRequest request = plain();
    request.body = QStringLiteral(R"({"fString": "it's"})");
    request.metadata = {{QStringLiteral("authorization"), QStringLiteral("Bearer abc"), true},
        {QStringLiteral("x-off"), QStringLiteral("1"), false}};
    request.deadlineMs = 1500;
    QCOMPARE(GrpcurlCommand::toCommandLine(request),
        QStringLiteral(R"(grpcurl -plaintext -H 'authorization: Bearer abc' -max-time 1.5 )"
                       R"(-d '{"fString": "it'\''s"}' localhost:50051 wirescope.demo.v1.DemoService/Echo)"));
}

void GrpcurlCommandTest::roundTrip_data()
{
    QTest::addColumn<SavedRequest>("request");
    QTest::newRow("plaintext reflection") << plain();

    SavedRequest tls = plain();
    tls.target = QStringLiteral("api.example.com:443");
    tls.tls
        = {Security::Tls, QStringLiteral("/etc/ssl/ca bundle.pem"), {}, {}, QStringLiteral("api.internal")};
    tls.schema = {Kind::Protoset, {}, {}, QStringLiteral("build/api.protoset")};
    tls.deadlineMs = 30000;
    QTest::newRow("tls protoset") << tls;

    SavedRequest mtls = plain();
    mtls.tls = {Security::MutualTls, QStringLiteral("ca.pem"), QStringLiteral("client.pem"),
        QStringLiteral("client.key"), {}};
    mtls.schema
        = {Kind::ProtoFiles, {QStringLiteral("wirescope/demo/v1/demo.proto"), QStringLiteral("extra.proto")},
            {QStringLiteral("resources/proto"), QStringLiteral("/usr/include")}, {}};
    mtls.deadlineMs = 1;
    QTest::newRow("mtls proto files") << mtls;

    SavedRequest tricky = plain();
    tricky.body
        = QStringLiteral("{\n  \"fString\": \"quotes ' \\\" $HOME `cmd` \\\\ ✓\"\n}\n{\"second\": true}\n");
    tricky.metadata = {{QStringLiteral("x-a"), QStringLiteral("value with  spaces: and colon"), true},
        {QStringLiteral("x-trace-bin"), QStringLiteral("AAEC/+=="), true}};
    tricky.target = QStringLiteral("[::1]:50051");
    QTest::newRow("quoting") << tricky;

    // Found by fuzzing: a target or method starting with '-' copied out as a flag.
    SavedRequest dashed = plain();
    dashed.target = QStringLiteral("-host:1");
    QTest::newRow("dash target") << dashed;
}

void GrpcurlCommandTest::roundTrip()
{
    QFETCH(SavedRequest, request);
    const QString line = GrpcurlCommand::toCommandLine(request);
    const GrpcurlCommand::ParseResult parsed = GrpcurlCommand::parse(line);
    QVERIFY2(parsed.ok, qPrintable(parsed.error + QStringLiteral(" in ") + line));
    QVERIFY(parsed.warnings.isEmpty());
    QCOMPARE(parsed.request, request);
    QCOMPARE(GrpcurlCommand::toCommandLine(parsed.request, QStringLiteral("wirescope")),
        QStringLiteral("wirescope") + line.mid(7));
}

void GrpcurlCommandTest::splitsLikeAShell_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("blanks") << QStringLiteral("  a\tb \n c ") << words({"a", "b", "c"});
    QTest::newRow("single") << QStringLiteral(R"('a b' 'x\y' '')") << words({"a b", R"(x\y)", ""});
    QTest::newRow("double") << QStringLiteral(R"("a \"b\" \\ \$x \n" "it's")")
                            << words({R"(a "b" \ $x \n)", "it's"});
    QTest::newRow("backslash") << QStringLiteral(R"(a\ b \'c\')") << words({"a b", "'c'"});
    QTest::newRow("continuation") << QStringLiteral("grpcurl \\\n  -plaintext \\\r\n  host")
                                  << words({"grpcurl", "-plaintext", "host"});
    QTest::newRow("glued") << QStringLiteral(R"(-d'{"a":'"1}")") << words({R"(-d{"a":1})"});
}

void GrpcurlCommandTest::splitsLikeAShell()
{
    QFETCH(QString, line);
    QFETCH(QStringList, words);
    QStringList split;
    QString error;
    QVERIFY2(GrpcurlCommand::splitShellWords(line, &split, &error), qPrintable(error));
    QCOMPARE(split, words);
}

void GrpcurlCommandTest::parsesPastedCommands()
{
    const auto result = GrpcurlCommand::parse(
        QStringLiteral("/usr/local/bin/grpcurl --plaintext=true -H \"authorization: Bearer t\" \\\n"
                       "  --import-path=protos -proto shop.proto -d '{\"id\": 1}' --max-time=0.25 \\\n"
                       "  localhost:9000 shop.v1.Catalog.GetItem"));
    QVERIFY2(result.ok, qPrintable(result.error));
    const SavedRequest &request = result.request;
    QCOMPARE(request.name, QStringLiteral("GetItem"));
    QCOMPARE(request.method, QStringLiteral("shop.v1.Catalog/GetItem"));
    QCOMPARE(request.target, QStringLiteral("localhost:9000"));
    QCOMPARE(request.tls.security, Security::Plaintext);
    QCOMPARE(request.metadata.first().key, QStringLiteral("authorization"));
    QCOMPARE(request.metadata.first().value, QStringLiteral("Bearer t"));
    QCOMPARE(request.schema.kind, Kind::ProtoFiles);
    QCOMPARE(request.schema.importPaths, QStringList {QStringLiteral("protos")});
    QCOMPARE(request.body, QStringLiteral("{\"id\": 1}"));
    QCOMPARE(request.deadlineMs, 250);

    const auto wirescope
        = GrpcurlCommand::parse(QStringLiteral("wirescope call -cert c.pem -key k.pem secure:443 /pkg.S/M"));
    QVERIFY2(wirescope.ok, qPrintable(wirescope.error));
    QCOMPARE(wirescope.request.tls.security, Security::MutualTls);
    QCOMPARE(wirescope.request.method, QStringLiteral("pkg.S/M"));
    QCOMPARE(wirescope.request.schema.kind, Kind::Reflection);

    const auto tls = GrpcurlCommand::parse(QStringLiteral("grpcurl -authority a.b -- host:443 pkg.S/M"));
    QVERIFY(tls.ok);
    QCOMPARE(tls.request.tls.security, Security::Tls);
    QCOMPARE(tls.request.tls.authority, QStringLiteral("a.b"));
}

void GrpcurlCommandTest::keepsWarningsForFlagsItDrops()
{
    const auto result = GrpcurlCommand::parse(QStringLiteral(
        "grpcurl -v -insecure -format json -protoset a.protoset -protoset b.protoset host:1 pkg.S/M"));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings.size(), 4);
    QCOMPARE(result.request.schema.protoset, QStringLiteral("a.protoset"));
    QCOMPARE(result.request.schema.kind, Kind::Protoset);
}

void GrpcurlCommandTest::rejects_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QString() << QStringLiteral("expected a command starting with grpcurl");
    QTest::newRow("curl") << QStringLiteral("curl https://x")
                          << QStringLiteral("expected a command starting with grpcurl");
    QTest::newRow("unknown flag") << QStringLiteral("grpcurl -frobnicate host:1 a.B/C")
                                  << QStringLiteral("unsupported flag -frobnicate");
    QTest::newRow("missing value") << QStringLiteral("grpcurl host:1 a.B/C -d")
                                   << QStringLiteral("-d needs a value");
    QTest::newRow("quote") << QStringLiteral("grpcurl -d '{ host:1 a.B/C")
                           << QStringLiteral("unterminated single quote");
    QTest::newRow("dquote") << QStringLiteral("grpcurl -d \"{ host:1 a.B/C")
                            << QStringLiteral("unterminated double quote");
    QTest::newRow("list") << QStringLiteral("grpcurl -plaintext host:1 list")
                          << QStringLiteral("grpcurl list is not a call");
    QTest::newRow("one positional") << QStringLiteral("grpcurl -plaintext host:1")
                                    << QStringLiteral("expected a TARGET and a METHOD");
    QTest::newRow("stdin") << QStringLiteral("grpcurl -d @ host:1 a.B/C") << QStringLiteral("standard input");
    QTest::newRow("header") << QStringLiteral("grpcurl -H nocolon host:1 a.B/C")
                            << QStringLiteral("is not \"key: value\"");
    QTest::newRow("max-time") << QStringLiteral("grpcurl -max-time soon host:1 a.B/C")
                              << QStringLiteral("not a number of seconds");
    // Found by fuzzing: each was accepted and then copied out as a command that fails.
    QTest::newRow("empty header key")
        << QStringLiteral("grpcurl -H ' : x' host:1 a.B/C") << QStringLiteral("is not \"key: value\"");
    QTest::newRow("max-time nan") << QStringLiteral("grpcurl -max-time nan host:1 a.B/C")
                                  << QStringLiteral("not a number of seconds");
    QTest::newRow("slash list") << QStringLiteral("grpcurl -plaintext host:1 /list")
                                << QStringLiteral("grpcurl list is not a call");
    QTest::newRow("both") << QStringLiteral("grpcurl -proto a.proto -protoset b.pb host:1 a.B/C")
                          << QStringLiteral("either -protoset or -proto");
}

void GrpcurlCommandTest::rejects()
{
    QFETCH(QString, line);
    QFETCH(QString, error);
    const auto result = GrpcurlCommand::parse(line);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
}

QTEST_GUILESS_MAIN(GrpcurlCommandTest)
#include "GrpcurlCommandTest.moc"
