#include "ui/wire/WireInspector.h"
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

namespace {

const QString TicksRequest = QStringLiteral("wirescope.demo.v1.TicksRequest");
const QString Everything = QStringLiteral("wirescope.demo.v1.Everything");

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

QModelIndex findRow(
    const QAbstractItemModel &model, const QModelIndex &parent, int column, const QString &text)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, column, parent);
        if (index.data().toString() == text)
            return index;
    }
    return {};
}

QString rangesText(const HexView::Ranges &ranges)
{
    QStringList parts;
    for (const auto &[offset, length] : ranges)
        parts << QStringLiteral("%1+%2").arg(offset).arg(length);
    return parts.join(u' ');
}

// Everything's f_string (field 14) holding `text`: tag 0x72, the length as a varint, the bytes.
QByteArray stringField(const QByteArray &text)
{
    QByteArray bytes = hex("72");
    quint64 length = quint64(text.size());
    for (; length >= 0x80; length >>= 7)
        bytes += char((length & 0x7f) | 0x80);
    return bytes + char(length) + text;
}

// The Value cell of the first field's value.
QModelIndex firstValue(const WireTreeModel &model)
{
    return findRow(model, model.index(0, 0), 0, QStringLiteral("value"))
        .siblingAtColumn(WireTreeModel::ValueColumn);
}

// A point on the first (high) or second (low) hex digit of a byte.
QPoint digitAt(const HexView &view, qint64 offset, bool low)
{
    const QRect cell = view.hexCellRect(offset);
    return {low ? cell.right() - 1 : cell.left() + 1, cell.center().y()};
}

} // namespace

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
    void typingBytesBuildsAField();
    void overwritingANibbleChangesTheValue();
    void insertModeInsertsAByte();
    void pastingHexOrBase64InsertsAtTheCaret();
    void deletingTheLastByteShowsTheTruncation();
    void undoRestoresTheExactBytes();
    void undoShortcutWorksInTheInspector();
    void editingTheRequestEditsACopy();
    void valueEditChangesTheBytes();
    void refusedValueEditKeepsTheBytes();
    void longStringIsEditedWhole();
    void tooLongValueIsLeftToTheHexPane();
    void unchangedValueIsNoEdit();
    void undoStepsKeepOnlyTheEdit();
    void editingAFramedRequestLeavesTheFrameOut();
    void editingAShownPrefixKeepsTheCopyFramed();
    void selectSpanFindsTheExactSpan();
    void exportWritesHtmlAndSvg();
    void presentationEnlargesAndHides();

private:
    std::unique_ptr<WireInspector> openInspector(const QByteArray &bytes, const QString &type);
    std::unique_ptr<WireInspector> openPasted(const QByteArray &bytes, const QString &type);

    SchemaPtr m_schema;
};

void WireInspectorTest::initTestCase()
{
    Theme::applyApplicationStyle();
    m_schema = test::demoSchema();
    QVERIFY(m_schema);
    QVERIFY(m_schema->findMessage(TicksRequest));
}

std::unique_ptr<WireInspector> WireInspectorTest::openInspector(const QByteArray &bytes, const QString &type)
{
    auto inspector = std::make_unique<WireInspector>();
    inspector->resize(1200, 420);
    inspector->show();
    inspector->setSchema(m_schema);
    inspector->setBytes(WireInspector::Source::Request, bytes, type);
    return inspector;
}

std::unique_ptr<WireInspector> WireInspectorTest::openPasted(const QByteArray &bytes, const QString &type)
{
    auto inspector = openInspector({}, type);
    inspector->setBytes(WireInspector::Source::Pasted, bytes, type);
    inspector->showSource(WireInspector::Source::Pasted);
    return inspector;
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
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
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
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
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
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
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
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
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
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
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
    const auto inspector = openInspector({}, TicksRequest);
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
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
    inspector->copyDump();
    const QString dump = QGuiApplication::clipboard()->text();
    QVERIFY2(dump.contains(QStringLiteral("as wirescope.demo.v1.TicksRequest")), qPrintable(dump));
    QVERIFY(dump.contains(QStringLiteral("#1 count (int32) VARINT: 150")));
}

void WireInspectorTest::typingBytesBuildsAField()
{
    const auto inspector = openPasted({}, TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    QVERIFY(hexView->isEditable());
    QSignalSpy edited(inspector.get(), &WireInspector::bytesEdited);
    QTest::keyClicks(hexView, QStringLiteral("08 96 01"));
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01"));
    QCOMPARE(edited.count(), 6); // one per digit
    QCOMPARE(hexView->caret(), 3); // after the last byte, ready to append
    const QModelIndex field = tree->model()->index(0, WireTreeModel::FieldColumn);
    QCOMPARE(field.data().toString(), QStringLiteral("#1 count"));
    QCOMPARE(field.siblingAtColumn(WireTreeModel::ValueColumn).data().toString(), QStringLiteral("150"));
    QCOMPARE(rangesText(hexView->highlights()), QStringLiteral("0+3"));
    // Digits typed one after another are one step to undo.
    QCOMPARE(inspector->undoStack()->count(), 1);
}

void WireInspectorTest::overwritingANibbleChangesTheValue()
{
    const auto inspector = openPasted(hex("08 96 01"), TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 1, true));
    QCOMPARE(hexView->caret(), 1);
    QVERIFY(hexView->caretOnLowNibble());
    QTest::keyClick(hexView, Qt::Key_7);
    // 0x97 0x01: 23 + 1 * 128 = 151.
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 97 01"));
    const QModelIndex field = tree->model()->index(0, WireTreeModel::FieldColumn);
    QCOMPARE(field.siblingAtColumn(WireTreeModel::ValueColumn).data().toString(), QStringLiteral("151"));
    QCOMPARE(rangesText(hexView->highlights()), QStringLiteral("1+1"));
    // The tree follows the caret: the value holding byte 2 is selected.
    QCOMPARE(hexView->caret(), 2);
    QCOMPARE(tree->currentIndex().siblingAtColumn(0).data().toString(), QStringLiteral("value"));
    QCOMPARE(tree->currentIndex().siblingAtColumn(WireTreeModel::ValueColumn).data().toString(),
        QStringLiteral("151"));
}

void WireInspectorTest::insertModeInsertsAByte()
{
    const auto inspector = openPasted(hex("08 01"), TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    auto *mode = inspector->findChild<QLabel *>(QStringLiteral("editMode"));
    QCOMPARE(mode->text(), QStringLiteral("Overwrite"));
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 1, false));
    QTest::keyClick(hexView, Qt::Key_Insert);
    QVERIFY(hexView->insertMode());
    QCOMPARE(mode->text(), QStringLiteral("Insert"));
    // "9" inserts 0x90 before the 0x01, "6" completes it: 08 96 01 is 150 again.
    QTest::keyClicks(hexView, QStringLiteral("96"));
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01"));
    QCOMPARE(inspector->treeModel()->index(0, WireTreeModel::ValueColumn).data().toString(),
        QStringLiteral("150"));
    QCOMPARE(rangesText(hexView->highlights()), QStringLiteral("1+1"));
}

void WireInspectorTest::pastingHexOrBase64InsertsAtTheCaret()
{
    const auto inspector = openPasted(hex("08 96 01"), TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    // The cell after the last byte takes the caret: pasting there appends.
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 3, false));
    QCOMPARE(hexView->caret(), 3);
    QGuiApplication::clipboard()->setText(QStringLiteral("0x10,0x01"));
    QTest::keyClick(hexView, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01 10 01"));
    QCOMPARE(hexView->caret(), 5);
    QCOMPARE(rangesText(hexView->highlights()), QStringLiteral("3+2"));
    // Not hex, so base64: "GAI=" is 18 02, field 3 = 2, inserted before field 2.
    QGuiApplication::clipboard()->setText(QStringLiteral("GAI="));
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 3, false));
    QTest::keyClick(hexView, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01 18 02 10 01"));
    QCOMPARE(inspector->wireLayout()->tree().spans.size(), 3);
    QCOMPARE(inspector->wireLayout()->tree().spans.at(1).fieldNumber, 3);
}

void WireInspectorTest::deletingTheLastByteShowsTheTruncation()
{
    const auto inspector = openPasted(hex("08 96 01 10 96 01"), TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 5, false));
    QTest::keyClick(hexView, Qt::Key_Delete);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01 10 96"));
    const WireTree &tree = inspector->wireLayout()->tree();
    const auto truncated = std::find_if(tree.lints.cbegin(), tree.lints.cend(),
        [](const WireLint &lint) { return lint.kind == WireLint::Kind::Truncated; });
    QVERIFY(truncated != tree.lints.cend());
    QCOMPARE(truncated->offset, 4); // the varint of field 2 starts there and never ends
    QVERIFY(truncated->isError());
    // What comes before the break still decodes.
    QCOMPARE(inspector->treeModel()->index(0, WireTreeModel::ValueColumn).data().toString(),
        QStringLiteral("150"));
    auto *lints = inspector->findChild<QListWidget *>(QStringLiteral("wireLints"));
    bool listed = false;
    for (int row = 0; row < lints->count(); ++row)
        listed = listed || lints->item(row)->data(Qt::UserRole).toLongLong() == 4;
    QVERIFY(listed);
}

void WireInspectorTest::undoRestoresTheExactBytes()
{
    const auto inspector = openPasted(hex("08 96 01 10 02"), TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    QSignalSpy edited(inspector.get(), &WireInspector::bytesEdited);
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 4, false));
    QTest::keyClicks(hexView, QStringLiteral("7f"));
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01 10 7f"));
    QTest::keyClick(hexView, Qt::Key_Backspace); // the byte before the caret, 7f
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01 10"));
    QUndoStack *undo = inspector->undoStack();
    QCOMPARE(undo->count(), 2);
    const int before = int(edited.count());
    undo->undo();
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01 10 7f"));
    undo->undo();
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01 10 02"));
    QCOMPARE(inspector->wireLayout()->tree().bytes, hex("08 96 01 10 02"));
    QCOMPARE(hexView->caret(), 4); // where the undone edit began
    undo->redo();
    undo->redo();
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01 10"));
    QCOMPARE(edited.count(), before + 4);
    // New bytes from outside start a new history.
    inspector->setBytes(WireInspector::Source::Pasted, hex("08 01"), TicksRequest);
    QCOMPARE(undo->count(), 0);
}

void WireInspectorTest::undoShortcutWorksInTheInspector()
{
    const auto inspector = openPasted(hex("08 96 01"), TicksRequest);
    QVERIFY(QTest::qWaitForWindowActive(inspector.get()));
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    hexView->setFocus();
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 1, true));
    QTest::keyClick(hexView, Qt::Key_7);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 97 01"));
    QTest::keyClick(hexView, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 96 01"));
    QVERIFY(inspector->undoStack()->canRedo());
}

void WireInspectorTest::editingTheRequestEditsACopy()
{
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    auto *summary = inspector->findChild<QLabel *>(QStringLiteral("wireSummary"));
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 1, true));
    QTest::keyClick(hexView, Qt::Key_7);
    QCOMPARE(inspector->source(), WireInspector::Source::Pasted);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 97 01"));
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Request), hex("08 96 01"));
    QCOMPARE(inspector->typeName(), TicksRequest);
    QVERIFY2(summary->text().startsWith(QStringLiteral("edited copy of request body")),
        qPrintable(summary->text()));
    // The copy is edited in place from now on; the request keeps changing on its own.
    QTest::keyClicks(hexView, QStringLiteral("00"));
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 97 00"));
    inspector->setBytes(WireInspector::Source::Request, hex("08 01"), TicksRequest);
    QCOMPARE(inspector->wireLayout()->tree().bytes, hex("08 97 00"));
    // The copy and the digits typed into it are one step: undoing it goes back to the
    // request as it is now, and the pasted source to what it held.
    QCOMPARE(inspector->undoStack()->count(), 1);
    inspector->undoStack()->undo();
    QCOMPARE(inspector->source(), WireInspector::Source::Request);
    QCOMPARE(inspector->wireLayout()->tree().bytes, hex("08 01"));
    QVERIFY(inspector->sourceBytes(WireInspector::Source::Pasted).isEmpty());
    QVERIFY(!summary->text().contains(QStringLiteral("edited copy")));
    inspector->undoStack()->redo();
    QCOMPARE(inspector->source(), WireInspector::Source::Pasted);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 97 00"));
    QVERIFY(summary->text().startsWith(QStringLiteral("edited copy of request body")));
}

void WireInspectorTest::valueEditChangesTheBytes()
{
    const auto inspector = openPasted(hex("08 01"), TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    WireTreeModel *model = inspector->treeModel();
    const QModelIndex field = model->index(0, 0);
    const QModelIndex value
        = findRow(*model, field, 0, QStringLiteral("value")).siblingAtColumn(WireTreeModel::ValueColumn);
    QVERIFY(value.isValid());
    QVERIFY(model->flags(value) & Qt::ItemIsEditable);
    QVERIFY(!(model->flags(field.siblingAtColumn(WireTreeModel::ValueColumn)) & Qt::ItemIsEditable));
    QCOMPARE(value.data(Qt::EditRole).toString(), QStringLiteral("1"));
    QSignalSpy requested(model, &WireTreeModel::valueEditRequested);
    QVERIFY(model->setData(value, QStringLiteral("-1"), Qt::EditRole));
    QCOMPARE(requested.count(), 1);
    // An int32 -1 is sign-extended to ten bytes; nothing around it has a length to rewrite.
    QTRY_COMPARE(
        inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 ff ff ff ff ff ff ff ff ff 01"));
    QCOMPARE(rangesText(hexView->highlights()), QStringLiteral("1+10"));
    QCOMPARE(model->index(0, WireTreeModel::ValueColumn).data().toString(), QStringLiteral("-1"));
    QCOMPARE(inspector->undoStack()->count(), 1);
    // The edited value stays selected.
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    QCOMPARE(tree->currentIndex().siblingAtColumn(0).data().toString(), QStringLiteral("value"));
    QCOMPARE(hexView->selection().length, 10);
    inspector->undoStack()->undo();
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 01"));
    QVERIFY(hexView->highlights().isEmpty());
}

void WireInspectorTest::refusedValueEditKeepsTheBytes()
{
    const auto inspector = openPasted(hex("08 01"), TicksRequest);
    auto *error = inspector->findChild<QLabel *>(QStringLiteral("editError"));
    QVERIFY(error && error->text().isEmpty());
    WireTreeModel *model = inspector->treeModel();
    const QModelIndex value = findRow(*model, model->index(0, 0), 0, QStringLiteral("value"))
                                  .siblingAtColumn(WireTreeModel::ValueColumn);
    QSignalSpy edited(inspector.get(), &WireInspector::bytesEdited);
    QVERIFY(model->setData(value, QStringLiteral("twelve"), Qt::EditRole));
    QTRY_VERIFY(!error->text().isEmpty());
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 01"));
    QCOMPARE(edited.count(), 0);
    QCOMPARE(inspector->undoStack()->count(), 0);
    // The next edit that works clears the message.
    QVERIFY(model->setData(value, QStringLiteral("2"), Qt::EditRole));
    QTRY_COMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 02"));
    QVERIFY(error->text().isEmpty());
}

void WireInspectorTest::longStringIsEditedWhole()
{
    // Past the 32,767 characters a stock line edit holds: it would cut the string short.
    const QByteArray text(40000, 'a');
    const auto inspector = openPasted(stringField(text), Everything);
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    const QModelIndex value = firstValue(*inspector->treeModel());
    QVERIFY(value.isValid());
    tree->setCurrentIndex(value);
    tree->edit(value);
    auto *editor = qobject_cast<QLineEdit *>(tree->indexWidget(value));
    QVERIFY(editor);
    QCOMPARE(editor->maxLength(), std::numeric_limits<int>::max());
    QCOMPARE(editor->text().size(), 40000);
    editor->end(false);
    QTest::keyClick(editor, Qt::Key_B);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), stringField(QByteArray(text + 'b')));
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted).left(4), hex("72 c1 b8 02"));
    QCOMPARE(inspector->undoStack()->count(), 1);
}

void WireInspectorTest::tooLongValueIsLeftToTheHexPane()
{
    const QByteArray text(70000, 'a');
    const auto inspector = openPasted(stringField(text), Everything);
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    auto *error = inspector->findChild<QLabel *>(QStringLiteral("editError"));
    const QModelIndex value = firstValue(*inspector->treeModel());
    QVERIFY(value.isValid());
    QVERIFY(WireSwatchDelegate::isTooLongToEdit(value));
    const QString refusal = QStringLiteral("This value is %1 bytes long: edit its bytes in the hex pane.")
                                .arg(QLocale().toString(70000));
    // F2, the Edit Value action, opens no editor and says why.
    tree->setCurrentIndex(value);
    QAction *editAction = nullptr;
    for (QAction *action : tree->actions()) {
        if (action->shortcut() == QKeySequence(Qt::Key_F2))
            editAction = action;
    }
    QVERIFY(editAction);
    editAction->trigger();
    QVERIFY(!tree->indexWidget(value));
    QCOMPARE(error->text(), refusal);
    // A double click or any other trigger asks the delegate, which refuses the same way.
    error->clear();
    auto *delegate = qobject_cast<WireSwatchDelegate *>(tree->itemDelegate());
    QVERIFY(delegate);
    QSignalSpy refused(delegate, &WireSwatchDelegate::valueTooLong);
    QCOMPARE(delegate->createEditor(tree->viewport(), QStyleOptionViewItem(), value), nullptr);
    QCOMPARE(refused.count(), 1);
    QCOMPARE(error->text(), refusal);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), stringField(text));
    QCOMPARE(inspector->undoStack()->count(), 0);
}

void WireInspectorTest::unchangedValueIsNoEdit()
{
    // C3 28 is not UTF-8: the tree shows U+FFFD, which encodes as EF BF BD, not as C3.
    const QByteArray bytes = hex("72 02 c3 28");
    const auto inspector = openPasted(bytes, Everything);
    auto *tree = inspector->findChild<QTreeView *>(QStringLiteral("wireTree"));
    WireTreeModel *model = inspector->treeModel();
    QSignalSpy edited(inspector.get(), &WireInspector::bytesEdited);
    const QModelIndex value = firstValue(*model);
    QVERIFY(value.isValid());
    tree->setCurrentIndex(value);
    tree->edit(value);
    auto *editor = qobject_cast<QLineEdit *>(tree->indexWidget(value));
    QVERIFY(editor);
    const QString shown = QStringLiteral("\uFFFD(");
    QCOMPARE(editor->text(), shown);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(!tree->indexWidget(value)); // the delegate commits and closes a moment later
    // The same text handed to the model directly is no edit either.
    QSignalSpy requested(model, &WireTreeModel::valueEditRequested);
    QVERIFY(model->setData(value, shown, Qt::EditRole));
    QCOMPARE(requested.count(), 1);
    QCoreApplication::sendPostedEvents(); // the inspector takes the edit up once the editor is gone
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), bytes);
    QCOMPARE(inspector->wireLayout()->tree().bytes, bytes);
    QCOMPARE(inspector->undoStack()->count(), 0);
    QCOMPARE(edited.count(), 0);
}

void WireInspectorTest::undoStepsKeepOnlyTheEdit()
{
    // 64 KiB of "#1 = 150": a step holding a copy of the input would hold all of it.
    QByteArray bytes;
    while (bytes.size() < 64 * 1024)
        bytes += hex("08 96 01");
    const auto inspector = openPasted(bytes, TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    QUndoStack *undo = inspector->undoStack();
    // The second field's 150 (96 01) becomes 1 (01): the smallest change is the 96 at byte 4
    // taken out, even though the value was re-encoded whole.
    WireTreeModel *model = inspector->treeModel();
    QVERIFY(
        model->setData(model->indexAt(4).siblingAtColumn(WireTreeModel::ValueColumn), QStringLiteral("1")));
    QByteArray valueEdited = bytes;
    valueEdited.remove(4, 1);
    QTRY_COMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), valueEdited);
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 1, false));
    QTest::keyClick(hexView, Qt::Key_Delete);
    QByteArray deleted = valueEdited;
    deleted.remove(1, 1);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), deleted);
    QCOMPARE(undo->count(), 2);
    for (int i = 0; i < undo->count(); ++i) {
        const auto *step = dynamic_cast<const WireEditCommand *>(undo->command(i));
        QVERIFY(step);
        QCOMPARE(step->storedBytes(), 1);
    }
    undo->undo();
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), valueEdited);
    undo->undo();
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), bytes);
    undo->redo();
    undo->redo();
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), deleted);
}

void WireInspectorTest::editingAFramedRequestLeavesTheFrameOut()
{
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    WireTreeModel *model = inspector->treeModel();
    inspector->setGrpcFrame(true);
    // The 96 is byte 6 behind the five bytes of prefix the view adds.
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 6, true));
    QTest::keyClick(hexView, Qt::Key_7);
    QCOMPARE(inspector->source(), WireInspector::Source::Pasted);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 97 01"));
    QCOMPARE(inspector->wireLayout()->tree().bytes, hex("00 00 00 00 03 08 97 01"));
    QCOMPARE(hexView->caret(), 7);
    // A value edit re-encodes the copy, and the frame shown around it has the new length.
    const QModelIndex value = model->indexAt(6).siblingAtColumn(WireTreeModel::ValueColumn);
    QCOMPARE(value.data(Qt::EditRole).toString(), QStringLiteral("151"));
    QVERIFY(model->setData(value, QStringLiteral("-1")));
    const QByteArray minusOne = hex("08 ff ff ff ff ff ff ff ff ff 01");
    QTRY_COMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), minusOne);
    QCOMPARE(inspector->wireLayout()->tree().bytes, QByteArray(hex("00 00 00 00 0b") + minusOne));
    // Without the frame the copy is the message alone: field 1 first, no field 0 in a prefix.
    inspector->setGrpcFrame(false);
    const WireTree &tree = inspector->wireLayout()->tree();
    QCOMPARE(tree.bytes, minusOne);
    QVERIFY2(!tree.hasHardError(), qPrintable(tree.error));
    QCOMPARE(tree.spans.first().fieldNumber, 1);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("#1 count"));
    inspector->setGrpcFrame(true);
    inspector->undoStack()->undo();
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), hex("08 97 01"));
    inspector->undoStack()->undo();
    QCOMPARE(inspector->source(), WireInspector::Source::Request);
    QVERIFY(inspector->sourceBytes(WireInspector::Source::Pasted).isEmpty());
    QCOMPARE(inspector->wireLayout()->tree().bytes, hex("00 00 00 00 03 08 96 01"));
}

void WireInspectorTest::editingAShownPrefixKeepsTheCopyFramed()
{
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
    auto *hexView = inspector->findChild<HexView *>(QStringLiteral("hexView"));
    inspector->setGrpcFrame(true);
    // The compressed flag is byte 0 of the prefix: edited, the prefix is real bytes of the copy.
    QTest::mouseClick(hexView->viewport(), Qt::LeftButton, {}, digitAt(*hexView, 0, true));
    QTest::keyClick(hexView, Qt::Key_1);
    const QByteArray framed = hex("01 00 00 00 03 08 96 01");
    QCOMPARE(inspector->source(), WireInspector::Source::Pasted);
    QCOMPARE(inspector->sourceBytes(WireInspector::Source::Pasted), framed);
    QCOMPARE(inspector->wireLayout()->tree().bytes, framed);
    // Read as they are: the switch neither frames them again nor takes the prefix away.
    inspector->setGrpcFrame(false);
    QCOMPARE(inspector->wireLayout()->tree().bytes, framed);
    inspector->setGrpcFrame(true);
    inspector->undoStack()->undo();
    QCOMPARE(inspector->source(), WireInspector::Source::Request);
    QVERIFY(inspector->sourceBytes(WireInspector::Source::Pasted).isEmpty());
    QCOMPARE(inspector->wireLayout()->tree().bytes, hex("00 00 00 00 03 08 96 01"));
}

void WireInspectorTest::selectSpanFindsTheExactSpan()
{
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
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
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
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
    const auto inspector = openInspector(hex("08 96 01"), TicksRequest);
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
