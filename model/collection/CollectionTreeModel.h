#pragma once

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>

namespace wirescope {

class Collection;

// A collection's folders, saved requests and unreadable files as a tree for a dock:
// folders first, then requests by name, then the files that could not be read (their
// message is the tooltip). It follows the collection's changes with exact row inserts,
// removals and moves, so a view keeps its expanded folders and selection when a file
// changes on disk. Renaming (setData) and dropping requests onto folders go through the
// Collection API, so the main window's undo records them.
class CollectionTreeModel final : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { NameColumn, ColumnCount };
    enum class Kind : quint8 { Folder, Request, Problem };
    enum Role {
        PathRole = Qt::UserRole + 1, // request or problem file path, or folder path ("a/b")
        KindRole, // int(Kind)
        MethodRole, // requests: "pkg.Service/Method"
        TargetRole, // requests: "host:port", maybe with {{variables}}
        MessageRole, // problems: why the file could not be read
        FilterTextRole, // what a filter matches: name, method and target
    };
    static const QString MimeType; // request paths, one per line

    explicit CollectionTreeModel(QObject *parent = nullptr);
    ~CollectionTreeModel() override;
    Q_DISABLE_COPY_MOVE(CollectionTreeModel)

    // Not owned; nullptr empties the model.
    void setCollection(Collection *collection);
    Collection *collection() const;

    QModelIndex requestIndex(const QString &path) const;
    QModelIndex folderIndex(const QString &folder) const; // invalid for the root ("")
    QModelIndex problemIndex(const QString &path) const;
    // "a/b/c.json" → "a/b"; "c.json" → "".
    static QString parentFolder(const QString &path);
    static QString joinFolder(const QString &parent, const QString &name); // "" parent = root
    // "/a/b/" → "a/b", so a typed folder name is taken as the user meant it.
    static QString cleanFolder(const QString &typed);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;

Q_SIGNALS:
    // A rename or a drop moved a request to a new path (a view selects it there).
    void requestMoved(const QString &from, const QString &to);
    // A rename or a drop failed; the text says why, for the user.
    void operationFailed(const QString &message);

private:
    struct Node;

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node) const;
    const Node *findFolder(const QString &folder) const;
    QModelIndex findChild(const QString &folder, Kind kind, const QString &path) const;
    QString toolTip(const Node &node) const;
    std::unique_ptr<Node> build() const;
    void sync(Node *current, Node *fresh);
    void removeMissing(Node *current, const Node &fresh);
    void reorder(Node *current, const Node &fresh);
    void insertNew(Node *current, Node *fresh);
    void onContentChanged();
    void onCollectionDestroyed();
    QString dropFolder(const QModelIndex &parent) const;

    QPointer<Collection> m_collection;
    std::unique_ptr<Node> m_root;
};

} // namespace wirescope
