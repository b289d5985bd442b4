#include "model/schema/ServiceTreeModel.h"
#include "model/schema/SchemaLoader.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QtTest>

using namespace wirescope;

// The service tree is built from a schema snapshot: package → service → method, with the
// call kind and the request and response types of each method readable by role.
class ServiceTreeModelTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void buildsPackagesServicesAndMethods();
    void methodRolesDescribeTheCall();
    void preferredMethodSkipsInfrastructure();
    void resetOnNewSchema();
    void recursiveFilterKeepsParents();

private:
    SchemaPtr m_schema;
    QTemporaryDir m_dir;
};

namespace {

const char *TestProto = "syntax = \"proto3\";\n"
                        "package shop.v1;\n"
                        "message Req { string id = 1; }\n"
                        "message Res { string id = 1; }\n"
                        "service Catalog {\n"
                        "  rpc Get(Req) returns (Res);\n"
                        "  rpc Watch(Req) returns (stream Res);\n"
                        "  rpc Upload(stream Req) returns (Res);\n"
                        "  rpc Sync(stream Req) returns (stream Res);\n"
                        "}\n"
                        "service Orders { rpc Place(Req) returns (Res); }\n";

const char *InfraProto = "syntax = \"proto3\";\n"
                         "package grpc.health.v1;\n"
                         "message HealthCheckRequest { string service = 1; }\n"
                         "message HealthCheckResponse { int32 status = 1; }\n"
                         "service Health { rpc Check(HealthCheckRequest) returns (HealthCheckResponse); }\n";

QModelIndex child(const QAbstractItemModel &model, const QModelIndex &parent, const QString &name)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data().toString() == name)
            return index;
    }
    return {};
}

} // namespace

void ServiceTreeModelTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const auto write = [this](const QString &name, const char *text) {
        QFile file(m_dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    };
    write(QStringLiteral("shop.proto"), TestProto);
    write(QStringLiteral("health.proto"), InfraProto);
    LoadResult loaded = SchemaLoader::loadProtoFiles(
        {m_dir.filePath(QStringLiteral("health.proto")), m_dir.filePath(QStringLiteral("shop.proto"))},
        {m_dir.path()});
    QVERIFY2(loaded.ok(), qPrintable(joinDiagnostics(loaded.diagnostics)));
    Diagnostics diagnostics;
    std::vector<SchemaSource> sources;
    sources.push_back(std::move(loaded.source));
    m_schema = Schema::build(std::move(sources), &diagnostics);
    QVERIFY2(!hasErrors(diagnostics), qPrintable(joinDiagnostics(diagnostics)));
}

void ServiceTreeModelTest::buildsPackagesServicesAndMethods()
{
    ServiceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSchema(m_schema);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ServiceTreeModel::ColumnCount));
    const QModelIndex shop = child(model, {}, QStringLiteral("shop.v1"));
    QVERIFY(shop.isValid());
    QCOMPARE(model.rowCount(shop), 2);
    const QModelIndex catalog = child(model, shop, QStringLiteral("Catalog"));
    QVERIFY(catalog.isValid());
    QCOMPARE(model.rowCount(catalog), 4);
    QCOMPARE(catalog.data(ServiceTreeModel::FullNameRole).toString(), QStringLiteral("shop.v1.Catalog"));
    QCOMPARE(model.methodCount(), 6);
    QCOMPARE(model.parent(model.index(0, 0, catalog)), catalog);
}

void ServiceTreeModelTest::methodRolesDescribeTheCall()
{
    ServiceTreeModel model;
    model.setSchema(m_schema);
    const struct {
        const char *method;
        CallKind kind;
        const char *badge;
    } expected[] = {
        {"shop.v1.Catalog/Get", CallKind::Unary, "U"},
        {"shop.v1.Catalog/Watch", CallKind::ServerStreaming, "SS"},
        {"shop.v1.Catalog/Upload", CallKind::ClientStreaming, "CS"},
        {"shop.v1.Catalog/Sync", CallKind::Bidi, "BIDI"},
    };
    for (const auto &e : expected) {
        const QModelIndex index = model.findMethod(QString::fromLatin1(e.method));
        QVERIFY2(index.isValid(), e.method);
        QCOMPARE(index.data(ServiceTreeModel::FullNameRole).toString(), QString::fromLatin1(e.method));
        QCOMPARE(
            index.data(ServiceTreeModel::MethodPathRole).toString(), u'/' + QString::fromLatin1(e.method));
        QCOMPARE(CallKind(index.data(ServiceTreeModel::CallKindRole).toInt()), e.kind);
        QCOMPARE(index.data(ServiceTreeModel::CallKindBadgeRole).toString(), QString::fromLatin1(e.badge));
        QCOMPARE(index.data(ServiceTreeModel::RequestTypeRole).toString(), QStringLiteral("shop.v1.Req"));
        QCOMPARE(index.data(ServiceTreeModel::ResponseTypeRole).toString(), QStringLiteral("shop.v1.Res"));
        QVERIFY(!index.siblingAtColumn(ServiceTreeModel::TypesColumn).data().toString().isEmpty());
    }
    QVERIFY(!model.findMethod(QStringLiteral("shop.v1.Catalog/Nope")).isValid());
    QVERIFY(model.findMethod(QStringLiteral("/shop.v1.Orders/Place")).isValid());
}

void ServiceTreeModelTest::preferredMethodSkipsInfrastructure()
{
    ServiceTreeModel model;
    model.setSchema(m_schema);
    QCOMPARE(model.preferredMethod().data(ServiceTreeModel::FullNameRole).toString(),
        QStringLiteral("shop.v1.Catalog/Get"));
}

void ServiceTreeModelTest::resetOnNewSchema()
{
    ServiceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setSchema(m_schema);
    model.setSchema(Schema::empty());
    QCOMPARE(resets.count(), 2);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.methodCount(), 0);
    QVERIFY(!model.preferredMethod().isValid());
}

void ServiceTreeModelTest::recursiveFilterKeepsParents()
{
    ServiceTreeModel model;
    model.setSchema(m_schema);
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setRecursiveFilteringEnabled(true);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterRole(ServiceTreeModel::FullNameRole);
    proxy.setFilterFixedString(QStringLiteral("watch"));
    QCOMPARE(proxy.rowCount(), 1);
    const QModelIndex package = proxy.index(0, 0);
    QCOMPARE(proxy.rowCount(package), 1);
    const QModelIndex service = proxy.index(0, 0, package);
    QCOMPARE(proxy.rowCount(service), 1);
    QCOMPARE(proxy.index(0, 0, service).data(ServiceTreeModel::FullNameRole).toString(),
        QStringLiteral("shop.v1.Catalog/Watch"));
}

QTEST_GUILESS_MAIN(ServiceTreeModelTest)
#include "ServiceTreeModelTest.moc"
