#include "model/collection/CollectionTreeModel.h"

#include "model/collection/Collection.h"

#include <QHash>
#include <QMimeData>
#include <QSet>

#include <algorithm>
#include <vector>

namespace wirescope {

const QString CollectionTreeModel::MimeType = QStringLiteral("application/x-wirescope-request-paths");

struct CollectionTreeModel::Node {
    Kind kind = Kind::Folder;
    QString path;
    QString name;
    QString method;
    QString target;
    QString message;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    // What stays the same while a node lives: a changed path is a different node.
    QString key() const { return QString::number(int(kind)) + QLatin1Char(':') + path; }

    bool samePayload(const Node &other) const
    {
        return name == other.name && method == other.method && target == other.target
            && message == other.message;
    }

    void takePayload(const Node &other)
    {
        name = other.name;
        method = other.method;
        target = other.target;
        message = other.message;
    }

    void renumber()
    {
        for (size_t i = 0; i < children.size(); ++i) {
            children[i]->row = int(i);
            children[i]->parent = this;
        }
    }

    Node *add(std::unique_ptr<Node> child)
    {
        children.push_back(std::move(child));
        renumber();
        return children.back().get();
    }

    // Folders first, then requests, then unreadable files; each by name, then by path.
    static bool lessThan(const std::unique_ptr<Node> &a, const std::unique_ptr<Node> &b)
    {
        if (a->kind != b->kind)
            return int(a->kind) < int(b->kind);
        const int byName = a->name.compare(b->name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a->path < b->path;
    }

    void sortRecursively()
    {
        std::sort(children.begin(), children.end(), &Node::lessThan);
        renumber();
        for (const auto &child : children)
            child->sortRecursively();
    }

    // The folder's node, made (with its parents) when missing.
    static Node *ensureFolder(QHash<QString, Node *> *folders, const QString &folder)
    {
        if (Node *existing = folders->value(folder))
            return existing;
        Node *parentNode = ensureFolder(folders, parentFolder(folder));
        auto node = std::make_unique<Node>();
        node->path = folder;
        node->name = folder.mid(folder.lastIndexOf(QLatin1Char('/')) + 1);
        Node *added = parentNode->add(std::move(node));
        folders->insert(folder, added);
        return added;
    }
};

CollectionTreeModel::CollectionTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

CollectionTreeModel::~CollectionTreeModel() = default;

QString CollectionTreeModel::joinFolder(const QString &parent, const QString &name)
{
    return parent.isEmpty() ? name : parent + QLatin1Char('/') + name;
}

QString CollectionTreeModel::cleanFolder(const QString &typed)
{
    QString folder = typed.trimmed();
    while (folder.startsWith(QLatin1Char('/')))
        folder.remove(0, 1);
    while (folder.endsWith(QLatin1Char('/')))
        folder.chop(1);
    return folder;
}

QString CollectionTreeModel::parentFolder(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

Collection *CollectionTreeModel::collection() const
{
    return m_collection;
}

void CollectionTreeModel::setCollection(Collection *collection)
{
    if (m_collection == collection)
        return;
    beginResetModel();
    if (m_collection)
        disconnect(m_collection, nullptr, this, nullptr);
    m_collection = collection;
    if (collection) {
        connect(collection, &Collection::contentChanged, this, &CollectionTreeModel::onContentChanged);
        connect(collection, &QObject::destroyed, this, &CollectionTreeModel::onCollectionDestroyed);
    }
    m_root = build();
    endResetModel();
}

void CollectionTreeModel::onCollectionDestroyed()
{
    beginResetModel();
    m_collection = nullptr;
    m_root = std::make_unique<Node>();
    endResetModel();
}

std::unique_ptr<CollectionTreeModel::Node> CollectionTreeModel::build() const
{
    auto root = std::make_unique<Node>();
    if (!m_collection || !m_collection->isOpen())
        return root;
    QHash<QString, Node *> folders {{QString(), root.get()}};
    const QStringList folderPaths = m_collection->folders();
    for (const QString &folder : folderPaths)
        Node::ensureFolder(&folders, folder);
    const QMap<QString, SavedRequest> &requests = m_collection->requests();
    for (auto it = requests.cbegin(); it != requests.cend(); ++it) {
        auto node = std::make_unique<Node>();
        node->kind = Kind::Request;
        node->path = it.key();
        node->name = it->name;
        node->method = it->method;
        node->target = it->target;
        Node::ensureFolder(&folders, parentFolder(it.key()))->add(std::move(node));
    }
    for (const CollectionProblem &problem : m_collection->problems()) {
        auto node = std::make_unique<Node>();
        node->kind = Kind::Problem;
        node->path = problem.path;
        node->name = problem.path.mid(problem.path.lastIndexOf(QLatin1Char('/')) + 1);
        node->message = problem.message;
        Node::ensureFolder(&folders, parentFolder(problem.path))->add(std::move(node));
    }
    root->sortRecursively();
    return root;
}

void CollectionTreeModel::onContentChanged()
{
    const std::unique_ptr<Node> fresh = build();
    sync(m_root.get(), fresh.get());
}

// Turns `current`'s children into `fresh`'s with the fewest notifications, so views keep
// their expanded folders and selection: removals, then moves into the new order, then
// inserts (which take the fresh node), then changed data; folders recurse.
void CollectionTreeModel::sync(Node *current, Node *fresh)
{
    removeMissing(current, *fresh);
    reorder(current, *fresh);
    insertNew(current, fresh);
    for (size_t i = 0; i < current->children.size(); ++i) {
        Node *child = current->children[i].get();
        const Node *counterpart = fresh->children[i].get();
        if (!counterpart)
            continue; // inserted just now: it is the fresh node itself
        if (!child->samePayload(*counterpart)) {
            child->takePayload(*counterpart);
            const QModelIndex changed = indexFor(child);
            Q_EMIT dataChanged(changed, changed);
        }
        if (child->kind == Kind::Folder)
            sync(child, fresh->children[i].get());
    }
}

void CollectionTreeModel::removeMissing(Node *current, const Node &fresh)
{
    QSet<QString> kept;
    for (const auto &child : fresh.children)
        kept.insert(child->key());
    const QModelIndex parentIndex = indexFor(current);
    for (int i = int(current->children.size()) - 1; i >= 0; --i) {
        if (kept.contains(current->children[size_t(i)]->key()))
            continue;
        beginRemoveRows(parentIndex, i, i);
        current->children.erase(current->children.begin() + i);
        current->renumber();
        endRemoveRows();
    }
}

void CollectionTreeModel::reorder(Node *current, const Node &fresh)
{
    QHash<QString, int> wanted;
    for (size_t i = 0; i < fresh.children.size(); ++i)
        wanted.insert(fresh.children[i]->key(), int(i));
    const QModelIndex parentIndex = indexFor(current);
    auto &children = current->children;
    for (int i = 0; i < int(children.size()); ++i) {
        int first = i;
        for (int j = i + 1; j < int(children.size()); ++j) {
            if (wanted.value(children[size_t(j)]->key()) < wanted.value(children[size_t(first)]->key()))
                first = j;
        }
        if (first == i)
            continue;
        beginMoveRows(parentIndex, first, first, parentIndex, i);
        std::unique_ptr<Node> moved = std::move(children[size_t(first)]);
        children.erase(children.begin() + first);
        children.insert(children.begin() + i, std::move(moved));
        current->renumber();
        endMoveRows();
    }
}

void CollectionTreeModel::insertNew(Node *current, Node *fresh)
{
    const QModelIndex parentIndex = indexFor(current);
    auto &children = current->children;
    for (size_t k = 0; k < fresh->children.size(); ++k) {
        if (k < children.size() && children[k]->key() == fresh->children[k]->key())
            continue;
        beginInsertRows(parentIndex, int(k), int(k));
        children.insert(children.begin() + qsizetype(k), std::move(fresh->children[k]));
        current->renumber();
        endInsertRows();
    }
}

CollectionTreeModel::Node *CollectionTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex CollectionTreeModel::indexFor(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, const_cast<Node *>(node));
}

const CollectionTreeModel::Node *CollectionTreeModel::findFolder(const QString &folder) const
{
    const Node *node = m_root.get();
    if (folder.isEmpty())
        return node;
    QString prefix;
    const QStringList segments = folder.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        prefix = prefix.isEmpty() ? segment : prefix + QLatin1Char('/') + segment;
        const auto it = std::find_if(node->children.cbegin(), node->children.cend(),
            [&prefix](const auto &child) { return child->kind == Kind::Folder && child->path == prefix; });
        if (it == node->children.cend())
            return nullptr;
        node = it->get();
    }
    return node;
}

QModelIndex CollectionTreeModel::findChild(const QString &folder, Kind kind, const QString &path) const
{
    const Node *parentNode = findFolder(folder);
    if (!parentNode)
        return {};
    for (const auto &child : parentNode->children) {
        if (child->kind == kind && child->path == path)
            return indexFor(child.get());
    }
    return {};
}

QModelIndex CollectionTreeModel::requestIndex(const QString &path) const
{
    return findChild(parentFolder(path), Kind::Request, path);
}

QModelIndex CollectionTreeModel::folderIndex(const QString &folder) const
{
    return folder.isEmpty() ? QModelIndex() : findChild(parentFolder(folder), Kind::Folder, folder);
}

QModelIndex CollectionTreeModel::problemIndex(const QString &path) const
{
    return findChild(parentFolder(path), Kind::Problem, path);
}

QModelIndex CollectionTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeFor(parent)->children[size_t(row)].get());
}

QModelIndex CollectionTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int CollectionTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != NameColumn)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int CollectionTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString CollectionTreeModel::toolTip(const Node &node) const
{
    switch (node.kind) {
    case Kind::Folder:
        return node.path;
    case Kind::Problem:
        return node.message;
    case Kind::Request:
        break;
    }
    const QString method = node.method.isEmpty() ? tr("No method chosen") : node.method;
    const QString target = node.target.isEmpty() ? tr("No target") : node.target;
    return method + QLatin1Char('\n') + target;
}

QVariant CollectionTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node &node = *nodeFor(index);
    const bool isRequest = node.kind == Kind::Request;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node.name;
    case Qt::ToolTipRole:
        return toolTip(node);
    case PathRole:
        return node.path;
    case KindRole:
        return int(node.kind);
    case MethodRole:
        return isRequest ? QVariant(node.method) : QVariant();
    case TargetRole:
        return isRequest ? QVariant(node.target) : QVariant();
    case MessageRole:
        return node.kind == Kind::Problem ? QVariant(node.message) : QVariant();
    case FilterTextRole:
        return QString(node.name + QLatin1Char('\n') + node.method + QLatin1Char('\n') + node.target);
    default:
        return {};
    }
}

bool CollectionTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || !m_collection)
        return false;
    const Node *node = nodeFor(index);
    const QString name = value.toString().trimmed();
    if (node->kind != Kind::Request || name.isEmpty())
        return false;
    if (name == node->name)
        return true;
    // The rename rebuilds this part of the tree, so nothing of `node` is used after it.
    const QString from = node->path;
    QString error;
    const QString to = m_collection->renameRequest(from, name, &error);
    if (to.isEmpty()) {
        Q_EMIT operationFailed(error);
        return false;
    }
    if (to != from)
        Q_EMIT requestMoved(from, to);
    return true;
}

Qt::ItemFlags CollectionTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_collection ? Qt::ItemIsDropEnabled : Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    switch (nodeFor(index)->kind) {
    case Kind::Folder:
        return base | Qt::ItemIsDropEnabled;
    case Kind::Request:
        return base | Qt::ItemIsEditable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
    case Kind::Problem:
        return base | Qt::ItemNeverHasChildren;
    }
    return base;
}

QStringList CollectionTreeModel::mimeTypes() const
{
    return {MimeType};
}

QMimeData *CollectionTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList paths;
    for (const QModelIndex &index : indexes) {
        const Node *node = index.isValid() ? nodeFor(index) : nullptr;
        if (node && node->kind == Kind::Request && !paths.contains(node->path))
            paths.append(node->path);
    }
    if (paths.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(MimeType, paths.join(QLatin1Char('\n')).toUtf8());
    return mime;
}

QString CollectionTreeModel::dropFolder(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return {};
    const Node *node = nodeFor(parent);
    return node->kind == Kind::Folder ? node->path : parentFolder(node->path);
}

bool CollectionTreeModel::canDropMimeData(
    const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &parent) const
{
    return action == Qt::MoveAction && data && data->hasFormat(MimeType) && m_collection
        && m_collection->isOpen() && (!parent.isValid() || checkIndex(parent));
}

bool CollectionTreeModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    // Read before moving: each move rebuilds part of the tree, `parent` included.
    const QString folder = dropFolder(parent);
    const QStringList paths
        = QString::fromUtf8(data->data(MimeType)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    bool moved = false;
    for (const QString &path : paths) {
        if (parentFolder(path) == folder)
            continue;
        QString error;
        const QString to = m_collection->moveRequest(path, folder, &error);
        if (to.isEmpty()) {
            Q_EMIT operationFailed(error);
            break;
        }
        moved = true;
        Q_EMIT requestMoved(path, to);
    }
    return moved;
}

} // namespace wirescope
