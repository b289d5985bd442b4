#pragma once

#include <QDockWidget>
#include <QPointer>

#include <memory>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTreeView;

namespace wirescope {

class Collection;
class CollectionTreeController;
class CollectionTreeModel;
class EnvironmentBar;
class SecretStore;

// The saved-requests dock: the open collection's folders and requests as a tree with a
// filter, the active environment (an EnvironmentBar), and the file operations (rename,
// duplicate, move, delete, new folder) on a context menu and keys (Enter opens, F2
// renames, Delete deletes), which a CollectionTreeController carries out. Every operation
// goes through the Collection API, so the main window's CollectionUndo records it; errors
// are shown to the user. With no collection open it offers to create or open one.
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

    QString activeEnvironment() const; // "" = none
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
    // A run of the saved requests under `paths` (all of them when empty), with their checks.
    void runTests(const QStringList &paths);

Q_SIGNALS:
    void openRequested(const QString &path); // double-click / Enter / context "Open"
    void runRequested(const QString &path); // context "Run"
    // Context "Run Tests" / "Run Folder" / "Run Collection" and the Run All button.
    void runTestsRequested(const QStringList &paths);
    void activeEnvironmentChanged(const QString &name);
    void newCollectionRequested();
    void openCollectionRequested();

private:
    QWidget *makeEmptyPage();
    QWidget *makeCollectionPage();
    QTreeView *makeTree(QWidget *page);
    void refreshHeader();
    void applyFilter(const QString &text);
    void onCollectionDestroyed();

    QPointer<Collection> m_collection;
    CollectionTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_problems = nullptr;
    EnvironmentBar *m_environmentBar = nullptr;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_tree = nullptr;
    // A member, so it goes before the widgets it works on and nothing they emit as they go
    // reaches it.
    std::unique_ptr<CollectionTreeController> m_controller;
};

} // namespace wirescope
