#pragma once

#include "model/schema/Schema.h"
#include "ui/wire/WireInspector.h"

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPushButton;

namespace wirescope {

struct Lesson;

// One built-in lesson run over a wire inspector it is given: the lesson's tiny schema and
// message go into the inspector, each step selects its span there with a sentence, and the
// "try it" task at the end is checked again on every new annotation, so bytes or values
// edited in the inspector are judged as they change. The inspector's schema is the app's
// until a lesson starts; endLesson() gives it back, with the source that was on show and the
// bytes the lesson took the pasted source from.
class LessonPanel final : public QWidget {
    Q_OBJECT

public:
    // `inspector` is not owned and must outlive the panel.
    explicit LessonPanel(WireInspector *inspector, QWidget *parent = nullptr);
    ~LessonPanel() override;
    Q_DISABLE_COPY_MOVE(LessonPanel)

    // The schema the inspector shows outside lessons. While a lesson runs it is only
    // remembered; otherwise the inspector gets it at once.
    void setAppSchema(const SchemaPtr &schema);

    // Loads a lesson (Lessons::find) into the inspector and shows its first step. A lesson
    // whose schema or message does not build is reported in the panel, not thrown.
    void startLesson(const QString &id);
    void endLesson();
    bool isRunning() const { return m_lesson != nullptr; }
    QString lessonId() const;

    // 0 … stepCount() - 1 are the steps; stepCount() is the task.
    int step() const { return m_step; }
    int stepCount() const;
    bool isOnTask() const;
    void goToStep(int step);
    void next();
    void back();
    // The lesson's bytes in the inspector again, as the lesson started.
    void reset();
    // The bytes the lesson starts from; empty when it could not be built.
    QByteArray lessonBytes() const { return m_bytes; }

    // Large type for a projector.
    void setPresentation(bool on);

Q_SIGNALS:
    void stepChanged(int step);

protected:
    void changeEvent(QEvent *event) override;

private:
    void createWidgets();
    QString build(const Lesson &lesson);
    void showFailure(const QString &what);
    void loadIntoInspector();
    bool showsLesson() const;
    void showStep();
    void selectTarget();
    void onAnnotated();
    void updateResult();
    void setResult(bool passed, const QString &text);
    void applyFonts();

    WireInspector *m_inspector;
    SchemaPtr m_appSchema;
    WireInspector::Source m_sourceBefore = WireInspector::Source::Request;
    // The user's pasted bytes, which the lesson's bytes replace while it runs.
    QByteArray m_pastedBytes;
    QString m_pastedType;
    QString m_pastedLabel;
    const Lesson *m_lesson = nullptr;
    SchemaPtr m_lessonSchema;
    QByteArray m_bytes;
    int m_step = 0;
    bool m_loading = false; // the inspector re-annotates while the lesson goes in
    bool m_selectPending = false; // the step's span is selected once its bytes are annotated
    bool m_presentation = false;

    QLabel *m_title = nullptr;
    QLabel *m_counter = nullptr;
    QLabel *m_stepText = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_reset = nullptr;
};

} // namespace wirescope
