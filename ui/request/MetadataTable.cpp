#include "ui/request/MetadataTable.h"

#include "model/json/MetadataText.h"
#include "ui/workbench/Theme.h"

#include <QHeaderView>
#include <QKeyEvent>

namespace wirescope {

MetadataTable::MetadataTable(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({QString(), tr("Key"), tr("Value")});
    horizontalHeader()->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(KeyColumn, QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->resizeSection(KeyColumn, 180);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    setSelectionBehavior(SelectRows);
    setAlternatingRowColors(true);
    setToolTip(tr("Request metadata. Keys ending in -bin take base64 values. Delete removes a row."));
    connect(this, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_updating)
            return;
        validateRow(item->row());
        ensureTrailingEmptyRow();
        Q_EMIT entriesChanged();
    });
    ensureTrailingEmptyRow();
}

void MetadataTable::addEntry(const QString &key, const QString &value, bool enabled)
{
    ensureTrailingEmptyRow();
    const int row = rowCount() - 1;
    m_updating = true;
    item(row, EnabledColumn)->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
    item(row, KeyColumn)->setText(key);
    item(row, ValueColumn)->setText(value);
    m_updating = false;
    validateRow(row);
    ensureTrailingEmptyRow();
    Q_EMIT entriesChanged();
}

void MetadataTable::ensureTrailingEmptyRow()
{
    if (rowCount() > 0 && isRowEmpty(rowCount() - 1))
        return;
    m_updating = true;
    const int row = rowCount();
    insertRow(row);
    auto *enabled = new QTableWidgetItem;
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    enabled->setCheckState(Qt::Checked);
    setItem(row, EnabledColumn, enabled);
    setItem(row, KeyColumn, new QTableWidgetItem);
    setItem(row, ValueColumn, new QTableWidgetItem);
    m_updating = false;
}

bool MetadataTable::isRowEmpty(int row) const
{
    return cellText(row, KeyColumn).isEmpty() && cellText(row, ValueColumn).isEmpty();
}

QString MetadataTable::cellText(int row, int column) const
{
    const QTableWidgetItem *cell = item(row, column);
    return cell ? cell->text().trimmed() : QString();
}

void MetadataTable::validateRow(int row)
{
    MetadataPair entry;
    QString error;
    const bool empty = isRowEmpty(row);
    const bool ok = empty
        || MetadataText::parseLine(
            cellText(row, KeyColumn) + QStringLiteral(": ") + cellText(row, ValueColumn), &entry, &error);
    m_updating = true;
    for (const int column : {KeyColumn, ValueColumn}) {
        if (QTableWidgetItem *cell = item(row, column)) {
            cell->setForeground(ok ? QBrush() : QBrush(Theme::errorColor()));
            cell->setToolTip(error);
        }
    }
    m_updating = false;
}

QList<SavedRequest::MetadataItem> MetadataTable::entries() const
{
    QList<SavedRequest::MetadataItem> list;
    for (int row = 0; row < rowCount(); ++row) {
        if (isRowEmpty(row))
            continue;
        list.append({cellText(row, KeyColumn), cellText(row, ValueColumn),
            item(row, EnabledColumn)->checkState() == Qt::Checked});
    }
    return list;
}

void MetadataTable::setEntries(const QList<SavedRequest::MetadataItem> &entries)
{
    if (entries == this->entries())
        return;
    m_updating = true;
    setRowCount(0);
    m_updating = false;
    ensureTrailingEmptyRow();
    for (const SavedRequest::MetadataItem &entry : entries)
        addEntry(entry.key, entry.value, entry.enabled);
    Q_EMIT entriesChanged();
}

int MetadataTable::enabledCount() const
{
    int count = 0;
    for (int row = 0; row < rowCount(); ++row)
        count += (!isRowEmpty(row) && item(row, EnabledColumn)->checkState() == Qt::Checked) ? 1 : 0;
    return count;
}

void MetadataTable::keyPressEvent(QKeyEvent *event)
{
    const bool remove = event->key() == Qt::Key_Delete && state() != EditingState;
    if (!remove || currentRow() < 0 || currentRow() == rowCount() - 1) {
        QTableWidget::keyPressEvent(event);
        return;
    }
    removeRow(currentRow());
    Q_EMIT entriesChanged();
}

} // namespace wirescope
