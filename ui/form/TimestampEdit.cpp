#include "ui/form/TimestampEdit.h"

#include "model/form/FieldValueText.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QApplication>
#include <QCalendarWidget>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace wirescope {

TimestampEdit::TimestampEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_hint(tr("RFC 3339, e.g. 2024-05-01T12:00:00Z or with an offset (+02:00); the button picks a "
                "date and time in UTC"))
{
    setObjectName(QStringLiteral("timestampEdit"));
    m_pick = addAction(QIcon::fromTheme(QStringLiteral("x-office-calendar"),
                           Theme::standardIcon(QStyle::SP_FileDialogDetailedView)),
        QLineEdit::TrailingPosition);
    m_pick->setObjectName(QStringLiteral("timestampPickAction"));
    m_pick->setToolTip(tr("Pick a date and time (UTC)"));
    setToolTip(m_hint);
    connect(m_pick, &QAction::triggered, this, &TimestampEdit::openPicker);
    connect(this, &QLineEdit::textChanged, this, &TimestampEdit::updateError);
}

TimestampEdit::~TimestampEdit() = default;

QDateTime TimestampEdit::dateTime() const
{
    qint64 seconds = 0;
    int nanos = 0;
    if (!FieldValueText::parseTimestamp(text(), &seconds, &nanos, nullptr))
        return {};
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).addMSecs(nanos / 1000000);
}

void TimestampEdit::setDateTime(const QDateTime &time)
{
    qint64 seconds = 0;
    int nanos = 0;
    // The calendar picks seconds; nanoseconds typed before are not its to drop.
    if (!FieldValueText::parseTimestamp(text(), &seconds, &nanos, nullptr))
        nanos = 0;
    setText(FieldValueText::formatTimestamp(time.toSecsSinceEpoch(), nanos));
}

QWidget *TimestampEdit::picker() const
{
    return m_popup;
}

void TimestampEdit::createPicker()
{
    m_popup = new QFrame(this, Qt::Popup);
    m_popup->setObjectName(QStringLiteral("timestampPopup"));
    m_popup->setFrameShape(QFrame::StyledPanel);
    m_calendar = new QCalendarWidget(m_popup);
    m_calendar->setObjectName(QStringLiteral("timestampCalendar"));
    m_calendar->setMinimumDate(QDate(1, 1, 1));
    m_calendar->setMaximumDate(QDate(9999, 12, 31));
    m_calendar->setVerticalHeaderFormat(QCalendarWidget::NoVerticalHeader);
    m_time = new QTimeEdit(m_popup);
    m_time->setObjectName(QStringLiteral("timestampTime"));
    m_time->setDisplayFormat(QStringLiteral("HH:mm:ss"));
    auto *now = new QPushButton(tr("Now"), m_popup);
    now->setObjectName(QStringLiteral("timestampNow"));
    auto *ok = new QPushButton(tr("OK"), m_popup);
    ok->setObjectName(QStringLiteral("timestampOk"));
    ok->setDefault(true);

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Time (UTC)"), m_popup));
    row->addWidget(m_time);
    row->addStretch(1);
    row->addWidget(now);
    row->addWidget(ok);
    auto *layout = new QVBoxLayout(m_popup);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_calendar);
    layout->addLayout(row);

    connect(m_calendar, &QCalendarWidget::activated, this, &TimestampEdit::acceptPicker);
    connect(ok, &QPushButton::clicked, this, &TimestampEdit::acceptPicker);
    connect(now, &QPushButton::clicked, this, [this] {
        const QDateTime current = QDateTime::currentDateTimeUtc();
        m_calendar->setSelectedDate(current.date());
        m_time->setTime(current.time());
    });
}

void TimestampEdit::openPicker()
{
    if (!m_popup)
        createPicker();
    QDateTime current = dateTime();
    if (!current.isValid())
        current = QDateTime::currentDateTimeUtc();
    m_calendar->setSelectedDate(current.date());
    m_time->setTime(current.time());
    m_popup->adjustSize();
    m_popup->move(mapToGlobal(QPoint(0, height())));
    m_popup->show();
    m_calendar->setFocus();
}

void TimestampEdit::acceptPicker()
{
    const QTime time = m_time->time();
    setDateTime(
        QDateTime(m_calendar->selectedDate(), QTime(time.hour(), time.minute(), time.second()), Qt::UTC));
    m_popup->hide();
    setFocus();
    Q_EMIT picked();
}

void TimestampEdit::updateError()
{
    m_error = text().trimmed().isEmpty() ? QString() : FieldValueText::check(ValueKind::Timestamp, text());
    setToolTip(m_error.isEmpty() ? m_hint : m_error);
    QPalette colours = QApplication::palette(this);
    if (!m_error.isEmpty())
        colours.setColor(QPalette::Text, Theme::errorColor());
    setPalette(colours);
}

} // namespace wirescope
