// LoadSummaryView: a load run's figures, and another run's beside them with the difference.

#include "ui/load/LoadSummaryView.h"

#include "model/load/LoadPlan.h"
#include "ui/workbench/Theme.h"

#include <QHeaderView>
#include <QLocale>
#include <QSet>

#include <cmath>

namespace wirescope {

namespace {

// Error messages listed one per row; a run failing in more ways says so in the history.
constexpr int MaxErrorRows = 10;

QString percentOf(qint64 part, qint64 whole)
{
    return whole > 0 ? QStringLiteral("%1 (%2 %)")
                           .arg(QLocale().toString(part))
                           .arg(double(part) * 100.0 / double(whole), 0, 'f', 1)
                     : QLocale().toString(part);
}

// The keys of a map of both runs, sorted, each once.
template<typename Map>
QStringList keysOf(const Map &a, const std::optional<LoadSummary> &b, Map LoadSummary::*member)
{
    QStringList keys = a.keys();
    if (b)
        keys += ((*b).*member).keys();
    keys.removeDuplicates();
    keys.sort();
    return keys;
}

} // namespace

LoadSummaryView::LoadSummaryView(QWidget *parent)
    : QTableWidget(parent)
{
    setObjectName(QStringLiteral("loadSummaryTable"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::ContiguousSelection);
    setWordWrap(false);
    setAlternatingRowColors(true);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    rebuild();
}

void LoadSummaryView::showRun(const LoadSummary &run)
{
    m_run = run;
    rebuild();
}

void LoadSummaryView::clearRun()
{
    m_run.reset();
    rebuild();
}

void LoadSummaryView::setCompared(const std::optional<LoadSummary> &other, const QString &title)
{
    m_compared = other;
    m_comparedTitle = title;
    rebuild();
}

QString LoadSummaryView::text(const QString &row, int column) const
{
    for (int i = 0; i < rowCount(); ++i) {
        const QTableWidgetItem *header = verticalHeaderItem(i);
        if (header && header->text() == row && item(i, column))
            return item(i, column)->text();
    }
    return {};
}

QList<LoadSummaryView::Row> LoadSummaryView::rows() const
{
    QList<Row> out;
    out.append({tr("Load"), [](const LoadSummary &s) { return s.planText(); }, {}, Unit::Count, 0});
    out.append({tr("Calls"), [](const LoadSummary &s) { return QLocale().toString(s.count); },
        [](const LoadSummary &s) { return double(s.count); }, Unit::Count, 0});
    out.append({tr("Duration"), [](const LoadSummary &s) { return LoadPlan::durationText(s.totalNanos); },
        [](const LoadSummary &s) { return double(s.totalNanos); }, Unit::Nanos, 0});
    out.append({tr("Rate"),
        [](const LoadSummary &s) { return tr("%1/s").arg(QLocale().toString(s.achievedRps(), 'f', 1)); },
        [](const LoadSummary &s) { return s.achievedRps(); }, Unit::Rate, +1});
    out.append({tr("Errors"), [](const LoadSummary &s) { return percentOf(s.errorCount(), s.count); },
        [](const LoadSummary &s) { return double(s.errorCount()); }, Unit::Count, -1});
    out += statusRows();
    out += latencyRows();
    out += streamRows();
    return out;
}

// Every status either run saw, the calls that could not start, a stop, and the errors.
QList<LoadSummaryView::Row> LoadSummaryView::statusRows() const
{
    QList<Row> out;
    for (const QString &code : keysOf(
             m_run ? m_run->statusCodes : QMap<QString, qint64> {}, m_compared, &LoadSummary::statusCodes)) {
        out.append({tr("Status %1").arg(code),
            [code](const LoadSummary &s) { return percentOf(s.statusCodes.value(code), s.count); },
            [code](const LoadSummary &s) { return double(s.statusCodes.value(code)); }, Unit::Count,
            code == u"OK" ? +1 : -1});
    }
    if (eitherRun([](const LoadSummary &s) { return s.notStarted > 0; }))
        out.append({tr("Not started"), [](const LoadSummary &s) { return QLocale().toString(s.notStarted); },
            [](const LoadSummary &s) { return double(s.notStarted); }, Unit::Count, -1});
    if (eitherRun([](const LoadSummary &s) { return s.stopped; }))
        out.append({tr("Stopped"),
            [](const LoadSummary &s) {
                return s.stopped ? tr("yes; %n in flight not counted", nullptr, int(s.abandoned)) : tr("no");
            },
            {}, Unit::Count, 0});
    QStringList messages
        = keysOf(m_run ? m_run->errors : QMap<QString, qint64> {}, m_compared, &LoadSummary::errors);
    for (const QString &message : messages.mid(0, MaxErrorRows))
        out.append({tr("Error: %1").arg(message),
            [message](const LoadSummary &s) { return QLocale().toString(s.errors.value(message)); },
            [message](const LoadSummary &s) { return double(s.errors.value(message)); }, Unit::Count, -1});
    return out;
}

QList<LoadSummaryView::Row> LoadSummaryView::latencyRows() const
{
    const QList<std::pair<QString, qint64 LoadSummary::*>> latencies = {{tr("Min"), &LoadSummary::minNanos},
        {tr("Mean"), &LoadSummary::meanNanos}, {tr("p50"), &LoadSummary::p50Nanos},
        {tr("p90"), &LoadSummary::p90Nanos}, {tr("p99"), &LoadSummary::p99Nanos},
        {tr("p99.9"), &LoadSummary::p999Nanos}, {tr("Max"), &LoadSummary::maxNanos}};
    QList<Row> out;
    for (const auto &latency : latencies) {
        const auto member = latency.second; // a copy: Clang 14 cannot capture a structured binding
        out.append(
            {latency.first, [member](const LoadSummary &s) { return LoadPlan::durationText(s.*member); },
                [member](const LoadSummary &s) { return double(s.*member); }, Unit::Nanos, -1});
    }
    return out;
}

// As `wirescope bench` words them: each way its count, rate and share per call (told apart
// by rate), then the time to the first message; none for a unary method.
QList<LoadSummaryView::Row> LoadSummaryView::streamRows() const
{
    QList<Row> out;
    if (!eitherRun([](const LoadSummary &s) { return s.streaming; }))
        return out;
    const QList<std::pair<QString, qint64 LoadSummary::*>> ways
        = {{tr("Messages sent"), &LoadSummary::messagesSent},
            {tr("Messages received"), &LoadSummary::messagesReceived}};
    for (const auto &way : ways) {
        const auto member = way.second; // a copy: Clang 14 cannot capture a structured binding
        out.append({way.first, [member](const LoadSummary &s) { return s.messagesText(s.*member); },
            [member](const LoadSummary &s) { return s.perSecond(s.*member); }, Unit::Rate, +1});
    }
    if (!eitherRun([](const LoadSummary &s) { return s.firstMessageCount > 0; }))
        return out;
    const QList<std::pair<QString, qint64 LoadSummary::*>> firsts
        = {{tr("Time to first message p50"), &LoadSummary::firstMessageP50Nanos},
            {tr("Time to first message p90"), &LoadSummary::firstMessageP90Nanos},
            {tr("Time to first message p99"), &LoadSummary::firstMessageP99Nanos}};
    for (const auto &first : firsts) {
        const auto member = first.second;
        out.append({first.first, [member](const LoadSummary &s) { return LoadPlan::durationText(s.*member); },
            [member](const LoadSummary &s) { return double(s.*member); }, Unit::Nanos, -1});
    }
    return out;
}

bool LoadSummaryView::eitherRun(const std::function<bool(const LoadSummary &)> &test) const
{
    return (m_run && test(*m_run)) || (m_compared && test(*m_compared));
}

// Rebuilt on every report (four times a second): a few dozen cells, their items reused.
void LoadSummaryView::rebuild()
{
    const QList<Row> specs = m_run || m_compared ? rows() : QList<Row> {};
    setColumnCount(m_compared ? 3 : 1);
    setHorizontalHeaderLabels(m_compared ? QStringList {tr("This run"), m_comparedTitle, tr("Difference")}
                                         : QStringList {tr("This run")});
    setRowCount(int(specs.size()));
    QStringList names;
    for (const Row &spec : specs)
        names.append(spec.name);
    setVerticalHeaderLabels(names);
    for (int row = 0; row < int(specs.size()); ++row) {
        const Row &spec = specs.at(row);
        setCell(row, RunColumn, m_run ? spec.text(*m_run) : QString());
        if (!m_compared)
            continue;
        setCell(row, ComparedColumn, spec.text(*m_compared));
        showDifference(row, spec);
    }
}

void LoadSummaryView::setCell(int row, int column, const QString &text)
{
    QTableWidgetItem *cell = item(row, column);
    if (!cell) {
        cell = new QTableWidgetItem;
        setItem(row, column, cell);
    }
    cell->setText(text);
    cell->setData(Qt::ForegroundRole, {});
}

// This run less the compared one, and as a share of the compared one.
void LoadSummaryView::showDifference(int row, const Row &spec)
{
    if (!spec.value || !m_run) {
        setCell(row, DifferenceColumn, {});
        return;
    }
    const double now = spec.value(*m_run);
    const double before = spec.value(*m_compared);
    const double delta = now - before;
    const QString sign = delta > 0 ? QStringLiteral("+") : delta < 0 ? QStringLiteral("-") : QString();
    QString text;
    switch (spec.unit) {
    case Unit::Nanos:
        text = sign + LoadPlan::durationText(qint64(std::llround(std::abs(delta))));
        break;
    case Unit::Rate:
        text = sign + tr("%1/s").arg(QLocale().toString(std::abs(delta), 'f', 1));
        break;
    case Unit::Count:
        text = sign + QLocale().toString(qint64(std::llround(std::abs(delta))));
        break;
    }
    if (before != 0)
        text += QStringLiteral(" (%1%2 %)")
                    .arg(sign)
                    .arg(std::abs(delta) * 100.0 / std::abs(before), 0, 'f', 1);
    setCell(row, DifferenceColumn, text);
    if (spec.better != 0 && delta != 0) {
        const bool worse = (delta > 0) == (spec.better < 0);
        item(row, DifferenceColumn)->setForeground(worse ? Theme::errorColor() : Theme::statusColor(0));
    }
}

} // namespace wirescope
