// CollectionTreeController: what the collection tree's context menu and keys do, and the
// request and folder operations behind them with the dialogs that ask for their details.
#include "ui/collection/CollectionTreeController.h"

#include "model/collection/Collection.h"
#include "model/collection/CollectionTreeModel.h"
#include "ui/schema/TreeFilterKeys.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace wirescope {

namespace {

using Kind = CollectionTreeModel::Kind;

Kind kindOf(const QModelIndex &index)
{
    return Kind(index.data(CollectionTreeModel::KindRole).toInt());
}

bool isRequest(const QModelIndex &index)
{
    return index.isValid() && kindOf(index) == Kind::Request;
}

QString pathOf(const QModelIndex &index)
{
    return index.data(CollectionTreeModel::PathRole).toString();
}

// Ctrl+Enter is the window's Send too: the tree claims it while it has focus (a shortcut
// override), so Qt does not find two shortcuts and run neither, and runs the request.
class RunKeyFilter final : public QObject {
public:
    RunKeyFilter(QAction *run, QObject *parent)
        : QObject(parent)
        , m_run(run)
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
            return QObject::eventFilter(watched, event);
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool ctrlEnter = (key->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier
            && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter);
        if (!ctrlEnter)
            return QObject::eventFilter(watched, event);
        event->accept();
        if (event->type() == QEvent::KeyPress && m_run->isEnabled())
            m_run->trigger();
        return true;
    }

private:
    QAction *m_run;
};

QAction *makeAction(QWidget *owner, const QString &text, const QKeySequence &shortcut = {})
{
    auto *action = new QAction(text, owner);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetShortcut);
    owner->addAction(action);
    return action;
}

} // namespace

CollectionTreeController::CollectionTreeController(CollectionTreeModel *model, QSortFilterProxyModel *proxy,
    QTreeView *tree, QLineEdit *filter, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_proxy(proxy)
    , m_tree(tree)
    , m_filter(filter)
{
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers); // F2 is the rename action
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    makeActions();
    // The field owns its keys and may outlive this controller.
    new TreeFilterKeys(m_filter, m_tree, isRequest, [controller = QPointer(this)](const QModelIndex &index) {
        if (controller)
            controller->openRequest(pathOf(index));
    });
    // The keys (F2, Ctrl+D, Delete) follow what is current: a request or a folder.
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &CollectionTreeController::updateActions);
    connect(m_tree, &QTreeView::activated, this, &CollectionTreeController::onActivated);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &CollectionTreeController::showContextMenu);
    connect(m_model, &CollectionTreeModel::requestMoved, this,
        [this](const QString &, const QString &to) { selectRequest(to); });
    // Queued: the failure is reported from inside the view's editor commit.
    connect(m_model, &CollectionTreeModel::operationFailed, this, &CollectionTreeController::showError,
        Qt::QueuedConnection);
    updateActions();
}

void CollectionTreeController::makeActions()
{
    m_openAction = makeAction(m_tree, tr("&Open"));
    m_runAction = makeAction(m_tree, tr("&Run"), QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_tree->installEventFilter(new RunKeyFilter(m_runAction, m_tree));
    m_renameAction = makeAction(m_tree, tr("Re&name…"), QKeySequence(Qt::Key_F2));
    m_duplicateAction = makeAction(m_tree, tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D));
    m_moveAction = makeAction(m_tree, tr("&Move to Folder…"));
    m_deleteAction = makeAction(m_tree, tr("&Delete"), QKeySequence::Delete);
    m_newFolderAction
        = makeAction(m_tree, tr("New &Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_openAction->setToolTip(tr("Open the request in a tab (Enter)"));

    connect(m_openAction, &QAction::triggered, this, [this] { openRequest(selectedRequestPath()); });
    connect(m_runAction, &QAction::triggered, this, [this] { runRequest(selectedRequestPath()); });
    connect(m_renameAction, &QAction::triggered, this, &CollectionTreeController::renameCurrent);
    connect(m_duplicateAction, &QAction::triggered, this, &CollectionTreeController::duplicateCurrent);
    connect(m_moveAction, &QAction::triggered, this, &CollectionTreeController::moveCurrent);
    connect(m_deleteAction, &QAction::triggered, this, &CollectionTreeController::deleteCurrent);
    connect(m_newFolderAction, &QAction::triggered, this, &CollectionTreeController::askNewFolder);
    makeRunActions();
}

// Runs of the saved files with their checks, shown in the Run Results panel; "Run" above
// opens one request in a tab instead.
void CollectionTreeController::makeRunActions()
{
    m_runTestsAction = makeAction(m_tree, tr("Run &Tests"));
    m_runTestsAction->setObjectName(QStringLiteral("runTestsAction"));
    m_runTestsAction->setToolTip(tr("Run the saved request and check what it expects, in Run Results"));
    m_runFolderAction = makeAction(m_tree, tr("Run &Folder"));
    m_runFolderAction->setObjectName(QStringLiteral("runFolderAction"));
    m_runFolderAction->setToolTip(tr("Run every saved request in the folder and check each, in Run Results"));
    m_runCollectionAction = makeAction(m_tree, tr("Run &Collection"));
    m_runCollectionAction->setObjectName(QStringLiteral("runCollectionAction"));
    m_runCollectionAction->setToolTip(tr("Run every saved request of the collection and check each"));
    connect(m_runTestsAction, &QAction::triggered, this, [this] { runTests({selectedRequestPath()}); });
    connect(m_runFolderAction, &QAction::triggered, this, [this] {
        const QModelIndex index = currentSourceIndex();
        if (index.isValid() && kindOf(index) == Kind::Folder)
            runTests({pathOf(index)});
    });
    connect(m_runCollectionAction, &QAction::triggered, this, [this] { runTests({}); });
}

void CollectionTreeController::runTests(const QStringList &paths)
{
    if (m_collection && !paths.contains(QString()))
        Q_EMIT runTestsRequested(paths);
}

void CollectionTreeController::setCollection(Collection *collection)
{
    m_collection = collection;
    updateActions();
}

QModelIndex CollectionTreeController::currentSourceIndex() const
{
    return m_proxy->mapToSource(m_tree->currentIndex());
}

QString CollectionTreeController::selectedFolder() const
{
    const QModelIndex index = currentSourceIndex();
    if (!index.isValid())
        return {};
    return kindOf(index) == Kind::Folder ? pathOf(index) : CollectionTreeModel::parentFolder(pathOf(index));
}

QString CollectionTreeController::selectedRequestPath() const
{
    const QModelIndex index = currentSourceIndex();
    return isRequest(index) ? pathOf(index) : QString();
}

void CollectionTreeController::selectRequest(const QString &path)
{
    const QModelIndex source = m_model->requestIndex(path);
    if (!source.isValid())
        return;
    QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid()) { // hidden by the filter
        m_filter->clear();
        index = m_proxy->mapFromSource(source);
    }
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void CollectionTreeController::selectFolder(const QString &folder)
{
    QModelIndex index = m_proxy->mapFromSource(m_model->folderIndex(folder));
    if (!index.isValid())
        return;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void CollectionTreeController::updateActions()
{
    const QModelIndex index = currentSourceIndex();
    const bool request = isRequest(index);
    const bool folder = index.isValid() && kindOf(index) == Kind::Folder;
    for (QAction *action : {m_openAction, m_runAction, m_runTestsAction})
        action->setEnabled(request);
    m_runFolderAction->setEnabled(folder);
    m_runCollectionAction->setEnabled(m_collection != nullptr);
    for (QAction *action : {m_renameAction, m_duplicateAction, m_moveAction, m_deleteAction})
        action->setEnabled(request || folder);
    m_newFolderAction->setEnabled(m_collection != nullptr);
}

void CollectionTreeController::onActivated(const QModelIndex &proxyIndex)
{
    if (isRequest(proxyIndex))
        openRequest(pathOf(proxyIndex));
    else if (proxyIndex.isValid() && kindOf(proxyIndex) == Kind::Folder)
        m_tree->setExpanded(proxyIndex, !m_tree->isExpanded(proxyIndex));
}

void CollectionTreeController::showContextMenu(const QPoint &position)
{
    if (!m_collection)
        return;
    const QModelIndex index = m_tree->indexAt(position);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    else
        m_tree->setCurrentIndex({}); // the root: a new folder goes there
    updateActions();
    QMenu menu(m_tree);
    menu.setObjectName(QStringLiteral("collectionContextMenu"));
    const Kind kind = index.isValid() ? kindOf(index) : Kind::Folder;
    if (index.isValid() && kind == Kind::Request) {
        menu.addAction(m_openAction);
        menu.addAction(m_runAction);
        menu.addAction(m_runTestsAction);
        menu.addSeparator();
        menu.addAction(m_renameAction);
        menu.addAction(m_duplicateAction);
        menu.addAction(m_moveAction);
        menu.addSeparator();
        m_deleteAction->setText(tr("&Delete"));
        menu.addAction(m_deleteAction);
    } else if (kind == Kind::Folder) {
        menu.addAction(index.isValid() ? m_runFolderAction : m_runCollectionAction);
        menu.addSeparator();
        menu.addAction(m_newFolderAction);
        if (index.isValid()) {
            menu.addSeparator();
            menu.addAction(m_renameAction);
            menu.addAction(m_duplicateAction);
            menu.addAction(m_moveAction);
            menu.addSeparator();
            m_deleteAction->setText(tr("&Delete Folder…"));
            menu.addAction(m_deleteAction);
        }
    } else {
        return; // an unreadable file: its tooltip says why; there is nothing to do on it here
    }
    menu.exec(m_tree->viewport()->mapToGlobal(position));
    m_deleteAction->setText(tr("&Delete"));
}

void CollectionTreeController::openRequest(const QString &path)
{
    if (m_collection && m_collection->request(path))
        Q_EMIT openRequested(path);
}

void CollectionTreeController::runRequest(const QString &path)
{
    if (m_collection && m_collection->request(path))
        Q_EMIT runRequested(path);
}

void CollectionTreeController::startRename(const QString &path)
{
    selectRequest(path);
    const QModelIndex index = m_proxy->mapFromSource(m_model->requestIndex(path));
    if (index.isValid())
        m_tree->edit(index);
}

QString CollectionTreeController::renameRequest(const QString &path, const QString &name)
{
    return runOperation(
        [&](Collection *c, QString *error) { return c->renameRequest(path, name.trimmed(), error); }, false);
}

QString CollectionTreeController::duplicateRequest(const QString &path)
{
    return runOperation(
        [&](Collection *c, QString *error) { return c->duplicateRequest(path, error); }, false);
}

QString CollectionTreeController::moveRequest(const QString &path, const QString &folder)
{
    return runOperation(
        [&](Collection *c, QString *error) {
            return c->moveRequest(path, CollectionTreeModel::cleanFolder(folder), error);
        },
        false);
}

// Runs one operation on the collection: shows its error, or selects what it produced.
QString CollectionTreeController::runOperation(
    const std::function<QString(Collection *, QString *)> &operation, bool producesFolder)
{
    if (!m_collection)
        return {};
    QString error;
    const QString result = operation(m_collection, &error);
    if (result.isEmpty()) {
        showError(error);
        return {};
    }
    if (producesFolder)
        selectFolder(result);
    else
        selectRequest(result);
    return result;
}

void CollectionTreeController::chooseFolderAndMove(const QString &path)
{
    if (!m_collection || !m_collection->request(path))
        return;
    if (const std::optional<QString> folder
        = askFolder(CollectionTreeModel::parentFolder(path), tr("Move the request to:")))
        moveRequest(path, *folder);
}

bool CollectionTreeController::deleteRequest(const QString &path)
{
    if (!m_collection)
        return false;
    QString error;
    if (!m_collection->removeRequest(path, &error)) {
        showError(error);
        return false;
    }
    return true;
}

// What a key or menu entry does depends on whether a request or a folder is current.
void CollectionTreeController::actOnCurrent(const std::function<void(const QString &)> &onRequest,
    const std::function<void(const QString &)> &onFolder)
{
    const QModelIndex index = currentSourceIndex();
    if (isRequest(index))
        onRequest(pathOf(index));
    else if (index.isValid() && kindOf(index) == Kind::Folder)
        onFolder(pathOf(index));
}

void CollectionTreeController::renameCurrent()
{
    actOnCurrent([this](const QString &path) { startRename(path); },
        [this](const QString &folder) { askRenameFolder(folder); });
}

void CollectionTreeController::duplicateCurrent()
{
    actOnCurrent([this](const QString &path) { duplicateRequest(path); },
        [this](const QString &folder) { duplicateFolder(folder); });
}

void CollectionTreeController::moveCurrent()
{
    actOnCurrent([this](const QString &path) { chooseFolderAndMove(path); },
        [this](const QString &folder) { chooseFolderAndMoveFolder(folder); });
}

void CollectionTreeController::deleteCurrent()
{
    actOnCurrent([this](const QString &path) { deleteRequest(path); },
        [this](const QString &folder) { deleteFolder(folder); });
}

std::optional<QString> CollectionTreeController::askFolder(
    const QString &current, const QString &moving, const QString &exclude)
{
    QDialog dialog(m_tree);
    dialog.setObjectName(QStringLiteral("moveToFolderDialog"));
    dialog.setWindowTitle(tr("Move to Folder"));
    auto *folders = new QListWidget(&dialog);
    folders->setObjectName(QStringLiteral("folderList"));
    auto *root = new QListWidgetItem(tr("(collection root)"), folders);
    root->setData(Qt::UserRole, QString());
    const QStringList existing = m_collection->folders();
    for (const QString &folder : existing) {
        if (!exclude.isEmpty() && (folder == exclude || folder.startsWith(exclude + u'/')))
            continue;
        auto *item = new QListWidgetItem(folder, folders);
        item->setData(Qt::UserRole, folder);
        if (folder == current)
            folders->setCurrentItem(item);
    }
    if (current.isEmpty())
        folders->setCurrentItem(root);
    auto *newFolder = new QLineEdit(&dialog);
    newFolder->setObjectName(QStringLiteral("newFolderName"));
    newFolder->setPlaceholderText(tr("Or a new folder: \"unary\", \"a/b\""));
    newFolder->setToolTip(tr("A folder that does not exist yet is created"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(folders, &QListWidget::itemDoubleClicked, &dialog, &QDialog::accept);
    connect(newFolder, &QLineEdit::textChanged, folders,
        [folders](const QString &text) { folders->setEnabled(text.trimmed().isEmpty()); });

    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(moving, &dialog));
    layout->addWidget(folders, 1);
    layout->addWidget(newFolder);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    if (!CollectionTreeModel::cleanFolder(newFolder->text()).isEmpty())
        return CollectionTreeModel::cleanFolder(newFolder->text());
    return folders->currentItem() ? folders->currentItem()->data(Qt::UserRole).toString() : current;
}

bool CollectionTreeController::createFolder(const QString &folder)
{
    if (!m_collection)
        return false;
    QString error;
    const QString cleaned = CollectionTreeModel::cleanFolder(folder);
    if (!m_collection->createFolder(cleaned, &error)) {
        showError(error);
        return false;
    }
    selectFolder(cleaned);
    return true;
}

void CollectionTreeController::askNewFolder()
{
    if (!m_collection)
        return;
    const QString parentFolder = selectedFolder();
    QInputDialog dialog(m_tree);
    dialog.setObjectName(QStringLiteral("newFolderDialog"));
    dialog.setWindowTitle(tr("New Folder"));
    dialog.setLabelText(parentFolder.isEmpty() ? tr("Name of the new folder:")
                                               : tr("Name of the new folder in \"%1\":").arg(parentFolder));
    if (dialog.exec() != QDialog::Accepted || CollectionTreeModel::cleanFolder(dialog.textValue()).isEmpty())
        return;
    createFolder(
        CollectionTreeModel::joinFolder(parentFolder, CollectionTreeModel::cleanFolder(dialog.textValue())));
}

bool CollectionTreeController::deleteFolder(const QString &folder)
{
    if (!m_collection)
        return false;
    const QString prefix = folder + QLatin1Char('/');
    const QStringList paths = m_collection->requests().keys();
    const auto count = std::count_if(
        paths.cbegin(), paths.cend(), [&prefix](const QString &path) { return path.startsWith(prefix); });
    if (count > 0) {
        QMessageBox confirm(QMessageBox::Question, tr("Delete Folder"),
            count == 1 ? tr("Delete the folder \"%1\" and the request in it?").arg(folder)
                       : tr("Delete the folder \"%1\" and the %2 requests in it?")
                             .arg(folder, QString::number(count)),
            QMessageBox::Yes | QMessageBox::Cancel, m_tree);
        confirm.setObjectName(QStringLiteral("confirmDeleteFolder"));
        confirm.setInformativeText(tr("Undo brings the requests back."));
        confirm.setDefaultButton(QMessageBox::Cancel);
        if (confirm.exec() != QMessageBox::Yes)
            return false;
    }
    QString error;
    if (!m_collection->removeFolder(folder, &error)) {
        showError(error);
        return false;
    }
    return true;
}

QString CollectionTreeController::renameFolder(const QString &folder, const QString &newFolder)
{
    return runOperation(
        [&](Collection *c, QString *error) {
            return c->renameFolder(folder, CollectionTreeModel::cleanFolder(newFolder), error);
        },
        true);
}

QString CollectionTreeController::duplicateFolder(const QString &folder)
{
    return runOperation(
        [&](Collection *c, QString *error) { return c->duplicateFolder(folder, error); }, true);
}

void CollectionTreeController::askRenameFolder(const QString &folder)
{
    if (!m_collection || folder.isEmpty())
        return;
    const QString parentFolder = CollectionTreeModel::parentFolder(folder);
    const QString leaf = folder.mid(parentFolder.isEmpty() ? 0 : parentFolder.size() + 1);
    QInputDialog dialog(m_tree);
    dialog.setObjectName(QStringLiteral("renameFolderDialog"));
    dialog.setWindowTitle(tr("Rename Folder"));
    dialog.setLabelText(tr("New name of the folder \"%1\":").arg(folder));
    dialog.setTextValue(leaf);
    if (dialog.exec() != QDialog::Accepted || CollectionTreeModel::cleanFolder(dialog.textValue()).isEmpty()
        || CollectionTreeModel::cleanFolder(dialog.textValue()) == leaf)
        return;
    renameFolder(folder,
        CollectionTreeModel::joinFolder(parentFolder, CollectionTreeModel::cleanFolder(dialog.textValue())));
}

void CollectionTreeController::chooseFolderAndMoveFolder(const QString &folder)
{
    if (!m_collection || folder.isEmpty())
        return;
    const QString parentFolder = CollectionTreeModel::parentFolder(folder);
    const QString leaf = folder.mid(parentFolder.isEmpty() ? 0 : parentFolder.size() + 1);
    const std::optional<QString> destination
        = askFolder(parentFolder, tr("Move the folder \"%1\" and everything in it to:").arg(folder), folder);
    if (destination && *destination != parentFolder)
        renameFolder(folder, CollectionTreeModel::joinFolder(*destination, leaf));
}

void CollectionTreeController::showError(const QString &message)
{
    QMessageBox box(QMessageBox::Warning, tr("Collection"), message, QMessageBox::Ok, m_tree);
    box.setObjectName(QStringLiteral("collectionError"));
    box.exec();
}

} // namespace wirescope
