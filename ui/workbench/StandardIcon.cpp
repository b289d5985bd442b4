#include "ui/workbench/Theme.h"

#include <QApplication>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPointer>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleOption>
#include <QWidget>

namespace wirescope {

namespace {

QStyle *drawingStyle();

// Stands for a style's standard icon until something draws it or asks for its sizes; only
// then does the style read the icon's image files. Fusion reads every size of a standard icon
// from PNG each time one is asked for, which cost about 15 ms before the window's first frame
// for icons mostly on pages, menus and docks not yet shown.
class DeferredStyleIcon final : public QIconEngine {
public:
    DeferredStyleIcon(QStyle::StandardPixmap which, QStyle *style)
        : m_which(which)
        , m_style(style)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        icon().paint(painter, rect, Qt::AlignCenter, mode, state);
    }

    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().actualSize(size, mode, state);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().pixmap(size, mode, state);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        return icon().pixmap(size, scale, mode, state);
    }

    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return icon().availableSizes(mode, state);
    }

    // Every standard pixmap has an icon in Fusion; answering without loading keeps a button's
    // size hint from reading the images.
    bool isNull() override { return m_loaded && m_icon.isNull(); }

    QString key() const override { return QStringLiteral("DeferredStyleIcon"); }

    QIconEngine *clone() const override { return new DeferredStyleIcon(m_which, m_style); }

private:
    const QIcon &icon()
    {
        if (!m_loaded) {
            m_loaded = true;
            // The style it was made for, or (that one replaced) the one drawing now: never the
            // deferring style itself, which would hand back this icon.
            m_icon = (m_style ? m_style.data() : drawingStyle())->standardIcon(m_which);
        }
        return m_icon;
    }

    QStyle::StandardPixmap m_which;
    QPointer<QStyle> m_style; // the style that draws the icon
    bool m_loaded = false;
    QIcon m_icon;
};

QHash<int, QIcon> &iconCache()
{
    static QHash<int, QIcon> cache;
    return cache;
}

void clearIconCache()
{
    iconCache().clear(); // with the application, not after it: the icons hold pixmaps
}

// Fusion, with its standard icons deferred: those Qt's own widgets ask for too (a line
// edit's clear button, a dock's title bar buttons) are read when first drawn.
class DeferringIconsStyle final : public QProxyStyle {
public:
    explicit DeferringIconsStyle(QStyle *base)
        : QProxyStyle(base)
    {
    }

    QIcon standardIcon(StandardPixmap which, const QStyleOption *option, const QWidget *widget) const override
    {
        // Some icons are mirrored right to left; those come from the style as they are.
        const bool rightToLeft = (option && option->direction == Qt::RightToLeft)
            || (widget && widget->layoutDirection() == Qt::RightToLeft);
        if (rightToLeft || which >= SP_CustomBase)
            return QProxyStyle::standardIcon(which, option, widget);
        if (which == SP_TabCloseButton) // on every request tab: drawn, so no image is read for it
            return Theme::glyphIcon(Theme::Glyph::Close);
        return Theme::standardIcon(which);
    }
};

// The style that draws a deferred icon: under DeferringIconsStyle, the style it wraps.
QStyle *drawingStyle()
{
    QStyle *style = QApplication::style();
    if (auto *deferring = dynamic_cast<DeferringIconsStyle *>(style))
        return deferring->baseStyle();
    return style;
}

} // namespace

QIcon Theme::standardIcon(QStyle::StandardPixmap which)
{
    QHash<int, QIcon> &cache = iconCache();
    if (cache.isEmpty())
        qAddPostRoutine(clearIconCache);
    auto it = cache.find(int(which));
    if (it == cache.end())
        it = cache.insert(int(which), QIcon(new DeferredStyleIcon(which, drawingStyle())));
    return *it;
}

QStyle *Theme::deferringIconsStyle(QStyle *base)
{
    return new DeferringIconsStyle(base);
}

} // namespace wirescope
