#pragma once

#include <QWidget>

#include <vector>

class QTimer;

namespace wirescope {

class FramesModel;

// A call's frames on a time line: time since the call started on x, message size on y,
// sent and received in their own colours, headers, half-close and trailers as vertical
// markers. Painted by hand rather than with Qt Charts because a stream has 200,000 points:
// when more points are visible than fit, each pixel column draws only the span between its
// smallest and largest message. The wheel zooms around the cursor, dragging pans, a
// double-click fits everything again; hovering shows a frame, clicking selects it.
class TimelineChart final : public QWidget {
    Q_OBJECT

public:
    explicit TimelineChart(FramesModel *frames, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TimelineChart)

    void setSelectedRow(int row);
    int selectedRow() const { return m_selectedRow; }
    // Back to following the whole call as it grows.
    void fitAll();
    bool isFollowing() const { return m_follow; }
    // The frame drawn nearest to `pos` (within a few pixels), or -1.
    int rowAt(const QPoint &pos) const;
    // Where a frame is drawn, for tests and for keeping a selection in view.
    QPointF positionOf(int row) const;
    // Where the last paint put the labels of headers, half-close and status: never on top
    // of one another.
    const QList<QRect> &markerLabels() const { return m_markerLabels; }

    // The visible time range in nanoseconds since the call started.
    double visibleStart() const { return m_t0; }
    double visibleEnd() const { return m_t1; }
    // The time drawn at a widget x coordinate, in nanoseconds.
    double timeAt(double x) const;
    // The frame under the mouse (shown highlighted, with a tooltip), or -1.
    int hoveredRow() const { return m_hoverRow; }
    // The chart as on screen (at its current size) into a PNG file.
    bool exportPng(const QString &path);

    static QColor sentColor();
    static QColor receivedColor();

    QSize sizeHint() const override { return {600, 200}; }
    QSize minimumSizeHint() const override { return {200, 120}; }

Q_SIGNALS:
    void rowClicked(int row);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    // A pixel column's extent for one direction, in y pixels (top is smaller).
    struct Column {
        int top = -1;
        int bottom = -1;
    };

    void scheduleRepaint();
    void updateRange();
    QRect plotRect() const;
    double xOf(qint64 nanos, const QRect &plot) const;
    double yOf(qint64 size, const QRect &plot) const;
    qint64 yMaximum() const;
    int visibleMessages(const QRect &plot) const;
    void paintGrid(QPainter &painter, const QRect &plot) const;
    void paintColumns(QPainter &painter, const QRect &plot) const;
    void paintDots(QPainter &painter, const QRect &plot) const;
    void paintMarkers(QPainter &painter, const QRect &plot) const;
    void paintHighlights(QPainter &painter, const QRect &plot) const;
    void paintLegend(QPainter &painter, const QRect &plot) const;
    void showHover(const QPoint &pos, const QPoint &globalPos);

    FramesModel *m_frames;
    QTimer *m_repaintTimer;
    double m_t0 = 0; // the visible time range, nanos
    double m_t1 = 1e6;
    bool m_follow = true;
    int m_selectedRow = -1;
    int m_hoverRow = -1;
    bool m_dragging = false;
    bool m_dragMoved = false;
    QPoint m_dragStart;
    double m_dragT0 = 0;
    double m_dragT1 = 0;
    mutable QList<QRect> m_markerLabels;
};

} // namespace wirescope
