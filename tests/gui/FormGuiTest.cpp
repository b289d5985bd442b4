#include "model/MessageFormModel.h"
#include "rpc/DemoServer.h"
#include "tests/gui/GuiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace wirescope;
using namespace wirescope::GuiTest;

// The request form against a real in-process demo server: a nested request is filled in
// through the form's editors and buttons only, sent, and comes back echoed; JSON typed in
// the editor reaches the form, and invalid JSON is kept until the form is edited.
class FormGuiTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void fillsANestedRequestAndSendsIt();
    void jsonAndFormStayInStep();

private:
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
    QString dir = qEnvironmentVariable("WIRESCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = QDir::currentPath();
    QDir().mkpath(dir);
    QVERIFY(widget->grab().save(dir + u'/' + name));
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

    // The JSON editor already shows every edit.
    const QString json = editor(*window)->text();
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
}

QTEST_MAIN(FormGuiTest)
#include "FormGuiTest.moc"
