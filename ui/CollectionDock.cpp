#include "ui/CollectionDock.h"

#include "model/Collection.h"
#include "model/CollectionTreeModel.h"
#include "ui/AsyncSecretStore.h"
#include "ui/EnvironmentDialog.h"
#include "ui/Theme.h"
#include "ui/TreeFilterKeys.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace wirescope {

namespace {

using Kind = CollectionTreeModel::Kind;

enum Page { EmptyPage, CollectionPage };

// Gives folders, requests and unreadable files their icons; problems are drawn in the
// error colour so a broken file stands out (the model is headless and has no icons).
class CollectionTreeDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QStyle *style = option->widget ? option->widget->style() : QApplication::style();
        option->features |= QStyleOptionViewItem::HasDecoration;
        switch (Kind(index.data(CollectionTreeModel::KindRole).toInt())) {
        case Kind::Folder:
            option->icon = style->standardIcon(QStyle::SP_DirIcon);
            break;
        case Kind::Request:
            option->icon = style->standardIcon(QStyle::SP_FileIcon);
            break;
        case Kind::Problem:
            option->icon = style->standardIcon(QStyle::SP_MessageBoxWarning);
            option->palette.setColor(QPalette::Text, Theme::errorColor());
            option->font.setItalic(true);
            break;
        }
    }

public:
    // A rename rebuilds the rows under the open editor; doing it once the view has closed
    // the editor keeps the view's bookkeeping intact.
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (!line) {
            QStyledItemDelegate::setModelData(editor, model, index);
            return;
        }
        const QPersistentModelIndex target(index);
        QMetaObject::invokeMethod(
            model,
            [model, target, name = line->text()] {
                if (target.isValid())
                    model->setData(target, name);
            },
            Qt::QueuedConnection);
    }
};

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

CollectionDock::CollectionDock(QWidget *parent)
    : QDockWidget(tr("Collection"), parent)
    , m_model(new CollectionTreeModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("collectionDock"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(CollectionTreeModel::FilterTextRole);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("collectionStack"));
    m_stack->addWidget(makeEmptyPage());
    m_stack->addWidget(makeCollectionPage());
    setWidget(m_stack);
    makeActions();

    connect(m_model, &CollectionTreeModel::requestMoved, this,
        [this](const QString &, const QString &to) { selectRequest(to); });
    // Queued: the failure is reported from inside the view's editor commit.
    connect(m_model, &CollectionTreeModel::operationFailed, this, &CollectionDock::showError,
        Qt::QueuedConnection);
    setCollection(nullptr);
}

CollectionDock::~CollectionDock()
{
    // The children outlive this class's members: nothing they emit while going may reach it.
    disconnect(m_tree->selectionModel(), nullptr, this, nullptr);
    disconnect(m_model, nullptr, this, nullptr);
    if (m_collection)
        disconnect(m_collection, nullptr, this, nullptr);
}

QWidget *CollectionDock::makeEmptyPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("noCollectionPage"));
    auto *hint = new QLabel(tr("No collection is open. A collection keeps requests as small files in a "
                               "folder, ready to share through git."),
        page);
    hint->setObjectName(QStringLiteral("noCollectionHint"));
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    auto *create = new QPushButton(tr("New Collection…"), page);
    create->setObjectName(QStringLiteral("newCollectionButton"));
    create->setToolTip(tr("Make a new collection in an empty folder"));
    auto *open = new QPushButton(tr("Open Collection…"), page);
    open->setObjectName(QStringLiteral("openCollectionButton"));
    open->setToolTip(tr("Open a folder that holds a collection.json"));
    connect(create, &QPushButton::clicked, this, &CollectionDock::newCollectionRequested);
    connect(open, &QPushButton::clicked, this, &CollectionDock::openCollectionRequested);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(8, 16, 8, 16);
    layout->addWidget(hint);
    layout->addSpacing(8);
    layout->addWidget(create);
    layout->addWidget(open);
    layout->addStretch(1);
    return page;
}

QWidget *CollectionDock::makeCollectionPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("collectionPage"));
    m_name = new QLabel(page);
    m_name->setObjectName(QStringLiteral("collectionName"));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems = new QLabel(page);
    m_problems->setObjectName(QStringLiteral("collectionProblems"));
    m_problems->setWordWrap(true);
    QPalette warning = m_problems->palette();
    warning.setColor(QPalette::WindowText, Theme::errorColor());
    m_problems->setPalette(warning);

    m_environments = new QComboBox(page);
    m_environments->setObjectName(QStringLiteral("environmentCombo"));
    m_environments->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_environments->setMinimumContentsLength(8);
    auto *environmentLabel = new QLabel(tr("&Environment:"), page);
    environmentLabel->setBuddy(m_environments);
    auto *editEnvironments = new QPushButton(tr("Edit…"), page);
    editEnvironments->setObjectName(QStringLiteral("editEnvironmentsButton"));
    editEnvironments->setToolTip(tr("Edit environments: their variables and secrets"));
    connect(m_environments, &QComboBox::currentIndexChanged, this,
        [this](int index) { setActiveEnvironment(m_environments->itemData(index).toString()); });
    connect(editEnvironments, &QPushButton::clicked, this, &CollectionDock::editEnvironments);

    m_filter = new QLineEdit(page);
    m_filter->setObjectName(QStringLiteral("collectionFilter"));
    m_filter->setPlaceholderText(tr("Filter requests"));
    m_filter->setToolTip(tr("Matches request names, methods and targets"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &CollectionDock::applyFilter);

    m_tree = makeTree(page);
    new TreeFilterKeys(
        m_filter, m_tree, isRequest, [this](const QModelIndex &index) { openRequest(pathOf(index)); });

    auto *environmentRow = new QHBoxLayout;
    environmentRow->addWidget(environmentLabel);
    environmentRow->addWidget(m_environments, 1);
    environmentRow->addWidget(editEnvironments);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_name);
    layout->addWidget(m_problems);
    layout->addLayout(environmentRow);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    return page;
}

QTreeView *CollectionDock::makeTree(QWidget *page)
{
    m_tree = new QTreeView(page);
    m_tree->setObjectName(QStringLiteral("collectionTree"));
    m_tree->setModel(m_proxy);
    // The keys (F2, Ctrl+D, Delete) follow what is current: a request or a folder.
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        if (m_renameAction)
            updateActions();
    });
    m_tree->setItemDelegate(new CollectionTreeDelegate(m_tree));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers); // F2 is the rename action
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setDragEnabled(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setDragDropMode(QAbstractItemView::InternalMove);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    m_tree->setToolTip(tr("Drag a request onto a folder to move it"));
    connect(m_tree, &QTreeView::activated, this, &CollectionDock::onActivated);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &CollectionDock::showContextMenu);
    connect(
        m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &CollectionDock::updateActions);
    return m_tree;
}

void CollectionDock::makeActions()
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
    connect(m_renameAction, &QAction::triggered, this, &CollectionDock::renameCurrent);
    connect(m_duplicateAction, &QAction::triggered, this, &CollectionDock::duplicateCurrent);
    connect(m_moveAction, &QAction::triggered, this, &CollectionDock::moveCurrent);
    connect(m_deleteAction, &QAction::triggered, this, &CollectionDock::deleteCurrent);
    connect(m_newFolderAction, &QAction::triggered, this, &CollectionDock::askNewFolder);
}

Collection *CollectionDock::collection() const
{
    return m_collection;
}

void CollectionDock::setSecretStore(SecretStore *store)
{
    m_secretStore = store;
}

void CollectionDock::setCollection(Collection *collection)
{
    if (collection && collection == m_collection)
        return; // already shown: keep the environment, filter and expanded folders as they are
    if (m_collection)
        disconnect(m_collection, nullptr, this, nullptr);
    m_collection = collection;
    m_model->setCollection(collection);
    m_filter->clear();
    if (collection) {
        connect(collection, &Collection::contentChanged, this, [this] {
            refreshHeader();
            refreshEnvironments();
        });
        connect(collection, &QObject::destroyed, this, &CollectionDock::onCollectionDestroyed);
        m_tree->expandAll();
    }
    m_stack->setCurrentIndex(collection ? CollectionPage : EmptyPage);
    // A newly opened collection starts in its default environment. Not announced: the
    // caller, which may remember another one for this collection, sets that afterwards.
    m_activeEnvironment.clear();
    m_seenDefaultEnvironment = collection ? collection->settings().defaultEnvironment : QString();
    if (collection && collection->settings().environment(collection->settings().defaultEnvironment))
        m_activeEnvironment = collection->settings().defaultEnvironment;
    refreshHeader();
    refreshEnvironments();
    updateActions();
}

void CollectionDock::onCollectionDestroyed()
{
    setCollection(nullptr);
}

void CollectionDock::refreshHeader()
{
    if (!m_collection) {
        setWindowTitle(tr("Collection"));
        m_name->clear();
        m_problems->hide();
        return;
    }
    m_name->setText(m_collection->settings().name);
    m_name->setToolTip(QDir::toNativeSeparators(m_collection->directory()));
    const qsizetype problems = m_collection->problems().size();
    m_problems->setVisible(problems > 0);
    m_problems->setText(problems == 1
            ? tr("1 file could not be read; it is marked below.")
            : tr("%1 files could not be read; they are marked below.").arg(problems));
}

void CollectionDock::refreshEnvironments()
{
    const QSignalBlocker blocker(m_environments);
    m_environments->clear();
    m_environments->addItem(tr("No environment"), QString());
    QString active = m_activeEnvironment;
    if (m_collection) {
        for (const Environment &environment : m_collection->settings().environments)
            m_environments->addItem(environment.name, environment.name);
        // Choosing a default environment (in the Environments dialog) means using it now.
        const QString defaultName = m_collection->settings().defaultEnvironment;
        if (defaultName != m_seenDefaultEnvironment) {
            m_seenDefaultEnvironment = defaultName;
            if (m_collection->settings().environment(defaultName))
                active = defaultName;
        }
        if (!m_collection->settings().environment(active))
            active.clear();
    } else {
        active.clear();
    }
    m_environments->setCurrentIndex(std::max(0, m_environments->findData(active)));
    if (active != m_activeEnvironment) {
        m_activeEnvironment = active;
        Q_EMIT activeEnvironmentChanged(active);
    }
    updateEnvironmentToolTip();
}

void CollectionDock::updateEnvironmentToolTip()
{
    const Environment *environment
        = m_collection ? m_collection->settings().environment(m_activeEnvironment) : nullptr;
    if (!environment) {
        m_environments->setToolTip(tr("Variables ({{name}}) are resolved against this environment"));
        return;
    }
    QStringList lines;
    for (auto it = environment->variables.cbegin(); it != environment->variables.cend(); ++it)
        lines.append(it.key() + QStringLiteral(" = ") + it.value());
    for (const QString &secret : environment->secretNames)
        lines.append(secret + QStringLiteral(" = ") + tr("(secret)"));
    m_environments->setToolTip(
        lines.isEmpty() ? tr("This environment has no variables") : lines.join(QLatin1Char('\n')));
}

void CollectionDock::setActiveEnvironment(const QString &name)
{
    if (name == m_activeEnvironment)
        return;
    if (!name.isEmpty() && (!m_collection || !m_collection->settings().environment(name)))
        return;
    m_activeEnvironment = name;
    {
        const QSignalBlocker blocker(m_environments);
        m_environments->setCurrentIndex(std::max(0, m_environments->findData(name)));
    }
    updateEnvironmentToolTip();
    Q_EMIT activeEnvironmentChanged(name);
}

QModelIndex CollectionDock::currentSourceIndex() const
{
    return m_proxy->mapToSource(m_tree->currentIndex());
}

QString CollectionDock::selectedFolder() const
{
    const QModelIndex index = currentSourceIndex();
    if (!index.isValid())
        return {};
    return kindOf(index) == Kind::Folder ? pathOf(index) : CollectionTreeModel::parentFolder(pathOf(index));
}

QString CollectionDock::selectedRequestPath() const
{
    const QModelIndex index = currentSourceIndex();
    return isRequest(index) ? pathOf(index) : QString();
}

void CollectionDock::selectRequest(const QString &path)
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

void CollectionDock::selectFolder(const QString &folder)
{
    QModelIndex index = m_proxy->mapFromSource(m_model->folderIndex(folder));
    if (!index.isValid())
        return;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void CollectionDock::focusFilter()
{
    if (!isVisible())
        show();
    raise();
    m_filter->setFocus();
    m_filter->selectAll();
}

void CollectionDock::applyFilter(const QString &text)
{
    m_proxy->setFilterFixedString(text.trimmed());
    if (!text.trimmed().isEmpty())
        m_tree->expandAll();
}

void CollectionDock::updateActions()
{
    const QModelIndex index = currentSourceIndex();
    const bool request = isRequest(index);
    const bool folder = index.isValid() && kindOf(index) == Kind::Folder;
    for (QAction *action : {m_openAction, m_runAction})
        action->setEnabled(request);
    for (QAction *action : {m_renameAction, m_duplicateAction, m_moveAction, m_deleteAction})
        action->setEnabled(request || folder);
    m_newFolderAction->setEnabled(m_collection != nullptr);
}

void CollectionDock::onActivated(const QModelIndex &proxyIndex)
{
    if (isRequest(proxyIndex))
        openRequest(pathOf(proxyIndex));
    else if (proxyIndex.isValid() && kindOf(proxyIndex) == Kind::Folder)
        m_tree->setExpanded(proxyIndex, !m_tree->isExpanded(proxyIndex));
}

void CollectionDock::showContextMenu(const QPoint &position)
{
    if (!m_collection)
        return;
    const QModelIndex index = m_tree->indexAt(position);
    if (index.isValid())
        m_tree->setCurrentIndex(index);
    else
        m_tree->setCurrentIndex({}); // the root: a new folder goes there
    updateActions();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("collectionContextMenu"));
    const Kind kind = index.isValid() ? kindOf(index) : Kind::Folder;
    if (index.isValid() && kind == Kind::Request) {
        menu.addAction(m_openAction);
        menu.addAction(m_runAction);
        menu.addSeparator();
        menu.addAction(m_renameAction);
        menu.addAction(m_duplicateAction);
        menu.addAction(m_moveAction);
        menu.addSeparator();
        m_deleteAction->setText(tr("&Delete"));
        menu.addAction(m_deleteAction);
    } else if (kind == Kind::Folder) {
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

void CollectionDock::openRequest(const QString &path)
{
    if (m_collection && m_collection->request(path))
        Q_EMIT openRequested(path);
}

void CollectionDock::runRequest(const QString &path)
{
    if (m_collection && m_collection->request(path))
        Q_EMIT runRequested(path);
}

void CollectionDock::startRename(const QString &path)
{
    selectRequest(path);
    const QModelIndex index = m_proxy->mapFromSource(m_model->requestIndex(path));
    if (index.isValid())
        m_tree->edit(index);
}

QString CollectionDock::renameRequest(const QString &path, const QString &name)
{
    return runOperation(
        [&](Collection *c, QString *error) { return c->renameRequest(path, name.trimmed(), error); }, false);
}

QString CollectionDock::duplicateRequest(const QString &path)
{
    return runOperation(
        [&](Collection *c, QString *error) { return c->duplicateRequest(path, error); }, false);
}

QString CollectionDock::moveRequest(const QString &path, const QString &folder)
{
    return runOperation(
        [&](Collection *c, QString *error) {
            return c->moveRequest(path, CollectionTreeModel::cleanFolder(folder), error);
        },
        false);
}

// Runs one operation on the collection: shows its error, or selects what it produced.
QString CollectionDock::runOperation(
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

void CollectionDock::chooseFolderAndMove(const QString &path)
{
    if (!m_collection || !m_collection->request(path))
        return;
    if (const std::optional<QString> folder
        = askFolder(CollectionTreeModel::parentFolder(path), tr("Move the request to:")))
        moveRequest(path, *folder);
}

bool CollectionDock::deleteRequest(const QString &path)
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
void CollectionDock::actOnCurrent(const std::function<void(const QString &)> &onRequest,
    const std::function<void(const QString &)> &onFolder)
{
    const QModelIndex index = currentSourceIndex();
    if (isRequest(index))
        onRequest(pathOf(index));
    else if (index.isValid() && kindOf(index) == Kind::Folder)
        onFolder(pathOf(index));
}

void CollectionDock::renameCurrent()
{
    actOnCurrent([this](const QString &path) { startRename(path); },
        [this](const QString &folder) { askRenameFolder(folder); });
}

void CollectionDock::duplicateCurrent()
{
    actOnCurrent([this](const QString &path) { duplicateRequest(path); },
        [this](const QString &folder) { duplicateFolder(folder); });
}

void CollectionDock::moveCurrent()
{
    actOnCurrent([this](const QString &path) { chooseFolderAndMove(path); },
        [this](const QString &folder) { chooseFolderAndMoveFolder(folder); });
}

void CollectionDock::deleteCurrent()
{
    actOnCurrent([this](const QString &path) { deleteRequest(path); },
        [this](const QString &folder) { deleteFolder(folder); });
}

void CollectionDock::editEnvironments()
{
    if (!m_collection)
        return;
    // The dialog shows the stored secret values and saves what it shows, so it opens only
    // once a slow store has answered for every one of them.
    if (auto *async = dynamic_cast<AsyncSecretStore *>(m_secretStore)) {
        const CollectionSettings &settings = m_collection->settings();
        QStringList keys;
        for (const Environment &environment : settings.environments) {
            for (const QString &name : environment.secretNames)
                keys.append(SecretStore::secretKey(settings.id, environment.name, name));
        }
        setCursor(Qt::BusyCursor);
        async->whenLoaded(keys, this, [this] {
            unsetCursor();
            // Not from inside the store's notification: the dialog runs its own loop.
            QMetaObject::invokeMethod(this, &CollectionDock::openEnvironmentDialog, Qt::QueuedConnection);
        });
        return;
    }
    openEnvironmentDialog();
}

void CollectionDock::openEnvironmentDialog()
{
    if (!m_collection)
        return;
    EnvironmentDialog dialog(m_collection, m_secretStore, this);
    dialog.selectEnvironment(m_activeEnvironment);
    dialog.exec();
}

void CollectionDock::showError(const QString &message)
{
    QMessageBox box(QMessageBox::Warning, tr("Collection"), message, QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("collectionError"));
    box.exec();
}

} // namespace wirescope
