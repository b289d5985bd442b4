#include "model/schema/SchemaLoader.h"
#include "model/schema/Schema.h"
#include "support/TestSupport.h"

#include <google/protobuf/descriptor.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace wirescope;

class SchemaLoaderTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void protoFilesWithImportPath();
    void diskPathInsideImportPath();
    void fileOutsideImportPathsUsesItsFolder();
    void everyParseErrorHasFileLineColumn();
    void missingImportNamesTheSearchedPaths();
    void missingFileIsReported();
    void garbageProtoDoesNotCrash();
    void protosetWithImports();
    void protosetWithoutImportsResolvesWellKnownTypes();
    void garbageProtosetIsRejected();
    void truncatedProtosetIsRejected();
    void duplicateSymbolNamesBothFiles();
    void identicalFilesFromTwoSourcesMerge();
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

QTEST_GUILESS_MAIN(SchemaLoaderTest)
#include "SchemaLoaderTest.moc"
