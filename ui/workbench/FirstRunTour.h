#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <functional>

class QLabel;
class QTabWidget;
class QMainWindow;
class QPushButton;

namespace wirescope {

// One stop of the tour: the widget to point at (an objectName in the window), what to
// say about it, and what to do first so it can be seen (show a dock, switch a tab).
struct TourStep {
    QString widgetName;
    QString title;
    QString text;
    std::function<void()> prepare;
};

// The first-run tour: an overlay over a whole QMainWindow that dims everything except a
// rounded hole around one widget at a time and explains it in a callout beside the hole,
// with Back, Next (Done on the last step) and Skip tour. Esc skips, Right or Return goes
// on, Left goes back. Steps whose widget is missing or hidden (after their prepare) are
// passed over. The tour blocks clicks on the window while it runs, emits finished() once
// and deletes itself. Start it once the window is shown, so the widgets have their places.
class FirstRunTour final : public QWidget {
    Q_OBJECT

public:
    // How far the hole reaches beyond the target widget's rectangle, in pixels.
    static constexpr int HoleMargin = 6;

    FirstRunTour(QMainWindow *window, QList<TourStep> steps);
    // The workbench's own tour, found by objectName in a Wirescope main window: the
    // connection bar (and the demo server at demoTarget, when it runs), the service tree,
    // the request form, Send, the response's frames and timeline, the wire inspector and
    // the collections. The prepares raise docks and switch the current request's tabs.
    static QList<TourStep> workbenchSteps(QMainWindow *window, const QString &demoTarget);
    ~FirstRunTour() override;
    Q_DISABLE_COPY_MOVE(FirstRunTour)

    void start();
    void next();
    void back();
    void skip();

    // The index into the steps of the step shown, or -1 before start() and after the end.
    int currentStep() const { return m_current; }
    // The hole, in the window's coordinates; empty when no step is shown.
    QRect highlightedRect() const { return m_hole; }
    // The widget the current step points at, if any.
    QWidget *target() const { return m_target; }

Q_SIGNALS:
    void stepChanged(int index);
    // completed: the last step was reached and Done pressed, rather than skipped.
    void finished(bool completed);

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool focusNextPrevChild(bool next) override;

private:
    QWidget *createCallout();
    QWidget *findTarget(const QString &name) const;
    bool showStep(int index);
    bool showFirstFrom(int index, int direction);
    bool exists(const QString &name) const;
    void setTarget(QWidget *target);
    void watchTargetChain(bool watch);
    void scheduleUpdate();
    void updateHole();
    void placeCallout();
    void updateCallout();
    void finish(bool completed);

    QMainWindow *m_window;
    QList<TourStep> m_steps;
    QList<bool> m_counted; // the steps whose widget existed at start(), for "n of N"
    int m_current = -1;
    int m_firstShown = -1;
    bool m_finished = false;
    bool m_updateQueued = false;
    QPointer<QWidget> m_target;
    QList<QPointer<QWidget>> m_watched; // the target and its parents up to the window
    QRect m_hole;
    QPointer<QWidget> m_previousFocus;
    // Every tab page the tour may turn to, as it was: the window is left as it was found.
    QList<QPair<QPointer<QTabWidget>, int>> m_tabsBefore;

    QWidget *m_callout = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QLabel *m_counter = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_skip = nullptr;
};

} // namespace wirescope
