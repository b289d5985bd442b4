#include "ui/lab/LabController.h"

#include "model/wire/WireLayout.h"
#include "ui/lab/CompareWindow.h"
#include "ui/lab/EvolutionWindow.h"
#include "ui/lab/LessonPanel.h"
#include "ui/lab/PresenterWindow.h"
#include "ui/wire/WireInspector.h"
#include "ui/wire/WireInspectorDock.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>

#include <algorithm>
#include <utility>

namespace wirescope {

namespace {

constexpr int LessonDockWidth = 380;

void bringUp(QWidget *window)
{
    window->show();
    window->raise();
    window->activateWindow();
}

} // namespace

LabController::LabController(QMainWindow *window, WireInspectorDock *inspectorDock)
    : QObject(window)
    , m_window(window)
    , m_inspectorDock(inspectorDock)
{
    setObjectName(QStringLiteral("labController"));
}

LabController::~LabController() = default;

void LabController::connectActions(
    const QList<QAction *> &lessons, QAction *compare, QAction *evolution, QAction *presenter)
{
    for (QAction *lesson : lessons)
        connect(
            lesson, &QAction::triggered, this, [this, lesson] { startLesson(lesson->data().toString()); });
    connect(compare, &QAction::triggered, this, &LabController::showCompare);
    connect(evolution, &QAction::triggered, this, &LabController::showEvolution);
    connect(presenter, &QAction::toggled, this, &LabController::setPresenting);
    connect(this, &LabController::presentingChanged, presenter, &QAction::setChecked);
}

void LabController::setAppSchema(const SchemaPtr &schema)
{
    m_appSchema = schema;
    if (m_compare)
        m_compare->setAppSchema(schema);
    if (m_evolution)
        m_evolution->setAppSchema(schema);
    if (m_panel)
        m_panel->setAppSchema(schema); // held back while a lesson borrows the inspector
    else
        m_inspectorDock->setSchema(schema);
}

void LabController::startLesson(const QString &id)
{
    // Shown first: a shown inspector annotates the lesson's bytes at once, and the lesson's
    // dock goes beside it.
    m_inspectorDock->show();
    const bool first = !m_lessonDock;
    if (first)
        createLessonDock();
    m_lessonDock->show();
    m_lessonDock->raise();
    if (first)
        m_window->resizeDocks({m_lessonDock}, {LessonDockWidth}, Qt::Horizontal);
    m_panel->startLesson(id);
    if (m_presenting)
        m_presenter->presentLesson(id, 0);
}

void LabController::createLessonDock()
{
    m_lessonDock = new QDockWidget(tr("Lesson"), m_window);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    m_panel = new LessonPanel(m_inspectorDock->inspector(), m_lessonDock);
    m_panel->setAppSchema(m_appSchema);
    m_lessonDock->setWidget(m_panel);
    m_lessonDock->installEventFilter(this); // closing the dock ends the lesson
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_lessonDock);
    // Beside the inspector, on its left: the step is read first, then its bytes.
    if (!m_inspectorDock->isFloating() && m_window->dockWidgetArea(m_inspectorDock) != Qt::NoDockWidgetArea)
        m_window->splitDockWidget(m_lessonDock, m_inspectorDock, Qt::Horizontal);
}

void LabController::endLesson()
{
    if (!m_panel)
        return;
    m_panel->endLesson();
    m_lessonDock->hide();
}

bool LabController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_lessonDock && event->type() == QEvent::Close && m_panel)
        m_panel->endLesson();
    return QObject::eventFilter(watched, event);
}

void LabController::showCompare()
{
    if (!m_compare)
        m_compare = new CompareWindow(m_appSchema, m_window);
    bringUp(m_compare);
}

void LabController::showEvolution()
{
    if (!m_evolution)
        m_evolution = new EvolutionWindow(m_appSchema, m_window);
    bringUp(m_evolution);
}

void LabController::setPresenting(bool on)
{
    if (on == m_presenting)
        return;
    m_presenting = on;
    if (!on) {
        m_presenter->close();
        finishPresenting();
        return;
    }
    if (!m_presenter) {
        m_presenter = new PresenterWindow(m_window);
        // Esc in the presenter: leaving it as unchecking the action does.
        connect(m_presenter, &PresenterWindow::closed, this, [this] {
            if (std::exchange(m_presenting, false))
                finishPresenting();
        });
    }
    if (m_panel && m_panel->isRunning())
        m_presenter->presentLesson(m_panel->lessonId(), m_panel->step());
    else
        presentInspectorBytes();
    m_presenter->present();
    Q_EMIT presentingChanged(true);
}

// What the workbench's inspector shows, read the same way: its bytes (with the gRPC prefix
// when it shows one), its type and the app's schema.
void LabController::presentInspectorBytes()
{
    const WireInspector *inspector = m_inspectorDock->inspector();
    const std::shared_ptr<const WireLayout> &layout = inspector->wireLayout();
    const QByteArray bytes = layout ? layout->tree().bytes : QByteArray();
    const bool framed = layout
        && std::any_of(layout->tree().spans.cbegin(), layout->tree().spans.cend(),
            [](const WireSpan &span) { return span.role == WireSpan::Role::GrpcFrame; });
    m_presenter->presentBytes(m_appSchema, bytes, inspector->typeName(), framed);
}

// The lesson goes on in the dock where the presenter left it.
void LabController::finishPresenting()
{
    LessonPanel *presented = m_presenter->lessonPanel();
    if (m_panel && m_panel->isRunning() && presented->lessonId() == m_panel->lessonId())
        m_panel->goToStep(presented->step());
    Q_EMIT presentingChanged(false);
}

} // namespace wirescope
