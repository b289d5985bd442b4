#include "ui/collection/CollectionDock.h"
#include "model/collection/Collection.h"
#include "model/collection/CollectionTreeModel.h"
#include "model/collection/CollectionUndo.h"
#include "model/collection/SecretStore.h"
#include "tests/gui/CollectionTestData.h"
#include "tests/gui/ModalTestSupport.h"
#include "ui/collection/EnvironmentDialog.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace wirescope;
using namespace wirescope::GuiTest;

class CollectionDockTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void withoutCollectionOffersNewAndOpen();
    void showsTheCollection();
    void selectAndOpenRequest();
    void renameInlineWithF2();
    void duplicateMoveDeleteAreUndoable();
    void moveToFolderDialog();
    void foldersRenameDuplicateAndMove();
    void newFolderAndDeleteFolderConfirms();
    void errorsAreShownToTheUser();
    void filterAndProblems();
    void keepsExpandedFoldersAndSelectionOnChangesOnDisk();
    void environmentComboFollowsTheCollection();
    void environmentDialogKeepsSecretsOutOfTheCollection();
    void environmentDialogRenamesAndRemovesSecrets();
    void environmentDialogValidates();
    void environmentDialogShowsSaveErrors();
    void environmentDialogWithoutSecretStore();

private:
    QString add(const QString &name, const QString &folder);
    QTreeView *tree() const { return m_dock->findChild<QTreeView *>(QStringLiteral("collectionTree")); }
    QComboBox *combo() const { return m_dock->findChild<QComboBox *>(QStringLiteral("environmentCombo")); }
    std::unique_ptr<EnvironmentDialog> showDialog();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Collection> m_collection;
    std::unique_ptr<FileSecretStore> m_secrets;
    std::unique_ptr<CollectionDock> m_dock;
    QString m_echo; // unary/echo.json
    QString m_ticks; // streaming/ticks.json
};

void CollectionDockTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

QString CollectionDockTest::add(const QString &name, const QString &folder)
{
    QString error;
    const QString path = m_collection->addRequest(request(name), folder, &error);
    if (path.isEmpty())
        qWarning("addRequest: %s", qPrintable(error));
    return path;
}

void CollectionDockTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString directory = m_dir->filePath(QStringLiteral("collection"));
    QString error;
    QVERIFY2(Collection::create(directory, QStringLiteral("Team API"), &error), qPrintable(error));
    m_collection = std::make_unique<Collection>();
    QVERIFY2(m_collection->open(directory, &error), qPrintable(error));
    CollectionSettings settings = m_collection->settings();
    settings.environments = {
        environment(QStringLiteral("local"), {{QStringLiteral("demo"), QStringLiteral("127.0.0.1:50051")}}),
        environment(QStringLiteral("staging"), {{QStringLiteral("demo"), QStringLiteral("staging:443")}})};
    settings.defaultEnvironment = QStringLiteral("local");
    QVERIFY2(m_collection->saveSettings(settings, &error), qPrintable(error));
    m_echo = add(QStringLiteral("Echo"), QStringLiteral("unary"));
    add(QStringLiteral("Add user"), QStringLiteral("unary"));
    m_ticks = add(QStringLiteral("Ticks"), QStringLiteral("streaming"));
    add(QStringLiteral("Health"), {});
    m_secrets = std::make_unique<FileSecretStore>(m_dir->filePath(QStringLiteral("config")));
    m_dock = std::make_unique<CollectionDock>();
    m_dock->setSecretStore(m_secrets.get());
    m_dock->resize(320, 480);
}

void CollectionDockTest::cleanup()
{
    m_dock.reset();
    m_collection.reset();
    m_secrets.reset();
    m_dir.reset();
}

void CollectionDockTest::withoutCollectionOffersNewAndOpen()
{
    QCOMPARE(m_dock->objectName(), QStringLiteral("collectionDock"));
    auto *stack = m_dock->findChild<QStackedWidget *>(QStringLiteral("collectionStack"));
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("noCollectionPage"));
    QSignalSpy create(m_dock.get(), &CollectionDock::newCollectionRequested);
    QSignalSpy open(m_dock.get(), &CollectionDock::openCollectionRequested);
    m_dock->findChild<QPushButton *>(QStringLiteral("newCollectionButton"))->click();
    QCOMPARE(create.size(), 1);
    QCOMPARE(open.size(), 0);
    m_dock->findChild<QPushButton *>(QStringLiteral("openCollectionButton"))->click();
    QCOMPARE(open.size(), 1);
    QCOMPARE(m_dock->selectedFolder(), QString());
    QCOMPARE(m_dock->selectedRequestPath(), QString());
    QCOMPARE(m_dock->activeEnvironment(), QString());

    m_dock->setCollection(m_collection.get());
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("collectionPage"));
    m_dock->setCollection(nullptr);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("noCollectionPage"));
}

void CollectionDockTest::showsTheCollection()
{
    QSignalSpy environments(m_dock.get(), &CollectionDock::activeEnvironmentChanged);
    m_dock->setCollection(m_collection.get());
    QCOMPARE(
        m_dock->findChild<QLabel *>(QStringLiteral("collectionName"))->text(), QStringLiteral("Team API"));
    QAbstractItemModelTester tester(tree()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(tree()->model()->rowCount(), 3); // streaming, unary, Health
    QCOMPARE(tree()->model()->index(0, 0).data().toString(), QStringLiteral("streaming"));
    QCOMPARE(tree()->model()->index(2, 0).data().toString(), QStringLiteral("Health"));
    QVERIFY(tree()->isExpanded(tree()->model()->index(1, 0)));
    QCOMPARE(combo()->count(), 3);
    QCOMPARE(combo()->currentText(), QStringLiteral("local"));
    QCOMPARE(m_dock->activeEnvironment(), QStringLiteral("local"));
    QCOMPARE(environments.size(), 0); // the caller restores its own choice after setCollection
    QVERIFY(combo()->toolTip().contains(QStringLiteral("127.0.0.1:50051")));
}

void CollectionDockTest::selectAndOpenRequest()
{
    m_dock->setCollection(m_collection.get());
    m_dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dock.get()));
    QSignalSpy opened(m_dock.get(), &CollectionDock::openRequested);

    m_dock->selectRequest(m_echo);
    QCOMPARE(m_dock->selectedRequestPath(), m_echo);
    QCOMPARE(m_dock->selectedFolder(), QStringLiteral("unary"));
    tree()->setFocus();
    QTest::keyClick(tree(), Qt::Key_Return);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).toString(), m_echo);

    m_dock->selectRequest(m_ticks);
    const QRect rect = tree()->visualRect(tree()->currentIndex());
    QVERIFY(rect.isValid());
    // A real double-click is a click followed by a double-click event.
    QTest::mouseClick(tree()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(tree()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(opened.size(), 2);
    QCOMPARE(opened.at(1).at(0).toString(), m_ticks);

    // A folder is not opened; it is what "selected folder" means.
    tree()->setCurrentIndex(tree()->currentIndex().parent());
    QCOMPARE(m_dock->selectedFolder(), QStringLiteral("streaming"));
    QCOMPARE(m_dock->selectedRequestPath(), QString());
    QTest::keyClick(tree(), Qt::Key_Return);
    QCOMPARE(opened.size(), 2);

    QSignalSpy run(m_dock.get(), &CollectionDock::runRequested);
    m_dock->runRequest(m_echo);
    QCOMPARE(run.size(), 1);
    QCOMPARE(run.at(0).at(0).toString(), m_echo);
    m_dock->openRequest(QStringLiteral("missing.json"));
    QCOMPARE(opened.size(), 2);
}

void CollectionDockTest::renameInlineWithF2()
{
    m_dock->setCollection(m_collection.get());
    m_dock->show();
    m_dock->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dock.get()));
    QSignalSpy edits(m_collection.get(), &Collection::edited);
    m_dock->selectRequest(m_echo);
    tree()->setFocus();
    QTest::keyClick(tree(), Qt::Key_F2);
    QTRY_VERIFY(focusedLineEdit());
    typeIntoEditor(QStringLiteral("Echo twice"));
    QTRY_COMPARE(edits.size(), 1);
    const QString renamed = QStringLiteral("unary/echo-twice.json");
    QVERIFY(QFile::exists(m_collection->absolutePath(renamed)));
    QVERIFY(!QFile::exists(m_collection->absolutePath(m_echo)));
    QCOMPARE(m_collection->request(renamed)->name, QStringLiteral("Echo twice"));
    QTRY_COMPARE(m_dock->selectedRequestPath(), renamed); // the selection follows the file

    // The same through the public call the main window may use.
    QCOMPARE(m_dock->renameRequest(renamed, QStringLiteral("Echo")), m_echo);
    QCOMPARE(m_dock->selectedRequestPath(), m_echo);
}

void CollectionDockTest::duplicateMoveDeleteAreUndoable()
{
    CollectionUndo undo(m_collection.get());
    m_dock->setCollection(m_collection.get());
    m_dock->show();
    m_dock->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dock.get()));

    const QString copy = m_dock->duplicateRequest(m_echo);
    QCOMPARE(copy, QStringLiteral("unary/echo-copy.json"));
    QCOMPARE(m_dock->selectedRequestPath(), copy);
    QCOMPARE(m_collection->request(copy)->name, QStringLiteral("Echo copy"));

    const QString moved = m_dock->moveRequest(copy, QStringLiteral("archive/old/"));
    QCOMPARE(moved, QStringLiteral("archive/old/echo-copy.json"));
    QVERIFY(QFile::exists(m_collection->absolutePath(moved)));
    QCOMPARE(m_dock->selectedRequestPath(), moved);
    QCOMPARE(m_dock->selectedFolder(), QStringLiteral("archive/old"));

    // Delete, from the keyboard, without a confirmation.
    tree()->setFocus();
    QTest::keyClick(tree(), Qt::Key_Delete);
    QVERIFY(!QFile::exists(m_collection->absolutePath(moved)));
    QVERIFY(!m_collection->request(moved));

    QCOMPARE(undo.undoText(), QStringLiteral("Delete \"Echo copy\""));
    QString error;
    QVERIFY2(undo.undo(&error), qPrintable(error));
    QVERIFY(m_collection->request(moved));
    QVERIFY(undo.undo(&error)); // the move
    QVERIFY(undo.undo(&error)); // the duplicate
    QVERIFY(!m_collection->request(copy));
    QVERIFY(!undo.canUndo());

    QVERIFY(m_dock->deleteRequest(m_ticks));
    QVERIFY(!m_collection->request(m_ticks));
    QVERIFY(undo.canUndo());
}

void CollectionDockTest::moveToFolderDialog()
{
    m_dock->setCollection(m_collection.get());
    bool sawDialog = false;
    onNextModal([&sawDialog](QWidget *modal) {
        sawDialog = modal->objectName() == QStringLiteral("moveToFolderDialog");
        auto *list = modal->findChild<QListWidget *>(QStringLiteral("folderList"));
        const QList<QListWidgetItem *> items = list->findItems(QStringLiteral("streaming"), Qt::MatchExactly);
        if (items.size() == 1)
            list->setCurrentItem(items.first());
        modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    m_dock->chooseFolderAndMove(m_echo);
    QVERIFY(sawDialog);
    QVERIFY(m_collection->request(QStringLiteral("streaming/echo.json")));
    QCOMPARE(m_dock->selectedRequestPath(), QStringLiteral("streaming/echo.json"));

    // A typed new folder wins over the list; cancelling changes nothing.
    onNextModal([](QWidget *modal) {
        modal->findChild<QLineEdit *>(QStringLiteral("newFolderName"))->setText(QStringLiteral("fresh"));
        modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    m_dock->chooseFolderAndMove(QStringLiteral("streaming/echo.json"));
    QVERIFY(m_collection->request(QStringLiteral("fresh/echo.json")));
    onNextModal([](QWidget *modal) {
        modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
    });
    m_dock->chooseFolderAndMove(QStringLiteral("fresh/echo.json"));
    QVERIFY(m_collection->request(QStringLiteral("fresh/echo.json")));
}

// F2, Ctrl+D and Move to Folder work on a folder as on a request, with everything in it.
void CollectionDockTest::foldersRenameDuplicateAndMove()
{
    m_dock->setCollection(m_collection.get());
    m_dock->show();
    m_dock->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dock.get()));
    const QStringList before = m_collection->requests().keys();
    CollectionUndo undo(m_collection.get());
    m_dock->selectFolder(QStringLiteral("unary"));
    tree()->setFocus();
    bool sawDialog = false;
    QString offeredName;
    onNextModal([&sawDialog, &offeredName](QWidget *modal) {
        auto *dialog = qobject_cast<QInputDialog *>(modal);
        sawDialog = dialog && dialog->objectName() == QStringLiteral("renameFolderDialog");
        if (!dialog)
            return;
        offeredName = dialog->textValue();
        dialog->setTextValue(QStringLiteral("calls"));
        dialog->accept();
    });
    QTest::keyClick(tree(), Qt::Key_F2);
    QVERIFY(sawDialog);
    QCOMPARE(offeredName, QStringLiteral("unary"));
    QVERIFY(m_collection->request(QStringLiteral("calls/echo.json")));
    QCOMPARE(m_dock->selectedFolder(), QStringLiteral("calls"));

    m_dock->activateWindow(); // back from the dialog
    QVERIFY(QTest::qWaitForWindowActive(m_dock.get()));
    tree()->setFocus();
    QTest::keyClick(tree(), Qt::Key_D, Qt::ControlModifier);
    QVERIFY(m_collection->request(QStringLiteral("calls copy/echo.json")));
    QCOMPARE(m_dock->selectedFolder(), QStringLiteral("calls copy"));

    // The folder itself and its insides are not offered as destinations.
    QStringList offered;
    onNextModal([&offered](QWidget *modal) {
        auto *list = modal->findChild<QListWidget *>(QStringLiteral("folderList"));
        for (int row = 0; row < list->count(); ++row)
            offered.append(list->item(row)->data(Qt::UserRole).toString());
        const QList<QListWidgetItem *> items = list->findItems(QStringLiteral("streaming"), Qt::MatchExactly);
        if (items.size() == 1)
            list->setCurrentItem(items.first());
        modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    m_dock->chooseFolderAndMoveFolder(QStringLiteral("calls copy"));
    QVERIFY(!offered.contains(QStringLiteral("calls copy")));
    QVERIFY(offered.contains(QStringLiteral("streaming")));
    QVERIFY(m_collection->request(QStringLiteral("streaming/calls copy/echo.json")));

    // Renaming onto an existing folder is refused with a message, and nothing moves.
    QString text;
    answerMessageBox(QMessageBox::Ok, &text);
    QVERIFY(m_dock->renameFolder(QStringLiteral("calls"), QStringLiteral("streaming")).isEmpty());
    QVERIFY2(text.contains(QStringLiteral("already exists")), qPrintable(text));
    QVERIFY(m_collection->request(QStringLiteral("calls/echo.json")));

    QString error;
    for (int i = 0; i < 3; ++i)
        QVERIFY2(undo.undo(&error), qPrintable(error));
    QCOMPARE(m_collection->requests().keys(), before);
}

void CollectionDockTest::newFolderAndDeleteFolderConfirms()
{
    m_dock->setCollection(m_collection.get());
    m_dock->selectRequest(m_echo);
    onNextModal([](QWidget *modal) {
        auto *dialog = qobject_cast<QInputDialog *>(modal);
        if (!dialog)
            return;
        dialog->setTextValue(QStringLiteral("errors"));
        dialog->accept();
    });
    m_dock->askNewFolder(); // inside the selected request's folder
    QVERIFY(m_collection->folders().contains(QStringLiteral("unary/errors")));
    QCOMPARE(m_dock->selectedFolder(), QStringLiteral("unary/errors"));

    // An empty folder goes without asking.
    QVERIFY(m_dock->deleteFolder(QStringLiteral("unary/errors")));
    QVERIFY(!m_collection->folders().contains(QStringLiteral("unary/errors")));

    // One with requests asks first; cancelling keeps everything.
    QString text;
    QString name;
    answerMessageBox(QMessageBox::Cancel, &text, &name);
    QVERIFY(!m_dock->deleteFolder(QStringLiteral("unary")));
    QCOMPARE(name, QStringLiteral("confirmDeleteFolder"));
    QVERIFY2(text.contains(QStringLiteral("2 requests")), qPrintable(text));
    QVERIFY(m_collection->request(m_echo));

    answerMessageBox(QMessageBox::Yes, &text);
    QVERIFY(m_dock->deleteFolder(QStringLiteral("unary")));
    QVERIFY(!m_collection->request(m_echo));
    QVERIFY(!m_collection->folders().contains(QStringLiteral("unary")));
    QVERIFY(!QFileInfo::exists(m_collection->absolutePath(QStringLiteral("unary"))));
}

void CollectionDockTest::errorsAreShownToTheUser()
{
    m_dock->setCollection(m_collection.get());
    QString text;
    QString name;
    answerMessageBox(QMessageBox::Ok, &text, &name);
    QCOMPARE(m_dock->moveRequest(m_echo, QStringLiteral("bad:name")), QString());
    QCOMPARE(name, QStringLiteral("collectionError"));
    QVERIFY2(text.contains(QStringLiteral("not a valid folder name")), qPrintable(text));
    QVERIFY(m_collection->request(m_echo));

    // A file changed on disk and not reloaded yet: the collection refuses and says why.
    QFile file(m_collection->absolutePath(m_echo));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(request(QStringLiteral("Theirs")).toBytes());
    file.close();
    text.clear();
    answerMessageBox(QMessageBox::Ok, &text);
    QVERIFY(!m_dock->deleteRequest(m_echo));
    QVERIFY2(text.contains(QStringLiteral("changed on disk")), qPrintable(text));
}

void CollectionDockTest::filterAndProblems()
{
    QFile broken(m_collection->absolutePath(QStringLiteral("streaming/broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{ \"formatVersion\": 1, \"name\": ");
    broken.close();
    QString error;
    QVERIFY(m_collection->open(m_collection->directory(), &error));
    m_dock->setCollection(m_collection.get());

    auto *problems = m_dock->findChild<QLabel *>(QStringLiteral("collectionProblems"));
    QVERIFY(!problems->isHidden());
    QVERIFY(problems->text().contains(QStringLiteral("1 file")));
    const QModelIndex problem = m_dock->model()->problemIndex(QStringLiteral("streaming/broken.json"));
    QVERIFY(problem.isValid());
    QVERIFY(problem.data(Qt::ToolTipRole).toString().contains(QStringLiteral("broken.json")));

    auto *filter = m_dock->findChild<QLineEdit *>(QStringLiteral("collectionFilter"));
    QTest::keyClicks(filter, QStringLiteral("tick"));
    QAbstractItemModel *visible = tree()->model();
    QCOMPARE(visible->rowCount(), 1);
    QCOMPARE(visible->index(0, 0).data().toString(), QStringLiteral("streaming"));
    QCOMPARE(visible->rowCount(visible->index(0, 0)), 1);
    QCOMPARE(visible->index(0, 0, visible->index(0, 0)).data().toString(), QStringLiteral("Ticks"));

    // Enter in the filter opens the first match.
    QSignalSpy opened(m_dock.get(), &CollectionDock::openRequested);
    QTest::keyClick(filter, Qt::Key_Return);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).toString(), m_ticks);

    // Down moves from the filter into the tree.
    tree()->setCurrentIndex({});
    m_dock->show();
    m_dock->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dock.get()));
    filter->setFocus();
    QTest::keyClick(filter, Qt::Key_Down);
    QTRY_VERIFY(tree()->hasFocus());
    QVERIFY(tree()->currentIndex().isValid());
    QCOMPARE(tree()->currentIndex().data().toString(), QStringLiteral("streaming"));

    // Selecting a hidden request clears the filter rather than failing.
    m_dock->selectRequest(m_echo);
    QCOMPARE(filter->text(), QString());
    QCOMPARE(m_dock->selectedRequestPath(), m_echo);
}

void CollectionDockTest::keepsExpandedFoldersAndSelectionOnChangesOnDisk()
{
    m_dock->setCollection(m_collection.get());
    m_dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dock.get()));
    const QModelIndex streaming = tree()->model()->index(0, 0);
    tree()->collapse(streaming);
    m_dock->selectRequest(m_echo);

    // A "git pull" adds a request next to the selected one and a folder.
    QString error;
    const QString pulled = m_collection->absolutePath(QStringLiteral("unary/pulled.json"));
    QFile file(pulled);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(request(QStringLiteral("Pulled")).toBytes());
    file.close();
    QVERIFY(QDir().mkpath(m_collection->absolutePath(QStringLiteral("zeta"))));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_dock->model()->requestIndex(QStringLiteral("unary/pulled.json")).isValid(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(m_dock->model()->folderIndex(QStringLiteral("zeta")).isValid(), 5000);

    QCOMPARE(m_dock->selectedRequestPath(), m_echo);
    QVERIFY(tree()->isExpanded(tree()->currentIndex().parent()));
    QVERIFY(!tree()->isExpanded(tree()->model()->index(0, 0)));
    QCOMPARE(tree()->model()->index(0, 0).data().toString(), QStringLiteral("streaming"));
}

void CollectionDockTest::environmentComboFollowsTheCollection()
{
    m_dock->setCollection(m_collection.get());
    QSignalSpy changed(m_dock.get(), &CollectionDock::activeEnvironmentChanged);

    combo()->setCurrentIndex(combo()->findText(QStringLiteral("staging")));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("staging"));
    QCOMPARE(m_dock->activeEnvironment(), QStringLiteral("staging"));

    m_dock->setActiveEnvironment(QStringLiteral("nowhere"));
    QCOMPARE(m_dock->activeEnvironment(), QStringLiteral("staging"));
    m_dock->setActiveEnvironment(QString());
    QCOMPARE(combo()->currentIndex(), 0);
    QCOMPARE(changed.size(), 2);
    m_dock->setActiveEnvironment(QStringLiteral("staging"));
    QCOMPARE(combo()->currentText(), QStringLiteral("staging"));
    QCOMPARE(changed.size(), 3);

    // The active environment is removed from the settings: back to none.
    CollectionSettings settings = m_collection->settings();
    settings.environments.removeLast();
    QString error;
    QVERIFY(m_collection->saveSettings(settings, &error));
    QCOMPARE(combo()->count(), 2);
    QCOMPARE(m_dock->activeEnvironment(), QString());
    QCOMPARE(changed.size(), 4);

    // Reopening starts in the default environment.
    m_dock->setCollection(nullptr);
    QCOMPARE(m_dock->activeEnvironment(), QString());
    m_dock->setCollection(m_collection.get());
    QCOMPARE(m_dock->activeEnvironment(), QStringLiteral("local"));
    QCOMPARE(combo()->currentText(), QStringLiteral("local"));
    m_dock->setActiveEnvironment(QString()); // as a main window restoring "none" would
    m_dock->setCollection(m_collection.get()); // the same again: nothing changes
    QCOMPARE(m_dock->activeEnvironment(), QString());
    QCOMPARE(changed.size(), 5);

    // Choosing a default environment makes it the one in use.
    settings = m_collection->settings();
    settings.defaultEnvironment.clear();
    QVERIFY(m_collection->saveSettings(settings, &error));
    QCOMPARE(m_dock->activeEnvironment(), QString());
    settings.defaultEnvironment = QStringLiteral("local");
    QVERIFY(m_collection->saveSettings(settings, &error));
    QCOMPARE(m_dock->activeEnvironment(), QStringLiteral("local"));
    QCOMPARE(combo()->currentText(), QStringLiteral("local"));
    QCOMPARE(changed.size(), 6);
    // Saving other settings does not switch back to the default.
    m_dock->setActiveEnvironment(QString());
    settings.name = QStringLiteral("renamed");
    QVERIFY(m_collection->saveSettings(settings, &error));
    QCOMPARE(m_dock->activeEnvironment(), QString());

    // A destroyed collection leaves the dock empty, not dangling.
    m_collection.reset();
    QCOMPARE(m_dock->activeEnvironment(), QString());
    QCOMPARE(m_dock->model()->rowCount(), 0);
}

std::unique_ptr<EnvironmentDialog> CollectionDockTest::showDialog()
{
    auto dialog = std::make_unique<EnvironmentDialog>(m_collection.get(), m_secrets.get());
    dialog->show();
    dialog->activateWindow();
    if (!QTest::qWaitForWindowActive(dialog.get()))
        qWarning("the environment dialog did not become active");
    return dialog;
}

void CollectionDockTest::environmentDialogKeepsSecretsOutOfTheCollection()
{
    m_dock->setCollection(m_collection.get());
    auto dialog = showDialog();
    QCOMPARE(dialog->objectName(), QStringLiteral("environmentDialog"));
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("environmentList"));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("variablesTable"));
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->currentItem()->text(), QStringLiteral("local")); // the default
    QCOMPARE(table->rowCount(), 1);

    // A new environment, named in place.
    dialog->findChild<QPushButton *>(QStringLiteral("addEnvironmentButton"))->click();
    QTRY_VERIFY(focusedLineEdit());
    typeIntoEditor(QStringLiteral("prod"));
    QCOMPARE(list->currentItem()->text(), QStringLiteral("prod"));
    QCOMPARE(table->rowCount(), 0);

    // A plain variable: name, Tab, value, Enter.
    dialog->findChild<QPushButton *>(QStringLiteral("addVariableButton"))->click();
    typeIntoEditor(QStringLiteral("demo"), Qt::Key_Tab);
    typeIntoEditor(QStringLiteral("api.example.com:443"));
    // A secret one: its value is typed into a password field.
    dialog->findChild<QPushButton *>(QStringLiteral("addVariableButton"))->click();
    typeIntoEditor(QStringLiteral("token"), Qt::Key_Tab);
    QTest::keyClick(focusedLineEdit(), Qt::Key_Escape);
    table->item(1, EnvironmentDialog::SecretColumn)->setCheckState(Qt::Checked);
    table->setCurrentCell(1, EnvironmentDialog::ValueColumn);
    table->editItem(table->item(1, EnvironmentDialog::ValueColumn));
    QTRY_VERIFY(focusedLineEdit());
    QCOMPARE(focusedLineEdit()->echoMode(), QLineEdit::Password);
    typeIntoEditor(SecretValue);
    QCOMPARE(table->item(1, EnvironmentDialog::ValueColumn)->text(), SecretValue);

    auto *defaults = dialog->findChild<QComboBox *>(QStringLiteral("defaultEnvironmentCombo"));
    defaults->setCurrentIndex(defaults->findText(QStringLiteral("prod")));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));

    const Environment *prod = m_collection->settings().environment(QStringLiteral("prod"));
    QVERIFY(prod);
    QCOMPARE(prod->variables.value(QStringLiteral("demo")), QStringLiteral("api.example.com:443"));
    QCOMPARE(prod->secretNames, QStringList {QStringLiteral("token")});
    QVERIFY(!prod->variables.contains(QStringLiteral("token")));
    QCOMPARE(m_collection->settings().defaultEnvironment, QStringLiteral("prod"));

    // collection.json names the secret; no file of the collection holds its value.
    const QByteArray settingsBytes = readAll(m_collection->absolutePath(Collection::SettingsFile));
    QVERIFY(settingsBytes.contains("\"token\""));
    QVERIFY(settingsBytes.contains("api.example.com:443"));
    const QStringList files = filesUnder(m_collection->directory());
    QVERIFY(files.size() >= 5);
    for (const QString &path : files)
        QVERIFY2(!readAll(path).contains(SecretValue.toUtf8()), qPrintable(path));
    // The store has it, under the collection's key.
    QString error;
    const QString key = SecretStore::secretKey(
        m_collection->settings().id, QStringLiteral("prod"), QStringLiteral("token"));
    QCOMPARE(m_secrets->read(key, &error).value_or(QString()), SecretValue);
    QVERIFY(readAll(m_secrets->filePath()).contains(SecretValue.toUtf8()));

    // The dock's combo lists the new environment; reopening the dialog shows the secret.
    QVERIFY(combo()->findText(QStringLiteral("prod")) > 0);
    auto again = showDialog();
    auto *againList = again->findChild<QListWidget *>(QStringLiteral("environmentList"));
    QCOMPARE(againList->currentItem()->text(), QStringLiteral("prod"));
    auto *againTable = again->findChild<QTableWidget *>(QStringLiteral("variablesTable"));
    QCOMPARE(againTable->rowCount(), 2);
    QCOMPARE(againTable->item(1, EnvironmentDialog::NameColumn)->text(), QStringLiteral("token"));
    QCOMPARE(againTable->item(1, EnvironmentDialog::ValueColumn)->text(), SecretValue);
    QCOMPARE(againTable->item(1, EnvironmentDialog::SecretColumn)->checkState(), Qt::Checked);
}

void CollectionDockTest::environmentDialogRenamesAndRemovesSecrets()
{
    CollectionSettings settings = m_collection->settings();
    settings.environments[1].secretNames = {QStringLiteral("token")};
    QString error;
    QVERIFY(m_collection->saveSettings(settings, &error));
    const QString id = settings.id;
    const QString oldKey = SecretStore::secretKey(id, QStringLiteral("staging"), QStringLiteral("token"));
    QVERIFY(m_secrets->write(oldKey, SecretValue, &error));

    auto dialog = showDialog();
    dialog->selectEnvironment(QStringLiteral("staging"));
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("environmentList"));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("variablesTable"));
    QCOMPARE(table->item(1, EnvironmentDialog::ValueColumn)->text(), SecretValue);
    list->currentItem()->setText(QStringLiteral("stage")); // renaming moves its secrets
    QVERIFY(dialog->findChild<QComboBox *>(QStringLiteral("defaultEnvironmentCombo"))
                ->findText(QStringLiteral("stage"))
        > 0);
    list->setCurrentRow(0);
    dialog->removeEnvironment(); // "local"
    QCOMPARE(list->count(), 1);
    dialog->accept();
    QCOMPARE(dialog->result(), int(QDialog::Accepted));

    QCOMPARE(m_collection->settings().environments.size(), 1);
    QCOMPARE(m_collection->settings().environments.first().name, QStringLiteral("stage"));
    QCOMPARE(m_collection->settings().defaultEnvironment, QString()); // "local" is gone
    const QString newKey = SecretStore::secretKey(id, QStringLiteral("stage"), QStringLiteral("token"));
    QCOMPARE(m_secrets->read(newKey, &error).value_or(QString()), SecretValue);
    QVERIFY(!m_secrets->read(oldKey, &error));

    // Turning the secret into a plain variable takes it out of the store.
    auto plain = showDialog();
    auto *plainTable = plain->findChild<QTableWidget *>(QStringLiteral("variablesTable"));
    plainTable->item(1, EnvironmentDialog::SecretColumn)->setCheckState(Qt::Unchecked);
    plainTable->item(1, EnvironmentDialog::ValueColumn)->setText(QStringLiteral("public"));
    plain->accept();
    QVERIFY(!m_secrets->read(newKey, &error));
    QCOMPARE(m_collection->settings().environments.first().variables.value(QStringLiteral("token")),
        QStringLiteral("public"));
}

void CollectionDockTest::environmentDialogValidates()
{
    const QByteArray before = readAll(m_collection->absolutePath(Collection::SettingsFile));
    auto dialog = showDialog();
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("environmentList"));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("variablesTable"));
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);

    list->item(1)->setText(QStringLiteral("local"));
    ok->click();
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->errorText().contains(QStringLiteral("unique")), qPrintable(dialog->errorText()));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("environmentError"))->isVisible());
    list->item(1)->setText(QStringLiteral("  "));
    ok->click();
    QVERIFY(dialog->errorText().contains(QStringLiteral("needs a name")));
    QCOMPARE(list->currentRow(), 1); // the offending environment is shown
    list->item(1)->setText(QStringLiteral("staging"));

    // Within one environment: a name twice (plain and secret), an empty name, a bad name.
    list->setCurrentRow(0);
    dialog->addVariable();
    QTest::keyClick(focusedLineEdit(), Qt::Key_Escape);
    table->item(1, EnvironmentDialog::NameColumn)->setText(QStringLiteral("demo"));
    table->item(1, EnvironmentDialog::SecretColumn)->setCheckState(Qt::Checked);
    ok->click();
    QVERIFY2(dialog->errorText().contains(QStringLiteral("twice")), qPrintable(dialog->errorText()));
    table->item(1, EnvironmentDialog::NameColumn)->setText(QString());
    table->item(1, EnvironmentDialog::ValueColumn)->setText(QStringLiteral("orphan value"));
    ok->click();
    QVERIFY(dialog->errorText().contains(QStringLiteral("has no name")));
    table->item(1, EnvironmentDialog::NameColumn)->setText(QStringLiteral("9lives"));
    ok->click();
    QVERIFY(dialog->errorText().contains(QStringLiteral("not a valid variable name")));
    QVERIFY(dialog->isVisible());
    QCOMPARE(readAll(m_collection->absolutePath(Collection::SettingsFile)), before);

    // Fixed, it saves.
    table->item(1, EnvironmentDialog::NameColumn)->setText(QStringLiteral("lives"));
    ok->click();
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(readAll(m_collection->absolutePath(Collection::SettingsFile)) != before);
    QString error;
    const QString key = SecretStore::secretKey(
        m_collection->settings().id, QStringLiteral("local"), QStringLiteral("lives"));
    QCOMPARE(m_secrets->read(key, &error).value_or(QString()), QStringLiteral("orphan value"));
}

void CollectionDockTest::environmentDialogShowsSaveErrors()
{
    // collection.json is broken on disk: the collection refuses to overwrite it.
    QFile file(m_collection->absolutePath(Collection::SettingsFile));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{ broken");
    file.close();
    QTRY_VERIFY_WITH_TIMEOUT(!m_collection->problems().isEmpty(), 5000);

    auto dialog = showDialog();
    dialog->addEnvironment();
    QTest::keyClick(focusedLineEdit(), Qt::Key_Return);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->result() != QDialog::Accepted);
    QVERIFY2(
        dialog->errorText().contains(QStringLiteral("could not be read")), qPrintable(dialog->errorText()));
    QCOMPARE(readAll(m_collection->absolutePath(Collection::SettingsFile)), QByteArray("{ broken"));
}

void CollectionDockTest::environmentDialogWithoutSecretStore()
{
    CollectionSettings settings = m_collection->settings();
    settings.environments[0].secretNames = {QStringLiteral("token")};
    QString error;
    QVERIFY(m_collection->saveSettings(settings, &error));
    EnvironmentDialog dialog(m_collection.get(), nullptr);
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("variablesTable"));
    QCOMPARE(table->rowCount(), 2);
    QVERIFY(!(table->item(0, EnvironmentDialog::SecretColumn)->flags() & Qt::ItemIsUserCheckable));
    QVERIFY(!dialog.findChild<QCheckBox *>(QStringLiteral("showSecretsCheck"))->isEnabled());

    // A value cannot be kept without a store; the secret's name alone is kept.
    table->item(1, EnvironmentDialog::ValueColumn)->setText(SecretValue);
    dialog.accept();
    QVERIFY2(dialog.errorText().contains(QStringLiteral("No secret store")), qPrintable(dialog.errorText()));
    table->item(1, EnvironmentDialog::ValueColumn)->setText(QString());
    table->item(0, EnvironmentDialog::ValueColumn)->setText(QStringLiteral("localhost:1"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const Environment *local = m_collection->settings().environment(QStringLiteral("local"));
    QCOMPARE(local->variables.value(QStringLiteral("demo")), QStringLiteral("localhost:1"));
    QCOMPARE(local->secretNames, QStringList {QStringLiteral("token")});
}

QTEST_MAIN(CollectionDockTest)
#include "CollectionDockTest.moc"
