#pragma once

#include "model/request/RequestTests.h"

#include <QTableWidget>

namespace wirescope {

class ComboDelegate;
struct CallOutcome;

// A request's assertions as rows: the JSON path (picked from the response type's fields or
// typed), the operator, the expected value as JSON (text that is not JSON is a string),
// which message, and after a call whether it held with the value found. A row without a
// path is a row being typed and is not saved.
class AssertionTable final : public QTableWidget {
    Q_OBJECT

public:
    enum Column { PathColumn, OperatorColumn, ValueColumn, MessageColumn, ResultColumn, ColumnCount };
    enum Role {
        // On a value cell: the value as loaded or last typed, so a 64-bit integer stays exact.
        ValueRole = Qt::UserRole + 1,
        // On a result cell: whether the last check held (bool), invalid when not checked.
        PassedRole,
    };

    explicit AssertionTable(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(AssertionTable)

    void setFieldPaths(const QStringList &paths);
    QStringList fieldPaths() const;

    void setAssertions(const QList<Assertion> &assertions);
    QList<Assertion> assertions() const;
    Assertion assertionAt(int row) const;
    bool hasPath(int row) const;
    // Appends a row (without announcing changed()) and returns it.
    int addAssertion(const Assertion &assertion);
    void removeSelectedRows();

    // Checks every row against a call; returns how many failed.
    int showResults(const CallOutcome &outcome);
    void clearResults();

    // Text typed in the Value column as a JSON value: JSON when it parses ("3", "true",
    // "{\"a\":1}", "\"quoted\""), an integer past 2^53 as its digits in a string (as
    // canonical JSON writes 64-bit integers), anything else as the string typed.
    static QJsonValue parseValue(const QString &text);
    // The inverse, for showing a value: a string unquoted unless that would read back as
    // something else.
    static QString valueText(const QJsonValue &value);
    // "last", "first", "all" or a 0-based message number.
    static bool isMessageSelector(const QString &text);

Q_SIGNALS:
    void changed();

private:
    void setRow(int row, const Assertion &assertion);
    void onItemChanged(QTableWidgetItem *item);
    void markMessage(QTableWidgetItem *item);
    void defaultValueFor(int row);
    QString cellText(int row, int column) const;

    ComboDelegate *m_paths;
    bool m_updating = false;
};

} // namespace wirescope
