#include "ui/workbench/FirstRunTour.h"

#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMainWindow>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace wirescope {

namespace {

constexpr int CalloutWidth = 340;
constexpr int CalloutGap = 14; // between the hole and the callout, and from the window's edges
constexpr qreal HoleRadius = 8;
const QColor DimColor(0, 0, 0, 150);

// Plain keys only: Ctrl+Enter still sends, Ctrl+Left still moves whatever it moves.
bool isTourKey(const QKeyEvent *event)
{
    if ((event->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
        return false;
    const int key = event->key();
    return key == Qt::Key_Escape || key == Qt::Key_Right || key == Qt::Key_Left || key == Qt::Key_Return
        || key == Qt::Key_Enter;
}

// lo wins over hi when the range is empty (a window smaller than the callout).
int clampTo(int value, int lo, int hi)
{
    return std::max(lo, std::min(hi, value));
}

QWidget *currentRequest(const QMainWindow *window)
{
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("requestTabs"));
    return tabs ? tabs->currentWidget() : nullptr;
}

void raiseDock(const QMainWindow *window, const QString &name)
{
    if (auto *dock = window->findChild<QDockWidget *>(name)) {
        dock->show();
        dock->raise(); // the current tab when it shares its place with other docks
    }
}

// Makes a page of the current request the current page of the QTabWidget holding it.
void showRequestPage(const QMainWindow *window, const QString &page)
{
    QWidget *request = currentRequest(window);
    QWidget *widget = request ? request->findChild<QWidget *>(page) : nullptr;
    QWidget *stack = widget ? widget->parentWidget() : nullptr; // a QTabWidget's QStackedWidget
    if (auto *tabs = stack ? qobject_cast<QTabWidget *>(stack->parentWidget()) : nullptr)
        tabs->setCurrentWidget(widget);
}

} // namespace

QList<TourStep> FirstRunTour::workbenchSteps(QMainWindow *window, const QString &demoTarget)
{
    const QString server = demoTarget.isEmpty()
        ? tr("The server this window talks to. Type its address and press Connect; TLS and client "
             "certificates are set up beside it.")
        : tr("Wirescope started its demo server on %1 and connected to it, so there is something to "
             "try right away. Type another address here to explore your own service.")
              .arg(demoTarget);
    return {
        {QStringLiteral("connectionBar"), tr("The server"), server, {}},
        {QStringLiteral("serviceDock"), tr("Services and methods"),
            tr("Everything the server offers, found through reflection or imported from .proto files "
               "and protosets (File menu, or drop them on the window). Double-click a method to open a "
               "request for it."),
            [window] { raiseDock(window, QStringLiteral("serviceDock")); }},
        {QStringLiteral("bodyModeTabs"), tr("The request, as a form or as JSON"),
            tr("Fill in the message field by field in the Form tab, or type it in the JSON tab: both "
               "edit the same message, checked against its type as you go."),
            [window] { showRequestPage(window, QStringLiteral("formView")); }},
        {QStringLiteral("sendButton"), tr("Send"),
            tr("Runs the call (Ctrl+Enter). A streaming call stays open: send more messages, "
               "half-close or cancel it from this row."),
            {}},
        {QStringLiteral("framesPanel"), tr("Every frame on a timeline"),
            tr("Each message of the call with its time, size and bytes; the timeline plots them. The "
               "Sizes tab compares the binary encoding with JSON, field by field."),
            [window] { showRequestPage(window, QStringLiteral("framesPanel")); }},
        {QStringLiteral("wireInspectorDock"), tr("The wire inspector"),
            tr("What every byte of the request, or of a selected response, means: each field's tag, "
               "length and value beside the hex (Ctrl+Shift+I)."),
            [window] { raiseDock(window, QStringLiteral("wireInspectorDock")); }},
        {QStringLiteral("collectionDock"), tr("Collections"),
            tr("Save requests in a collection: a folder of plain files to keep in git, with "
               "environments for {{variables}} and secrets."),
            [window] { raiseDock(window, QStringLiteral("collectionDock")); }},
    };
}

FirstRunTour::FirstRunTour(QMainWindow *window, QList<TourStep> steps)
    : QWidget(window)
    , m_window(window)
    , m_steps(std::move(steps))
{
    setObjectName(QStringLiteral("firstRunTour"));
    setAccessibleName(tr("Tour"));
    // Clicks stay on the overlay: none reach the window (a dock separator, a context menu).
    setAttribute(Qt::WA_NoMousePropagation);
    setFocusPolicy(Qt::StrongFocus);
    m_callout = createCallout();
    hide();
}

FirstRunTour::~FirstRunTour() = default;

QWidget *FirstRunTour::createCallout()
{
    auto *callout = new QFrame(this);
    callout->setObjectName(QStringLiteral("tourCallout"));
    callout->setFrameShape(QFrame::StyledPanel);
    callout->setAutoFillBackground(true);
    m_title = new QLabel(callout);
    m_title->setObjectName(QStringLiteral("tourTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont font = m_title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    m_title->setFont(font);
    m_text = new QLabel(callout);
    m_text->setObjectName(QStringLiteral("tourText"));
    m_text->setWordWrap(true);
    m_counter = new QLabel(callout);
    m_counter->setObjectName(QStringLiteral("tourCounter"));
    const auto button = [callout](const QString &name, const QString &text) {
        auto *b = new QPushButton(text, callout);
        b->setObjectName(name);
        b->setFocusPolicy(Qt::NoFocus); // the keys belong to the overlay
        return b;
    };
    m_skip = button(QStringLiteral("tourSkipButton"), tr("Skip tour"));
    m_skip->setFlat(true);
    m_back = button(QStringLiteral("tourBackButton"), tr("Back"));
    m_next = button(QStringLiteral("tourNextButton"), tr("Next"));
    connect(m_skip, &QPushButton::clicked, this, &FirstRunTour::skip);
    connect(m_back, &QPushButton::clicked, this, &FirstRunTour::back);
    connect(m_next, &QPushButton::clicked, this, &FirstRunTour::next);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_counter);
    buttons->addStretch(1);
    buttons->addWidget(m_skip);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    auto *layout = new QVBoxLayout(callout);
    layout->setContentsMargins(14, 12, 14, 10);
    layout->setSpacing(8);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    return callout;
}

void FirstRunTour::start()
{
    if (m_current >= 0 || m_finished)
        return;
    m_counted.clear();
    for (const TourStep &step : std::as_const(m_steps))
        m_counted.append(exists(step.widgetName));
    m_previousFocus = QApplication::focusWidget();
    m_tabsBefore.clear();
    for (QTabWidget *tabs : m_window->findChildren<QTabWidget *>())
        m_tabsBefore.append({tabs, tabs->currentIndex()});
    m_window->installEventFilter(this);
    setGeometry(m_window->rect());
    show();
    raise();
    if (!showFirstFrom(0, 1)) {
        finish(false); // nothing to point at: the tour was not seen
        return;
    }
    m_firstShown = m_current;
    updateCallout();
}

void FirstRunTour::next()
{
    if (m_current < 0 || m_finished)
        return;
    if (!showFirstFrom(m_current + 1, 1))
        finish(true);
}

void FirstRunTour::back()
{
    if (m_current <= m_firstShown || m_finished)
        return;
    const int from = m_current;
    // The step left behind gets its prepare again when nothing earlier can be shown.
    if (!showFirstFrom(from - 1, -1) && !showStep(from))
        finish(false);
}

void FirstRunTour::skip()
{
    if (m_current >= 0)
        finish(false);
}

bool FirstRunTour::exists(const QString &name) const
{
    return !name.isEmpty() && m_window->findChild<QWidget *>(name) != nullptr;
}

QWidget *FirstRunTour::findTarget(const QString &name) const
{
    if (name.isEmpty())
        return nullptr;
    // Every request tab has its own "sendButton": the one to point at is the one shown.
    const QList<QWidget *> candidates = m_window->findChildren<QWidget *>(name);
    for (QWidget *widget : candidates) {
        if (widget->window() == m_window && widget != this && !isAncestorOf(widget)
            && widget->isVisibleTo(m_window) && !widget->size().isEmpty())
            return widget;
    }
    return nullptr;
}

bool FirstRunTour::showFirstFrom(int index, int direction)
{
    for (int i = index; i >= 0 && i < m_steps.size(); i += direction) {
        if (showStep(i))
            return true;
    }
    return false;
}

bool FirstRunTour::showStep(int index)
{
    const TourStep &step = m_steps.at(index);
    if (step.prepare)
        step.prepare();
    QWidget *target = findTarget(step.widgetName);
    if (!target)
        return false;
    m_current = index;
    setTarget(target);
    updateCallout();
    updateHole();
    setFocus(Qt::OtherFocusReason); // a prepare may have moved the focus
    Q_EMIT stepChanged(index);
    return true;
}

void FirstRunTour::setTarget(QWidget *target)
{
    watchTargetChain(false);
    m_target = target;
    watchTargetChain(true);
}

// The hole follows the target when it or any parent moves or resizes: a dock shown by a
// prepare shifts the central widget, which moves a button without sending it any event.
void FirstRunTour::watchTargetChain(bool watch)
{
    if (!watch) {
        for (const QPointer<QWidget> &widget : std::as_const(m_watched)) {
            if (widget)
                widget->removeEventFilter(this);
        }
        m_watched.clear();
        return;
    }
    for (QWidget *widget = m_target; widget && widget != m_window; widget = widget->parentWidget()) {
        widget->installEventFilter(this);
        m_watched.append(widget);
    }
}

bool FirstRunTour::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (watched == m_window) {
        if (type == QEvent::Resize) {
            setGeometry(m_window->rect());
            scheduleUpdate();
        } else if (type == QEvent::LayoutRequest || type == QEvent::ChildAdded) {
            scheduleUpdate(); // a new dock must not end up above the overlay
        }
    } else if (type == QEvent::Move || type == QEvent::Resize || type == QEvent::Show
        || type == QEvent::Hide) {
        scheduleUpdate();
    }
    return QWidget::eventFilter(watched, event);
}

void FirstRunTour::scheduleUpdate()
{
    if (m_updateQueued || m_finished)
        return;
    m_updateQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_updateQueued = false;
        if (!m_finished)
            updateHole();
    });
}

void FirstRunTour::updateHole()
{
    QRect hole;
    if (m_target && m_target->isVisibleTo(m_window)) {
        const QRect target(m_target->mapTo(m_window, QPoint(0, 0)), m_target->size());
        hole = target.adjusted(-HoleMargin, -HoleMargin, HoleMargin, HoleMargin).intersected(rect());
    }
    m_hole = hole;
    placeCallout();
    raise();
    update();
}

// Beside the hole where the callout fits (right, left, below, above), else centred.
void FirstRunTour::placeCallout()
{
    const int width = std::min(CalloutWidth, std::max(160, this->width() - 2 * CalloutGap));
    QLayout *layout = m_callout->layout();
    layout->activate();
    const int height = std::max(layout->hasHeightForWidth() ? layout->totalHeightForWidth(width) : 0,
        layout->totalSizeHint().height());
    const QSize size(width, height);
    const QRect area = rect().adjusted(CalloutGap, CalloutGap, -CalloutGap, -CalloutGap);
    QRect placed(rect().center() - QPoint(width / 2, height / 2), size);
    if (!m_hole.isEmpty()) {
        const int y = clampTo(m_hole.top(), area.top(), area.bottom() + 1 - height);
        const int x = clampTo(m_hole.left(), area.left(), area.right() + 1 - width);
        const QRect candidates[] = {
            QRect(QPoint(m_hole.right() + 1 + CalloutGap, y), size),
            QRect(QPoint(m_hole.left() - CalloutGap - width, y), size),
            QRect(QPoint(x, m_hole.bottom() + 1 + CalloutGap), size),
            QRect(QPoint(x, m_hole.top() - CalloutGap - height), size),
        };
        const auto fits = std::find_if(std::begin(candidates), std::end(candidates),
            [&area](const QRect &candidate) { return area.contains(candidate); });
        if (fits != std::end(candidates))
            placed = *fits;
    }
    m_callout->setGeometry(placed);
}

void FirstRunTour::updateCallout()
{
    if (m_current < 0)
        return;
    const TourStep &step = m_steps.at(m_current);
    m_title->setText(step.title);
    m_text->setText(step.text);
    // "n of N" counts the steps whose widget was there when the tour started.
    const qsizetype total = std::count(m_counted.cbegin(), m_counted.cend(), true);
    qsizetype position = std::count(m_counted.cbegin(), m_counted.cbegin() + m_current + 1, true);
    if (!m_counted.value(m_current))
        ++position;
    m_counter->setText(tr("%1 of %2").arg(position).arg(std::max(total, position)));
    bool later = false;
    for (qsizetype i = m_current + 1; i < m_steps.size() && !later; ++i)
        later = exists(m_steps.at(i).widgetName);
    m_next->setText(later ? tr("Next") : tr("Done"));
    m_back->setEnabled(m_firstShown >= 0 && m_current > m_firstShown);
}

void FirstRunTour::finish(bool completed)
{
    if (m_finished)
        return;
    m_finished = true;
    m_current = -1;
    setTarget(nullptr);
    m_hole = QRect();
    m_window->removeEventFilter(this);
    hide();
    // The tour showed the Form and the Frames to point at them; the first response belongs
    // on the pages the user had.
    for (const auto &[tabs, index] : std::as_const(m_tabsBefore)) {
        if (tabs)
            tabs->setCurrentIndex(index);
    }
    if (m_previousFocus)
        m_previousFocus->setFocus(Qt::OtherFocusReason);
    Q_EMIT finished(completed);
    deleteLater();
}

bool FirstRunTour::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ShortcutOverride:
        // Esc would otherwise cancel a call, and the arrows belong to no window action.
        if (isTourKey(static_cast<QKeyEvent *>(event))) {
            event->accept();
            return true;
        }
        break;
    case QEvent::Wheel:
    case QEvent::ContextMenu:
        event->accept();
        return true;
    default:
        break;
    }
    return QWidget::event(event);
}

void FirstRunTour::keyPressEvent(QKeyEvent *event)
{
    if (!isTourKey(event)) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Escape:
        skip();
        break;
    case Qt::Key_Right:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        next();
        break;
    case Qt::Key_Left:
        back();
        break;
    }
    event->accept();
}

bool FirstRunTour::focusNextPrevChild(bool)
{
    return true; // Tab must not walk into the dimmed window
}

void FirstRunTour::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath dimmed;
    dimmed.setFillRule(Qt::OddEvenFill);
    dimmed.addRect(rect());
    if (!m_hole.isEmpty())
        dimmed.addRoundedRect(m_hole, HoleRadius, HoleRadius);
    painter.fillPath(dimmed, DimColor);
    if (m_hole.isEmpty())
        return;
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(QRectF(m_hole).adjusted(1, 1, -1, -1), HoleRadius, HoleRadius);
}

} // namespace wirescope
