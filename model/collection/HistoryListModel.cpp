#include "model/collection/HistoryListModel.h"

#include <algorithm>

namespace wirescope {

namespace {

QString shownTarget(const HistoryEntry &entry)
{
    return entry.resolvedTarget.isEmpty() ? entry.request.target : entry.resolvedTarget;
}

} // namespace

HistoryListModel::HistoryListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QStringList HistoryListModel::searchWords(const QString &text)
{
    return History::searchWords(text);
}

bool HistoryListModel::matches(const HistoryEntry &entry, const QStringList &words)
{
    return History::matches(entry, words);
}

QString HistoryListModel::timeText(const QDateTime &time)
{
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void HistoryListModel::setEntries(const QList<HistoryEntry> &entries)
{
    beginResetModel();
    m_all = entries;
    if (m_maxEntries > 0 && m_all.size() > m_maxEntries)
        m_all.remove(0, m_all.size() - m_maxEntries);
    refilter();
    endResetModel();
}

void HistoryListModel::append(const HistoryEntry &entry)
{
    m_all.append(entry);
    if (matches(entry, m_words)) {
        beginInsertRows({}, 0, 0);
        m_shown.prepend(entry);
        endInsertRows();
    }
    trim();
}

void HistoryListModel::clear()
{
    if (m_all.isEmpty())
        return;
    beginResetModel();
    m_all.clear();
    m_shown.clear();
    endResetModel();
}

void HistoryListModel::setMaxEntries(int maxEntries)
{
    m_maxEntries = qMax(0, maxEntries);
    trim();
}

void HistoryListModel::trim()
{
    // The entry leaving is the oldest of all, so when it is shown it is the bottom row.
    while (m_maxEntries > 0 && m_all.size() > m_maxEntries) {
        const HistoryEntry oldest = m_all.takeFirst();
        if (!m_shown.isEmpty() && matches(oldest, m_words)) {
            const int last = int(m_shown.size()) - 1;
            beginRemoveRows({}, last, last);
            m_shown.removeLast();
            endRemoveRows();
        }
    }
}

void HistoryListModel::setFilterText(const QString &text)
{
    m_filterText = text;
    const QStringList words = searchWords(text);
    if (words == m_words)
        return;
    beginResetModel();
    m_words = words;
    refilter();
    endResetModel();
}

void HistoryListModel::refilter()
{
    m_shown.clear();
    for (auto it = m_all.crbegin(); it != m_all.crend(); ++it) {
        if (matches(*it, m_words))
            m_shown.append(*it);
    }
}

int HistoryListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int HistoryListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &item = m_shown.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(item, index.column());
    case Qt::ToolTipRole:
        return toolTip(item);
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case EntryRole:
        return QVariant::fromValue(item);
    case TimeRole:
        return item.time;
    case StatusRole:
        return item.status;
    case IsOkRole:
        return item.status == QLatin1String("OK");
    case ElapsedRole:
        return item.elapsedMs;
    case IsLoadRole:
        return item.load.has_value();
    default:
        return {};
    }
}

QVariant HistoryListModel::displayData(const HistoryEntry &entry, int column) const
{
    switch (Column(column)) {
    case TimeColumn:
        return timeText(entry.time);
    case MethodColumn:
        // A load run is told apart from the single calls around it by what it measured.
        return entry.load ? QStringLiteral("%1 \u00b7 %2").arg(entry.request.method, entry.load->label())
                          : entry.request.method;
    case TargetColumn:
        return shownTarget(entry);
    case StatusColumn:
        return entry.status;
    case DurationColumn:
        return tr("%1 ms").arg(entry.elapsedMs);
    case ColumnCount:
        break;
    }
    return {};
}

QString HistoryListModel::toolTip(const HistoryEntry &entry) const
{
    QStringList lines;
    if (!entry.request.name.isEmpty())
        lines << entry.request.name;
    lines << entry.request.method;
    if (!entry.resolvedTarget.isEmpty() && entry.resolvedTarget != entry.request.target)
        lines << tr("%1 (written as %2)").arg(entry.resolvedTarget, entry.request.target);
    else
        lines << shownTarget(entry);
    if (entry.load)
        lines << entry.load->planText();
    return lines.join(QLatin1Char('\n'));
}

QVariant HistoryListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case TargetColumn:
        return tr("Target");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace wirescope
