#pragma once

#include "model/wire/WireSpan.h"

#include <QAbstractScrollArea>

#include <memory>

namespace wirescope {

class WireLayout;

// The wire inspector's bytes: an offset column, 16 bytes a row in hex, and their ASCII.
// Every byte is backed by the color of the span it belongs to — the hue names the field,
// the shade its role (tag darkest, then length, then value; gRPC prefix bytes gray) — and
// the selected span is outlined. Only the rows in view are painted, so a megabyte scrolls
// as smoothly as ten bytes. A click or an arrow key reports a byte offset; it does not
// select anything itself: whoever owns the tree decides which span that byte means.
class HexView final : public QAbstractScrollArea {
    Q_OBJECT

public:
    struct Selection {
        qint64 offset = -1;
        qint64 length = 0;
        bool isValid() const { return offset >= 0; }
    };

    explicit HexView(QWidget *parent = nullptr);
    ~HexView() override;
    Q_DISABLE_COPY_MOVE(HexView)

    void setWireLayout(std::shared_ptr<const WireLayout> layout);
    void setSelection(qint64 offset, qint64 length);
    void clearSelection() { setSelection(-1, 0); }
    Selection selection() const { return m_selection; }
    void scrollToOffset(qint64 offset);
    // The byte under a point of the viewport, in hex or ASCII; -1 elsewhere.
    qint64 offsetAt(const QPoint &point) const;
    // The visible rectangle of a byte's hex cell in viewport coordinates, for tests and tips.
    QRect hexCellRect(qint64 offset) const;

    // The background of a byte: the field's hue in the role's shade. Index alternates
    // the shade of neighbouring packed elements.
    static QColor runColor(WireSpan::Role role, int fieldNumber, int index, bool dark);

    QSize sizeHint() const override;

Q_SIGNALS:
    void offsetClicked(qint64 offset);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void updateMetrics();
    void updateScrollBars();
    void paintRow(QPainter &painter, qint64 row, int y, std::size_t *run) const;
    void paintSelection(QPainter &painter, qint64 row, int y) const;
    int hexX(int column) const;
    int asciiX(int column) const;
    int totalWidth() const;
    qint64 rowCount() const;
    int visibleRows() const;
    QString toolTipAt(const QPoint &point) const;

    std::shared_ptr<const WireLayout> m_layout;
    QByteArray m_bytes;
    Selection m_selection;
    qint64 m_cursor = -1;
    int m_charWidth = 8;
    int m_lineHeight = 16;
    int m_offsetDigits = 4;
};

} // namespace wirescope
