#pragma once

#include "model/schema/Schema.h"

#include <QWidget>

class QKeyEvent;
class QLabel;
class QSplitter;

namespace wirescope {

class LessonPanel;
class WireInspector;

// Presenter mode: a window of its own, full screen, with a wire inspector in large type over
// a lesson's steps, on a dark high-contrast palette a projector shows well. The arrow keys,
// and PageUp/PageDown (what presentation clickers send), step back and forth; without a
// lesson they walk the top-level fields. Esc or F11 leaves. It hides on close and is kept.
class PresenterWindow final : public QWidget {
    Q_OBJECT

public:
    explicit PresenterWindow(QWidget *parent = nullptr);
    ~PresenterWindow() override;
    Q_DISABLE_COPY_MOVE(PresenterWindow)

    WireInspector *inspector() const { return m_inspector; }
    LessonPanel *lessonPanel() const { return m_panel; }

    // A window of this size instead of the full screen (tests, screenshots); an empty
    // size means the full screen again.
    void setFixedPresentationSize(const QSize &size) { m_fixedSize = size; }

    // A lesson, at a step (LessonPanel::step numbering).
    void presentLesson(const QString &id, int step);
    // Bytes without a lesson: what the workbench's inspector showed, read the same way.
    void presentBytes(
        const SchemaPtr &schema, const QByteArray &bytes, const QString &typeName, bool grpcFrame);
    // Shows the window full screen (or at the fixed size), in front.
    void present();

    void next();
    void back();

Q_SIGNALS:
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void applyLook();
    bool handleKey(QObject *receiver, const QKeyEvent *event);
    void walkFields(int direction);
    void focusStepping();

    WireInspector *m_inspector;
    LessonPanel *m_panel;
    QSplitter *m_splitter = nullptr;
    QLabel *m_keysHint = nullptr;
    QSize m_fixedSize;
    int m_field = -1; // the top-level field selected by the arrows, without a lesson
    bool m_filtering = false;
};

} // namespace wirescope
