#pragma once

#include <QColor>
#include <QList>
#include <QWidget>

namespace wirescope {

// Horizontal bars of byte counts, each labelled with its size and its ratio to a baseline
// (binary), so "JSON is 2.7× binary, 1.1× once gzipped" reads at a glance. Painted by hand:
// six bars do not need Qt Charts.
class SizeBarChart final : public QWidget {
    Q_OBJECT

public:
    struct Bar {
        QString label;
        qint64 value = 0;
        QColor color;
    };

    explicit SizeBarChart(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SizeBarChart)

    // `baseline` is what the ratios are relative to; 0 shows no ratios.
    void setBars(const QList<Bar> &bars, qint64 baseline);
    void setPlaceholder(const QString &text);
    const QList<Bar> &bars() const { return m_bars; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int rowHeight() const;

    QList<Bar> m_bars;
    qint64 m_baseline = 0;
    QString m_placeholder;
};

} // namespace wirescope
