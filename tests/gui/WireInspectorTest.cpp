#include "ui/wire/WireInspector.h"
#include "WireInspectorTestSupport.h"
#include "model/wire/WireLayout.h"
#include "model/wire/WireTreeModel.h"
#include "support/TestSupport.h"
#include "ui/wire/HexView.h"
#include "ui/wire/WireEditCommand.h"
#include "ui/wire/WireSwatchDelegate.h"
#include "ui/workbench/Theme.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>

#include <limits>

using namespace wirescope;
using namespace wirescope::wiretest;

// The wire inspector: its headless tree model over a laid-out annotation, and the widget
// linking hex, tree and explanation both ways, fed live like the request tab feeds it.
class WireInspectorTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelPassesTheTester();
    void modelShowsEveryReading();
    void layoutRunsTileTheBytes();
    void treeShowsTheField();
    void selectingANodeHighlightsItsBytes();
    void clickingAByteSelectsItsNode();
    void liveEditKeepsTheSelection();
    void grpcFrameShowsThePrefix();
    void megabyteAnnotatesOffTheGuiThread();
    void copyDumpIsTheTextDump();
    void selectSpanFindsTheExactSpan();
    void exportWritesHtmlAndSvg();
    void presentationEnlargesAndHides();

private:
    SchemaPtr m_schema;
};

void WireInspectorTest::initTestCase()
{
    Theme::applyApplicationStyle();
    m_schema = test::demoSchema();
    QVERIFY(m_schema);
    QVERIFY(m_schema->findMessage(TicksRequest));
}

void WireInspectorTest::modelPassesTheTester()
{
    WireTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    const QByteArray everything = test::encode(*m_schema, Everything,
        R"({"fInt32": -1, "fString": "hi", "packedNumbers": [1, 300],
                                                   "places": {"1": {"street": "x"}}})");
    QVERIFY(!everything.isEmpty());
    model.setLayout(WireLayout::annotate(everything, m_schema, Everything, false));
    model.setLayout(WireLayout::annotate(everything, m_schema, {}, true));
    model.setLayout(WireLayout::annotate(hex("08 96 01 ff"), m_schema, TicksRequest, false));
    model.setLayout(nullptr);
    QCOMPARE(resets.count(), 4);
    QCOMPARE(model.rowCount(), 0);
}

void WireInspectorTest::modelShowsEveryReading()
{
    // "hi" is text, and also a message: 0x68 is the tag of field 13 as a varint, 0x69 the
    // varint. Without a schema both readings are listed, each with its evidence.
    WireTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLayout(WireLayout::annotate(hex("0a 02 68 69"), nullptr, {}, false));
    const QModelIndex field = model.index(0, 0);
    QCOMPARE(field.data().toString(), QStringLiteral("#1"));
    const QModelIndex value = findRow(model, field, WireTreeModel::FieldColumn, QStringLiteral("value"));
    QVERIFY(value.isValid());
    QVERIFY2(model.rowCount(value) >= 2, "an ambiguous value lists its readings");
    const QModelIndex reading = model.index(0, 0, value);
    QVERIFY(reading.data(WireTreeModel::IsReadingRole).toBool());
    QVERIFY(reading.data().toString().startsWith(QStringLiteral("reading 1 of")));
    QVERIFY(!reading.data(WireTreeModel::ExplanationRole).toString().isEmpty());
    QCOMPARE(reading.data(WireTreeModel::OffsetRole).toLongLong(), 2);
}

void WireInspectorTest::layoutRunsTileTheBytes()
{
    const auto layout = WireLayout::annotate(hex("08 96 01 12 02 68 69"), m_schema, {}, true);
    qint64 pos = 0;
    for (const WireLayout::Run &run : layout->runs()) {
        QCOMPARE(run.offset, pos);
        pos += run.length;
    }
    QCOMPARE(pos, qint64(layout->tree().bytes.size()));
    QCOMPARE(layout->runs().front().role, WireSpan::Role::GrpcFlag);
}

void WireInspectorTest::treeShowsTheField()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    QVERIFY(tree);
    QAbstractItemModel *model = tree->model();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex field = model->index(0, WireTreeModel::FieldColumn);
    QCOMPARE(field.data().toString(), QStringLiteral("#1 count"));
    QCOMPARE(field.siblingAtColumn(WireTreeModel::TypeColumn).data().toString(), QStringLiteral("int32"));
    QCOMPARE(field.siblingAtColumn(WireTreeModel::ValueColumn).data().toString(), QStringLiteral("150"));
    QCOMPARE(
        field.siblingAtColumn(WireTreeModel::WireTypeColumn).data().toString(), QStringLiteral("VARINT"));
    QCOMPARE(field.siblingAtColumn(WireTreeModel::BytesColumn).data().toString(), QStringLiteral("0..2"));
    const QModelIndex tag = model->index(0, WireTreeModel::ValueColumn, field);
    QCOMPARE(tag.siblingAtColumn(0).data().toString(), QStringLiteral("tag"));
    QCOMPARE(tag.data().toString(), QStringLiteral("8 = (1 << 3) | 0"));
}

void WireInspectorTest::selectingANodeHighlightsItsBytes()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    auto *explanation = inspector->findChild<QTextBrowser *>(QStringLiteral("wireExplanation"));
    QVERIFY(hexView && explanation);
    QVERIFY(!hexView->selection().isValid());
    tree->setCurrentIndex(tree->model()->index(0, 0));
    QCOMPARE(hexView->selection().offset, 0);
    QCOMPARE(hexView->selection().length, 3);
    const QModelIndex value = findRow(*tree->model(), tree->model()->index(0, 0), 0, QStringLiteral("value"));
    tree->setCurrentIndex(value);
    QCOMPARE(hexView->selection().offset, 1);
    QCOMPARE(hexView->selection().length, 2);
    QVERIFY2(
        explanation->toPlainText().contains(QStringLiteral("96 01")), qPrintable(explanation->toPlainText()));
    QVERIFY(explanation->toPlainText().contains(QStringLiteral("150")));
}

void WireInspectorTest::clickingAByteSelectsItsNode()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    auto *explanation = inspector->findChild<QTextBrowser *>(QStringLiteral("wireExplanation"));
    const QRect cell = hexView->hexCellRect(1);
    QCOMPARE(hexView->offsetAt(cell.center()), 1);
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, cell.center());
    const QModelIndex current = tree->currentIndex();
    QCOMPARE(current.siblingAtColumn(0).data().toString(), QStringLiteral("value"));
    QCOMPARE(current.data(WireTreeModel::OffsetRole).toLongLong(), 1);
    QCOMPARE(hexView->selection().offset, 1);
    QCOMPARE(hexView->selection().length, 2);
    QVERIFY(explanation->toPlainText().contains(QStringLiteral("96 01")));
    // The tag byte selects the tag, and the arrow key walks on to the value again.
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, hexView->hexCellRect(0).center());
    QCOMPARE(tree->currentIndex().siblingAtColumn(0).data().toString(), QStringLiteral("tag"));
    QTest::keyClick(hexView, Qt::Key_Right);
    QCOMPARE(tree->currentIndex().siblingAtColumn(0).data().toString(), QStringLiteral("value"));
}

void WireInspectorTest::liveEditKeepsTheSelection()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    auto *explanation = inspector->findChild<QTextBrowser *>(QStringLiteral("wireExplanation"));
    inspector->selectOffset(1);
    // count = -1: an int32 is sign-extended to ten bytes on the wire.
    inspector->setBytes(WireInspector::Source::Request,
        test::encode(*m_schema, TicksRequest, R"({"count": -1})"), TicksRequest);
    QCOMPARE(tree->currentIndex().siblingAtColumn(0).data().toString(), QStringLiteral("value"));
    QCOMPARE(hexView->selection().length, 10);
    QVERIFY(explanation->toPlainText().contains(QStringLiteral("-1")));
    // The user's "no schema" choice survives the next keystroke of the same type.
    inspector->setTypeName({});
    inspector->setBytes(WireInspector::Source::Request, hex("08 96 01"), TicksRequest);
    QVERIFY(inspector->typeName().isEmpty());
    QCOMPARE(tree->model()->index(0, 0).data().toString(), QStringLiteral("#1"));
}

void WireInspectorTest::grpcFrameShowsThePrefix()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
    inspector->setGrpcFrame(true);
    const WireTree &tree = inspector->wireLayout()->tree();
    QCOMPARE(tree.bytes, hex("00 00 00 00 03 08 96 01"));
    QCOMPARE(tree.spans.size(), 1);
    QCOMPARE(tree.spans.first().role, WireSpan::Role::GrpcFrame);
    inspector->selectOffset(2);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    QCOMPARE(hexView->selection().offset, 1);
    QCOMPARE(hexView->selection().length, 4);
}

void WireInspectorTest::megabyteAnnotatesOffTheGuiThread()
{
    // 1 MiB of repeated "#1 = 150": big enough to go to a worker, and 349,526 fields, more
    // than the views annotate.
    QByteArray bytes;
    while (bytes.size() < 1024 * 1024)
        bytes += hex("08 96 01");
    const auto inspector = openInspector(m_schema, {}, TicksRequest);
    QSignalSpy annotated(inspector.get(), &WireInspector::annotated);
    inspector->setBytes(WireInspector::Source::File, bytes, {});
    inspector->showSource(WireInspector::Source::File);
    // Back on the GUI thread before the work is done: the annotation arrives later.
    QCOMPARE(annotated.count(), 0);
    auto *summary = inspector->findChild<QLabel *>(QStringLiteral("wireSummary"));
    QVERIFY2(summary->text().startsWith(QStringLiteral("Annotating")), qPrintable(summary->text()));
    QTRY_VERIFY_WITH_TIMEOUT(annotated.count() > 0, 60000);
    const WireTree &tree = inspector->wireLayout()->tree();
    QCOMPARE(tree.bytes.size(), bytes.size());
    // Capped, and it says so: the first 100,000 fields, then one span for the rest.
    const qint64 limitAt = WireLayout::MaxFields * 3;
    QCOMPARE(tree.limitOffset, limitAt);
    QCOMPARE(tree.spans.size(), WireLayout::MaxFields + 1);
    QCOMPARE(tree.spans.constLast().role, WireSpan::Role::PastLimit);
    QCOMPARE(tree.spans.constLast().end(), bytes.size());
    QVERIFY2(summary->text().contains(QStringLiteral("only the first %1 fields are annotated")
                                          .arg(QLocale().toString(WireLayout::MaxFields))),
        qPrintable(summary->text()));
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    inspector->selectOffset(limitAt - 1);
    QCOMPARE(hexView->selection().offset, limitAt - 2);
    inspector->selectOffset(bytes.size() - 1);
    QCOMPARE(hexView->selection().offset, limitAt);
    QCOMPARE(hexView->selection().length, bytes.size() - limitAt);
}

void WireInspectorTest::copyDumpIsTheTextDump()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
    inspector->copyDump();
    const QString dump = QGuiApplication::clipboard()->text();
    QVERIFY2(dump.contains(QStringLiteral("as wirescope.demo.v1.TicksRequest")), qPrintable(dump));
    QVERIFY(dump.contains(QStringLiteral("#1 count (int32) VARINT: 150")));
}

void WireInspectorTest::selectSpanFindsTheExactSpan()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    tree->collapseAll();
    QVERIFY(inspector->selectSpan(1, 2, int(WireSpan::Role::Value)));
    QCOMPARE(tree->currentIndex().siblingAtColumn(0).data().toString(), QStringLiteral("value"));
    QVERIFY(tree->isExpanded(tree->currentIndex().parent()));
    QCOMPARE(hexView->selection().offset, 1);
    QCOMPARE(hexView->selection().length, 2);
    QVERIFY(inspector->selectSpan(0, 3, -1));
    QCOMPARE(tree->currentIndex().siblingAtColumn(0).data().toString(), QStringLiteral("#1 count"));
    QVERIFY(!inspector->selectSpan(0, 2, -1));
    QVERIFY(!inspector->selectSpan(1, 2, int(WireSpan::Role::Tag)));
    QCOMPARE(tree->currentIndex().siblingAtColumn(0).data().toString(), QStringLiteral("#1 count"));
}

void WireInspectorTest::exportWritesHtmlAndSvg()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
    QVERIFY(inspector->findChild<QWidget *>(QStringLiteral("exportButton")));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    QVERIFY2(inspector->exportTo(dir.filePath(QStringLiteral("dump.html")), &error), qPrintable(error));
    QVERIFY(test::readFile(dir.filePath(QStringLiteral("dump.html"))).contains("<html"));
    QVERIFY2(inspector->exportTo(dir.filePath(QStringLiteral("dump.svg")), &error), qPrintable(error));
    QVERIFY(test::readFile(dir.filePath(QStringLiteral("dump.svg"))).contains("<svg"));
    QVERIFY(!inspector->exportTo(dir.filePath(QStringLiteral("dump.txt")), &error));
    QVERIFY(error.contains(QStringLiteral("dump.txt")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("dump.txt"))));
}

void WireInspectorTest::presentationEnlargesAndHides()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    auto *sourceChooser = inspector->findChild<QComboBox *>(QStringLiteral("wireSource"));
    auto *summary = inspector->findChild<QLabel *>(QStringLiteral("wireSummary"));
    const QFont hexFont = hexView->font();
    const int hexHeight = QFontMetrics(hexFont).height();
    const int treeHeight = QFontMetrics(tree->font()).height();
    inspector->setPresentation(true);
    QVERIFY(inspector->isPresenting());
    QVERIFY2(QFontMetrics(hexView->font()).height() >= hexHeight * 3 / 2,
        qPrintable(QStringLiteral("%1 -> %2").arg(hexHeight).arg(QFontMetrics(hexView->font()).height())));
    QVERIFY(QFontMetrics(tree->font()).height() >= treeHeight * 3 / 2);
    QVERIFY(!sourceChooser->isVisible());
    QVERIFY(summary->isVisible());
    inspector->setPresentation(false);
    QCOMPARE(hexView->font(), hexFont);
    QVERIFY(sourceChooser->isVisible());
}

QTEST_MAIN(WireInspectorTest)
#include "WireInspectorTest.moc"
