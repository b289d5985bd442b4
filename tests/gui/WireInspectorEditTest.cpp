#include "WireInspectorTestSupport.h"
#include "model/wire/WireLayout.h"
#include "model/wire/WireTreeModel.h"
#include "support/TestSupport.h"
#include "ui/wire/HexView.h"
#include "ui/wire/WireEditCommand.h"
#include "ui/wire/WireInspector.h"
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

// The wire inspector as a place to experiment: bytes typed, pasted and deleted in the hex
// pane, values edited in the tree, every edit undone and redone, live sources edited as a copy.
class WireInspectorEditTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
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

private:
    SchemaPtr m_schema;
};

void WireInspectorEditTest::initTestCase()
{
    Theme::applyApplicationStyle();
    m_schema = test::demoSchema();
    QVERIFY(m_schema);
    QVERIFY(m_schema->findMessage(TicksRequest));
}

void WireInspectorEditTest::typingBytesBuildsAField()
{
    const auto inspector = openPasted(m_schema, {}, TicksRequest);
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

void WireInspectorEditTest::overwritingANibbleChangesTheValue()
{
    const auto inspector = openPasted(m_schema, hex("08 96 01"), TicksRequest);
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

void WireInspectorEditTest::insertModeInsertsAByte()
{
    const auto inspector = openPasted(m_schema, hex("08 01"), TicksRequest);
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

void WireInspectorEditTest::pastingHexOrBase64InsertsAtTheCaret()
{
    const auto inspector = openPasted(m_schema, hex("08 96 01"), TicksRequest);
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

void WireInspectorEditTest::deletingTheLastByteShowsTheTruncation()
{
    const auto inspector = openPasted(m_schema, hex("08 96 01 10 96 01"), TicksRequest);
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

void WireInspectorEditTest::undoRestoresTheExactBytes()
{
    const auto inspector = openPasted(m_schema, hex("08 96 01 10 02"), TicksRequest);
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

void WireInspectorEditTest::undoShortcutWorksInTheInspector()
{
    const auto inspector = openPasted(m_schema, hex("08 96 01"), TicksRequest);
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

void WireInspectorEditTest::editingTheRequestEditsACopy()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
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

void WireInspectorEditTest::valueEditChangesTheBytes()
{
    const auto inspector = openPasted(m_schema, hex("08 01"), TicksRequest);
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

void WireInspectorEditTest::refusedValueEditKeepsTheBytes()
{
    const auto inspector = openPasted(m_schema, hex("08 01"), TicksRequest);
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

void WireInspectorEditTest::longStringIsEditedWhole()
{
    // Past the 32,767 characters a stock line edit holds: it would cut the string short.
    const QByteArray text(40000, 'a');
    const auto inspector = openPasted(m_schema, stringField(text), Everything);
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

void WireInspectorEditTest::tooLongValueIsLeftToTheHexPane()
{
    const QByteArray text(70000, 'a');
    const auto inspector = openPasted(m_schema, stringField(text), Everything);
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

void WireInspectorEditTest::unchangedValueIsNoEdit()
{
    // C3 28 is not UTF-8: the tree shows U+FFFD, which encodes as EF BF BD, not as C3.
    const QByteArray bytes = hex("72 02 c3 28");
    const auto inspector = openPasted(m_schema, bytes, Everything);
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

void WireInspectorEditTest::undoStepsKeepOnlyTheEdit()
{
    // 64 KiB of "#1 = 150": a step holding a copy of the input would hold all of it.
    QByteArray bytes;
    while (bytes.size() < 64 * 1024)
        bytes += hex("08 96 01");
    const auto inspector = openPasted(m_schema, bytes, TicksRequest);
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

void WireInspectorEditTest::editingAFramedRequestLeavesTheFrameOut()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
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

void WireInspectorEditTest::editingAShownPrefixKeepsTheCopyFramed()
{
    const auto inspector = openInspector(m_schema, hex("08 96 01"), TicksRequest);
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

QTEST_MAIN(WireInspectorEditTest)
#include "WireInspectorEditTest.moc"
