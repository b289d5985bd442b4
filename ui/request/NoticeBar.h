#pragma once

#include <QFrame>

#include <functional>

class QHBoxLayout;
class QLabel;

namespace wirescope {

// A bar above a request with a message and buttons ("Recovered unsaved edits" — Discard
// Them, Keep): shown with a text, hidden when the text is empty or a button is pressed.
class NoticeBar final : public QFrame {
    Q_OBJECT

public:
    struct Action {
        QString text;
        std::function<void()> run;
    };

    explicit NoticeBar(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(NoticeBar)

    // A button runs its action after hiding the bar, so the action may show the next notice.
    void showMessage(const QString &text, const QList<Action> &actions = {});
    // The text shown, or empty while hidden.
    QString text() const;

private:
    QLabel *m_text;
    QHBoxLayout *m_buttons;
};

} // namespace wirescope
