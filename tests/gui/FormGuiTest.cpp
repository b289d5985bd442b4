#include "model/form/MessageFormModel.h"
#include "model/frames/FramesModel.h"
#include "model/request/RequestBodyCheck.h"
#include "rpc/demo/DemoServer.h"
#include "support/TestSupport.h"
#include "tests/core/LibrarySchema.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/form/AnyTypePicker.h"
#include "ui/form/FieldMaskEdit.h"
#include "ui/form/FieldMaskPicker.h"
#include "ui/form/MessageFormView.h"
#include "ui/form/TimestampEdit.h"
#include "ui/request/RequestTab.h"
#include "ui/workbench/MainWindow.h"
#include "ui/workbench/Theme.h"

#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimeEdit>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace wirescope;
using namespace wirescope::GuiTest;

// The request form against a real in-process demo server: a nested request is filled in
// through the form's editors and buttons only, sent, and comes back echoed; JSON typed in
// the editor reaches the form, and invalid JSON is kept until the form is edited. The
// well-known types' editors (an Any's type picker, a Timestamp's calendar, a FieldMask's
// path picker) are driven on a form view of their own.
class FormGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void fillsANestedRequestAndSendsIt();
    void jsonAndFormStayInStep();
    void aLargeBodyIsCheckedOnAWorker();
    void aLargeResponseIsPrintedOnAWorker();
    void picksAnAnyTypeAndSendsIt();
    void anyPickerSearchesAndClears();
    void timestampEditorPicksFromTheCalendar();
    void fieldMaskPickerChecksPaths();
    void composesBidiMessagesInTheForm();

private:
    struct Form {
        MessageFormModel model;
        MessageFormView view {&model};
    };
    std::unique_ptr<Form> openForm(const SchemaPtr &schema, const QString &type);
    std::unique_ptr<MainWindow> openEcho();
    QTreeView *showForm(const MainWindow &window);
    void type(QTreeView *tree, const QString &path, const QString &text);
    void choose(QTreeView *tree, const QString &path, const QString &item);
    QModelIndex valueAt(QTreeView *tree, const QString &path);
    void saveScreenshot(QWidget *widget, const QString &name);

    DemoServer m_demo;
};

void FormGuiTest::initTestCase()
{
    Theme::applyApplicationStyle();
    QString error;
    QVERIFY2(m_demo.start(DemoServer::Options {}, &error), qPrintable(error));
}

void FormGuiTest::init()
{
    isolateSettings();
}

void FormGuiTest::cleanupTestCase()
{
    m_demo.stop();
}

std::unique_ptr<MainWindow> FormGuiTest::openEcho()
{
    MainWindow::Startup startup;
    startup.target = m_demo.address();
    startup.isDemo = true;
    auto window = std::make_unique<MainWindow>(startup);
    window->resize(1400, 860);
    window->show();
    if (!QTest::qWaitFor([&] { return hasMethod(*window, EchoMethod); }, 15000))
        return nullptr;
    window->openMethod(EchoMethod);
    if (!QTest::qWaitFor([&] { return currentTabTitle(*window).startsWith(QStringLiteral("Echo")); }))
        return nullptr;
    return window;
}

QTreeView *FormGuiTest::showForm(const MainWindow &window)
{
    auto *modes = inCurrentTab<QTabWidget>(window, "bodyModeTabs");
    if (!modes)
        return nullptr;
    modes->setCurrentWidget(inCurrentTab<QWidget>(window, "formView"));
    return inCurrentTab<QTreeView>(window, "formTree");
}

QModelIndex FormGuiTest::valueAt(QTreeView *tree, const QString &path)
{
    auto *model = qobject_cast<MessageFormModel *>(tree->model());
    const QModelIndex index = model->indexOfPath(path);
    // Expanding through the view is what a person does; it also fetches the rows.
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        tree->expand(parent);
    return index.siblingAtColumn(MessageFormModel::ValueColumn);
}

template<typename T> T *visibleEditor(QTreeView *tree)
{
    for (T *editor : tree->findChildren<T *>()) {
        if (editor->isVisible())
            return editor;
    }
    return nullptr;
}

void FormGuiTest::type(QTreeView *tree, const QString &path, const QString &text)
{
    const QModelIndex index = valueAt(tree, path);
    QVERIFY2(index.isValid(), qPrintable(path));
    tree->scrollTo(index);
    tree->setCurrentIndex(index);
    tree->edit(index);
    QLineEdit *edit = nullptr;
    QTRY_VERIFY((edit = visibleEditor<QLineEdit>(tree)) != nullptr);
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(!visibleEditor<QLineEdit>(tree));
}

void FormGuiTest::choose(QTreeView *tree, const QString &path, const QString &item)
{
    const QModelIndex index = valueAt(tree, path);
    QVERIFY2(index.isValid(), qPrintable(path));
    tree->scrollTo(index);
    tree->setCurrentIndex(index);
    tree->edit(index);
    QComboBox *combo = nullptr;
    QTRY_VERIFY((combo = visibleEditor<QComboBox>(tree)) != nullptr);
    const int found = combo->findText(item);
    QVERIFY2(found >= 0, qPrintable(item));
    combo->setCurrentIndex(found);
    QTest::keyClick(combo, Qt::Key_Return);
    QTRY_VERIFY(!visibleEditor<QComboBox>(tree));
}

void FormGuiTest::saveScreenshot(QWidget *widget, const QString &name)
{
    const QPixmap shot = widget->grab();
    QVERIFY(!shot.isNull());
    // Kept only where asked for, so a test run never leaves pictures in the source tree.
    const QString dir = qEnvironmentVariable("WIRESCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(shot.save(dir + u'/' + name));
}

void FormGuiTest::fillsANestedRequestAndSendsIt()
{
    const auto window = openEcho();
    QVERIFY(window);
    editor(*window)->setText(QStringLiteral("{}"));
    QTreeView *tree = showForm(*window);
    QVERIFY(tree);
    auto *model = qobject_cast<MessageFormModel *>(tree->model());
    QVERIFY(model);
    QTRY_COMPARE(model->toJson().trimmed(), QByteArray("{}"));

    type(tree, QStringLiteral("f_string"), QStringLiteral("from the form"));
    type(tree, QStringLiteral("f_int64"), QStringLiteral("9223372036854775807"));
    type(tree, QStringLiteral("f_double"), QStringLiteral("-Infinity"));
    type(tree, QStringLiteral("address.city"), QStringLiteral("Tromso"));
    choose(tree, QStringLiteral("mood"), QStringLiteral("MOOD_HAPPY (1)"));
    choose(tree, QStringLiteral("contact"), QStringLiteral("email"));
    type(tree, QStringLiteral("email"), QStringLiteral("ada@example.org"));
    type(tree, QStringLiteral("created_at"), QStringLiteral("2024-05-01T12:30:00Z"));

    // Lists grow through the Add button, one element after the selected row.
    auto *add = inCurrentTab<QToolButton>(*window, "formAddButton");
    QVERIFY(add);
    tree->setCurrentIndex(valueAt(tree, QStringLiteral("tags")).siblingAtColumn(0));
    QTest::mouseClick(add, Qt::LeftButton);
    type(tree, QStringLiteral("tags[0]"), QStringLiteral("alpha"));
    tree->setCurrentIndex(valueAt(tree, QStringLiteral("tree.children")).siblingAtColumn(0));
    QTest::mouseClick(add, Qt::LeftButton);
    type(tree, QStringLiteral("tree.children[0].label"), QStringLiteral("grandchild"));
    type(tree, QStringLiteral("tree.label"), QStringLiteral("root"));

    // A bool toggles with Space on its value.
    const QModelIndex flag = valueAt(tree, QStringLiteral("f_bool"));
    tree->scrollTo(flag);
    tree->setCurrentIndex(flag);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Space);
    QTRY_COMPARE(flag.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);

    // A value the field cannot hold is refused, and says why.
    const QByteArray before = model->toJson();
    QVERIFY(!model->setData(valueAt(tree, QStringLiteral("f_int32")), QStringLiteral("2147483648")));
    QVERIFY(inCurrentTab<QLabel>(*window, "formNotice")->isVisible());
    QCOMPARE(model->toJson(), before);

    // The JSON editor already shows every edit, and the bytes the tab took from the form
    // (for the wire inspector) are what the JSON encodes to.
    const QString json = editor(*window)->text();
    auto *tab = qobject_cast<RequestTab *>(currentTab(*window));
    QVERIFY(tab);
    QCOMPARE(tab->requestBytes(), test::encode(*test::demoSchema(), tab->requestTypeName(), json.toUtf8()));
    for (const char *expected : {"from the form", "9223372036854775807", "-Infinity", "Tromso", "MOOD_HAPPY",
             "ada@example.org", "alpha", "grandchild", "2024-05-01T12:30:00Z", "\"fBool\": true"})
        QVERIFY2(json.contains(QString::fromUtf8(expected)), expected);

    auto *numbers = inCurrentTab<QCheckBox>(*window, "fieldNumbersToggle");
    QVERIFY(numbers);
    numbers->setChecked(true);
    tree->scrollToTop();
    tree->setCurrentIndex(valueAt(tree, QStringLiteral("address.city")));
    saveScreenshot(window.get(), QStringLiteral("form-view.png"));

    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), 10000);
    const QString response = responseText(*window);
    for (const char *expected : {"from the form", "9223372036854775807", "Tromso", "MOOD_HAPPY",
             "ada@example.org", "alpha", "grandchild", "-Infinity"})
        QVERIFY2(response.contains(QString::fromUtf8(expected)), expected);
}

void FormGuiTest::jsonAndFormStayInStep()
{
    const auto window = openEcho();
    QVERIFY(window);
    QsciScintilla *json = editor(*window);
    json->setText(QStringLiteral("{\"fString\": \"typed\", \"tags\": [\"a\", \"b\"]}"));
    QTreeView *tree = showForm(*window); // switching flushes the debounce at once
    auto *model = qobject_cast<MessageFormModel *>(tree->model());
    QCOMPARE(valueAt(tree, QStringLiteral("f_string")).data().toString(), QStringLiteral("typed"));
    const QModelIndex tags = valueAt(tree, QStringLiteral("tags")).siblingAtColumn(0);
    tree->expand(tags);
    QCOMPARE(model->rowCount(tags), 2);

    // Invalid JSON: the form keeps the last valid body, the editor keeps what was typed.
    const QString broken = QStringLiteral("{\"fString\": \"typed more\", ");
    json->setText(broken);
    QTRY_VERIFY(inCurrentTab<QLabel>(*window, "formNotice")->isVisible());
    QCOMPARE(valueAt(tree, QStringLiteral("f_string")).data().toString(), QStringLiteral("typed"));
    QCOMPARE(json->text(), broken);

    // Editing the form is what replaces it.
    type(tree, QStringLiteral("f_int32"), QStringLiteral("5"));
    QTRY_VERIFY(json->text().contains(QStringLiteral("\"fInt32\": 5")));
    QVERIFY(json->text().contains(QStringLiteral("\"typed\"")));
    QVERIFY(!inCurrentTab<QLabel>(*window, "formNotice")->isVisible());
    // ... as one undo step: what was typed comes back.
    json->undo();
    QCOMPARE(json->text(), broken);

    // A number past int32's range is refused as it is typed: the cell and the message agree.
    json->setText(QStringLiteral("{\"fInt32\": 7}"));
    tree = showForm(*window);
    type(tree, QStringLiteral("f_int32"), QStringLiteral("99999999999"));
    QTRY_VERIFY2(json->text().contains(QStringLiteral("\"fInt32\": 999999999")), qPrintable(json->text()));
    QVERIFY(!json->text().contains(QStringLiteral("99999999999")));
    QCOMPARE(valueAt(tree, QStringLiteral("f_int32")).data().toString(), QStringLiteral("999999999"));
}

void FormGuiTest::aLargeBodyIsCheckedOnAWorker()
{
    const auto window = openEcho();
    QVERIFY(window);
    auto *tab = qobject_cast<RequestTab *>(currentTab(*window));
    QVERIFY(tab);
    auto *validation = inCurrentTab<QLabel>(*window, "validationLabel");
    QsciScintilla *json = editor(*window);
    const QString big(RequestBodyCheck::BackgroundChars, u'x');
    json->setText(QStringLiteral("{\"fString\": \"%1\", \"tags\": [\"a\"]}").arg(big));
    QTreeView *tree = showForm(*window); // flushes the debounce: the check starts now
    QVERIFY(tab->isChecking());
    QVERIFY2(
        validation->text().startsWith(QStringLiteral("Checking the body")), qPrintable(validation->text()));
    QTRY_VERIFY(!tab->isChecking());
    QVERIFY2(validation->text().contains(QStringLiteral("Valid")), qPrintable(validation->text()));
    QCOMPARE(valueAt(tree, QStringLiteral("f_string")).data().toString(), big);
    // Sending takes the bytes the check made; the server gets the whole body.
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), 10000);
    QVERIFY(responseText(*window).contains(big));
    QVERIFY(responseText(*window).contains(QStringLiteral("\"tags\"")));

    // An error in a large body is found the same way, and marked where it is.
    json->setText(QStringLiteral("{\"fString\": \"%1\", \"tags\": [\"a\" \"b\"]}").arg(big));
    QTRY_VERIFY(!validation->text().contains(QStringLiteral("Valid")) && !tab->isChecking());
    QVERIFY2(
        validation->text().contains(
            QStringLiteral("line 1, column %1: invalid JSON: missing value separator").arg(big.size() + 31)),
        qPrintable(validation->text()));
    QTRY_VERIFY(inCurrentTab<QLabel>(*window, "formNotice")->isVisible());
    QCOMPARE(valueAt(tree, QStringLiteral("f_string")).data().toString(), big); // the last valid body

    // Small again: checked at once, as before.
    json->setText(QStringLiteral("{\"fString\": \"small\"}"));
    showForm(*window);
    QTRY_COMPARE(valueAt(tree, QStringLiteral("f_string")).data().toString(), QStringLiteral("small"));
    QVERIFY(!tab->isChecking());
}

void FormGuiTest::aLargeResponseIsPrintedOnAWorker()
{
    const auto window = openEcho();
    QVERIFY(window);
    auto *tab = qobject_cast<RequestTab *>(currentTab(*window));
    QVERIFY(tab);
    QStringList tags;
    for (int i = 0; i < 20000; ++i)
        tags.append(QStringLiteral("\"tag number %1\"").arg(i));
    editor(*window)->setText(
        QStringLiteral("{\"fString\": \"big\", \"tags\": [\n%1\n]}").arg(tags.join(QStringLiteral(",\n"))));
    QVERIFY(qint64(20000) * 14 >= FramesModel::LargeMessageBytes); // the echo is a large message
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "validationLabel")->text().contains(QStringLiteral("KiB on the wire")),
        10000);

    // As the call ends, the response is being printed, not yet shown, and the history's
    // summary does not wait for it either.
    QString atFinish;
    QString summaryAtFinish;
    connect(tab, &RequestTab::callFinished, this, [&] {
        atFinish = responseText(*window);
        summaryAtFinish = tab->lastResponseSummary();
    });
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!atFinish.isNull(), 10000);
    QVERIFY2(atFinish.startsWith(QStringLiteral("// printing the ")), qPrintable(atFinish.left(200)));
    QVERIFY2(summaryAtFinish.endsWith(QStringLiteral("KiB message")), qPrintable(summaryAtFinish.left(200)));

    // Then it is shown whole, and is what summaries and previews use from then on.
    QTRY_VERIFY_WITH_TIMEOUT(responseText(*window).contains(QStringLiteral("\"tag number 19999\"")), 10000);
    QVERIFY(responseText(*window).startsWith(u'{'));
    QVERIFY(tab->lastResponseSummary().startsWith(u'{'));
    auto *frames = window->findChild<FramesModel *>();
    QVERIFY(frames);
    const QList<int> received = frames->lastReceivedRows(1);
    QCOMPARE(received.size(), 1);
    QVERIFY2(frames->previewAt(received.first()).contains(QStringLiteral("tag number 0")),
        qPrintable(frames->previewAt(received.first())));
}

std::unique_ptr<FormGuiTest::Form> FormGuiTest::openForm(const SchemaPtr &schema, const QString &type)
{
    auto form = std::make_unique<Form>();
    form->model.setType(schema, schema ? schema->findMessage(type) : nullptr);
    form->view.resize(900, 700);
    form->view.show();
    if (!QTest::qWaitForWindowExposed(&form->view))
        return nullptr;
    return form;
}

void FormGuiTest::picksAnAnyTypeAndSendsIt()
{
    const auto window = openEcho();
    QVERIFY(window);
    QsciScintilla *json = editor(*window);
    // A type the schema lacks: the JSON stays as typed, and the form says why it cannot show it.
    const QString unknown = QStringLiteral(R"({"extra": {"@type": "type.googleapis.com/nope.Missing"}})");
    json->setText(unknown);
    QTreeView *tree = showForm(*window);
    QVERIFY(tree);
    auto *notice = inCurrentTab<QLabel>(*window, "formNotice");
    QTRY_VERIFY(notice->isVisible() && notice->text().contains(QStringLiteral("nope.Missing")));
    QCOMPARE(json->text(), unknown);

    json->setText(QStringLiteral("{}"));
    auto *model = qobject_cast<MessageFormModel *>(tree->model());
    QTRY_COMPARE(model->toJson().trimmed(), QByteArray("{}"));
    choose(tree, QStringLiteral("extra"), QStringLiteral("wirescope.demo.v1.Address"));
    // Picking the type opens the packed message's form.
    QTRY_VERIFY(tree->isExpanded(valueAt(tree, QStringLiteral("extra")).siblingAtColumn(0)));
    type(tree, QStringLiteral("extra.city"), QStringLiteral("Rome"));
    QTRY_VERIFY(json->text().contains(QStringLiteral("type.googleapis.com/wirescope.demo.v1.Address")));
    QVERIFY(json->text().contains(QStringLiteral("\"city\": \"Rome\"")));

    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        inCurrentTab<QLabel>(*window, "statusLabel")->text().contains(QStringLiteral("OK")), 10000);
    QVERIFY(responseText(*window).contains(QStringLiteral("type.googleapis.com/wirescope.demo.v1.Address")));
    QVERIFY(responseText(*window).contains(QStringLiteral("Rome")));
}

void FormGuiTest::anyPickerSearchesAndClears()
{
    const auto form = openForm(test::demoSchema(), QStringLiteral("wirescope.demo.v1.Everything"));
    QVERIFY(form);
    QTreeView *tree = form->view.tree();
    const QModelIndex extra = valueAt(tree, QStringLiteral("extra"));
    tree->scrollTo(extra);
    tree->setCurrentIndex(extra);
    tree->edit(extra);
    AnyTypePicker *picker = nullptr;
    QTRY_VERIFY((picker = visibleEditor<AnyTypePicker>(tree)) != nullptr);
    // Part of a name finds the type, wherever it is in the full name.
    picker->completer()->setCompletionPrefix(QStringLiteral("v1.Addr"));
    QCOMPARE(picker->completer()->currentCompletion(), QStringLiteral("wirescope.demo.v1.Address"));
    picker->lineEdit()->selectAll();
    QTest::keyClicks(picker->lineEdit(), QStringLiteral("wirescope.demo.v1.Everything.Node"));
    QCOMPARE(picker->typeName(), QStringLiteral("wirescope.demo.v1.Everything.Node"));
    picker->completer()->popup()->hide();
    QTest::keyClick(picker->lineEdit(), Qt::Key_Return);
    QTRY_VERIFY(!visibleEditor<AnyTypePicker>(tree));
    QCOMPARE(extra.data(MessageFormModel::AnyTypeRole).toString(),
        QStringLiteral("wirescope.demo.v1.Everything.Node"));
    type(tree, QStringLiteral("extra.label"), QStringLiteral("leaf"));
    const QJsonObject any
        = QJsonDocument::fromJson(form->model.toJson()).object().value(QStringLiteral("extra")).toObject();
    QCOMPARE(any.value(QStringLiteral("label")).toString(), QStringLiteral("leaf"));
    // "(none)" unsets it.
    choose(tree, QStringLiteral("extra"), tr("(none)"));
    QVERIFY(!QJsonDocument::fromJson(form->model.toJson()).object().contains(QStringLiteral("extra")));
}

void FormGuiTest::timestampEditorPicksFromTheCalendar()
{
    const auto form = openForm(test::demoSchema(), QStringLiteral("wirescope.demo.v1.Everything"));
    QVERIFY(form);
    QVERIFY(form->model.setJson(R"({"createdAt": "2024-05-01T12:00:00.123456789Z"})").message.isEmpty());
    QTreeView *tree = form->view.tree();
    const QModelIndex createdAt = valueAt(tree, QStringLiteral("created_at"));
    tree->scrollTo(createdAt);
    tree->setCurrentIndex(createdAt);
    tree->edit(createdAt);
    TimestampEdit *edit = nullptr;
    QTRY_VERIFY((edit = visibleEditor<TimestampEdit>(tree)) != nullptr);
    QCOMPARE(edit->text(), QStringLiteral("2024-05-01T12:00:00.123456789Z"));
    edit->findChild<QAction *>(QStringLiteral("timestampPickAction"))->trigger();
    QTRY_VERIFY(edit->picker() && edit->picker()->isVisible());
    auto *calendar = edit->picker()->findChild<QCalendarWidget *>(QStringLiteral("timestampCalendar"));
    QCOMPARE(calendar->selectedDate(), QDate(2024, 5, 1));
    calendar->setSelectedDate(QDate(2025, 1, 2));
    edit->picker()->findChild<QTimeEdit *>(QStringLiteral("timestampTime"))->setTime(QTime(3, 4, 5));
    QTest::mouseClick(
        edit->picker()->findChild<QPushButton *>(QStringLiteral("timestampOk")), Qt::LeftButton);
    // Picked is committed; the nanoseconds typed before are kept.
    QTRY_VERIFY(!visibleEditor<TimestampEdit>(tree));
    QCOMPARE(createdAt.data().toString(), QStringLiteral("2025-01-02T03:04:05.123456789Z"));
    QCOMPARE(
        QJsonDocument::fromJson(form->model.toJson()).object().value(QStringLiteral("createdAt")).toString(),
        QStringLiteral("2025-01-02T03:04:05.123456789Z"));

    // Text that is not a time says why, and is not committed.
    tree->edit(createdAt);
    QTRY_VERIFY((edit = visibleEditor<TimestampEdit>(tree)) != nullptr);
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("2024-02-30T00:00:00Z"));
    QVERIFY2(edit->error().contains(QStringLiteral("no day 30")), qPrintable(edit->error()));
    QCOMPARE(edit->toolTip(), edit->error());
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(visibleEditor<TimestampEdit>(tree));
    QTest::keyClick(edit, Qt::Key_Escape);
    QTRY_VERIFY(!visibleEditor<TimestampEdit>(tree));
    QCOMPARE(createdAt.data().toString(), QStringLiteral("2025-01-02T03:04:05.123456789Z"));
}

void FormGuiTest::fieldMaskPickerChecksPaths()
{
    const auto form = openForm(test::librarySchema(), QStringLiteral("lib.v1.UpdateBookRequest"));
    QVERIFY(form);
    QTreeView *tree = form->view.tree();
    const QModelIndex mask = valueAt(tree, QStringLiteral("update_mask"));
    tree->setCurrentIndex(mask);
    tree->edit(mask);
    FieldMaskEdit *edit = nullptr;
    QTRY_VERIFY((edit = visibleEditor<FieldMaskEdit>(tree)) != nullptr);
    edit->findChild<QAction *>(QStringLiteral("fieldMaskPickAction"))->trigger();
    FieldMaskPicker *picker = nullptr;
    QTRY_VERIFY((picker = edit->picker()) != nullptr && picker->isVisible());
    // The fields of the resource next to the mask, nested ones too, a recursive type cut short.
    QCOMPARE(picker->target(), QStringLiteral("lib.v1.Book"));
    QVERIFY(picker->itemOf(QStringLiteral("author.mentor.mentor.displayName")));
    QVERIFY(!picker->itemOf(QStringLiteral("author.mentor.mentor.mentor.displayName")));
    QVERIFY(!picker->itemOf(QStringLiteral("publishedAt.seconds")));

    auto *text = picker->findChild<QLineEdit *>(QStringLiteral("maskText"));
    picker->itemOf(QStringLiteral("title"))->setCheckState(0, Qt::Checked);
    picker->itemOf(QStringLiteral("author.displayName"))->setCheckState(0, Qt::Checked);
    QCOMPARE(text->text(), QStringLiteral("title,author.displayName"));
    picker->itemOf(QStringLiteral("title"))->setCheckState(0, Qt::Unchecked);
    QCOMPARE(text->text(), QStringLiteral("author.displayName"));
    // Typed paths check their fields; one the type lacks is kept, and said so.
    text->selectAll();
    QTest::keyClicks(text, QStringLiteral("title,isbn"));
    QCOMPARE(picker->itemOf(QStringLiteral("title"))->checkState(0), Qt::Checked);
    QCOMPARE(picker->itemOf(QStringLiteral("author.displayName"))->checkState(0), Qt::Unchecked);
    auto *problem = picker->findChild<QLabel *>(QStringLiteral("maskProblem"));
    QVERIFY(problem->text().contains(QStringLiteral("isbn")));
    QPushButton *ok = picker->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::keyClicks(text, QStringLiteral(",a..b"));
    QVERIFY(!ok->isEnabled());
    // Another candidate type lists its own fields.
    picker->setTarget(QStringLiteral("lib.v1.Shelf"));
    QVERIFY(picker->itemOf(QStringLiteral("name")));
    QVERIFY(!picker->itemOf(QStringLiteral("title")));
    picker->setTarget(QStringLiteral("lib.v1.Book"));
    text->selectAll();
    QTest::keyClicks(text, QStringLiteral("title"));
    picker->itemOf(QStringLiteral("author.mentor.displayName"))->setCheckState(0, Qt::Checked);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!visibleEditor<FieldMaskEdit>(tree));
    QCOMPARE(
        QJsonDocument::fromJson(form->model.toJson()).object().value(QStringLiteral("updateMask")).toString(),
        QStringLiteral("title,author.mentor.displayName"));
}

// A bidi stream driven from the form alone: the first message goes with Send, the next is
// edited in the form while the stream is open and goes with Send next.
void FormGuiTest::composesBidiMessagesInTheForm()
{
    const auto window = openEcho();
    QVERIFY(window);
    window->openMethod(ChatMethod);
    QTRY_VERIFY(currentTabTitle(*window).startsWith(QStringLiteral("Chat")));
    auto *tab = qobject_cast<RequestTab *>(currentTab(*window));
    QVERIFY(tab);
    QTreeView *tree = showForm(*window);
    QVERIFY(tree);
    type(tree, QStringLiteral("text"), QStringLiteral("typed in the form"));
    QTRY_VERIFY(tab->body().contains(QStringLiteral("typed in the form")));
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "sendButton"), Qt::LeftButton);
    auto *sendNext = inCurrentTab<QPushButton>(*window, "sendNextButton");
    QTRY_VERIFY_WITH_TIMEOUT(sendNext->isEnabled(), 10000);

    type(tree, QStringLiteral("text"), QStringLiteral("and the next one"));
    QTRY_VERIFY(tab->body().contains(QStringLiteral("and the next one")));
    QTest::mouseClick(sendNext, Qt::LeftButton);
    QTest::mouseClick(inCurrentTab<QPushButton>(*window, "halfCloseButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isRunning(), 10000);
    QStringList previews;
    const FramesModel *frames = tab->frames();
    for (int row = 0; row < frames->rowCount(); ++row) {
        if (frames->rows()[size_t(row)].kind == FramesModel::RowKind::Received)
            previews.append(frames->previewAt(row));
    }
    QCOMPARE(previews.size(), 2);
    QVERIFY2(
        previews.first().contains(QStringLiteral("echo: typed in the form")), qPrintable(previews.first()));
    QVERIFY2(previews.last().contains(QStringLiteral("echo: and the next one")), qPrintable(previews.last()));
}

QTEST_MAIN(FormGuiTest)
#include "FormGuiTest.moc"
