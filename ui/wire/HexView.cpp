#include "ui/wire/HexView.h"

#include "model/wire/WireLayout.h"
#include "ui/workbench/Theme.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <cmath>

namespace wirescope {

namespace {

constexpr int BytesPerRow = 16;
constexpr int GroupSize = 8; // an extra space after the 8th byte, as hexdump does
constexpr int OffsetGap = 2; // characters between the offset column and the hex
constexpr int AsciiGap = 2; // characters between the hex and the ASCII
constexpr int ColumnMargin = 6; // pixels left of the offset column

using Role = WireSpan::Role;

int hexDigits(qint64 value)
{
    int digits = 1;
    for (; value >= 16; value >>= 4)
        ++digits;
    return digits;
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Tag:
        return HexView::tr("tag");
    case Role::Length:
        return HexView::tr("length prefix");
    case Role::Value:
        return HexView::tr("value");
    case Role::Element:
        return HexView::tr("packed element");
    case Role::EndGroup:
        return HexView::tr("end-group tag");
    case Role::GrpcFlag:
        return HexView::tr("gRPC compressed flag");
    case Role::GrpcLength:
        return HexView::tr("gRPC message length");
    case Role::Unparsed:
        return HexView::tr("not decoded");
    case Role::PastLimit:
        return HexView::tr("not annotated (past the field limit)");
    default:
        return HexView::tr("bytes");
    }
}

} // namespace

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setMouseTracking(true);
    updateMetrics();
}

HexView::~HexView() = default;

void HexView::setWireLayout(std::shared_ptr<const WireLayout> layout)
{
    m_layout = std::move(layout);
    m_bytes = m_layout ? m_layout->tree().bytes : QByteArray();
    m_selection = {};
    m_cursor = -1;
    updateMetrics();
    viewport()->update();
}

void HexView::setSelection(qint64 offset, qint64 length)
{
    m_selection = offset >= 0 ? Selection {offset, length} : Selection {};
    if (offset >= 0)
        m_cursor = offset;
    viewport()->update();
}

void HexView::scrollToOffset(qint64 offset)
{
    if (offset < 0 || offset >= m_bytes.size())
        return;
    const qint64 row = offset / BytesPerRow;
    QScrollBar *bar = verticalScrollBar();
    if (row < bar->value())
        bar->setValue(int(row));
    else if (row >= bar->value() + visibleRows())
        bar->setValue(int(row - visibleRows() + 1));
}

QColor HexView::runColor(Role role, int fieldNumber, int index, bool dark)
{
    // Golden-angle steps keep neighbouring field numbers far apart on the colour wheel.
    const int hue = int(std::fmod(fieldNumber * 137.508, 360.0));
    const auto shade = [dark](int h, double s, double lightLight, double darkLight) {
        return QColor::fromHslF(float(h) / 360.0f, float(s), float(dark ? darkLight : lightLight));
    };
    switch (role) {
    case Role::GrpcFlag:
        return shade(0, 0.0, 0.76, 0.36);
    case Role::GrpcLength:
        return shade(0, 0.0, 0.84, 0.30);
    case Role::Unparsed:
        return shade(0, 0.75, 0.86, 0.28);
    case Role::PastLimit:
        return shade(0, 0.0, 0.90, 0.20);
    case Role::Tag:
    case Role::EndGroup:
        return shade(hue, 0.75, 0.72, 0.40);
    case Role::Length:
        return shade(hue, 0.65, 0.81, 0.31);
    case Role::Element:
        return index % 2 ? shade(hue, 0.6, 0.83, 0.27) : shade(hue, 0.6, 0.89, 0.22);
    default:
        return fieldNumber > 0 ? shade(hue, 0.6, 0.89, 0.22) : shade(0, 0.0, 0.93, 0.20);
    }
}

void HexView::updateMetrics()
{
    const QFontMetrics metrics(font());
    m_charWidth = qMax(1, metrics.horizontalAdvance(u'0'));
    m_lineHeight = metrics.height() + 2;
    m_offsetDigits = qMax(4, hexDigits(qMax<qint64>(0, m_bytes.size() - 1)));
    updateScrollBars();
}

void HexView::updateScrollBars()
{
    const qint64 rows = rowCount();
    const int visible = visibleRows();
    verticalScrollBar()->setRange(0, int(qMax<qint64>(0, rows - visible)));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    horizontalScrollBar()->setRange(0, qMax(0, totalWidth() - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(m_charWidth);
}

qint64 HexView::rowCount() const
{
    return (m_bytes.size() + BytesPerRow - 1) / BytesPerRow;
}

int HexView::visibleRows() const
{
    return qMax(1, viewport()->height() / m_lineHeight);
}

int HexView::hexX(int column) const
{
    const int chars = m_offsetDigits + OffsetGap + column * 3 + (column >= GroupSize ? 1 : 0);
    return ColumnMargin + chars * m_charWidth;
}

int HexView::asciiX(int column) const
{
    return hexX(BytesPerRow - 1) + (2 + AsciiGap + column) * m_charWidth;
}

int HexView::totalWidth() const
{
    return asciiX(BytesPerRow) + ColumnMargin;
}

QSize HexView::sizeHint() const
{
    const int frame = 2 * frameWidth();
    return {totalWidth() + verticalScrollBar()->sizeHint().width() + frame, m_lineHeight * 16 + frame};
}

QRect HexView::hexCellRect(qint64 offset) const
{
    const qint64 row = offset / BytesPerRow;
    const int y = int(row - verticalScrollBar()->value()) * m_lineHeight;
    const int x = hexX(int(offset % BytesPerRow)) - horizontalScrollBar()->value();
    return {x, y, 2 * m_charWidth, m_lineHeight};
}

qint64 HexView::offsetAt(const QPoint &point) const
{
    const qint64 row = verticalScrollBar()->value() + point.y() / m_lineHeight;
    const int x = point.x() + horizontalScrollBar()->value();
    int column = -1;
    if (x >= asciiX(0) - m_charWidth / 2) {
        column = (x - asciiX(0)) / m_charWidth;
    } else {
        for (int c = 0; c < BytesPerRow && column < 0; ++c) {
            if (x >= hexX(c) - m_charWidth / 2 && x < hexX(c) + 2 * m_charWidth + m_charWidth / 2)
                column = c;
        }
    }
    if (point.y() < 0 || column < 0 || column >= BytesPerRow)
        return -1;
    const qint64 offset = row * BytesPerRow + column;
    return offset < m_bytes.size() ? offset : -1;
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().base());
    if (m_bytes.isEmpty()) {
        painter.setPen(Theme::mutedTextColor());
        painter.drawText(viewport()->rect().adjusted(8, 8, -8, -8),
            Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
            tr("No bytes. Type a request body, select a response frame, paste hex or base64, "
               "or open a file."));
        return;
    }
    painter.translate(-horizontalScrollBar()->value(), 0);
    const qint64 first = verticalScrollBar()->value();
    const qint64 last = qMin(rowCount(), first + visibleRows() + 1);
    std::size_t run = m_layout ? m_layout->firstRunFrom(first * BytesPerRow) : 0;
    for (qint64 row = first; row < last; ++row) {
        const int y = int(row - first) * m_lineHeight;
        paintRow(painter, row, y, &run);
        paintSelection(painter, row, y);
    }
}

void HexView::paintRow(QPainter &painter, qint64 row, int y, std::size_t *run) const
{
    const bool dark = Theme::isDark(palette());
    const std::vector<WireLayout::Run> empty;
    const std::vector<WireLayout::Run> &runs = m_layout ? m_layout->runs() : empty;
    const qint64 start = row * BytesPerRow;
    const int count = int(qMin<qint64>(BytesPerRow, m_bytes.size() - start));
    const int baseline = y + painter.fontMetrics().ascent() + 1;
    painter.setPen(Theme::mutedTextColor());
    painter.drawText(
        ColumnMargin, baseline, QStringLiteral("%1").arg(start, m_offsetDigits, 16, QChar(u'0')));
    for (int c = 0; c < count; ++c) {
        const qint64 at = start + c;
        while (*run < runs.size() && runs[*run].offset + runs[*run].length <= at)
            ++*run;
        if (*run < runs.size() && runs[*run].offset <= at) {
            const WireLayout::Run &r = runs[*run];
            const bool joins = c + 1 < count && at + 1 < r.offset + r.length;
            const int left = hexX(c) - m_charWidth / 2;
            const int right
                = joins ? hexX(c + 1) - m_charWidth / 2 : hexX(c) + 2 * m_charWidth + m_charWidth / 2;
            const QColor color = runColor(r.role, r.fieldNumber, r.index, dark);
            painter.fillRect(QRect(left, y, right - left, m_lineHeight - 1), color);
            painter.fillRect(QRect(asciiX(c), y, m_charWidth, m_lineHeight - 1), color);
        }
        const auto byte = quint8(m_bytes.at(at));
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(hexX(c), baseline, QStringLiteral("%1").arg(byte, 2, 16, QChar(u'0')));
        const bool printable = byte >= 0x20 && byte < 0x7f;
        if (!printable)
            painter.setPen(Theme::mutedTextColor());
        painter.drawText(
            asciiX(c), baseline, printable ? QString(QChar(char16_t(byte))) : QStringLiteral("."));
    }
}

void HexView::paintSelection(QPainter &painter, qint64 row, int y) const
{
    if (!m_selection.isValid())
        return;
    const qint64 start = row * BytesPerRow;
    const qint64 from = qMax(start, m_selection.offset);
    const qint64 to = qMin(start + BytesPerRow, m_selection.offset + qMax<qint64>(1, m_selection.length));
    if (from >= to)
        return;
    const int first = int(from - start);
    const int last = int(to - start - 1);
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(70);
    QPen pen(palette().color(QPalette::Highlight), 2);
    painter.setPen(pen);
    painter.setBrush(fill);
    const QRect hex(QPoint(hexX(first) - m_charWidth / 2, y),
        QPoint(hexX(last) + 2 * m_charWidth + m_charWidth / 2, y + m_lineHeight - 2));
    const QRect ascii(QPoint(asciiX(first), y), QPoint(asciiX(last + 1) - 1, y + m_lineHeight - 2));
    painter.drawRect(hex);
    painter.drawRect(ascii);
    painter.setBrush(Qt::NoBrush);
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    const qint64 offset = offsetAt(event->position().toPoint());
    if (offset >= 0) {
        m_cursor = offset;
        Q_EMIT offsetClicked(offset);
    }
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    qint64 step = 0;
    switch (event->key()) {
    case Qt::Key_Left:
        step = -1;
        break;
    case Qt::Key_Right:
        step = 1;
        break;
    case Qt::Key_Up:
        step = -BytesPerRow;
        break;
    case Qt::Key_Down:
        step = BytesPerRow;
        break;
    case Qt::Key_PageUp:
        step = -qint64(visibleRows()) * BytesPerRow;
        break;
    case Qt::Key_PageDown:
        step = qint64(visibleRows()) * BytesPerRow;
        break;
    default:
        return QAbstractScrollArea::keyPressEvent(event);
    }
    if (m_bytes.isEmpty())
        return;
    // Moving past a selected span's end: start from its last byte, not its first.
    qint64 from = qMax<qint64>(0, m_cursor);
    if (step > 0 && m_selection.isValid() && m_selection.offset == m_cursor)
        from = m_selection.offset + qMax<qint64>(1, m_selection.length) - 1;
    const qint64 to = qBound<qint64>(0, from + step, m_bytes.size() - 1);
    m_cursor = to;
    scrollToOffset(to);
    Q_EMIT offsetClicked(to);
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
}

bool HexView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = toolTipAt(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

QString HexView::toolTipAt(const QPoint &point) const
{
    const qint64 offset = offsetAt(point);
    if (offset < 0 || !m_layout)
        return {};
    const auto &runs = m_layout->runs();
    const std::size_t index = m_layout->firstRunFrom(offset);
    QString text = tr("byte %1 = 0x%2").arg(offset).arg(quint8(m_bytes.at(offset)), 2, 16, QChar(u'0'));
    if (index < runs.size() && runs[index].offset <= offset) {
        const WireLayout::Run &run = runs[index];
        text += QStringLiteral(" \u00b7 ") + roleName(run.role);
        if (run.fieldNumber > 0)
            text += QStringLiteral(" \u00b7 ") + tr("field %1").arg(run.fieldNumber);
    }
    return text;
}

} // namespace wirescope
