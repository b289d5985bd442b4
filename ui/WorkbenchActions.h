#pragma once

#include <QList>
#include <QObject>

class QAction;
class QMainWindow;
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

    QAction *importProtos;
    QAction *openProtoset;
    QAction *reloadReflection;
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
    QAction *shortcuts;
    QAction *about;
    QAction *aboutQt;

private:
    QAction *make(const QString &text, const QList<QKeySequence> &keys, const QString &tip = {});

    QMainWindow *m_window;
};

} // namespace wirescope
