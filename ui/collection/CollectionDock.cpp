#include "ui/collection/CollectionDock.h"

#include "model/collection/Collection.h"
#include "model/collection/CollectionTreeModel.h"
#include "ui/collection/CollectionTreeController.h"
#include "ui/collection/EnvironmentBar.h"
#include "ui/workbench/Theme.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QToolButton>
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
        option->features |= QStyleOptionViewItem::HasDecoration;
        switch (Kind(index.data(CollectionTreeModel::KindRole).toInt())) {
        case Kind::Folder:
            option->icon = Theme::standardIcon(QStyle::SP_DirIcon);
            break;
        case Kind::Request:
            option->icon = Theme::standardIcon(QStyle::SP_FileIcon);
            break;
        case Kind::Problem:
            option->icon = Theme::standardIcon(QStyle::SP_MessageBoxWarning);
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

    m_controller = std::make_unique<CollectionTreeController>(m_model, m_proxy, m_tree, m_filter);
    connect(
        m_controller.get(), &CollectionTreeController::openRequested, this, &CollectionDock::openRequested);
    connect(m_controller.get(), &CollectionTreeController::runRequested, this, &CollectionDock::runRequested);
    connect(m_controller.get(), &CollectionTreeController::runTestsRequested, this,
        &CollectionDock::runTestsRequested);
    setCollection(nullptr);
}

CollectionDock::~CollectionDock()
{
    // The children outlive this class's members: nothing they emit while going may reach it.
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

    m_environmentBar = new EnvironmentBar(page);
    connect(m_environmentBar, &EnvironmentBar::activeEnvironmentChanged, this,
        &CollectionDock::activeEnvironmentChanged);
    connect(m_environmentBar, &EnvironmentBar::waitingForSecrets, this, [this](bool waiting) {
        if (waiting)
            setCursor(Qt::BusyCursor);
        else
            unsetCursor();
    });

    m_filter = new QLineEdit(page);
    m_filter->setObjectName(QStringLiteral("collectionFilter"));
    m_filter->setPlaceholderText(tr("Filter requests"));
    m_filter->setToolTip(tr("Matches request names, methods and targets"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &CollectionDock::applyFilter);

    m_tree = makeTree(page);
    auto *runAll = new QToolButton(page);
    runAll->setObjectName(QStringLiteral("runCollectionButton"));
    runAll->setText(tr("Run All"));
    runAll->setIcon(Theme::glyphIcon(Theme::Glyph::Send));
    runAll->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    runAll->setAutoRaise(true);
    runAll->setToolTip(tr("Run every saved request of the collection and check what each expects"));
    connect(runAll, &QToolButton::clicked, this, [this] { runTests({}); });
    auto *title = new QHBoxLayout;
    title->addWidget(m_name, 1);
    title->addWidget(runAll);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(title);
    layout->addWidget(m_problems);
    layout->addWidget(m_environmentBar);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    return page;
}

// The view's look and drag and drop; what its menu and keys do is the controller's.
QTreeView *CollectionDock::makeTree(QWidget *page)
{
    auto *tree = new QTreeView(page);
    tree->setObjectName(QStringLiteral("collectionTree"));
    tree->setModel(m_proxy);
    tree->setItemDelegate(new CollectionTreeDelegate(tree));
    tree->setHeaderHidden(true);
    tree->setUniformRowHeights(true);
    tree->setSelectionMode(QAbstractItemView::SingleSelection);
    tree->setDragEnabled(true);
    tree->setAcceptDrops(true);
    tree->setDropIndicatorShown(true);
    tree->setDragDropMode(QAbstractItemView::InternalMove);
    tree->setDefaultDropAction(Qt::MoveAction);
    tree->setToolTip(tr("Drag a request onto a folder to move it"));
    return tree;
}

Collection *CollectionDock::collection() const
{
    return m_collection;
}

void CollectionDock::setSecretStore(SecretStore *store)
{
    m_environmentBar->setSecretStore(store);
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
            m_environmentBar->refresh();
        });
        connect(collection, &QObject::destroyed, this, &CollectionDock::onCollectionDestroyed);
        m_tree->expandAll();
    }
    m_stack->setCurrentIndex(collection ? CollectionPage : EmptyPage);
    refreshHeader();
    // Starts in the collection's default environment, not announced (see the header).
    m_environmentBar->setCollection(collection);
    m_controller->setCollection(collection);
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

QString CollectionDock::activeEnvironment() const
{
    return m_environmentBar->activeEnvironment();
}

void CollectionDock::setActiveEnvironment(const QString &name)
{
    m_environmentBar->setActiveEnvironment(name);
}

void CollectionDock::editEnvironments()
{
    m_environmentBar->editEnvironments();
}

QString CollectionDock::selectedFolder() const
{
    return m_controller->selectedFolder();
}

QString CollectionDock::selectedRequestPath() const
{
    return m_controller->selectedRequestPath();
}

void CollectionDock::selectRequest(const QString &path)
{
    m_controller->selectRequest(path);
}

void CollectionDock::selectFolder(const QString &folder)
{
    m_controller->selectFolder(folder);
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

void CollectionDock::runTests(const QStringList &paths)
{
    m_controller->runTests(paths);
}

void CollectionDock::openRequest(const QString &path)
{
    m_controller->openRequest(path);
}

void CollectionDock::runRequest(const QString &path)
{
    m_controller->runRequest(path);
}

void CollectionDock::startRename(const QString &path)
{
    m_controller->startRename(path);
}

QString CollectionDock::renameRequest(const QString &path, const QString &name)
{
    return m_controller->renameRequest(path, name);
}

QString CollectionDock::duplicateRequest(const QString &path)
{
    return m_controller->duplicateRequest(path);
}

QString CollectionDock::moveRequest(const QString &path, const QString &folder)
{
    return m_controller->moveRequest(path, folder);
}

void CollectionDock::chooseFolderAndMove(const QString &path)
{
    m_controller->chooseFolderAndMove(path);
}

bool CollectionDock::deleteRequest(const QString &path)
{
    return m_controller->deleteRequest(path);
}

bool CollectionDock::createFolder(const QString &folder)
{
    return m_controller->createFolder(folder);
}

void CollectionDock::askNewFolder()
{
    m_controller->askNewFolder();
}

bool CollectionDock::deleteFolder(const QString &folder)
{
    return m_controller->deleteFolder(folder);
}

QString CollectionDock::renameFolder(const QString &folder, const QString &newFolder)
{
    return m_controller->renameFolder(folder, newFolder);
}

QString CollectionDock::duplicateFolder(const QString &folder)
{
    return m_controller->duplicateFolder(folder);
}

void CollectionDock::askRenameFolder(const QString &folder)
{
    m_controller->askRenameFolder(folder);
}

void CollectionDock::chooseFolderAndMoveFolder(const QString &folder)
{
    m_controller->chooseFolderAndMoveFolder(folder);
}

} // namespace wirescope
