#include "ui/lab/LessonPanel.h"

#include "model/json/JsonCodec.h"
#include "model/lab/Lessons.h"
#include "model/lab/ProtoSnippet.h"
#include "model/wire/WireLayout.h"
#include "ui/lab/LabWidgets.h"
#include "ui/workbench/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace wirescope {

namespace {

// Type sizes relative to the panel's own font, and the pixel sizes of presenter mode
// (readable from the back of a room at 1280×720).
constexpr double StepTextScale = 1.35;
constexpr double TitleScale = 1.2;
constexpr int PresentedStepPixels = 30;
constexpr int PresentedTitlePixels = 26;
constexpr int PresentedSmallPixels = 20;

// Theme's pass and fail colours follow the application's palette; the panel may sit in a
// window of another one (the presenter's dark palette), so they are picked from its own.
QColor passColor(const QPalette &palette)
{
    return Theme::isDark(palette) ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
}

QColor failColor(const QPalette &palette)
{
    return Theme::isDark(palette) ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
}

QLabel *wrappingLabel(const QString &name, QWidget *parent)
{
    return LabWidgets::createTextLabel(parent, name);
}

void setFontSize(QWidget *widget, const QFont &base, double scale, int pixels, bool bold)
{
    QFont font = base;
    if (pixels > 0)
        font.setPixelSize(pixels);
    else if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * scale);
    else
        font.setPixelSize(int(base.pixelSize() * scale));
    font.setBold(bold);
    widget->setFont(font);
}

} // namespace

LessonPanel::LessonPanel(WireInspector *inspector, QWidget *parent)
    : QWidget(parent)
    , m_inspector(inspector)
{
    setObjectName(QStringLiteral("lessonPanel"));
    createWidgets();
    applyFonts();
    connect(m_inspector, &WireInspector::annotated, this, &LessonPanel::onAnnotated);
}

LessonPanel::~LessonPanel() = default;

void LessonPanel::createWidgets()
{
    m_title = wrappingLabel(QStringLiteral("lessonTitle"), this);
    m_counter = wrappingLabel(QStringLiteral("stepCounter"), this);
    m_stepText = wrappingLabel(QStringLiteral("stepText"), this);
    m_stepText->setMinimumWidth(200);
    m_note = wrappingLabel(QStringLiteral("stepNote"), this);
    m_note->setText(tr("These bytes no longer have this part. Press Reset to see it again."));
    m_hint = wrappingLabel(QStringLiteral("taskHint"), this);
    m_result = wrappingLabel(QStringLiteral("taskResult"), this);
    const auto button = [this](const QString &text, const QString &name) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setEnabled(false); // until a lesson starts
        return b;
    };
    m_back = button(tr("Back"), QStringLiteral("backButton"));
    m_next = button(tr("Next"), QStringLiteral("nextButton"));
    m_reset = button(tr("Reset"), QStringLiteral("resetButton"));
    m_reset->setToolTip(tr("Put the lesson's bytes back in the inspector"));
    connect(m_back, &QPushButton::clicked, this, &LessonPanel::back);
    connect(m_next, &QPushButton::clicked, this, &LessonPanel::next);
    connect(m_reset, &QPushButton::clicked, this, &LessonPanel::reset);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addStretch(1);
    buttons->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_counter);
    layout->addWidget(m_stepText);
    layout->addWidget(m_note);
    layout->addWidget(m_hint);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addLayout(buttons);
    for (QWidget *widget : {m_note, m_hint, m_result})
        widget->hide();
}

void LessonPanel::setAppSchema(const SchemaPtr &schema)
{
    m_appSchema = schema;
    if (!m_lesson)
        m_inspector->setSchema(schema);
}

QString LessonPanel::lessonId() const
{
    return m_lesson ? m_lesson->id : QString();
}

int LessonPanel::stepCount() const
{
    return m_lesson ? int(m_lesson->steps.size()) : 0;
}

bool LessonPanel::isOnTask() const
{
    return m_lesson && m_step >= stepCount();
}

void LessonPanel::startLesson(const QString &id)
{
    const Lesson *lesson = Lessons::find(id);
    const QString failure = lesson ? build(*lesson) : tr("There is no lesson \u201c%1\u201d.").arg(id);
    if (!failure.isEmpty()) {
        endLesson();
        showFailure(failure);
        return;
    }
    if (!m_lesson) {
        m_sourceBefore = m_inspector->source();
        m_pastedBytes = m_inspector->sourceBytes(WireInspector::Source::Pasted);
        m_pastedType = m_inspector->sourceType(WireInspector::Source::Pasted);
        m_pastedLabel = m_inspector->sourceLabel(WireInspector::Source::Pasted);
    }
    m_lesson = lesson;
    m_step = 0;
    m_title->setText(lesson->title);
    for (QPushButton *button : {m_back, m_next, m_reset})
        button->setEnabled(true);
    loadIntoInspector();
    showStep();
}

// The lesson's schema and bytes, or why they cannot be made: a bug in the lesson, shown
// where its text would be.
QString LessonPanel::build(const Lesson &lesson)
{
    const ProtoSnippetResult compiled
        = ProtoSnippet::compile(lesson.protoText, lesson.id + QStringLiteral(".proto"));
    if (!compiled.ok())
        return tr("The lesson \u201c%1\u201d does not compile (a bug in Wirescope):\n%2")
            .arg(lesson.title, joinDiagnostics(compiled.diagnostics));
    const google::protobuf::Descriptor *type = compiled.schema->findMessage(lesson.typeName);
    if (!type)
        return tr("The lesson \u201c%1\u201d has no message type %2 (a bug in Wirescope).")
            .arg(lesson.title, lesson.typeName);
    QByteArray bytes;
    JsonError error;
    if (!JsonCodec::toBinary(*compiled.schema, type, lesson.json.toUtf8(), &bytes, &error))
        return tr("The lesson \u201c%1\u201d has a message that does not encode (a bug in Wirescope): %2")
            .arg(lesson.title, error.toString());
    m_lessonSchema = compiled.schema;
    m_bytes = bytes;
    return {};
}

void LessonPanel::showFailure(const QString &what)
{
    m_title->setText(tr("Lesson"));
    m_stepText->setText(what);
}

void LessonPanel::endLesson()
{
    if (m_lesson) {
        m_lesson = nullptr;
        m_inspector->setSchema(m_appSchema);
        // The bytes come back; their undo history went when the lesson's bytes came in. An
        // edited copy of the request comes back as plain pasted bytes.
        m_inspector->setBytes(WireInspector::Source::Pasted, std::exchange(m_pastedBytes, {}),
            std::exchange(m_pastedType, {}), std::exchange(m_pastedLabel, {}));
        m_inspector->showSource(m_sourceBefore);
    }
    m_lessonSchema.reset();
    m_bytes.clear();
    m_step = 0;
    m_selectPending = false;
    for (QLabel *label : {m_title, m_counter, m_stepText})
        label->clear();
    for (QWidget *widget : {m_note, m_hint, m_result})
        widget->hide();
    for (QPushButton *button : {m_back, m_next, m_reset})
        button->setEnabled(false);
}

void LessonPanel::loadIntoInspector()
{
    m_loading = true;
    m_inspector->setSchema(m_lessonSchema);
    m_inspector->setBytes(
        WireInspector::Source::Pasted, m_bytes, m_lesson->typeName, tr("lesson: %1").arg(m_lesson->title));
    m_inspector->showSource(WireInspector::Source::Pasted);
    // The type chooser keeps a type picked by hand over the same supplied type: not here.
    if (m_inspector->typeName() != m_lesson->typeName)
        m_inspector->setTypeName(m_lesson->typeName);
    m_loading = false;
    m_selectPending = true;
    onAnnotated(); // a shown inspector has annotated already; a hidden one does when shown
}

// Whether the annotation on display is of the lesson's type in the lesson's source: the user
// may pick another source or type in the inspector.
bool LessonPanel::showsLesson() const
{
    const std::shared_ptr<const WireLayout> &layout = m_inspector->wireLayout();
    return m_lesson && layout && m_inspector->source() == WireInspector::Source::Pasted
        && layout->tree().typeName == m_lesson->typeName;
}

void LessonPanel::goToStep(int step)
{
    if (!m_lesson)
        return;
    m_step = std::clamp(step, 0, stepCount());
    showStep();
}

void LessonPanel::next()
{
    if (m_lesson && !isOnTask())
        goToStep(m_step + 1);
}

void LessonPanel::back()
{
    if (m_lesson && m_step > 0)
        goToStep(m_step - 1);
}

void LessonPanel::reset()
{
    if (!m_lesson)
        return;
    loadIntoInspector();
}

void LessonPanel::showStep()
{
    const bool task = isOnTask();
    m_counter->setText(task ? tr("Try it") : tr("Step %1 of %2").arg(m_step + 1).arg(stepCount()));
    m_stepText->setText(task ? m_lesson->task : m_lesson->steps.at(m_step).text);
    m_hint->setText(tr("Hint: %1").arg(m_lesson->hint));
    m_hint->setVisible(task && !m_lesson->hint.isEmpty());
    m_result->setVisible(task);
    m_back->setEnabled(m_step > 0);
    m_next->setEnabled(!task);
    m_next->setText(m_step + 1 == stepCount() ? tr("Try It") : tr("Next"));
    if (task) {
        m_note->hide();
        updateResult();
    } else {
        selectTarget();
    }
    Q_EMIT stepChanged(m_step);
}

void LessonPanel::selectTarget()
{
    if (!showsLesson()) {
        m_selectPending = true; // once the inspector shows the lesson's bytes again
        m_note->hide();
        return;
    }
    m_selectPending = false;
    const LessonTarget &target = m_lesson->steps.at(m_step).target;
    const WireSpan *span = Lessons::locate(m_inspector->wireLayout()->tree(), target);
    // A step about the whole message points at no one span.
    m_note->setVisible(!span && !target.fieldPath.isEmpty());
    if (span)
        m_inspector->selectSpan(span->offset, span->length, int(target.role));
}

void LessonPanel::onAnnotated()
{
    if (!m_lesson || m_loading)
        return;
    if (m_selectPending && !isOnTask())
        selectTarget();
    updateResult();
}

void LessonPanel::updateResult()
{
    if (!isOnTask())
        return;
    if (!showsLesson()) {
        setResult(false, tr("The inspector shows other bytes now. Press Reset to bring the lesson's back."));
        return;
    }
    if (!m_lesson->check) {
        setResult(false, tr("This task has no check."));
        return;
    }
    const LessonCheck check = m_lesson->check(m_inspector->wireLayout()->tree());
    setResult(check.passed, check.message);
}

void LessonPanel::setResult(bool passed, const QString &text)
{
    m_result->setText(passed ? QStringLiteral("\u2713 ") + text : text);
    QPalette palette = m_result->palette();
    palette.setColor(QPalette::WindowText, passed ? passColor(this->palette()) : failColor(this->palette()));
    m_result->setPalette(palette);
}

void LessonPanel::setPresentation(bool on)
{
    m_presentation = on;
    applyFonts();
}

void LessonPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyFonts(); // the scaled labels follow the font the panel inherits
}

void LessonPanel::applyFonts()
{
    const QFont base = font();
    setFontSize(m_title, base, TitleScale, m_presentation ? PresentedTitlePixels : 0, true);
    setFontSize(m_stepText, base, StepTextScale, m_presentation ? PresentedStepPixels : 0, false);
    setFontSize(m_result, base, StepTextScale, m_presentation ? PresentedStepPixels : 0, true);
    const QList<QWidget *> plain {m_counter, m_note, m_hint, m_back, m_next, m_reset};
    for (QWidget *widget : plain) {
        if (m_presentation)
            setFontSize(widget, base, 1.0, PresentedSmallPixels, false);
        else
            widget->setFont(QFont()); // inherit the panel's
    }
}

} // namespace wirescope
