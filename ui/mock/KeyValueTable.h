#pragma once

#include <QMap>
#include <QTableWidget>

namespace wirescope {

// Pairs of text (a stub's match metadata, its headers and trailers, its body's regular
// expressions) as a two-column table with one empty row at the bottom to type into. A stub
// keeps them as maps, so a key typed twice keeps the lower row's value.
class KeyValueTable final : public QTableWidget {
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };

    KeyValueTable(const QString &keyLabel, const QString &valueLabel, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(KeyValueTable)

    QMap<QString, QString> pairs() const;
    void setPairs(const QMap<QString, QString> &pairs);

Q_SIGNALS:
    void pairsChanged();

private:
    void ensureTrailingEmptyRow();
    QString cellText(int row, int column) const;

    bool m_updating = false;
};

} // namespace wirescope
