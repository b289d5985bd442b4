#pragma once

#include "model/collection/History.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace wirescope {

// The history as a table for the history panel: newest call first, one row per entry,
// narrowed by a search text with History::search's meaning (every word, in any field,
// case-insensitive). The model keeps its own copy of the entries (they share their strings
// with History's), so a recorded call is one row inserted at the top rather than a reset,
// and the oldest row leaves when the bound is passed, as History drops it.
class HistoryListModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TimeColumn, MethodColumn, TargetColumn, StatusColumn, DurationColumn, ColumnCount };
    enum Role {
        EntryRole = Qt::UserRole + 1, // HistoryEntry
        TimeRole, // QDateTime, UTC
        StatusRole, // QString, "OK", "NOT_FOUND", ...
        IsOkRole, // bool
        ElapsedRole, // qint64, milliseconds
        IsLoadRole, // bool: a load run, not a single call
    };

    explicit HistoryListModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(HistoryListModel)

    // Oldest first, as History::entries() holds them.
    void setEntries(const QList<HistoryEntry> &entries);
    // A call newer than every entry: a row at the top when it matches the search.
    void append(const HistoryEntry &entry);
    void clear();
    // Rows beyond the bound go, oldest first; 0 keeps everything.
    void setMaxEntries(int maxEntries);
    int maxEntries() const { return m_maxEntries; }

    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }
    int totalCount() const { return int(m_all.size()); } // with rows the search hides

    // The entry shown in `row` (0: the newest that matches).
    const HistoryEntry &entry(int row) const { return m_shown.at(row); }
    // Whether an entry holds every word (History::search's rule).
    static bool matches(const HistoryEntry &entry, const QStringList &words);
    static QStringList searchWords(const QString &text);
    static QString timeText(const QDateTime &time); // local time, to the second

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const HistoryEntry &entry, int column) const;
    QString toolTip(const HistoryEntry &entry) const;
    void trim();
    void refilter();

    QList<HistoryEntry> m_all; // oldest first
    QList<HistoryEntry> m_shown; // newest first, those that match
    QString m_filterText;
    QStringList m_words;
    int m_maxEntries = 0;
};

} // namespace wirescope

Q_DECLARE_METATYPE(wirescope::HistoryEntry)
