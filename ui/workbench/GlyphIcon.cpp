// The workbench's own action icons, drawn with QPainter at the size asked for: no image file
// and no icon theme is read for them. The style's standard icons cost about 7 ms before the
// window's first frame (the icon theme's index on the first look-up, the first PNG decoded),
// for the handful of icons on the toolbar and the request's Send button.

#include "ui/workbench/Theme.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

#include <algorithm>
#include <array>

namespace wirescope {

namespace {

// The glyph's colour in a mode; Send and Stop keep their own colours unless disabled.
QColor glyphColor(Theme::Glyph glyph, QIcon::Mode mode)
{
    const QPalette palette = QApplication::palette();
    if (mode == QIcon::Disabled)
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    switch (glyph) {
    case Theme::Glyph::Send:
        return Theme::statusColor(0);
    case Theme::Glyph::Stop:
        return Theme::errorColor();
    default:
        break;
    }
    return palette.color(mode == QIcon::Selected ? QPalette::HighlightedText : QPalette::WindowText);
}

// Each glyph on a 16 x 16 grid, in the painter's pen and brush.
void drawGlyph(QPainter &p, Theme::Glyph glyph)
{
    using Glyph = Theme::Glyph;
    switch (glyph) {
    case Glyph::Send: {
        const std::array<QPointF, 3> triangle {QPointF(4.5, 2.5), QPointF(13.5, 8), QPointF(4.5, 13.5)};
        p.drawPolygon(triangle.data(), int(triangle.size()));
        break;
    }
    case Glyph::Stop:
        p.drawRoundedRect(QRectF(3.5, 3.5, 9, 9), 1.5, 1.5);
        break;
    case Glyph::Reload: {
        p.setBrush(Qt::NoBrush);
        p.drawArc(QRectF(3, 3.5, 10, 10), 60 * 16, 290 * 16);
        p.setBrush(p.pen().color());
        const std::array<QPointF, 3> head {QPointF(9, 2), QPointF(13, 4.4), QPointF(9.2, 7.2)};
        p.drawPolygon(head.data(), int(head.size()));
        break;
    }
    case Glyph::Import: { // a page with a plus: add .proto files
        p.setBrush(Qt::NoBrush);
        const std::array<QPointF, 6> page {QPointF(12.5, 8), QPointF(12.5, 5), QPointF(9.5, 2),
            QPointF(3.5, 2), QPointF(3.5, 14), QPointF(8, 14)};
        p.drawPolyline(page.data(), 6);
        p.drawLine(QPointF(11.5, 9.75), QPointF(11.5, 14.25));
        p.drawLine(QPointF(9.25, 12), QPointF(13.75, 12));
        break;
    }
    case Glyph::Open: { // a folder: open a protoset file
        p.setBrush(Qt::NoBrush);
        QPainterPath folder;
        folder.moveTo(2.5, 13.5);
        folder.lineTo(2.5, 3.5);
        folder.lineTo(6.5, 3.5);
        folder.lineTo(8, 5);
        folder.lineTo(12.5, 5);
        folder.lineTo(12.5, 7.5);
        folder.moveTo(2.5, 13.5);
        folder.lineTo(4.5, 7.5);
        folder.lineTo(14, 7.5);
        folder.lineTo(12, 13.5);
        folder.closeSubpath();
        p.drawPath(folder);
        break;
    }
    case Glyph::Connect: { // an arrow into a bar: reach the target
        p.setBrush(Qt::NoBrush);
        p.drawLine(QPointF(1.5, 8), QPointF(10, 8));
        p.drawPolyline(
            std::array<QPointF, 3> {QPointF(6.5, 4.5), QPointF(10, 8), QPointF(6.5, 11.5)}.data(), 3);
        p.drawLine(QPointF(13.5, 2.5), QPointF(13.5, 13.5));
        break;
    }
    case Glyph::Close:
        p.drawLine(QPointF(4.5, 4.5), QPointF(11.5, 11.5));
        p.drawLine(QPointF(11.5, 4.5), QPointF(4.5, 11.5));
        break;
    }
}

class GlyphIconEngine final : public QIconEngine {
public:
    explicit GlyphIconEngine(Theme::Glyph glyph)
        : m_glyph(glyph)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const qreal side = std::min(rect.width(), rect.height());
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->translate(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2);
        painter->scale(side / 16.0, side / 16.0);
        const QColor color = glyphColor(m_glyph, mode);
        painter->setPen(QPen(color, 1.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(color);
        drawGlyph(*painter, m_glyph);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    // `size` in device pixels, as QIcon::pixmap asks.
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QPixmap pixmap(size);
        pixmap.setDevicePixelRatio(scale);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(), (QSizeF(size) / scale).toSize()), mode, state);
        return pixmap;
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }
    QList<QSize> availableSizes(QIcon::Mode, QIcon::State) override { return {{16, 16}, {32, 32}}; }
    QString key() const override { return QStringLiteral("GlyphIconEngine"); }
    QIconEngine *clone() const override { return new GlyphIconEngine(m_glyph); }

private:
    Theme::Glyph m_glyph;
};

} // namespace

QIcon Theme::glyphIcon(Glyph glyph)
{
    return QIcon(new GlyphIconEngine(glyph));
}

} // namespace wirescope
