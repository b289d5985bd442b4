#include "model/lab/WireCompareModel.h"
#include "model/json/JsonCodec.h"
#include "model/lab/ProtoSnippet.h"
#include "model/wire/WireLayout.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

using namespace wirescope;

namespace {

// A message inside a message and a field after it: enough to make the rows a tree.
QString nestedProto()
{
    return QStringLiteral("syntax = \"proto3\";\n\npackage lab.test;\n\n"
                          "message Inner {\n  int32 x = 1;\n}\n\n"
                          "message Outer {\n  Inner inner = 1;\n  int32 y = 2;\n}\n");
}

std::shared_ptr<const WireLayout> encode(const SchemaPtr &schema, const QString &type, const QString &json)
{
    const google::protobuf::Descriptor *descriptor = schema->findMessage(type);
    QByteArray bytes;
    JsonError error;
    if (!descriptor || !JsonCodec::toBinary(*schema, descriptor, json.toUtf8(), &bytes, &error)) {
        qWarning(
            "cannot encode %s as %s: %s", qPrintable(json), qPrintable(type), qPrintable(error.toString()));
        return nullptr;
    }
    return WireLayout::annotate(bytes, schema, type, false);
}

qint64 lengthAt(const QModelIndex &row, int column)
{
    return row.siblingAtColumn(column).data(WireCompareModel::LengthRole).toLongLong();
}

// Repeated messages of repeated fields: many sibling rows under more than one parent.
QString repeatedProto()
{
    return QStringLiteral("syntax = \"proto3\";\n\npackage lab.test;\n\n"
                          "message Bag {\n  repeated int32 x = 1 [packed = false];\n}\n\n"
                          "message Bags {\n  repeated Bag bag = 1;\n  int32 y = 2;\n}\n");
}

// {"bag": [{"x": [1, 2, … count]}, {"x": [7, 8]}], "y": 5}
QString bagsJson(int count)
{
    QStringList values;
    for (int i = 1; i <= count; ++i)
        values.append(QString::number(i));
    return QStringLiteral("{\"bag\": [{\"x\": [%1]}, {\"x\": [7, 8]}], \"y\": 5}")
        .arg(values.join(QStringLiteral(", ")));
}

} // namespace

// The aligned rows of a comparison as an item model: one row per field, nested fields under
// their message, each encoding's bytes and size in its own pair of columns.
class WireCompareModelTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void negativeOneInThreeTypes();
    void nestedFieldsFormATree();
    void byteFindsItsInnermostRow();
    void resettingChangesTheColumns();
    void thousandsOfSiblingsFindTheirParents();
};

void WireCompareModelTest::negativeOneInThreeTypes()
{
    const QList<WireComparison> &presets = WireCompare::presets();
    const auto preset = std::find_if(presets.begin(), presets.end(),
        [](const WireComparison &c) { return c.id == QStringLiteral("negative-int"); });
    QVERIFY(preset != presets.end());
    const ProtoSnippetResult compiled = ProtoSnippet::compile(preset->protoText);
    QVERIFY2(compiled.ok(), qPrintable(joinDiagnostics(compiled.diagnostics)));
    QStringList labels;
    QList<std::shared_ptr<const WireLayout>> layouts;
    for (const WireComparison::Side &side : preset->sides) {
        labels.append(side.label);
        layouts.append(encode(compiled.schema, side.typeName, side.json));
        QVERIFY(layouts.constLast());
    }

    WireCompareModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEncodings(labels, layouts);
    QCOMPARE(model.sideCount(), 3);
    QCOMPARE(model.columnCount(), 8);
    QCOMPARE(model.noteColumn(), 7);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex row = model.index(0, WireCompareModel::FieldColumn);
    QCOMPARE(row.data().toString(), QStringLiteral("#1 value"));
    QCOMPARE(model.rowCount(row), 0);
    QCOMPARE(lengthAt(row, WireCompareModel::sizeColumn(0)), 11);
    QCOMPARE(lengthAt(row, WireCompareModel::sizeColumn(1)), 2);
    QCOMPARE(lengthAt(row, WireCompareModel::sizeColumn(2)), 5);
    QCOMPARE(row.siblingAtColumn(WireCompareModel::sizeColumn(0)).data().toString(), QStringLiteral("11"));
    QCOMPARE(row.siblingAtColumn(WireCompareModel::bytesColumn(0)).data().toString(),
        QStringLiteral("08 ff ff ff ff ff ff ff ff ff 01"));
    QCOMPARE(
        row.siblingAtColumn(WireCompareModel::bytesColumn(1)).data().toString(), QStringLiteral("08 01"));
    QCOMPARE(row.siblingAtColumn(WireCompareModel::bytesColumn(2)).data().toString(),
        QStringLiteral("0d ff ff ff ff"));
    QCOMPARE(
        row.siblingAtColumn(WireCompareModel::bytesColumn(1)).data(WireCompareModel::SideRole).toInt(), 1);
    QVERIFY(row.data(WireCompareModel::SizesDifferRole).toBool());
    QVERIFY(!row.siblingAtColumn(model.noteColumn()).data().toString().isEmpty());
    QCOMPARE(model.headerData(WireCompareModel::bytesColumn(2), Qt::Horizontal).toString(),
        QStringLiteral("sfixed32: bytes (hex)"));
    QCOMPARE(model.headerData(model.noteColumn(), Qt::Horizontal).toString(), QStringLiteral("Note"));
}

void WireCompareModelTest::nestedFieldsFormATree()
{
    const ProtoSnippetResult compiled = ProtoSnippet::compile(nestedProto());
    QVERIFY2(compiled.ok(), qPrintable(joinDiagnostics(compiled.diagnostics)));
    const QString outer = QStringLiteral("lab.test.Outer");
    // a: 0a 02 08 01; b: 0a 03 08 ac 02 10 02
    const auto a = encode(compiled.schema, outer, QStringLiteral("{\"inner\": {\"x\": 1}}"));
    const auto b = encode(compiled.schema, outer, QStringLiteral("{\"inner\": {\"x\": 300}, \"y\": 2}"));
    QVERIFY(a && b);
    QCOMPARE(b->tree().bytes.toHex(' '), QByteArray("0a 03 08 ac 02 10 02"));

    WireCompareModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEncodings({QStringLiteral("small"), QStringLiteral("large")}, {a, b});
    QCOMPARE(model.rows().size(), 3);
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex inner = model.index(0, 0);
    QCOMPARE(inner.data().toString(), QStringLiteral("#1 inner"));
    QCOMPARE(lengthAt(inner, WireCompareModel::sizeColumn(0)), 4);
    QCOMPARE(lengthAt(inner, WireCompareModel::sizeColumn(1)), 5);
    QCOMPARE(model.rowCount(inner), 1);
    const QModelIndex x = model.index(0, 0, inner);
    QCOMPARE(x.data().toString(), QStringLiteral("#1 x"));
    QCOMPARE(x.data(WireCompareModel::DepthRole).toInt(), 1);
    QCOMPARE(x.parent(), inner);
    QCOMPARE(lengthAt(x, WireCompareModel::sizeColumn(0)), 2);
    QCOMPARE(lengthAt(x, WireCompareModel::sizeColumn(1)), 3);
    QCOMPARE(
        x.siblingAtColumn(WireCompareModel::sizeColumn(1)).data(WireCompareModel::OffsetRole).toLongLong(),
        2);
    const QModelIndex y = model.index(1, 0);
    QCOMPARE(y.data().toString(), QStringLiteral("#2 y"));
    QCOMPARE(y.data(WireCompareModel::FieldNumberRole).toInt(), 2);
    // Only the second encoding writes y: the first column says so instead of a size.
    QCOMPARE(lengthAt(y, WireCompareModel::sizeColumn(0)), -1);
    QCOMPARE(y.siblingAtColumn(WireCompareModel::sizeColumn(0)).data().toString(), QStringLiteral("\u2014"));
    QCOMPARE(lengthAt(y, WireCompareModel::sizeColumn(1)), 2);
    QVERIFY(model.cellOf(y, 1));
    QVERIFY(!model.cellOf(y, 0));
}

void WireCompareModelTest::byteFindsItsInnermostRow()
{
    const ProtoSnippetResult compiled = ProtoSnippet::compile(nestedProto());
    QVERIFY2(compiled.ok(), qPrintable(joinDiagnostics(compiled.diagnostics)));
    const QString outer = QStringLiteral("lab.test.Outer");
    const auto a = encode(compiled.schema, outer, QStringLiteral("{\"inner\": {\"x\": 1}}"));
    const auto b = encode(compiled.schema, outer, QStringLiteral("{\"inner\": {\"x\": 300}, \"y\": 2}"));
    QVERIFY(a && b);
    WireCompareModel model;
    model.setEncodings({QStringLiteral("small"), QStringLiteral("large")}, {a, b});
    QCOMPARE(model.indexAt(1, 3).data().toString(), QStringLiteral("#1 x")); // inside x's varint
    QCOMPARE(model.indexAt(1, 1).data().toString(), QStringLiteral("#1 inner")); // the length prefix
    QCOMPARE(model.indexAt(1, 6).data().toString(), QStringLiteral("#2 y"));
    QVERIFY(!model.indexAt(0, 4).isValid()); // past the first encoding's end
    QVERIFY(!model.indexAt(2, 0).isValid()); // no third encoding
}

void WireCompareModelTest::resettingChangesTheColumns()
{
    const ProtoSnippetResult compiled = ProtoSnippet::compile(nestedProto());
    QVERIFY2(compiled.ok(), qPrintable(joinDiagnostics(compiled.diagnostics)));
    const auto a = encode(compiled.schema, QStringLiteral("lab.test.Outer"), QStringLiteral("{\"y\": 1}"));
    QVERIFY(a);
    WireCompareModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.rowCount(), 0);
    // A column without bytes yet counts as an empty encoding: y is there on one side only.
    model.setEncodings({QStringLiteral("one"), QStringLiteral("none")}, {a, nullptr});
    QCOMPARE(model.columnCount(), 6);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(lengthAt(model.index(0, 0), WireCompareModel::sizeColumn(0)), 2);
    QCOMPARE(lengthAt(model.index(0, 0), WireCompareModel::sizeColumn(1)), -1);
    model.setEncodings({QStringLiteral("one")}, {a});
    QCOMPARE(model.columnCount(), 4);
    QVERIFY(!model.index(0, 0).data(WireCompareModel::SizesDifferRole).toBool());
    model.setEncodings({}, {});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.count(), 3);
}

void WireCompareModelTest::thousandsOfSiblingsFindTheirParents()
{
    // Each row's parent is looked up by offset, not by scanning back over its siblings, so
    // 5,000 siblings cost no more than a few; and the tree must still be exact.
    constexpr int Count = 5000;
    const ProtoSnippetResult compiled = ProtoSnippet::compile(repeatedProto());
    QVERIFY2(compiled.ok(), qPrintable(joinDiagnostics(compiled.diagnostics)));
    const QString bags = QStringLiteral("lab.test.Bags");
    const auto many = encode(compiled.schema, bags, bagsJson(Count));
    const auto few = encode(compiled.schema, bags, QStringLiteral("{\"bag\": [{\"x\": [1, 2, 3]}]}"));
    QVERIFY(many && few);

    WireCompareModel model;
    model.setEncodings({QStringLiteral("many"), QStringLiteral("few")}, {many, few});
    QCOMPARE(model.rows().size(), 3 + Count + 2);
    QCOMPARE(model.rowCount(), 3);
    const QModelIndex first = model.index(0, 0);
    const QModelIndex second = model.index(1, 0);
    QCOMPARE(first.data().toString(), QStringLiteral("#1 bag"));
    QCOMPARE(second.data().toString(), QStringLiteral("#1 bag"));
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("#2 y"));
    QCOMPARE(model.rowCount(first), Count);
    QCOMPARE(model.rowCount(second), 2);
    // Every x lies inside its bag's bytes in the first encoding, and knows its parent.
    const WireSpan *firstBag = model.cellOf(first, 0);
    QVERIFY(firstBag);
    for (int row = 0; row < Count; ++row) {
        const QModelIndex x = model.index(row, 0, first);
        const WireSpan *cell = model.cellOf(x, 0);
        QVERIFY(cell);
        QVERIFY(cell->offset >= firstBag->offset && cell->end() <= firstBag->end());
        QCOMPARE(x.parent(), first);
    }
    // The few encoding pairs its three x with the first three of the first bag.
    QVERIFY(model.cellOf(model.index(2, 0, first), 1));
    QVERIFY(!model.cellOf(model.index(3, 0, first), 1));
    // The second bag's two x: 0a 04 08 07 08 08 right before y's 10 05 at the end.
    const qint64 size = many->tree().bytes.size();
    QCOMPARE(many->tree().bytes.right(8).toHex(' '), QByteArray("0a 04 08 07 08 08 10 05"));
    const QModelIndex seven = model.indexAt(0, size - 5);
    QCOMPARE(seven.parent(), second);
    QCOMPARE(seven.row(), 0);
    QCOMPARE(model.indexAt(0, size - 3).row(), 1);
    QCOMPARE(model.indexAt(0, size - 1), model.index(2, 0));
}

QTEST_GUILESS_MAIN(WireCompareModelTest)
#include "WireCompareModelTest.moc"
