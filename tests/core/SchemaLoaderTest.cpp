#include "model/schema/SchemaLoader.h"
#include "model/schema/Schema.h"
#include "support/TestSupport.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace wirescope;

namespace {

// Writes `text` as the file `name` in `dir`.
bool writeFile(const QTemporaryDir &dir, const char *name, const char *text)
{
    QFile file(dir.filePath(QString::fromLatin1(name)));
    const qint64 size = qint64(qstrlen(text));
    return file.open(QIODevice::WriteOnly) && file.write(text, size) == size;
}

} // namespace

class SchemaLoaderTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void protoFilesWithImportPath();
    void diskPathInsideImportPath();
    void fileOutsideImportPathsUsesItsFolder();
    void everyParseErrorHasFileLineColumn();
    void missingImportNamesTheSearchedPaths();
    void missingFileIsReported();
    void importCycleIsOneError();
    void errorsDeepInALargeTreeKeepTheirPlace();
    void garbageProtoDoesNotCrash();
    void protosetWithImports();
    void protosetWithoutImportsResolvesWellKnownTypes();
    void garbageProtosetIsRejected();
    void truncatedProtosetIsRejected();
    void duplicateSymbolNamesBothFiles();
    void identicalFilesFromTwoSourcesMerge();
    void commentsSurviveTheLoad();
};

void SchemaLoaderTest::protoFilesWithImportPath()
{
    int lastDone = 0;
    int lastTotal = 0;
    const LoadResult result = SchemaLoader::loadProtoFiles({QStringLiteral("shop/v1/shop.proto")},
        {test::dataPath(QStringLiteral("protos"))},
        {[&](int done, int total) {
             lastDone = done;
             lastTotal = total;
         },
            nullptr});
    QVERIFY2(result.ok(), qPrintable(joinDiagnostics(result.diagnostics)));
    QCOMPARE(lastDone, 1);
    QCOMPARE(lastTotal, 1);
    std::vector<SchemaSource> sources {result.source};
    Diagnostics diagnostics;
    const SchemaPtr schema = Schema::build(std::move(sources), &diagnostics);
    QVERIFY(diagnostics.isEmpty());
    QCOMPARE(schema->serviceNames(), QStringList {QStringLiteral("shop.v1.Catalog")});
    const auto *product = schema->findMessage(QStringLiteral("shop.v1.Product"));
    QVERIFY(product);
    // The well-known type resolved without any import path for it.
    QCOMPARE(product->FindFieldByName("listed_at")->message_type()->full_name(),
        std::string("google.protobuf.Timestamp"));
    QVERIFY(schema->findMethod(QStringLiteral("shop.v1.Catalog/GetProduct")));
    QVERIFY(schema->findMethod(QStringLiteral("/shop.v1.Catalog/WatchProducts")));
    QVERIFY(schema->findMethod(QStringLiteral("shop.v1.Catalog.GetProduct")));
    QVERIFY(!schema->findMethod(QStringLiteral("shop.v1.Catalog/Nope")));
}

void SchemaLoaderTest::diskPathInsideImportPath()
{
    const LoadResult result
        = SchemaLoader::loadProtoFiles({test::dataPath(QStringLiteral("protos/shop/v1/shop.proto"))},
            {test::dataPath(QStringLiteral("protos"))});
    QVERIFY2(result.ok(), qPrintable(joinDiagnostics(result.diagnostics)));
    QCOMPARE(result.source.files.back().name(), std::string("shop/v1/shop.proto"));
}

void SchemaLoaderTest::fileOutsideImportPathsUsesItsFolder()
{
    const LoadResult result
        = SchemaLoader::loadProtoFiles({test::dataPath(QStringLiteral("protos/shop/v1/money.proto"))}, {});
    QVERIFY2(result.ok(), qPrintable(joinDiagnostics(result.diagnostics)));
    QCOMPARE(result.source.files.size(), size_t(1));
    QCOMPARE(result.source.files.front().name(), std::string("money.proto"));
}

void SchemaLoaderTest::everyParseErrorHasFileLineColumn()
{
    const QString root = QDir::cleanPath(test::dataPath(QStringLiteral("protos")));
    const LoadResult result = SchemaLoader::loadProtoFiles({QStringLiteral("broken/errors.proto")}, {root});
    QVERIFY(!result.ok());
    const QString text = joinDiagnostics(result.diagnostics);
    // Both syntax errors, not just the first.
    QVERIFY2(text.contains(root + QStringLiteral("/broken/errors.proto:7:3:")), qPrintable(text));
    QVERIFY2(text.contains(root + QStringLiteral("/broken/errors.proto:12:10:")), qPrintable(text));
    for (const Diagnostic &d : result.diagnostics) {
        QVERIFY2(d.line > 0 && d.column > 0, qPrintable(d.toString()));
        QVERIFY(d.toString().startsWith(d.file + u':'));
    }

    const LoadResult semantic
        = SchemaLoader::loadProtoFiles({QStringLiteral("broken/semantic.proto")}, {root});
    const QString semanticText = joinDiagnostics(semantic.diagnostics);
    QVERIFY2(semanticText.contains(QStringLiteral("semantic.proto:6:3:")), qPrintable(semanticText));
    QVERIFY2(semanticText.contains(QStringLiteral("Unknown")), qPrintable(semanticText));
    QVERIFY2(semanticText.contains(QStringLiteral("semantic.proto:8:")), qPrintable(semanticText));
}

void SchemaLoaderTest::missingImportNamesTheSearchedPaths()
{
    const QString root = test::dataPath(QStringLiteral("protos"));
    const LoadResult result
        = SchemaLoader::loadProtoFiles({QStringLiteral("broken/missing_import.proto")}, {root});
    QVERIFY(!result.ok());
    const QString text = joinDiagnostics(result.diagnostics);
    QVERIFY2(text.contains(QStringLiteral("does/not/exist.proto")), qPrintable(text));
    QVERIFY2(text.contains(QDir::cleanPath(root)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("missing_import.proto:5:1:")), qPrintable(text));
}

// Protobuf follows "File recursively imports itself" with a "was not found or had errors"
// line for each import of the cycle, which sends the reader looking for a missing file.
void SchemaLoaderTest::importCycleIsOneError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&dir](const char *name, const char *text) { QVERIFY(writeFile(dir, name, text)); };
    write("a.proto", "syntax = \"proto3\";\nimport \"b.proto\";\nmessage A { int32 x = 1; }\n");
    write("b.proto", "syntax = \"proto3\";\nimport \"a.proto\";\nmessage B { int32 y = 1; }\n");
    const LoadResult result = SchemaLoader::loadProtoFiles({QStringLiteral("a.proto")}, {dir.path()});
    QVERIFY(!result.ok());
    const QString all = joinDiagnostics(result.diagnostics);
    QVERIFY2(all.contains(QStringLiteral("File recursively imports itself: a.proto -> b.proto -> a.proto")),
        qPrintable(all));
    QVERIFY2(!all.contains(QStringLiteral("was not found")), qPrintable(all));
    QCOMPARE(result.diagnostics.constFirst().line, 2);
}

// Files are parsed on several threads and built on one: every error must still come out
// where it is, in the order a one-thread import reports it. A tree of 50 files, each
// importing its two children (l1 and l2 under l0, l3 and l4 under l1, ...), with a parse
// error in l37, an undefined type in l45 and a message that l39 and l40 both define.
void SchemaLoaderTest::errorsDeepInALargeTreeKeepTheirPlace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("lib")));
    const auto number = [](int i) { return QByteArray::number(i); };
    for (int i = 0; i < 50; ++i) {
        const int left = 2 * i + 1;
        QByteArray text = "syntax = \"proto3\";\npackage lib;\n";
        if (i == 0)
            text += "import \"google/protobuf/timestamp.proto\";\n";
        for (int child : {left, left + 1}) {
            if (child < 50)
                text += "import \"lib/l" + number(child) + ".proto\";\n";
        }
        text += "message L" + number(i) + " {\n  string name = 1;\n";
        if (left < 50)
            text += "  L" + number(left) + " left = 2;\n";
        if (i == 0)
            text += "  google.protobuf.Timestamp at = 3;\n";
        if (i == 45)
            text += "  Missing gone = 3;\n";
        if (i == 37)
            text += "  int32 = 4;\n";
        text += "}\n";
        if (i == 40)
            text += "message L39 {\n  int64 id = 1;\n}\n";
        QFile file(dir.filePath(QStringLiteral("lib/l%1.proto").arg(i)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }
    const QString root = QDir::cleanPath(dir.path());
    const LoadResult result = SchemaLoader::loadProtoFiles(
        {QStringLiteral("lib/l0.proto"), QStringLiteral("lib/l2.proto")}, {root});

    const auto at = [&root](const char *where, const QString &message) {
        return QStringLiteral("%1/lib/%2: %3").arg(root, QLatin1String(where), message);
    };
    const auto unbuilt = [&](const char *where, const char *import) {
        return at(where,
            QStringLiteral(
                "Import \"lib/%1\" was not found or had errors. Searched: %2, the built-in well-known types.")
                .arg(QLatin1String(import), root));
    };
    const auto undefined = [&](const char *where, const char *type) {
        return at(where, QStringLiteral("\"%1\" is not defined.").arg(QLatin1String(type)));
    };
    const QStringList expected {
        at("l37.proto:5:9", QStringLiteral("Expected field name.")),
        unbuilt("l18.proto:3:1", "l37.proto"),
        undefined("l18.proto:7:3", "L37"),
        unbuilt("l8.proto:4:1", "l18.proto"),
        unbuilt("l3.proto:4:1", "l8.proto"),
        at("l40.proto:6:9", QStringLiteral("\"lib.L39\" is already defined in file \"lib/l39.proto\".")),
        unbuilt("l19.proto:4:1", "l40.proto"),
        unbuilt("l9.proto:3:1", "l19.proto"),
        undefined("l9.proto:7:3", "L19"),
        undefined("l45.proto:5:3", "Missing"),
        unbuilt("l22.proto:3:1", "l45.proto"),
        undefined("l22.proto:7:3", "L45"),
        unbuilt("l10.proto:4:1", "l22.proto"),
        unbuilt("l4.proto:3:1", "l9.proto"),
        unbuilt("l4.proto:4:1", "l10.proto"),
        undefined("l4.proto:7:3", "L9"),
        unbuilt("l1.proto:3:1", "l3.proto"),
        unbuilt("l1.proto:4:1", "l4.proto"),
        undefined("l1.proto:7:3", "L3"),
        unbuilt("l0.proto:4:1", "l1.proto"),
        undefined("l0.proto:8:3", "L1"),
    };
    QCOMPARE(joinDiagnostics(result.diagnostics), expected.join(u'\n'));
    // l2 and the 17 files under it have no fault.
    QCOMPARE(result.source.files.size(), size_t(18));
    QCOMPARE(result.source.files.back().name(), std::string("lib/l2.proto"));
}

void SchemaLoaderTest::missingFileIsReported()
{
    const LoadResult result = SchemaLoader::loadProtoFiles(
        {QStringLiteral("nowhere/nothing.proto")}, {test::dataPath(QStringLiteral("protos"))});
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), 1);
    QVERIFY(result.diagnostics.first().message.contains(QStringLiteral("not found")));
    QVERIFY(result.diagnostics.first().message.contains(test::dataPath(QStringLiteral("protos"))));
}

void SchemaLoaderTest::garbageProtoDoesNotCrash()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("garbage.proto")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray bytes;
    for (int i = 0; i < 4096; ++i)
        bytes.append(char((i * 7919) % 256));
    file.write(bytes);
    file.close();
    const LoadResult result = SchemaLoader::loadProtoFiles({file.fileName()}, {});
    QVERIFY(!result.ok());
    QVERIFY(result.diagnostics.first().file.endsWith(QStringLiteral("garbage.proto")));
}

void SchemaLoaderTest::protosetWithImports()
{
    const LoadResult result
        = SchemaLoader::loadProtoset(test::buildDataPath(QStringLiteral("demo.protoset")));
    QVERIFY2(result.ok(), qPrintable(joinDiagnostics(result.diagnostics)));
    Diagnostics diagnostics;
    const SchemaPtr schema = Schema::build({result.source}, &diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(joinDiagnostics(diagnostics)));
    QVERIFY(schema->serviceNames().contains(QStringLiteral("wirescope.demo.v1.DemoService")));
    QVERIFY(schema->findMessage(QStringLiteral("wirescope.demo.v1.Everything")));
}

void SchemaLoaderTest::protosetWithoutImportsResolvesWellKnownTypes()
{
    // shop.proto without --include_imports: money.proto is missing (an error that says how
    // to fix it), timestamp.proto is not (it is built in).
    const LoadResult result
        = SchemaLoader::loadProtoset(test::buildDataPath(QStringLiteral("shop-no-imports.protoset")));
    QVERIFY(!result.ok());
    const QString text = joinDiagnostics(result.diagnostics);
    QVERIFY2(text.contains(QStringLiteral("shop/v1/money.proto")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("--include_imports")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("timestamp.proto")), qPrintable(text));
}

void SchemaLoaderTest::garbageProtosetIsRejected()
{
    const LoadResult result = SchemaLoader::loadProtosetData(
        QByteArrayLiteral("\xff\xff\xff\xff garbage"), QStringLiteral("junk.binpb"));
    QVERIFY(!result.ok());
    QVERIFY(result.diagnostics.first().toString().startsWith(QStringLiteral("junk.binpb: not a protoset")));
    const LoadResult empty = SchemaLoader::loadProtosetData(QByteArray(), QStringLiteral("empty.binpb"));
    QVERIFY(!empty.ok());
    const LoadResult missing = SchemaLoader::loadProtoset(QStringLiteral("/nonexistent/x.protoset"));
    QVERIFY(missing.diagnostics.first().message.startsWith(QStringLiteral("cannot open")));
}

void SchemaLoaderTest::truncatedProtosetIsRejected()
{
    const QByteArray whole = test::readFile(test::buildDataPath(QStringLiteral("demo.protoset")));
    QVERIFY(whole.size() > 100);
    const LoadResult result
        = SchemaLoader::loadProtosetData(whole.left(whole.size() / 2), QStringLiteral("cut.protoset"));
    QVERIFY(!result.ok());
}

void SchemaLoaderTest::duplicateSymbolNamesBothFiles()
{
    LoadResult demo = SchemaLoader::loadProtoset(test::buildDataPath(QStringLiteral("demo.protoset")));
    LoadResult dup = SchemaLoader::loadProtoFiles(
        {QStringLiteral("broken/duplicate_item.proto")}, {test::dataPath(QStringLiteral("protos"))});
    QVERIFY(demo.ok() && dup.ok());
    Diagnostics diagnostics;
    const SchemaPtr schema = Schema::build({demo.source, dup.source}, &diagnostics);
    const QString text = joinDiagnostics(diagnostics);
    QVERIFY2(text.contains(QStringLiteral("duplicate symbol wirescope.demo.v1.Item")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("wirescope/demo/v1/demo.proto")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("broken/duplicate_item.proto")), qPrintable(text));
    // The first definition is kept and usable.
    QVERIFY(schema->findMessage(QStringLiteral("wirescope.demo.v1.Item"))->FindFieldByName("price"));
}

void SchemaLoaderTest::identicalFilesFromTwoSourcesMerge()
{
    LoadResult a = SchemaLoader::loadProtoset(test::buildDataPath(QStringLiteral("demo.protoset")));
    LoadResult b = SchemaLoader::loadProtoset(test::buildDataPath(QStringLiteral("demo.protoset")));
    b.source.label = QStringLiteral("second copy");
    Diagnostics diagnostics;
    const SchemaPtr schema = Schema::build({a.source, b.source}, &diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(joinDiagnostics(diagnostics)));
    QVERIFY(schema->findService(QStringLiteral("wirescope.demo.v1.DemoService")));
}

// A load of .proto files keeps the files' source info out of its pool (the pool would copy
// it twice on its one thread) and in the loaded files: comments are still found, for fields
// of nested messages, in oneofs and in imported files; a protoset exported from the loaded
// files keeps them; a schema merged from two sources has them in its own pool.
void SchemaLoaderTest::commentsSurviveTheLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&dir](const char *name, const char *text) { QVERIFY(writeFile(dir, name, text)); };
    write(
        "base.proto", "syntax = \"proto3\";\npackage c;\nmessage Base {\n  // The id.\n  int64 id = 1;\n}\n");
    write("top.proto",
        "syntax = \"proto3\";\npackage c;\nimport \"base.proto\";\n"
        "message Other { string x = 1; }\n"
        "message Top {\n"
        "  // Leading of name.\n  string name = 1; // Trailing of name.\n"
        "  message Inner {\n    message Deeper {\n      // Deep field.\n      bool flag = 1;\n    }\n"
        "    int32 plain = 1;\n    // Inner count.\n    int32 count = 2;\n  }\n"
        "  oneof choice {\n    // In the oneof.\n    Base base = 2;\n  }\n"
        "}\n");
    const LoadResult result = SchemaLoader::loadProtoFiles({QStringLiteral("top.proto")}, {dir.path()});
    QVERIFY2(result.ok(), qPrintable(joinDiagnostics(result.diagnostics)));
    const SchemaPtr schema = Schema::build({result.source}, nullptr);
    const auto field = [&schema](const char *message, const char *name) {
        const auto *type = schema->findMessage(QString::fromLatin1(message));
        return type ? type->FindFieldByName(name) : nullptr;
    };
    QCOMPARE(schema->comment(field("c.Top", "name")), QStringLiteral("Leading of name.\nTrailing of name."));
    QCOMPARE(schema->comment(field("c.Top.Inner", "count")), QStringLiteral("Inner count."));
    QCOMPARE(schema->comment(field("c.Top.Inner", "plain")), QString());
    QCOMPARE(schema->comment(field("c.Top.Inner.Deeper", "flag")), QStringLiteral("Deep field."));
    QCOMPARE(schema->comment(field("c.Top", "base")), QStringLiteral("In the oneof."));
    QCOMPARE(schema->comment(field("c.Base", "id")), QStringLiteral("The id."));
    QCOMPARE(schema->comment(field("c.Other", "x")), QString());
    QCOMPARE(schema->comment(nullptr), QString());

    // Every loaded file carries its source info, as a protoset exported from them must.
    for (const auto &file : result.source.files)
        QVERIFY2(file.source_code_info().location_size() > 0, file.name().c_str());

    LoadResult again = SchemaLoader::loadProtoFiles({QStringLiteral("base.proto")}, {dir.path()});
    again.source.label = QStringLiteral("second");
    Diagnostics diagnostics;
    const SchemaPtr merged = Schema::build({result.source, again.source}, &diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(joinDiagnostics(diagnostics)));
    google::protobuf::SourceLocation location;
    const auto *id = merged->findMessage(QStringLiteral("c.Base"))->FindFieldByName("id");
    QVERIFY(id->GetSourceLocation(&location));
    QCOMPARE(merged->comment(id), QStringLiteral("The id."));
}

QTEST_GUILESS_MAIN(SchemaLoaderTest)
#include "SchemaLoaderTest.moc"
