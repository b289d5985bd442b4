#include "model/lab/ProtoSnippet.h"
#include "model/lab/WireCompareModel.h"
#include "model/wire/WireLayout.h"
#include "ui/lab/CompareWindow.h"
#include "ui/lab/EncodingColumn.h"
#include "ui/lab/EvolutionWindow.h"
#include "ui/lab/JsonBytesPane.h"
#include "ui/wire/HexView.h"
#include "ui/workbench/Theme.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace wirescope;

namespace {

const QString NegativeInt = QStringLiteral("negative-int");
const QString Packed = QStringLiteral("packed");

QString tooLarge(int bytes)
{
    return QStringLiteral(
        "%1 bytes: too large to compare here; open it in the wire inspector (View \u2192 Wire Inspector)")
        .arg(bytes);
}

// {"values": [100000, 100000, …]}: as an unpacked repeated int32 each takes a tag and a
// three-byte varint, so 20,000 of them take 80,000 bytes, past the lab's 64 KB.
QString manyValues()
{
    QStringList values;
    for (int i = 0; i < 20000; ++i)
        values.append(QStringLiteral("100000"));
    return QStringLiteral("{\"values\": [%1]}").arg(values.join(QStringLiteral(", ")));
}

enum ChangeColumn { VerdictColumn, KindColumn, FieldColumn, WriterColumn, ReaderColumn };

QString personProto()
{
    return QStringLiteral("syntax = \"proto3\";\n\npackage lab.test;\n\n"
                          "message Person {\n  string name = 1;\n  int32 id = 2;\n}\n");
}

template<typename T> T *child(const QWidget &window, const char *name)
{
    return window.findChild<T *>(QString::fromLatin1(name));
}

QString sideSize(const QWidget &window, int side)
{
    auto *label = window.findChild<QLabel *>(QStringLiteral("sideSize%1").arg(side));
    return label ? label->text() : QStringLiteral("(no label)");
}

QByteArray sideHex(const QWidget &window, int side)
{
    auto *column = window.findChild<EncodingColumn *>(QStringLiteral("side%1").arg(side));
    if (!column || !column->wireLayout())
        return "(no bytes)";
    return column->wireLayout()->tree().bytes.toHex(' ');
}

QPlainTextEdit *sideJson(const QWidget &window, int side)
{
    return window.findChild<QPlainTextEdit *>(QStringLiteral("sideJson%1").arg(side));
}

QList<QTreeWidgetItem *> changesOfKind(const QTreeWidget &list, const QString &kind)
{
    QList<QTreeWidgetItem *> found;
    for (int i = 0; i < list.topLevelItemCount(); ++i) {
        if (list.topLevelItem(i)->text(KindColumn) == kind)
            found.append(list.topLevelItem(i));
    }
    return found;
}

} // namespace

// The encoding lab's two windows, driven as a class would drive them: a preset comparison
// and its edits, a message's JSON linked to its bytes both ways, and a schema change read in
// both directions with a typo in the middle.
class LabWindowsTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void negativeOneTakesElevenTwoAndFiveBytes();
    void editingAColumnReencodes();
    void invalidJsonKeepsTheLastBytes();
    void selectingARowOutlinesEveryColumn();
    void unknownPresetIsRefused();
    void tooLargeMessageKeepsTheLastBytes();
    void clickingJsonSelectsItsBytes();
    void clickingAByteSelectsItsJson();
    void tooLargeMessageIsNotLinked();
    void evolutionExampleIsBreaking();
    void swapTurnsAddedIntoRemoved();
    void protoTypoKeepsTheLastReading();
    void emptyMessageShowsBothVerdicts();
    void tooLargeWriterMessageKeepsTheReading();

private:
    std::unique_ptr<CompareWindow> openCompare(const SchemaPtr &schema);
    std::unique_ptr<CompareWindow> openPersonJson();
    std::unique_ptr<EvolutionWindow> openEvolution();
};

void LabWindowsTest::initTestCase()
{
    Theme::applyApplicationStyle();
}

std::unique_ptr<CompareWindow> LabWindowsTest::openCompare(const SchemaPtr &schema)
{
    auto window = std::make_unique<CompareWindow>(schema);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

// The user's own schema, a Person typed in JSON mode: 0a 03 41 64 61 10 96 01.
std::unique_ptr<CompareWindow> LabWindowsTest::openPersonJson()
{
    const ProtoSnippetResult person = ProtoSnippet::compile(personProto());
    if (!person.ok()) {
        qWarning("%s", qPrintable(joinDiagnostics(person.diagnostics)));
        return nullptr;
    }
    auto window = openCompare(person.schema);
    if (!window || !window->showPreset(CompareWindow::CustomId))
        return nullptr;
    window->setMode(CompareWindow::Mode::JsonBesideBytes);
    auto *input = child<QPlainTextEdit>(*window, "linkInput");
    if (!input)
        return nullptr;
    input->setPlainText(QStringLiteral("{\"name\": \"Ada\", \"id\": 150}"));
    // Linked when typing pauses.
    auto *linked = child<QPlainTextEdit>(*window, "linkedJson");
    if (!linked
        || !QTest::qWaitFor([linked] { return linked->toPlainText().contains(QStringLiteral("Ada")); }))
        return nullptr;
    return window;
}

std::unique_ptr<EvolutionWindow> LabWindowsTest::openEvolution()
{
    auto window = std::make_unique<EvolutionWindow>(nullptr);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

void LabWindowsTest::negativeOneTakesElevenTwoAndFiveBytes()
{
    const auto window = openCompare(nullptr);
    QVERIFY(window);
    QVERIFY(window->showPreset(NegativeInt));
    auto *chooser = child<QComboBox>(*window, "presetChooser");
    QVERIFY(chooser);
    QCOMPARE(chooser->currentData().toString(), NegativeInt);
    QCOMPARE(chooser->itemText(chooser->count() - 1), QStringLiteral("Your own messages"));
    QCOMPARE(sideSize(*window, 0), QStringLiteral("11 bytes"));
    QCOMPARE(sideSize(*window, 1), QStringLiteral("2 bytes"));
    QCOMPARE(sideSize(*window, 2), QStringLiteral("5 bytes"));
    QCOMPARE(sideHex(*window, 0), QByteArray("08 ff ff ff ff ff ff ff ff ff 01"));
    QCOMPARE(sideHex(*window, 1), QByteArray("08 01"));
    QCOMPARE(sideHex(*window, 2), QByteArray("0d ff ff ff ff"));
    QVERIFY(!window->findChild<EncodingColumn *>(QStringLiteral("side3")));

    auto *rows = child<QTreeView>(*window, "compareRows");
    QVERIFY(rows);
    auto *model = qobject_cast<WireCompareModel *>(rows->model());
    QVERIFY(model);
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->columnCount(), 8);
    const QModelIndex row = model->index(0, 0);
    QCOMPARE(row.data().toString(), QStringLiteral("#1 value"));
    QVERIFY(!row.siblingAtColumn(model->noteColumn()).data().toString().isEmpty());
    QVERIFY(!child<QLabel>(*window, "compareExplanation")->text().isEmpty());
}

void LabWindowsTest::editingAColumnReencodes()
{
    const auto window = openCompare(nullptr);
    QVERIFY(window);
    QVERIFY(window->showPreset(NegativeInt));
    QPlainTextEdit *json = sideJson(*window, 0);
    QVERIFY(json);
    json->setPlainText(QStringLiteral("{\"value\": 1}"));
    // Encoded when typing pauses, not on every key.
    QCOMPARE(sideSize(*window, 0), QStringLiteral("11 bytes"));
    QTRY_COMPARE(sideSize(*window, 0), QStringLiteral("2 bytes"));
    QCOMPARE(sideHex(*window, 0), QByteArray("08 01"));
    QCOMPARE(sideSize(*window, 1), QStringLiteral("2 bytes")); // the other columns are left alone
    auto *model = qobject_cast<WireCompareModel *>(child<QTreeView>(*window, "compareRows")->model());
    QVERIFY(model);
    const QModelIndex row = model->index(0, 0);
    QCOMPARE(
        row.siblingAtColumn(WireCompareModel::sizeColumn(0)).data(WireCompareModel::LengthRole).toLongLong(),
        2);
    QCOMPARE(
        row.siblingAtColumn(WireCompareModel::sizeColumn(2)).data(WireCompareModel::LengthRole).toLongLong(),
        5);
}

void LabWindowsTest::invalidJsonKeepsTheLastBytes()
{
    const auto window = openCompare(nullptr);
    QVERIFY(window);
    QVERIFY(window->showPreset(NegativeInt));
    auto *error = child<QLabel>(*window, "sideError0");
    QVERIFY(error);
    QVERIFY(error->isHidden());
    sideJson(*window, 0)->setPlainText(QStringLiteral("{\"value\": "));
    QTRY_VERIFY(!error->isHidden());
    QVERIFY(!error->text().isEmpty());
    QCOMPARE(sideSize(*window, 0), QStringLiteral("11 bytes"));
    QCOMPARE(sideHex(*window, 0), QByteArray("08 ff ff ff ff ff ff ff ff ff 01"));
    sideJson(*window, 0)->setPlainText(QStringLiteral("{\"value\": 300}"));
    QTRY_COMPARE(sideHex(*window, 0), QByteArray("08 ac 02"));
    QVERIFY(error->isHidden());
}

void LabWindowsTest::selectingARowOutlinesEveryColumn()
{
    const auto window = openCompare(nullptr);
    QVERIFY(window);
    QVERIFY(window->showPreset(NegativeInt));
    auto *rows = child<QTreeView>(*window, "compareRows");
    rows->setCurrentIndex(rows->model()->index(0, 0));
    const qint64 lengths[] = {11, 2, 5};
    for (int side = 0; side < 3; ++side) {
        auto *hex = window->findChild<HexView *>(QStringLiteral("sideHex%1").arg(side));
        QVERIFY(hex);
        QCOMPARE(hex->selection().offset, 0);
        QCOMPARE(hex->selection().length, lengths[side]);
    }
    // An edit re-aligns and keeps the same field outlined, at its new size.
    sideJson(*window, 0)->setPlainText(QStringLiteral("{\"value\": 1}"));
    QTRY_COMPARE(window->findChild<HexView *>(QStringLiteral("sideHex0"))->selection().length, 2);
    // A click on a byte picks the row back.
    rows->setCurrentIndex({});
    auto *hex = window->findChild<HexView *>(QStringLiteral("sideHex2"));
    QTest::mouseClick(hex->viewport(), Qt::LeftButton, {}, hex->hexCellRect(3).center());
    QCOMPARE(rows->currentIndex().row(), 0);
    QCOMPARE(hex->selection().length, 5);
}

void LabWindowsTest::unknownPresetIsRefused()
{
    const auto window = openCompare(nullptr);
    QVERIFY(window);
    QVERIFY(!window->showPreset(QStringLiteral("no-such-comparison")));
    QVERIFY(window->showPreset(CompareWindow::CustomId));
    // Without a loaded schema there is nothing to encode: the columns say so.
    auto *error = child<QLabel>(*window, "sideError0");
    QVERIFY(!error->isHidden());
    QCOMPARE(sideHex(*window, 0), QByteArray("(no bytes)"));
}

void LabWindowsTest::tooLargeMessageKeepsTheLastBytes()
{
    const auto window = openCompare(nullptr);
    QVERIFY(window);
    QVERIFY(window->showPreset(Packed));
    auto *error = child<QLabel>(*window, "sideError1");
    auto *rows = child<QTreeView>(*window, "compareRows");
    QVERIFY(error && rows);
    QCOMPARE(sideHex(*window, 1), QByteArray("08 01 08 02 08 03")); // unpacked 1, 2, 3
    const int rowCount = rows->model()->rowCount();
    QCOMPARE(rowCount, 3);
    sideJson(*window, 1)->setPlainText(manyValues());
    QTRY_COMPARE(error->text(), tooLarge(80000));
    QVERIFY(!error->isHidden());
    // Not annotated, not aligned: the last good bytes and rows stay.
    QCOMPARE(sideHex(*window, 1), QByteArray("08 01 08 02 08 03"));
    QCOMPARE(sideSize(*window, 1), QStringLiteral("6 bytes"));
    QCOMPARE(rows->model()->rowCount(), rowCount);
    // A small message again is encoded after the pause, and the error goes.
    sideJson(*window, 1)->setPlainText(QStringLiteral("{\"values\": [150]}"));
    QCOMPARE(sideHex(*window, 1), QByteArray("08 01 08 02 08 03"));
    QTRY_COMPARE(sideHex(*window, 1), QByteArray("08 96 01"));
    QVERIFY(error->isHidden());
    // Re-aligned: the packed field pairs with the one unpacked occurrence left.
    QCOMPARE(rows->model()->rowCount(), 1);
}

void LabWindowsTest::clickingJsonSelectsItsBytes()
{
    const auto window = openPersonJson();
    QVERIFY(window);
    auto *json = child<QPlainTextEdit>(*window, "linkedJson");
    auto *hex = child<HexView>(*window, "linkedHex");
    QVERIFY(json && hex);
    QVERIFY(json->isVisible());
    const QString text = json->toPlainText();
    const int ada = int(text.indexOf(QStringLiteral("\"Ada\"")));
    QVERIFY2(ada > 0, qPrintable(text));
    QTextCursor inside(json->document());
    inside.setPosition(ada + 2);
    QTest::mouseClick(json->viewport(), Qt::LeftButton, {}, json->cursorRect(inside).center());
    QVERIFY(hex->selection().isValid());
    QCOMPARE(hex->selection().offset, 0); // 0a 03 41 64 61: tag, length, "Ada"
    QCOMPARE(hex->selection().length, 5);
    QCOMPARE(child<QLabel>(*window, "sizeSummary")->text(),
        QStringLiteral("JSON 23 bytes \u00b7 binary 8 bytes \u00b7 8/23 = 35%"));
}

void LabWindowsTest::clickingAByteSelectsItsJson()
{
    const auto window = openPersonJson();
    QVERIFY(window);
    auto *json = child<QPlainTextEdit>(*window, "linkedJson");
    auto *hex = child<HexView>(*window, "linkedHex");
    QVERIFY(json && hex);
    const QRect cell = hex->hexCellRect(6); // 96 of the id's varint 96 01, after its tag 10
    QVERIFY(!cell.isEmpty());
    QTest::mouseClick(hex->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(hex->selection().offset, 5);
    QCOMPARE(hex->selection().length, 3);
    const QList<QTextEdit::ExtraSelection> marks = json->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().cursor.selectedText(), QStringLiteral("\"id\": 150"));
    QCOMPARE(json->textCursor().position(), int(json->toPlainText().indexOf(QStringLiteral("\"id\""))));
}

void LabWindowsTest::tooLargeMessageIsNotLinked()
{
    const auto window = openPersonJson();
    QVERIFY(window);
    auto *input = child<QPlainTextEdit>(*window, "linkInput");
    auto *error = child<QLabel>(*window, "linkError");
    auto *json = child<QPlainTextEdit>(*window, "linkedJson");
    auto *summary = child<QLabel>(*window, "sizeSummary");
    QVERIFY(input && error && json && summary);
    const QString linked = json->toPlainText();
    const QString sizes = summary->text();
    // 0a, a three-byte length and 70,000 bytes of name, then 10 96 01: 70,007 bytes.
    input->setPlainText(QStringLiteral("{\"name\": \"%1\", \"id\": 150}").arg(QString(70000, u'a')));
    QTRY_COMPARE(error->text(), tooLarge(70007));
    QVERIFY(!error->isHidden());
    QCOMPARE(json->toPlainText(), linked);
    QCOMPARE(summary->text(), sizes);
    auto *pane = child<JsonBytesPane>(*window, "jsonBytesPane");
    QVERIFY(pane && pane->wireLayout());
    QCOMPARE(pane->wireLayout()->tree().bytes.toHex(' '), QByteArray("0a 03 41 64 61 10 96 01"));
    // Typing on waits for the pause before linking again.
    input->setPlainText(QStringLiteral("{\"name\": \"Bo\", \"id\": 150}"));
    QCOMPARE(json->toPlainText(), linked);
    QTRY_VERIFY(json->toPlainText().contains(QStringLiteral("\"Bo\"")));
    QVERIFY(error->isHidden());
    QCOMPARE(summary->text(), QStringLiteral("JSON 22 bytes \u00b7 binary 7 bytes \u00b7 7/22 = 32%"));
}

void LabWindowsTest::evolutionExampleIsBreaking()
{
    const auto window = openEvolution();
    QVERIFY(window);
    auto *summary = child<QLabel>(*window, "verdictSummary");
    QVERIFY(summary);
    QVERIFY2(summary->text().startsWith(QStringLiteral("Breaking")), qPrintable(summary->text()));
    auto *changes = child<QTreeWidget>(*window, "changeList");
    QVERIFY(changes);
    const QList<QTreeWidgetItem *> added = changesOfKind(*changes, QStringLiteral("Added"));
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first()->text(FieldColumn), QStringLiteral("4"));
    QCOMPARE(added.first()->text(WriterColumn), QStringLiteral("string email = 4"));
    QCOMPARE(added.first()->text(ReaderColumn), QStringLiteral("\u2014"));
    const QList<QTreeWidgetItem *> renamed = changesOfKind(*changes, QStringLiteral("Renamed"));
    QVERIFY(std::any_of(renamed.cbegin(), renamed.cend(), [](const QTreeWidgetItem *item) {
        return item->text(FieldColumn) == QStringLiteral("2")
            && item->text(ReaderColumn) == QStringLiteral("string name = 2");
    }));
    bool breakingField3 = false;
    for (int i = 0; i < changes->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = changes->topLevelItem(i);
        breakingField3 = breakingField3
            || (item->text(FieldColumn) == QStringLiteral("3")
                && item->data(VerdictColumn, Qt::UserRole).toInt()
                    == int(EvolutionChange::Verdict::Breaking));
    }
    QVERIFY(breakingField3);
    // "ada@example.com" is 15 bytes, after a tag and a length byte.
    auto *note = child<QLabel>(*window, "unknownNote");
    QVERIFY2(note->text().contains(QStringLiteral("field 4 (17 bytes)")), qPrintable(note->text()));
    QVERIFY(window->reading());
    QVERIFY(window->reading()->unknownToReader.contains(4));
    QVERIFY(child<QTreeView>(*window, "readTree")->model()->rowCount() > 0);
}

void LabWindowsTest::swapTurnsAddedIntoRemoved()
{
    const auto window = openEvolution();
    QVERIFY(window);
    auto *swap = child<QPushButton>(*window, "swapButton");
    QVERIFY(swap);
    QTest::mouseClick(swap, Qt::LeftButton);
    QVERIFY(child<QPlainTextEdit>(*window, "writerProto")
                ->toPlainText()
                .contains(QStringLiteral("int32 age = 3;")));
    QVERIFY(child<QPlainTextEdit>(*window, "readerProto")
                ->toPlainText()
                .contains(QStringLiteral("string email = 4;")));
    // The old writer prints the same bytes as far as it knows them: no email, no nickname.
    const QString json = child<QPlainTextEdit>(*window, "writerJson")->toPlainText();
    QVERIFY2(json.contains(QStringLiteral("\"name\": \"Ada\"")), qPrintable(json));
    QVERIFY2(!json.contains(QStringLiteral("email")), qPrintable(json));
    QVERIFY(child<QLabel>(*window, "writerJsonError")->isHidden());
    auto *changes = child<QTreeWidget>(*window, "changeList");
    QVERIFY(changesOfKind(*changes, QStringLiteral("Added")).isEmpty());
    const QList<QTreeWidgetItem *> removed = changesOfKind(*changes, QStringLiteral("Removed"));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first()->text(FieldColumn), QStringLiteral("4"));
    QCOMPARE(removed.first()->text(ReaderColumn), QStringLiteral("string email = 4"));
    QVERIFY(window->reading()->unknownToReader.isEmpty());
    QVERIFY(!child<QLabel>(*window, "unknownNote")->text().contains(QStringLiteral("field 4")));
}

void LabWindowsTest::protoTypoKeepsTheLastReading()
{
    const auto window = openEvolution();
    QVERIFY(window);
    auto *reader = child<QPlainTextEdit>(*window, "readerProto");
    auto *errors = child<QListWidget>(*window, "readerProtoErrors");
    auto *changes = child<QTreeWidget>(*window, "changeList");
    QVERIFY(reader && errors && changes);
    const int changeCount = changes->topLevelItemCount();
    QVERIFY(changeCount > 0);
    const QString good = reader->toPlainText();
    const int line = int(good.left(good.indexOf(QStringLiteral("int32 age = 3;"))).count(u'\n')) + 1;
    QVERIFY(line > 1);
    QString typo = good;
    typo.replace(QStringLiteral("int32 age = 3;"), QStringLiteral("int32 age 3;"));
    reader->setPlainText(typo);
    QTRY_VERIFY(errors->count() > 0);
    QVERIFY2(errors->item(0)->text().startsWith(QStringLiteral("%1:").arg(line)),
        qPrintable(errors->item(0)->text()));
    QVERIFY(errors->item(0)->text().contains(QRegularExpression(QStringLiteral("^\\d+:\\d+: "))));
    QVERIFY(child<QLabel>(*window, "verdictSummary")->text().startsWith(QStringLiteral("Breaking")));
    QCOMPARE(changes->topLevelItemCount(), changeCount);
    // Fixed again, it compiles without a word.
    reader->setPlainText(good);
    QTRY_COMPARE(errors->count(), 0);
    QCOMPARE(changes->topLevelItemCount(), changeCount);
}

void LabWindowsTest::emptyMessageShowsBothVerdicts()
{
    const auto window = openEvolution();
    QVERIFY(window);
    auto *json = child<QPlainTextEdit>(*window, "writerJson");
    auto *summary = child<QLabel>(*window, "verdictSummary");
    auto *changes = child<QTreeWidget>(*window, "changeList");
    QVERIFY(json && summary && changes);
    const QString before = summary->text();
    QVERIFY2(before.startsWith(QStringLiteral("Breaking: ")), qPrintable(before));
    const int changeCount = changes->topLevelItemCount();
    // An empty message reads the same under any change, but the schema still breaks others.
    json->setPlainText(QStringLiteral("{}"));
    QCOMPARE(summary->text(), before); // read again when typing pauses
    QTRY_VERIFY(window->reading() && window->reading()->asWritten.bytes.isEmpty());
    QCOMPARE(summary->text(),
        QStringLiteral("For this message: same. For the schema: breaking \u2014 a message that sets the "
                       "breaking fields below is rejected, or read wrong without notice."));
    QCOMPARE(window->reading()->worst, EvolutionChange::Verdict::Same);
    QCOMPARE(changes->topLevelItemCount(), changeCount);
    QCOMPARE(child<QLabel>(*window, "unknownNote")->text(),
        QStringLiteral("The reader knows every field in these bytes."));
}

void LabWindowsTest::tooLargeWriterMessageKeepsTheReading()
{
    const auto window = openEvolution();
    QVERIFY(window);
    auto *json = child<QPlainTextEdit>(*window, "writerJson");
    auto *error = child<QLabel>(*window, "writerJsonError");
    QVERIFY(json && error && window->reading());
    const QByteArray written = window->reading()->asWritten.bytes;
    QVERIFY(!written.isEmpty());
    // 12, a three-byte length and 70,000 bytes of display_name: 70,004 bytes.
    json->setPlainText(QStringLiteral("{\"displayName\": \"%1\"}").arg(QString(70000, u'a')));
    QTRY_COMPARE(error->text(), tooLarge(70004));
    QVERIFY(!error->isHidden());
    QCOMPARE(window->reading()->asWritten.bytes, written);
    QVERIFY(child<QLabel>(*window, "verdictSummary")->text().startsWith(QStringLiteral("Breaking: ")));
}

QTEST_MAIN(LabWindowsTest)
#include "LabWindowsTest.moc"
