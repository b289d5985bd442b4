// LoadSummaryView: a load run's figures, and another run's beside them with the difference.

#pragma once

#include "model/load/LoadSummary.h"

#include <QTableWidget>

#include <functional>
#include <optional>

namespace wirescope {

// A load run's figures as a table, one row each: the plan, calls, achieved rate, errors,
// every status and error message, the latencies from min to max and, for a streaming method,
// the messages each way and the time to the first message. With a second run to
// compare, its figures stand in a second column and a third gives the difference
// ("+3.10 ms (+12 %)"), coloured by whether it is better or worse.
class LoadSummaryView final : public QTableWidget {
    Q_OBJECT

public:
    enum Column { RunColumn, ComparedColumn, DifferenceColumn };

    explicit LoadSummaryView(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(LoadSummaryView)

    // The run of this page (live or finished); the table is rebuilt around it.
    void showRun(const LoadSummary &run);
    void clearRun();
    // The run to compare with and what to call it; nullopt ends the comparison.
    void setCompared(const std::optional<LoadSummary> &other, const QString &title = {});
    bool isComparing() const { return m_compared.has_value(); }
    // The text of the row named `row` ("Calls", "p99", "Status OK"); empty when there is none.
    QString text(const QString &row, int column = RunColumn) const;

private:
    enum class Unit { Count, Rate, Nanos };
    // One row: its figure in each run, and how to tell their difference.
    struct Row {
        QString name;
        std::function<QString(const LoadSummary &)> text;
        std::function<double(const LoadSummary &)> value; // unset: no difference
        Unit unit = Unit::Count;
        int better = 0; // +1 when higher is better, -1 when lower is, 0 when neither
    };

    QList<Row> rows() const;
    QList<Row> statusRows() const;
    QList<Row> latencyRows() const;
    QList<Row> streamRows() const;
    // Whether this run or the compared one passes `test`: a row either has is shown for both.
    bool eitherRun(const std::function<bool(const LoadSummary &)> &test) const;
    void rebuild();
    void setCell(int row, int column, const QString &text);
    void showDifference(int row, const Row &spec);

    std::optional<LoadSummary> m_run;
    std::optional<LoadSummary> m_compared;
    QString m_comparedTitle;
};

} // namespace wirescope
