#include "ui/response/TimelineChart.h"

#include "model/frames/FramesModel.h"
#include "ui/workbench/Theme.h"

#include <algorithm>

#include <QMouseEvent>
#include <QPainter>
#include <QPixmap>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace wirescope {

namespace {

constexpr int RepaintIntervalMs = 100; // a running stream repaints at most ten times a second
constexpr int HitRadius = 6;
constexpr double MinimumRangeNanos = 2000;

// 1, 2 or 5 times a power of ten, the smallest such step that is at least `rough`.
double niceStep(double rough)
{
    const double power = std::pow(10.0, std::floor(std::log10(std::max(rough, 1e-9))));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * power >= rough)
            return factor * power;
    }
    return 10 * power;
}

} // namespace

TimelineChart::TimelineChart(FramesModel *frames, QWidget *parent)
    : QWidget(parent)
    , m_frames(frames)
    , m_repaintTimer(new QTimer(this))
{
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_repaintTimer->setSingleShot(true);
    m_repaintTimer->setInterval(RepaintIntervalMs);
    connect(m_repaintTimer, &QTimer::timeout, this, [this] {
        updateRange();
        update();
    });
    connect(m_frames, &QAbstractItemModel::rowsInserted, this, &TimelineChart::scheduleRepaint);
    connect(m_frames, &QAbstractItemModel::modelReset, this, [this] {
        m_selectedRow = -1;
        m_hoverRow = -1;
        fitAll();
    });
}

QColor TimelineChart::sentColor()
{
    return Theme::isDark() ? QColor(0xf0, 0xa0, 0x4b) : QColor(0xd9, 0x73, 0x06);
}

QColor TimelineChart::receivedColor()
{
    return Theme::isDark() ? QColor(0x58, 0xa6, 0xff) : QColor(0x1f, 0x6f, 0xd0);
}

void TimelineChart::setSelectedRow(int row)
{
    if (row == m_selectedRow)
        return;
    m_selectedRow = row;
    update();
}

void TimelineChart::fitAll()
{
    m_follow = true;
    updateRange();
    update();
}

bool TimelineChart::exportPng(const QString &path)
{
    updateRange();
    const QPixmap image = grab();
    return !image.isNull() && image.save(path, "PNG");
}

void TimelineChart::scheduleRepaint()
{
    if (!m_repaintTimer->isActive())
        m_repaintTimer->start();
}

void TimelineChart::updateRange()
{
    if (!m_follow)
        return;
    const double end = double(m_frames->record().elapsedNanos());
    m_t0 = 0;
    m_t1 = std::max(end * 1.03, 1e6);
}

QRect TimelineChart::plotRect() const
{
    const QFontMetrics metrics = fontMetrics();
    const int left = metrics.horizontalAdvance(QStringLiteral("000.0 KiB")) + 10;
    const int top = metrics.height() + 8; // the legend
    const int bottom = metrics.height() + 8; // the time labels
    return rect().adjusted(left, top, -12, -bottom);
}

double TimelineChart::xOf(qint64 nanos, const QRect &plot) const
{
    return plot.left() + (double(nanos) - m_t0) / (m_t1 - m_t0) * plot.width();
}

double TimelineChart::timeAt(double x) const
{
    const QRect plot = plotRect();
    return m_t0 + (x - plot.left()) / std::max(1, plot.width()) * (m_t1 - m_t0);
}

double TimelineChart::yOf(qint64 size, const QRect &plot) const
{
    return plot.bottom() - double(size) / double(yMaximum()) * plot.height();
}

qint64 TimelineChart::yMaximum() const
{
    const qint64 largest = std::max<qint64>(m_frames->maxMessageSize(), 1);
    return qint64(niceStep(double(largest) * 1.05 / 4) * 4);
}

int TimelineChart::visibleMessages(const QRect &plot) const
{
    int count = 0;
    for (const FramesModel::Row &row : m_frames->rows()) {
        const double x = xOf(row.nanos, plot);
        count += FramesModel::isMessage(row.kind) && x >= plot.left() && x <= plot.right() ? 1 : 0;
    }
    return count;
}

void TimelineChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const QRect plot = plotRect();
    if (plot.width() < 10 || plot.height() < 10)
        return;
    paintGrid(painter, plot);
    if (m_frames->rowCount() == 0) {
        painter.setPen(Theme::mutedTextColor());
        painter.drawText(plot, Qt::AlignCenter, tr("No frames yet: send a request to see its timeline"));
        return;
    }
    painter.save();
    painter.setClipRect(plot.adjusted(-3, -3, 3, 3));
    paintMarkers(painter, plot);
    // Dots while they fit; per-pixel columns once they would overlap anyway.
    if (visibleMessages(plot) <= plot.width() / 2)
        paintDots(painter, plot);
    else
        paintColumns(painter, plot);
    paintHighlights(painter, plot);
    painter.restore();
    paintLegend(painter, plot);
}

void TimelineChart::paintGrid(QPainter &painter, const QRect &plot) const
{
    const QColor grid = Theme::isDark() ? QColor(255, 255, 255, 28) : QColor(0, 0, 0, 22);
    painter.setPen(Theme::mutedTextColor());
    const double xStep = niceStep((m_t1 - m_t0) / std::max(1, plot.width() / 110));
    for (double t = std::ceil(m_t0 / xStep) * xStep; t <= m_t1; t += xStep) {
        const int x = int(xOf(qint64(t), plot));
        painter.fillRect(QRect(x, plot.top(), 1, plot.height()), grid);
        // Centred under its tick, but never cut off by the widget's edge.
        const int labelLeft = std::clamp(x - 60, 0, width() - 120);
        painter.drawText(QRect(labelLeft, plot.bottom() + 2, 120, fontMetrics().height() + 4),
            labelLeft == x - 60 ? Qt::AlignCenter
                                : (labelLeft > x - 60 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
            t == 0 ? QStringLiteral("0") : FramesModel::formatNanos(qint64(t)));
    }
    const qint64 yMax = yMaximum();
    for (int i = 0; i <= 4; ++i) {
        const qint64 size = yMax * i / 4;
        const int y = int(yOf(size, plot));
        painter.fillRect(QRect(plot.left(), y, plot.width(), 1), grid);
        painter.drawText(QRect(0, y - 10, plot.left() - 6, 20), Qt::AlignRight | Qt::AlignVCenter,
            FramesModel::formatBytes(size));
    }
    painter.setPen(QPen(palette().mid().color()));
    painter.drawRect(plot.adjusted(0, 0, -1, -1));
}

void TimelineChart::paintColumns(QPainter &painter, const QRect &plot) const
{
    std::vector<Column> columns[2];
    columns[0].resize(size_t(plot.width()) + 1);
    columns[1].resize(size_t(plot.width()) + 1);
    for (const FramesModel::Row &row : m_frames->rows()) {
        if (!FramesModel::isMessage(row.kind))
            continue;
        const double x = xOf(row.nanos, plot) - plot.left();
        if (x < 0 || x > plot.width())
            continue;
        Column &column = columns[row.kind == FramesModel::RowKind::Received ? 1 : 0][size_t(x)];
        const int y = int(yOf(row.size, plot));
        column.top = column.top < 0 ? y : std::min(column.top, y);
        column.bottom = std::max(column.bottom, y);
    }
    for (int side = 0; side < 2; ++side) {
        QList<QLine> lines;
        for (size_t x = 0; x < columns[side].size(); ++x) {
            const Column &column = columns[side][x];
            if (column.top >= 0)
                lines.append(
                    QLine(plot.left() + int(x), column.top - 1, plot.left() + int(x), column.bottom + 1));
        }
        // Two pixels wide, so a lone message in a sparse stretch is still visible.
        painter.setPen(QPen(side == 1 ? receivedColor() : sentColor(), 2));
        painter.drawLines(lines);
    }
}

void TimelineChart::paintDots(QPainter &painter, const QRect &plot) const
{
    QList<QPointF> points[2];
    for (const FramesModel::Row &row : m_frames->rows()) {
        if (!FramesModel::isMessage(row.kind))
            continue;
        const double x = xOf(row.nanos, plot);
        if (x >= plot.left() - HitRadius && x <= plot.right() + HitRadius)
            points[row.kind == FramesModel::RowKind::Received ? 1 : 0].append(
                QPointF(x, yOf(row.size, plot)));
    }
    painter.setRenderHint(QPainter::Antialiasing);
    for (int side = 0; side < 2; ++side) {
        painter.setPen(QPen(side == 1 ? receivedColor() : sentColor(), 6, Qt::SolidLine, Qt::RoundCap));
        painter.drawPoints(points[side].constData(), int(points[side].size()));
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
}

void TimelineChart::paintMarkers(QPainter &painter, const QRect &plot) const
{
    const auto &rows = m_frames->rows();
    const QFontMetrics metrics = fontMetrics();
    QList<QRect> &taken = m_markerLabels; // labels drawn so far: one close to another goes a line lower
    taken.clear();
    for (const FramesModel::Row &row : rows) {
        if (FramesModel::isMessage(row.kind))
            continue;
        QColor color = Theme::mutedTextColor();
        QString label = tr("headers");
        if (row.kind == FramesModel::RowKind::Trailers) {
            color = Theme::statusColor(m_frames->record().status().code);
            label = m_frames->record().status().codeName();
        } else if (row.kind == FramesModel::RowKind::HalfClosed) {
            label = tr("half-close");
        }
        const int x = int(xOf(row.nanos, plot));
        painter.setPen(QPen(color, 1, Qt::DashLine));
        painter.drawLine(x, plot.top(), x, plot.bottom());
        painter.setPen(color);
        const bool right = x > plot.center().x();
        const int width = metrics.horizontalAdvance(label) + 4;
        QRect box(right ? x - 4 - width : x + 4, plot.top() + 2, width, metrics.height());
        while (box.bottom() + metrics.height() < plot.bottom()
            && std::any_of(
                taken.cbegin(), taken.cend(), [&box](const QRect &r) { return r.intersects(box); }))
            box.translate(0, metrics.height());
        taken.append(box);
        painter.drawText(box, (right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, label);
    }
}

void TimelineChart::paintHighlights(QPainter &painter, const QRect &plot) const
{
    painter.setRenderHint(QPainter::Antialiasing);
    for (const int row : {m_hoverRow, m_selectedRow}) {
        if (row < 0 || row >= m_frames->rowCount())
            continue;
        const QPointF at = positionOf(row);
        if (!plot.adjusted(-HitRadius, -HitRadius, HitRadius, HitRadius).contains(at.toPoint()))
            continue;
        const bool selected = row == m_selectedRow;
        painter.setPen(
            QPen(selected ? palette().highlight().color() : palette().text().color(), selected ? 2.5 : 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(at, selected ? 6.5 : 5.0, selected ? 6.5 : 5.0);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
}

void TimelineChart::paintLegend(QPainter &painter, const QRect &plot) const
{
    const QFontMetrics metrics = fontMetrics();
    int x = plot.left();
    const int y = 4;
    const auto entry = [&](const QColor &color, const QString &text) {
        painter.fillRect(QRect(x, y + metrics.height() / 2 - 4, 8, 8), color);
        painter.setPen(palette().text().color());
        painter.drawText(QPoint(x + 12, y + metrics.ascent()), text);
        x += 12 + metrics.horizontalAdvance(text) + 16;
    };
    entry(sentColor(), tr("sent"));
    entry(receivedColor(), tr("received"));
    painter.setPen(Theme::mutedTextColor());
    const QString hint = m_follow ? tr("size over time · wheel to zoom") : tr("zoomed · double-click to fit");
    painter.drawText(
        QRect(x, y, plot.right() - x, metrics.height()), Qt::AlignRight | Qt::AlignVCenter, hint);
}

QPointF TimelineChart::positionOf(int row) const
{
    const QRect plot = plotRect();
    const FramesModel::Row &entry = m_frames->rows()[size_t(row)];
    const double y
        = FramesModel::isMessage(entry.kind) ? yOf(entry.size, plot) : plot.top() + plot.height() / 2.0;
    return {xOf(entry.nanos, plot), y};
}

int TimelineChart::rowAt(const QPoint &pos) const
{
    const QRect plot = plotRect();
    const double radius = HitRadius * HitRadius;
    double best = radius + 1;
    int bestRow = -1;
    const auto &rows = m_frames->rows();
    for (size_t i = 0; i < rows.size(); ++i) {
        const double dx = xOf(rows[i].nanos, plot) - pos.x();
        if (std::abs(dx) > HitRadius)
            continue;
        // Markers span the plot's height, so only their x counts.
        const double dy = FramesModel::isMessage(rows[i].kind) ? yOf(rows[i].size, plot) - pos.y() : 0.0;
        const double distance = dx * dx + dy * dy;
        if (distance <= radius && distance < best) {
            best = distance;
            bestRow = int(i);
        }
    }
    return bestRow;
}

void TimelineChart::wheelEvent(QWheelEvent *event)
{
    const double anchor = timeAt(event->position().x());
    const double factor = std::pow(0.999, event->angleDelta().y());
    const double range = std::max((m_t1 - m_t0) * factor, MinimumRangeNanos);
    const double fraction = (anchor - m_t0) / (m_t1 - m_t0);
    m_t0 = anchor - fraction * range;
    m_t1 = m_t0 + range;
    m_follow = false;
    update();
    event->accept();
}

void TimelineChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_dragging = true;
    m_dragMoved = false;
    m_dragStart = event->position().toPoint();
    m_dragT0 = m_t0;
    m_dragT1 = m_t1;
}

void TimelineChart::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (!m_dragging)
        return showHover(pos, event->globalPosition().toPoint());
    if ((pos - m_dragStart).manhattanLength() < 4 && !m_dragMoved)
        return;
    m_dragMoved = true;
    const double shift
        = double(pos.x() - m_dragStart.x()) / std::max(1, plotRect().width()) * (m_dragT1 - m_dragT0);
    m_t0 = m_dragT0 - shift;
    m_t1 = m_dragT1 - shift;
    m_follow = false;
    setCursor(Qt::ClosedHandCursor);
    update();
}

void TimelineChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_dragging)
        return QWidget::mouseReleaseEvent(event);
    m_dragging = false;
    unsetCursor();
    if (m_dragMoved)
        return;
    const int row = rowAt(event->position().toPoint());
    if (row >= 0) {
        setSelectedRow(row);
        Q_EMIT rowClicked(row);
    }
}

void TimelineChart::mouseDoubleClickEvent(QMouseEvent *)
{
    fitAll();
}

void TimelineChart::leaveEvent(QEvent *)
{
    m_hoverRow = -1;
    update();
}

void TimelineChart::showHover(const QPoint &pos, const QPoint &globalPos)
{
    const int row = rowAt(pos);
    if (row != m_hoverRow) {
        m_hoverRow = row;
        update();
    }
    if (row < 0) {
        QToolTip::hideText();
        return;
    }
    const QString text = m_frames->index(row, 0).data(FramesModel::HeadingRole).toString() + u'\n'
        + m_frames->previewAt(row);
    QToolTip::showText(globalPos, text, this);
}

} // namespace wirescope
