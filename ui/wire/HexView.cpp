#include "ui/wire/HexView.h"

#include "model/json/BytesText.h"
#include "model/wire/WireLayout.h"
#include "model/wire/WirePalette.h"
#include "ui/workbench/Theme.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

namespace wirescope {

namespace {

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

constexpr int NotADigit = -1;
constexpr int Space = -2;

// The hex digit a key types, Space, or NotADigit.
int typedDigit(const QKeyEvent &event)
{
    if (event.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return NotADigit;
    const QString text = event.text();
    if (text.size() != 1)
        return NotADigit;
    const char16_t c = text.at(0).toLower().unicode();
    if (c == u' ')
        return Space;
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    return NotADigit;
}

bool isEditKey(const QKeyEvent &event)
{
    if (event.matches(QKeySequence::Paste))
        return true;
    const int key = event.key();
    const bool plain = !(event.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    if (plain && (key == Qt::Key_Insert || key == Qt::Key_Backspace || key == Qt::Key_Delete))
        return true;
    return typedDigit(event) != NotADigit;
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
    m_selection = {};
    setBytes(m_layout ? m_layout->tree().bytes : QByteArray());
}

void HexView::setBytes(const QByteArray &bytes)
{
    m_bytes = bytes;
    if (m_caret >= 0)
        setCaret(m_caret, m_lowNibble); // moved back inside the bytes
    updateMetrics();
    viewport()->update();
}

void HexView::setSelection(qint64 offset, qint64 length)
{
    m_selection = offset >= 0 ? Selection {offset, length} : Selection {};
    viewport()->update();
}

void HexView::setEditable(bool on)
{
    m_editable = on;
    updateMetrics();
    viewport()->update();
}

void HexView::setInsertMode(bool on)
{
    if (on == m_insert)
        return;
    m_insert = on;
    viewport()->update();
    Q_EMIT insertModeChanged(on);
}

void HexView::setCaret(qint64 offset, bool lowNibble)
{
    m_caret = offset >= 0 ? qMin(offset, lastCaretOffset()) : -1;
    m_lowNibble = lowNibble && m_caret >= 0 && m_caret < m_bytes.size();
    viewport()->update();
}

void HexView::setHighlights(const Ranges &ranges)
{
    m_highlights = ranges;
    viewport()->update();
}

qint64 HexView::lastCaretOffset() const
{
    // An editable view's caret may sit just past the last byte: typing there appends.
    return m_editable ? m_bytes.size() : m_bytes.size() - 1;
}

void HexView::scrollToOffset(qint64 offset)
{
    if (offset < 0 || offset > qMax<qint64>(0, lastCaretOffset()))
        return;
    const qint64 row = offset / m_bytesPerRow;
    QScrollBar *bar = verticalScrollBar();
    if (row < bar->value())
        bar->setValue(int(row));
    else if (row >= bar->value() + visibleRows())
        bar->setValue(int(row - visibleRows() + 1));
}

QColor HexView::runColor(Role role, int fieldNumber, int index, bool dark)
{
    return QColor::fromRgba(WirePalette::rgb(role, fieldNumber, index, dark));
}

void HexView::setBytesPerRow(int count)
{
    count = qBound(4, count, 32);
    if (count == m_bytesPerRow)
        return;
    m_bytesPerRow = count;
    updateScrollBars();
    updateGeometry(); // the width it asks for follows the row
    viewport()->update();
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
    const qint64 cells = m_bytes.size() + (m_editable ? 1 : 0); // the cell that appends
    return (cells + m_bytesPerRow - 1) / m_bytesPerRow;
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
    return hexX(m_bytesPerRow - 1) + (2 + AsciiGap + column) * m_charWidth;
}

int HexView::totalWidth() const
{
    return asciiX(m_bytesPerRow) + ColumnMargin;
}

QSize HexView::sizeHint() const
{
    const int frame = 2 * frameWidth();
    return {totalWidth() + verticalScrollBar()->sizeHint().width() + frame, m_lineHeight * 16 + frame};
}

QRect HexView::hexCellRect(qint64 offset) const
{
    const qint64 row = offset / m_bytesPerRow;
    const int y = int(row - verticalScrollBar()->value()) * m_lineHeight;
    const int x = hexX(int(offset % m_bytesPerRow)) - horizontalScrollBar()->value();
    return {x, y, 2 * m_charWidth, m_lineHeight};
}

qint64 HexView::offsetAt(const QPoint &point) const
{
    const qint64 offset = cellAt(point, nullptr);
    return offset < m_bytes.size() ? offset : -1;
}

qint64 HexView::cellAt(const QPoint &point, bool *lowNibble) const
{
    const qint64 row = verticalScrollBar()->value() + point.y() / m_lineHeight;
    const int x = point.x() + horizontalScrollBar()->value();
    int column = -1;
    bool low = false;
    if (x >= asciiX(0) - m_charWidth / 2) {
        column = (x - asciiX(0)) / m_charWidth;
    } else {
        for (int c = 0; c < m_bytesPerRow && column < 0; ++c) {
            if (x >= hexX(c) - m_charWidth / 2 && x < hexX(c) + 2 * m_charWidth + m_charWidth / 2) {
                column = c;
                low = x >= hexX(c) + m_charWidth;
            }
        }
    }
    if (lowNibble)
        *lowNibble = low;
    if (point.y() < 0 || column < 0 || column >= m_bytesPerRow)
        return -1;
    return row * m_bytesPerRow + column;
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().base());
    if (m_bytes.isEmpty()) {
        painter.setPen(Theme::mutedTextColor());
        // An editable view keeps its first row free for the caret.
        const int top = m_editable ? m_lineHeight + 8 : 8;
        painter.drawText(viewport()->rect().adjusted(8, top, -8, -8),
            Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
            m_editable ? tr("No bytes. Type hex digits here or paste hex or base64 (Ctrl+V); or type a "
                            "request body, select a response frame, or open a file.")
                       : tr("No bytes. Type a request body, select a response frame, paste hex or base64, "
                            "or open a file."));
        if (!m_editable)
            return;
    }
    painter.translate(-horizontalScrollBar()->value(), 0);
    const qint64 first = verticalScrollBar()->value();
    const qint64 last = qMin(rowCount(), first + visibleRows() + 1);
    std::size_t run = m_layout ? m_layout->firstRunFrom(first * m_bytesPerRow) : 0;
    for (qint64 row = first; row < last; ++row) {
        const int y = int(row - first) * m_lineHeight;
        paintRow(painter, row, y, &run);
        paintHighlights(painter, row, y);
        paintSelection(painter, row, y);
    }
    paintCaret(painter, first);
}

void HexView::paintRow(QPainter &painter, qint64 row, int y, std::size_t *run) const
{
    const bool dark = Theme::isDark(palette());
    const std::vector<WireLayout::Run> empty;
    const std::vector<WireLayout::Run> &runs = m_layout ? m_layout->runs() : empty;
    const qint64 start = row * m_bytesPerRow;
    const int count = int(qMin<qint64>(m_bytesPerRow, m_bytes.size() - start));
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

void HexView::paintHighlights(QPainter &painter, qint64 row, int y) const
{
    const qint64 start = row * m_bytesPerRow;
    const qint64 end = qMin<qint64>(start + m_bytesPerRow, m_bytes.size());
    const int bar = qMax(2, m_lineHeight / 6);
    const int top = y + m_lineHeight - 1 - bar;
    const QColor color = palette().color(QPalette::Highlight);
    for (const auto &[offset, length] : m_highlights) {
        const qint64 from = qMax(start, offset);
        const qint64 to = qMin(end, offset + length);
        if (from >= to)
            continue;
        const int first = int(from - start);
        const int last = int(to - start - 1);
        const int left = hexX(first) - m_charWidth / 2;
        const int right = hexX(last) + 2 * m_charWidth + m_charWidth / 2;
        painter.fillRect(QRect(left, top, right - left, bar), color);
        painter.fillRect(QRect(asciiX(first), top, (last - first + 1) * m_charWidth, bar), color);
    }
}

void HexView::paintSelection(QPainter &painter, qint64 row, int y) const
{
    if (!m_selection.isValid())
        return;
    const qint64 start = row * m_bytesPerRow;
    const qint64 from = qMax(start, m_selection.offset);
    const qint64 to = qMin(start + m_bytesPerRow, m_selection.offset + qMax<qint64>(1, m_selection.length));
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

void HexView::paintCaret(QPainter &painter, qint64 firstRow) const
{
    if (!m_editable || m_caret < 0)
        return;
    const qint64 row = m_caret / m_bytesPerRow;
    if (row < firstRow || row > firstRow + visibleRows())
        return;
    const int y = int(row - firstRow) * m_lineHeight;
    const int column = int(m_caret % m_bytesPerRow);
    const int x = hexX(column) + (m_lowNibble ? m_charWidth : 0);
    QColor color = palette().color(QPalette::Text);
    if (!hasFocus())
        color = Theme::mutedTextColor();
    // A bar between digits inserts; a box around one overwrites it.
    if (m_insert) {
        painter.fillRect(QRect(x - 1, y + 1, 2, m_lineHeight - 3), color);
    } else {
        painter.setPen(QPen(color, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRect(x, y + 1, m_charWidth, m_lineHeight - 4));
    }
    painter.fillRect(QRect(asciiX(column), y + m_lineHeight - 3, m_charWidth, 2), color);
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    bool low = false;
    const qint64 offset = cellAt(event->position().toPoint(), &low);
    if (offset < 0 || offset > lastCaretOffset())
        return;
    setCaret(offset, low);
    if (offset < m_bytes.size())
        Q_EMIT offsetClicked(offset);
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    if (m_editable && editKey(event))
        return;
    const qint64 step = navigationStep(event->key());
    if (step == 0)
        return QAbstractScrollArea::keyPressEvent(event);
    moveCaret(step);
}

qint64 HexView::navigationStep(int key) const
{
    switch (key) {
    case Qt::Key_Left:
        return -1;
    case Qt::Key_Right:
        return 1;
    case Qt::Key_Up:
        return -m_bytesPerRow;
    case Qt::Key_Down:
        return m_bytesPerRow;
    case Qt::Key_PageUp:
        return -qint64(visibleRows()) * m_bytesPerRow;
    case Qt::Key_PageDown:
        return qint64(visibleRows()) * m_bytesPerRow;
    default:
        return 0;
    }
}

void HexView::moveCaret(qint64 step)
{
    const qint64 last = lastCaretOffset();
    if (last < 0)
        return;
    qint64 to = 0;
    if (m_caret >= 0) {
        to = m_caret + step;
    } else if (m_selection.isValid()) {
        // No caret yet: walk from the selected span, past its end when moving forward.
        to = (step > 0 ? m_selection.offset + qMax<qint64>(1, m_selection.length) - 1 : m_selection.offset)
            + step;
    }
    to = qBound<qint64>(0, to, last);
    setCaret(to);
    scrollToOffset(to);
    if (to < m_bytes.size())
        Q_EMIT offsetClicked(to);
}

bool HexView::editKey(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Paste)) {
        pasteClipboard();
        return true;
    }
    switch (event->key()) {
    case Qt::Key_Insert:
        setInsertMode(!m_insert);
        return true;
    case Qt::Key_Backspace:
        removeBytes(true);
        return true;
    case Qt::Key_Delete:
        removeBytes(false);
        return true;
    default:
        break;
    }
    const int digit = typedDigit(*event);
    if (digit >= 0)
        typeNibble(digit);
    return digit != NotADigit; // a space is skipped: "08 96 01" types as it reads
}

void HexView::typeNibble(int nibble)
{
    const qint64 size = m_bytes.size();
    qint64 at = m_caret >= 0 ? m_caret : m_selection.isValid() ? m_selection.offset : 0;
    at = qBound<qint64>(0, at, size);
    if (m_caret >= 0 && m_lowNibble && at < size) {
        const auto old = quint8(m_bytes.at(at));
        requestEdit(at, 1, QByteArray(1, char((old & 0xf0) | nibble)), at + 1, false);
    } else if (m_insert || at == size) {
        requestEdit(at, 0, QByteArray(1, char(nibble << 4)), at, true);
    } else {
        const auto old = quint8(m_bytes.at(at));
        requestEdit(at, 1, QByteArray(1, char((nibble << 4) | (old & 0x0f))), at, true);
    }
}

void HexView::removeBytes(bool beforeCaret)
{
    if (m_caret < 0) {
        if (m_selection.isValid() && m_selection.length > 0)
            requestEdit(m_selection.offset, m_selection.length, {}, m_selection.offset, false);
        return;
    }
    // Halfway through a byte, the byte being typed is the one before the caret.
    const qint64 at = beforeCaret ? (m_lowNibble ? m_caret : m_caret - 1) : m_caret;
    if (at < 0 || at >= m_bytes.size())
        return;
    requestEdit(at, 1, {}, at, false);
}

void HexView::pasteClipboard()
{
    QByteArray bytes;
    if (!BytesText::parseHexOrBase64(QGuiApplication::clipboard()->text(), &bytes) || bytes.isEmpty())
        return;
    const qint64 size = m_bytes.size();
    qint64 at = size;
    if (m_caret >= 0)
        at = m_caret + (m_lowNibble ? 1 : 0); // halfway through a byte: after it
    else if (m_selection.isValid())
        at = m_selection.offset;
    at = qBound<qint64>(0, at, size);
    requestEdit(at, 0, bytes, at + bytes.size(), false);
}

void HexView::requestEdit(
    qint64 offset, qint64 removed, const QByteArray &inserted, qint64 caretAfter, bool lowNibble)
{
    // The caret moves first: the owner applies the edit while this signal is delivered and
    // keeps the caret where it finds it.
    m_caret = caretAfter;
    m_lowNibble = lowNibble;
    Q_EMIT editRequested(offset, removed, inserted, caretAfter);
    scrollToOffset(m_caret);
    viewport()->update();
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

bool HexView::event(QEvent *event)
{
    // Keys typed into editable bytes are the view's, not a window shortcut's.
    if (m_editable && event->type() == QEvent::ShortcutOverride
        && isEditKey(*static_cast<QKeyEvent *>(event))) {
        event->accept();
        return true;
    }
    return QAbstractScrollArea::event(event);
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
