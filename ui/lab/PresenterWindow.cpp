#include "ui/lab/PresenterWindow.h"

#include "model/wire/WireLayout.h"
#include "ui/lab/LessonPanel.h"
#include "ui/wire/WireInspector.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCloseEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace wirescope {

namespace {

constexpr int BasePixels = 20; // the smallest type on a projector at 1280×720
// The inspector's share of the height against the lesson's under it.
constexpr int InspectorShare = 60;
constexpr int LessonShare = 40;

// Light on near-black, a yellow selection: legible when a projector washes colours out.
QPalette presenterPalette(QPalette palette)
{
    const QColor ink(0xff, 0xff, 0xff);
    const QColor dimInk(0x9a, 0xa0, 0xa6);
    palette.setColor(QPalette::Window, QColor(0x0b, 0x0d, 0x10));
    palette.setColor(QPalette::WindowText, ink);
    palette.setColor(QPalette::Base, QColor(0x00, 0x00, 0x00));
    palette.setColor(QPalette::AlternateBase, QColor(0x16, 0x19, 0x1d));
    palette.setColor(QPalette::Text, ink);
    palette.setColor(QPalette::Button, QColor(0x22, 0x26, 0x2c));
    palette.setColor(QPalette::ButtonText, ink);
    palette.setColor(QPalette::Highlight, QColor(0xff, 0xd3, 0x3d));
    palette.setColor(QPalette::HighlightedText, QColor(0x00, 0x00, 0x00));
    palette.setColor(QPalette::ToolTipBase, QColor(0x22, 0x26, 0x2c));
    palette.setColor(QPalette::ToolTipText, ink);
    palette.setColor(QPalette::PlaceholderText, dimInk);
    palette.setColor(QPalette::Link, QColor(0x79, 0xc0, 0xff));
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, dimInk);
    return palette;
}

// Keys typed into a text field are its own: the arrows move its cursor there.
bool isTextInput(const QObject *receiver)
{
    return qobject_cast<const QLineEdit *>(receiver) || qobject_cast<const QTextEdit *>(receiver)
        || qobject_cast<const QPlainTextEdit *>(receiver) || qobject_cast<const QAbstractSpinBox *>(receiver);
}

} // namespace

PresenterWindow::PresenterWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_inspector(new WireInspector(this))
    , m_panel(new LessonPanel(m_inspector, this))
{
    setObjectName(QStringLiteral("presenterWindow"));
    setWindowTitle(tr("Wirescope \u2014 Presenter"));
    applyLook();
    m_inspector->setPresentation(true);
    m_panel->setPresentation(true);
    m_panel->hide(); // until a lesson is presented
    m_keysHint = new QLabel(tr("\u2190 \u2192 or Page Up, Page Down: step \u00b7 Esc: leave"), this);
    m_keysHint->setObjectName(QStringLiteral("presenterKeys"));
    m_keysHint->setAlignment(Qt::AlignRight);
    m_keysHint->setForegroundRole(QPalette::PlaceholderText);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_inspector);
    m_splitter->addWidget(m_panel);
    m_splitter->setStretchFactor(0, InspectorShare);
    m_splitter->setStretchFactor(1, LessonShare);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 6);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_keysHint);
}

PresenterWindow::~PresenterWindow()
{
    if (m_filtering)
        qApp->removeEventFilter(this);
}

void PresenterWindow::applyLook()
{
    setPalette(presenterPalette(palette()));
    setAutoFillBackground(true);
    QFont large = font();
    large.setPixelSize(BasePixels);
    setFont(large);
}

void PresenterWindow::presentLesson(const QString &id, int step)
{
    m_panel->show();
    m_panel->startLesson(id);
    m_panel->goToStep(step);
}

void PresenterWindow::presentBytes(
    const SchemaPtr &schema, const QByteArray &bytes, const QString &typeName, bool grpcFrame)
{
    m_panel->endLesson();
    m_panel->hide();
    m_field = -1;
    m_inspector->setSchema(schema);
    m_inspector->setGrpcFrame(grpcFrame);
    m_inspector->setBytes(WireInspector::Source::Pasted, bytes, typeName);
    m_inspector->showSource(WireInspector::Source::Pasted);
}

void PresenterWindow::present()
{
    if (m_fixedSize.isEmpty()) {
        showFullScreen();
    } else {
        showNormal();
        resize(m_fixedSize);
    }
    // Weights, not pixels: the splitter shares its height out in these proportions.
    m_splitter->setSizes({InspectorShare, LessonShare});
    raise();
    activateWindow();
    focusStepping();
}

// The field tree, not the type chooser's text field, where the arrows would move a cursor.
void PresenterWindow::focusStepping()
{
    if (auto *tree = m_inspector->findChild<QWidget *>(QStringLiteral("wireTree")))
        tree->setFocus(Qt::OtherFocusReason);
}

void PresenterWindow::next()
{
    if (m_panel->isRunning())
        m_panel->next();
    else
        walkFields(1);
}

void PresenterWindow::back()
{
    if (m_panel->isRunning())
        m_panel->back();
    else
        walkFields(-1);
}

// Bytes without a lesson are stepped through one top-level field at a time.
void PresenterWindow::walkFields(int direction)
{
    const std::shared_ptr<const WireLayout> &layout = m_inspector->wireLayout();
    if (!layout || layout->tree().spans.isEmpty())
        return;
    const QList<WireSpan> &spans = layout->tree().spans;
    m_field = std::clamp(m_field + direction, 0, int(spans.size()) - 1);
    const WireSpan &span = spans.at(m_field);
    m_inspector->selectSpan(span.offset, span.length, int(span.role));
}

void PresenterWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Whichever widget has the focus (the tree takes the arrows for itself), the keys step.
    if (!m_filtering) {
        qApp->installEventFilter(this);
        m_filtering = true;
    }
}

void PresenterWindow::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    if (m_filtering) {
        qApp->removeEventFilter(this);
        m_filtering = false;
    }
}

void PresenterWindow::closeEvent(QCloseEvent *event)
{
    QWidget::closeEvent(event);
    Q_EMIT closed();
}

bool PresenterWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && handleKey(watched, static_cast<QKeyEvent *>(event)))
        return true;
    return QWidget::eventFilter(watched, event);
}

bool PresenterWindow::handleKey(QObject *receiver, const QKeyEvent *event)
{
    const auto *widget = qobject_cast<const QWidget *>(receiver);
    if (!widget || widget->window() != this || isTextInput(receiver)
        || (event->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
        return false;
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown:
        next();
        return true;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
        back();
        return true;
    case Qt::Key_Escape:
    case Qt::Key_F11:
        close();
        return true;
    default:
        return false;
    }
}

} // namespace wirescope
