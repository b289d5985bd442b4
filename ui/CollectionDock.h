#pragma once

#include <QDockWidget>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QStackedWidget;
class QTreeView;

namespace wirescope {

class Collection;
class CollectionTreeModel;
class SecretStore;

// The saved-requests dock: the open collection's folders and requests as a tree with a
// filter, the active environment, and the file operations (rename, duplicate, move,
// delete, new folder) on a context menu and keys (Enter opens, F2 renames, Delete
// deletes). Every operation goes through the Collection API, so the main window's
// CollectionUndo records it; errors are shown to the user. With no collection open it
// offers to create or open one.
class CollectionDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit CollectionDock(QWidget *parent = nullptr);
    ~CollectionDock() override;
    Q_DISABLE_COPY_MOVE(CollectionDock)

    void setSecretStore(SecretStore *store); // not owned; used by the environment dialog
    // Not owned; nullptr = none open. The active environment becomes the collection's
    // default without activeEnvironmentChanged: a caller that remembers another one for this
    // collection sets it right after. Setting the same collection again changes nothing.
    void setCollection(Collection *collection);
    Collection *collection() const;
    CollectionTreeModel *model() const { return m_model; }

    QString activeEnvironment() const { return m_activeEnvironment; } // "" = none
    // Unknown names are ignored, so a remembered environment that was deleted changes nothing.
    void setActiveEnvironment(const QString &name);

    QString selectedFolder() const; // the selected folder, or the folder of the selected request, "" = root
    QString selectedRequestPath() const;
    void selectRequest(const QString &path);
    void selectFolder(const QString &folder);
    void focusFilter();

    // What the context menu and keys do, callable directly (menus elsewhere, tests). Each
    // shows its error to the user and returns the request path it produced, "" or false
    // on failure.
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
    void editEnvironments();

Q_SIGNALS:
    void openRequested(const QString &path); // double-click / Enter / context "Open"
    void runRequested(const QString &path); // context "Run"
    void activeEnvironmentChanged(const QString &name);
    void newCollectionRequested();
    void openCollectionRequested();

private:
    void openEnvironmentDialog();
    QWidget *makeEmptyPage();
    QWidget *makeCollectionPage();
    QTreeView *makeTree(QWidget *page);
    void makeActions();
    void refreshHeader();
    void refreshEnvironments();
    void updateEnvironmentToolTip();
    void applyFilter(const QString &text);
    void updateActions();
    void showContextMenu(const QPoint &position);
    void onActivated(const QModelIndex &proxyIndex);
    void onCollectionDestroyed();
    void deleteCurrent();
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
    void showError(const QString &message);

    QPointer<Collection> m_collection;
    SecretStore *m_secretStore = nullptr;
    CollectionTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QString m_activeEnvironment;
    QString m_seenDefaultEnvironment; // the collection's default when last looked at

    QStackedWidget *m_stack = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_problems = nullptr;
    QComboBox *m_environments = nullptr;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_tree = nullptr;

    QAction *m_openAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_moveAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_newFolderAction = nullptr;
};

} // namespace wirescope
