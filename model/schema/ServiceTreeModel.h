#pragma once

#include "model/schema/MethodRef.h"
#include "model/schema/Schema.h"

#include <QAbstractItemModel>

#include <memory>

namespace wirescope {

// The schema's services as a tree a person browses: package → service → method. Built
// from one schema snapshot; rebuilt (with a model reset) when the snapshot changes. Views
// read everything by role, so they never touch descriptors.
class ServiceTreeModel final : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { NameColumn, TypesColumn, ColumnCount };
    enum class NodeKind : quint8 { Package, Service, Method };
    enum Role {
        NodeKindRole = Qt::UserRole + 1, // int(NodeKind)
        FullNameRole, // package, "pkg.Service" or "pkg.Service/Method"
        MethodPathRole, // "/pkg.Service/Method" for methods
        CallKindRole, // int(CallKind) for methods
        CallKindBadgeRole, // "U", "SS", "CS", "BIDI" for methods
        RequestTypeRole, // full name of the request message
        ResponseTypeRole,
    };

    explicit ServiceTreeModel(QObject *parent = nullptr);
    ~ServiceTreeModel() override;
    Q_DISABLE_COPY_MOVE(ServiceTreeModel)

    void setSchema(const SchemaPtr &schema);
    SchemaPtr schema() const { return m_schema; }

    QModelIndex findMethod(const QString &fullName) const;
    // The method a new user should see first: the first one outside gRPC's own
    // infrastructure services (reflection, health), else the first one at all.
    QModelIndex preferredMethod() const;
    int methodCount() const { return m_methodCount; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    QVariant displayData(const Node &node, int column) const;
    QString toolTip(const Node &node) const;
    void build();

    SchemaPtr m_schema;
    std::unique_ptr<Node> m_root;
    int m_methodCount = 0;
};

} // namespace wirescope
