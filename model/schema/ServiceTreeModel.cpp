#include "model/schema/ServiceTreeModel.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <map>
#include <vector>

namespace gp = google::protobuf;

namespace wirescope {

struct ServiceTreeModel::Node {
    NodeKind kind = NodeKind::Package;
    QString name;
    QString fullName;
    QString path;
    QString requestType;
    QString responseType;
    CallKind callKind = CallKind::Unary;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

namespace {

QString toQString(const std::string &text)
{
    return QString::fromStdString(text);
}

bool isInfrastructure(const QString &serviceName)
{
    return serviceName.startsWith(QLatin1String("grpc."));
}

} // namespace

ServiceTreeModel::ServiceTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

ServiceTreeModel::~ServiceTreeModel() = default;

void ServiceTreeModel::setSchema(const SchemaPtr &schema)
{
    beginResetModel();
    m_schema = schema;
    build();
    endResetModel();
}

void ServiceTreeModel::build()
{
    m_root = std::make_unique<Node>();
    m_methodCount = 0;
    if (!m_schema)
        return;
    // The user's own services first; gRPC's infrastructure (reflection, health) after them.
    QStringList names = m_schema->serviceNames();
    std::stable_partition(
        names.begin(), names.end(), [](const QString &name) { return !isInfrastructure(name); });
    std::map<QString, Node *> packages;
    for (const QString &serviceName : std::as_const(names)) {
        const gp::ServiceDescriptor *service = m_schema->findService(serviceName);
        if (!service)
            continue;
        const QString packageName = toQString(service->file()->package());
        Node *&package = packages[packageName];
        if (!package) {
            auto node = std::make_unique<Node>();
            node->name = packageName.isEmpty() ? tr("(no package)") : packageName;
            node->fullName = packageName;
            package = m_root->add(std::move(node));
        }
        auto serviceNode = std::make_unique<Node>();
        serviceNode->kind = NodeKind::Service;
        serviceNode->name = toQString(service->name());
        serviceNode->fullName = serviceName;
        Node *parentNode = package->add(std::move(serviceNode));
        for (int i = 0; i < service->method_count(); ++i) {
            const MethodRef ref
                = MethodRef::resolve(m_schema, serviceName + u'/' + toQString(service->method(i)->name()));
            auto method = std::make_unique<Node>();
            method->kind = NodeKind::Method;
            method->name = toQString(service->method(i)->name());
            method->fullName = ref.fullName();
            method->path = ref.path();
            method->requestType = ref.requestTypeName();
            method->responseType = ref.responseTypeName();
            method->callKind = ref.kind();
            parentNode->add(std::move(method));
            ++m_methodCount;
        }
    }
}

QModelIndex ServiceTreeModel::findMethod(const QString &fullName) const
{
    const MethodRef ref = MethodRef::resolve(m_schema, fullName);
    if (!ref.isValid())
        return {};
    const QString wanted = ref.fullName();
    for (const auto &package : m_root->children) {
        for (const auto &service : package->children) {
            for (const auto &method : service->children) {
                if (method->fullName == wanted)
                    return createIndex(method->row, 0, method.get());
            }
        }
    }
    return {};
}

QModelIndex ServiceTreeModel::preferredMethod() const
{
    QModelIndex fallback;
    for (const auto &package : m_root->children) {
        for (const auto &service : package->children) {
            if (service->children.empty())
                continue;
            const Node *first = service->children.front().get();
            const QModelIndex index = createIndex(first->row, 0, const_cast<Node *>(first));
            if (!isInfrastructure(service->fullName))
                return index;
            if (!fallback.isValid())
                fallback = index;
        }
    }
    return fallback;
}

ServiceTreeModel::Node *ServiceTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ServiceTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *node = nodeFor(parent);
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex ServiceTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *parentNode = nodeFor(child)->parent;
    if (!parentNode || parentNode == m_root.get())
        return {};
    return createIndex(parentNode->row, 0, parentNode);
}

int ServiceTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int ServiceTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ServiceTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node &node = *nodeFor(index);
    const bool isMethod = node.kind == NodeKind::Method;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, index.column());
    case Qt::ToolTipRole:
        return toolTip(node);
    case NodeKindRole:
        return int(node.kind);
    case FullNameRole:
        return node.fullName;
    case MethodPathRole:
        return isMethod ? QVariant(node.path) : QVariant();
    case CallKindRole:
        return isMethod ? QVariant(int(node.callKind)) : QVariant();
    case CallKindBadgeRole:
        return isMethod ? QVariant(callKindBadge(node.callKind)) : QVariant();
    case RequestTypeRole:
        return isMethod ? QVariant(node.requestType) : QVariant();
    case ResponseTypeRole:
        return isMethod ? QVariant(node.responseType) : QVariant();
    default:
        return {};
    }
}

QVariant ServiceTreeModel::displayData(const Node &node, int column) const
{
    if (column == NameColumn)
        return node.name;
    if (node.kind == NodeKind::Method) {
        const auto shortName = [](const QString &type) { return type.section(u'.', -1); };
        const bool clientStream = clientStreams(node.callKind);
        const bool serverStream
            = node.callKind == CallKind::ServerStreaming || node.callKind == CallKind::Bidi;
        return QString((clientStream ? QStringLiteral("stream ") : QString()) + shortName(node.requestType)
            + QStringLiteral(" \u2192 ") + (serverStream ? QStringLiteral("stream ") : QString())
            + shortName(node.responseType));
    }
    if (node.kind == NodeKind::Service)
        return tr("%n method(s)", nullptr, int(node.children.size()));
    return {};
}

QString ServiceTreeModel::toolTip(const Node &node) const
{
    switch (node.kind) {
    case NodeKind::Package:
        return tr("package %1").arg(node.fullName);
    case NodeKind::Service:
        return tr("service %1").arg(node.fullName);
    case NodeKind::Method:
        break;
    }
    return tr("%1 (%2)\nrequest: %3\nresponse: %4")
        .arg(node.fullName, callKindName(node.callKind), node.requestType, node.responseType);
}

QVariant ServiceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypesColumn:
        return tr("Request \u2192 Response");
    default:
        return {};
    }
}

Qt::ItemFlags ServiceTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace wirescope
