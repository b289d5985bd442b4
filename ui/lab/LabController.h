#pragma once

#include "model/schema/Schema.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QMainWindow;

namespace wirescope {

class CompareWindow;
class EvolutionWindow;
class LessonPanel;
class PresenterWindow;
class WireInspectorDock;

// The Learn menu's side of the workbench: a lesson in a "Lesson" dock beside the wire
// inspector (which it borrows, giving back the app's schema when the lesson ends), the
// Compare Encodings and Schema Evolution windows, and presenter mode. The window hosting it
// passes the app's schema on every change rather than setting the inspector's itself.
class LabController final : public QObject {
    Q_OBJECT

public:
    LabController(QMainWindow *window, WireInspectorDock *inspectorDock);
    ~LabController() override;
    Q_DISABLE_COPY_MOVE(LabController)

    // Each lesson action carries its lesson's id as data(); presenter is checkable.
    void connectActions(
        const QList<QAction *> &lessons, QAction *compare, QAction *evolution, QAction *presenter);

    void setAppSchema(const SchemaPtr &schema);

    void startLesson(const QString &id);
    void endLesson();
    void showCompare();
    void showEvolution();
    // On: a running lesson continues in presenter mode at its step; without one, the bytes
    // the inspector shows are presented. Off: the lesson goes on at the presenter's step.
    void setPresenting(bool on);
    bool isPresenting() const { return m_presenting; }

    // Null until first used.
    QDockWidget *lessonDock() const { return m_lessonDock; }
    LessonPanel *lessonPanel() const { return m_panel; }
    PresenterWindow *presenter() const { return m_presenter; }

Q_SIGNALS:
    void presentingChanged(bool on);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createLessonDock();
    void presentInspectorBytes();
    void finishPresenting();

    QMainWindow *m_window;
    WireInspectorDock *m_inspectorDock;
    SchemaPtr m_appSchema;
    QDockWidget *m_lessonDock = nullptr;
    LessonPanel *m_panel = nullptr;
    // Children of the window, made when first asked for. The presenter is kept; the lab
    // windows delete themselves when closed and are made again.
    PresenterWindow *m_presenter = nullptr;
    QPointer<CompareWindow> m_compare;
    QPointer<EvolutionWindow> m_evolution;
    bool m_presenting = false;
};

} // namespace wirescope
