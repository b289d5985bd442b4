#pragma once

#include <QList>
#include <QObject>

class QAction;
class QMainWindow;
class QMenu;
class QMenuBar;

namespace wirescope {

// Every command of the workbench as a QAction with its shortcut, and the menus that hold
// them. The window connects them; keeping them here keeps MainWindow about behaviour.
class WorkbenchActions final : public QObject {
    Q_OBJECT

public:
    explicit WorkbenchActions(QMainWindow *window);
    Q_DISABLE_COPY_MOVE(WorkbenchActions)

    // The View menu gets the docks' and toolbars' toggle actions.
    void buildMenus(QMenuBar *menuBar, const QList<QAction *> &viewToggles);

    QAction *newCollection;
    QAction *openCollection;
    QAction *closeCollection;
    QAction *importCollection;
    QAction *exportCollection;
    QAction *saveRequest;
    QAction *saveRequestAs;
    QAction *undoCollection; // shortcuts only inside the collection panel (editors own Ctrl+Z)
    QAction *redoCollection;
    QAction *copyAsGrpcurl;
    QAction *pasteGrpcurl;
    QAction *editEnvironments;
    QMenu *recentCollections = nullptr; // filled by the window
    QMenu *viewMenu = nullptr; // the window adds the toggles of panels it makes later
    QAction *importProtos;
    QAction *openProtoset;
    QAction *reloadReflection;
    QAction *startMock; // shows the Mock panel, ready to start
    QAction *quit;
    QAction *focusTarget;
    QAction *focusFilter;
    QAction *resetBody;
    QAction *send;
    QAction *cancel;
    QAction *sendNext;
    QAction *halfClose;
    QAction *newTab;
    QAction *closeTab;
    QAction *nextTab;
    QAction *previousTab;
    QList<QAction *> lessons; // Learn menu, in teaching order; data() is the lesson's id
    QAction *compareEncodings;
    QAction *schemaEvolution;
    QAction *presenterMode; // checkable: on while the presenter window is open
    QAction *tour;
    QAction *shortcuts;
    QAction *about;
    QAction *aboutQt;

private:
    void createLearnActions();
    QAction *make(const QString &text, const QList<QKeySequence> &keys, const QString &tip = {});

    QMainWindow *m_window;
};

} // namespace wirescope
