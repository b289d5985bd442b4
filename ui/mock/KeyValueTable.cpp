#include "ui/mock/KeyValueTable.h"

#include <QHeaderView>

namespace wirescope {

KeyValueTable::KeyValueTable(const QString &keyLabel, const QString &valueLabel, QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({keyLabel, valueLabel});
    horizontalHeader()->resizeSection(KeyColumn, 180);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    setAlternatingRowColors(true);
    connect(this, &QTableWidget::itemChanged, this, [this] {
        if (m_updating)
            return;
        ensureTrailingEmptyRow();
        Q_EMIT pairsChanged();
    });
    ensureTrailingEmptyRow();
}

QString KeyValueTable::cellText(int row, int column) const
{
    const QTableWidgetItem *cell = item(row, column);
    return cell ? cell->text().trimmed() : QString();
}

QMap<QString, QString> KeyValueTable::pairs() const
{
    QMap<QString, QString> pairs;
    for (int row = 0; row < rowCount(); ++row) {
        const QString key = cellText(row, KeyColumn);
        if (!key.isEmpty())
            pairs.insert(key, cellText(row, ValueColumn));
    }
    return pairs;
}

void KeyValueTable::setPairs(const QMap<QString, QString> &pairs)
{
    m_updating = true;
    setRowCount(0);
    for (auto it = pairs.cbegin(); it != pairs.cend(); ++it) {
        const int row = rowCount();
        insertRow(row);
        setItem(row, KeyColumn, new QTableWidgetItem(it.key()));
        setItem(row, ValueColumn, new QTableWidgetItem(it.value()));
    }
    m_updating = false;
    ensureTrailingEmptyRow();
    Q_EMIT pairsChanged();
}

// The last row stays empty so there is always somewhere to type a new pair.
void KeyValueTable::ensureTrailingEmptyRow()
{
    const int last = rowCount() - 1;
    if (last >= 0 && cellText(last, KeyColumn).isEmpty() && cellText(last, ValueColumn).isEmpty())
        return;
    m_updating = true;
    insertRow(last + 1);
    setItem(last + 1, KeyColumn, new QTableWidgetItem);
    setItem(last + 1, ValueColumn, new QTableWidgetItem);
    m_updating = false;
}

} // namespace wirescope
