// CollectionTreeController: the collection tree's selection, context menu, keys and file operations.
#pragma once

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QLineEdit;
class QModelIndex;
class QPoint;
class QSortFilterProxyModel;
class QTreeView;

namespace wirescope {

class Collection;
class CollectionTreeModel;

// What can be done on the collection tree: the file operations on requests and folders
// (rename, duplicate, move, delete, new folder) and the dialogs they ask with, on a context
// menu and keys (Enter opens, Ctrl+Enter runs, F2 renames, Delete deletes), and selecting a
// request or folder. Every operation goes through the Collection API, so the main window's
// CollectionUndo records it; errors are shown to the user. It works on widgets it is given
// (the tree shows `proxy`, which filters `model`; `filter` is the field above the tree), so
// it needs no dock around it.
class CollectionTreeController final : public QObject {
    Q_OBJECT

public:
    CollectionTreeController(CollectionTreeModel *model, QSortFilterProxyModel *proxy, QTreeView *tree,
        QLineEdit *filter, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(CollectionTreeController)

    void setCollection(Collection *collection); // not owned; nullptr = none open

    QString selectedFolder() const; // the selected folder, or the folder of the selected request, "" = root
    QString selectedRequestPath() const;
    void selectRequest(const QString &path); // clears the filter when it hides the request
    void selectFolder(const QString &folder);

    // Each shows its error to the user and returns the request path it produced, "" or
    // false on failure.
    void openRequest(const QString &path);
    void runRequest(const QString &path);
    void startRename(const QString &path); // the inline editor; committing renames
    QString renameRequest(const QString &path, const QString &name);
    QString duplicateRequest(const QString &path);
    QString moveRequest(const QString &path, const QString &folder);
    void chooseFolderAndMove(const QString &path); // asks for the folder first
    bool deleteRequest(const QString &path); // no confirmation: it can be undone
    bool createFolder(const QString &folder);
    void askNewFolder(); // asks for a name inside selectedFolder()
    bool deleteFolder(const QString &folder); // confirms first when it holds requests
    // A folder renamed, moved ("a/b" to "c/b") or copied with everything in it; one undo step.
    QString renameFolder(const QString &folder, const QString &newFolder);
    QString duplicateFolder(const QString &folder);
    void askRenameFolder(const QString &folder); // asks for the new name first
    void chooseFolderAndMoveFolder(const QString &folder); // asks where to first
    // Asks for a collection run of the saved requests under `paths` (request files or
    // folders; the whole collection when empty), with their checks.
    void runTests(const QStringList &paths);

Q_SIGNALS:
    void openRequested(const QString &path); // double-click / Enter / context "Open"
    void runRequested(const QString &path); // Ctrl+Enter / context "Run"
    // Context "Run Tests", "Run Folder", "Run Collection": a run of the files as saved.
    void runTestsRequested(const QStringList &paths);

private:
    void makeActions();
    void makeRunActions();
    void updateActions();
    void showContextMenu(const QPoint &position);
    void onActivated(const QModelIndex &proxyIndex);
    QModelIndex currentSourceIndex() const;
    // Asks for a destination folder; `moving` names what moves, `exclude` a folder that
    // cannot be chosen with everything inside it.
    std::optional<QString> askFolder(
        const QString &current, const QString &moving, const QString &exclude = {});
    QString runOperation(
        const std::function<QString(Collection *, QString *)> &operation, bool producesFolder);
    void actOnCurrent(const std::function<void(const QString &)> &onRequest,
        const std::function<void(const QString &)> &onFolder);
    void renameCurrent();
    void duplicateCurrent();
    void moveCurrent();
    void deleteCurrent();
    void showError(const QString &message);

    QPointer<Collection> m_collection;
    CollectionTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_tree; // also the parent of the dialogs and the menu
    QLineEdit *m_filter;

    QAction *m_openAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_moveAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_newFolderAction = nullptr;
    QAction *m_runTestsAction = nullptr;
    QAction *m_runFolderAction = nullptr;
    QAction *m_runCollectionAction = nullptr;
};

} // namespace wirescope
