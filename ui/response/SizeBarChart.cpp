#include "ui/response/SizeBarChart.h"

#include "model/frames/FramesModel.h"
#include "ui/workbench/Theme.h"

#include <QLocale>
#include <QPainter>

namespace wirescope {

SizeBarChart::SizeBarChart(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SizeBarChart::setBars(const QList<Bar> &bars, qint64 baseline)
{
    m_bars = bars;
    m_baseline = baseline;
    m_placeholder.clear();
    updateGeometry();
    update();
}

void SizeBarChart::setPlaceholder(const QString &text)
{
    m_bars.clear();
    m_placeholder = text;
    updateGeometry();
    update();
}

int SizeBarChart::rowHeight() const
{
    return fontMetrics().height() + 8;
}

QSize SizeBarChart::sizeHint() const
{
    return {480, std::max<int>(2, int(m_bars.size())) * rowHeight() + 8};
}

QSize SizeBarChart::minimumSizeHint() const
{
    return {240, sizeHint().height()};
}

void SizeBarChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_bars.isEmpty()) {
        painter.setPen(Theme::mutedTextColor());
        painter.drawText(rect(), Qt::AlignCenter, m_placeholder);
        return;
    }
    const QFontMetrics metrics = fontMetrics();
    int labelWidth = 0;
    qint64 largest = 1;
    for (const Bar &bar : m_bars) {
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(bar.label));
        largest = std::max(largest, bar.value);
    }
    const int valueWidth = metrics.horizontalAdvance(QStringLiteral("000.0 KiB  \u00b7  00.00\u00d7 binary"));
    const int left = labelWidth + 12;
    const int barSpace = std::max(40, width() - left - valueWidth - 8);
    const QColor track = Theme::isDark() ? QColor(255, 255, 255, 18) : QColor(0, 0, 0, 12);
    int y = 4;
    for (const Bar &bar : m_bars) {
        const QRect row(0, y, width(), rowHeight());
        painter.setPen(palette().text().color());
        painter.drawText(
            QRect(0, y, labelWidth + 4, row.height()), Qt::AlignRight | Qt::AlignVCenter, bar.label);
        const QRect full(left, y + 3, barSpace, row.height() - 6);
        painter.fillRect(full, track);
        const int length = std::max(1, int(double(bar.value) / double(largest) * barSpace));
        painter.fillRect(QRect(full.left(), full.top(), length, full.height()), bar.color);
        QString value = FramesModel::formatBytes(bar.value);
        if (m_baseline > 0)
            value += QStringLiteral("  \u00b7  %1\u00d7")
                         .arg(QLocale().toString(double(bar.value) / double(m_baseline), 'f', 2));
        painter.drawText(QRect(left + length + 6, y, width() - left - length - 6, row.height()),
            Qt::AlignLeft | Qt::AlignVCenter, value);
        y += row.height();
    }
}

} // namespace wirescope
