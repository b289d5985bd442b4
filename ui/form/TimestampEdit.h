#pragma once

#include <QDateTime>
#include <QLineEdit>

class QCalendarWidget;
class QFrame;
class QTimeEdit;

namespace wirescope {

// The editor of a google.protobuf.Timestamp: RFC 3339 text that can be typed in any offset,
// and a button that opens a calendar with a time of day in UTC. What is picked is written
// as UTC with "Z", keeping the fraction of a second the text had. Text that is not a time
// says why in its tooltip and turns the error colour.
class TimestampEdit final : public QLineEdit {
    Q_OBJECT

public:
    explicit TimestampEdit(QWidget *parent = nullptr);
    ~TimestampEdit() override;
    Q_DISABLE_COPY_MOVE(TimestampEdit)

    // The time the text names, in UTC, to the millisecond; invalid while it names none.
    QDateTime dateTime() const;
    // Writes `time` as RFC 3339 in UTC to the second, with the fraction the text had.
    void setDateTime(const QDateTime &time);
    // Why the text is not a time; empty when it is one, or empty.
    QString error() const { return m_error; }

    void openPicker();
    QWidget *picker() const;

Q_SIGNALS:
    // A date and time was chosen in the calendar and written to the text.
    void picked();

private:
    void createPicker();
    void acceptPicker();
    void updateError();

    QAction *m_pick;
    QFrame *m_popup = nullptr;
    QCalendarWidget *m_calendar = nullptr;
    QTimeEdit *m_time = nullptr;
    QString m_error;
    QString m_hint;
};

} // namespace wirescope
