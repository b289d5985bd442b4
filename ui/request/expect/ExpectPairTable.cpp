#include "ui/request/expect/ExpectPairTable.h"

#include "ui/request/expect/ComboDelegate.h"
#include "ui/workbench/Theme.h"

#include <QHeaderView>

#include <algorithm>

namespace wirescope {

ExpectPairTable::ExpectPairTable(const QString &firstHeader, const QString &secondHeader, QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({firstHeader, secondHeader, tr("Result")});
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->resizeSection(FirstColumn, 150);
    horizontalHeader()->resizeSection(SecondColumn, 180);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(false);
    connect(this, &QTableWidget::itemChanged, this, &ExpectPairTable::onItemChanged);
}

void ExpectPairTable::setSecondChoices(const QStringList &choices)
{
    if (!m_secondChoices) {
        m_secondChoices = new ComboDelegate(choices, true, this);
        setItemDelegateForColumn(SecondColumn, m_secondChoices);
    }
    m_secondChoices->setChoices(choices);
}

void ExpectPairTable::setPairs(const QList<QPair<QString, QString>> &pairs)
{
    const QSignalBlocker blocker(this);
    setRowCount(0);
    for (const auto &[first, second] : pairs)
        addPair(first, second);
}

int ExpectPairTable::addPair(const QString &first, const QString &second)
{
    m_updating = true;
    const int row = rowCount();
    insertRow(row);
    setItem(row, FirstColumn, new QTableWidgetItem(first));
    setItem(row, SecondColumn, new QTableWidgetItem(second));
    auto *result = new QTableWidgetItem;
    result->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    setItem(row, ResultColumn, result);
    m_updating = false;
    return row;
}

QPair<QString, QString> ExpectPairTable::pairAt(int row) const
{
    const QTableWidgetItem *first = item(row, FirstColumn);
    const QTableWidgetItem *second = item(row, SecondColumn);
    return {first ? first->text().trimmed() : QString(), second ? second->text().trimmed() : QString()};
}

QList<QPair<QString, QString>> ExpectPairTable::pairs() const
{
    QList<QPair<QString, QString>> list;
    for (int row = 0; row < rowCount(); ++row) {
        const QPair<QString, QString> pair = pairAt(row);
        if (!pair.first.isEmpty() || !pair.second.isEmpty())
            list.append(pair);
    }
    return list;
}

void ExpectPairTable::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && currentRow() >= 0)
        rows.append(currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const int row : rows)
        removeRow(row);
    if (!rows.isEmpty())
        Q_EMIT changed();
}

void ExpectPairTable::setResult(int row, bool passed, const QString &text, const QString &toolTip)
{
    QTableWidgetItem *result = item(row, ResultColumn);
    if (!result)
        return;
    m_updating = true;
    result->setText((passed ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) + text);
    result->setForeground(passed ? Theme::statusColor(0) : Theme::errorColor());
    result->setToolTip(toolTip);
    result->setData(PassedRole, passed);
    m_updating = false;
}

void ExpectPairTable::clearResults()
{
    m_updating = true;
    for (int row = 0; row < rowCount(); ++row) {
        if (QTableWidgetItem *result = item(row, ResultColumn)) {
            result->setText({});
            result->setToolTip({});
            result->setData(PassedRole, {});
        }
    }
    m_updating = false;
}

void ExpectPairTable::onItemChanged(QTableWidgetItem *changedItem)
{
    if (!m_updating && changedItem->column() != ResultColumn)
        Q_EMIT changed();
}

} // namespace wirescope
