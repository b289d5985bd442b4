#pragma once

#include <QPair>
#include <QTableWidget>

namespace wirescope {

class ComboDelegate;

// Two columns of text and a result: the headers or trailers a response must carry (key,
// exact value) or the variables a request captures (variable, JSON path). Rows with both
// cells empty are rows being typed and are left out of pairs().
class ExpectPairTable final : public QTableWidget {
    Q_OBJECT

public:
    enum Column { FirstColumn, SecondColumn, ResultColumn, ColumnCount };
    // On a result cell: whether the last check held (bool), invalid when not checked.
    static constexpr int PassedRole = Qt::UserRole + 1;

    ExpectPairTable(const QString &firstHeader, const QString &secondHeader, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ExpectPairTable)

    // Offers these in the second column's picker (a capture's path).
    void setSecondChoices(const QStringList &choices);

    void setPairs(const QList<QPair<QString, QString>> &pairs);
    QList<QPair<QString, QString>> pairs() const;
    // The pair on a row, trimmed; empty when the row is being typed.
    QPair<QString, QString> pairAt(int row) const;
    int addPair(const QString &first = {}, const QString &second = {});
    void removeSelectedRows();

    void setResult(int row, bool passed, const QString &text, const QString &toolTip = {});
    void clearResults();

Q_SIGNALS:
    void changed();

private:
    void onItemChanged(QTableWidgetItem *item);

    ComboDelegate *m_secondChoices = nullptr;
    bool m_updating = false;
};

} // namespace wirescope
