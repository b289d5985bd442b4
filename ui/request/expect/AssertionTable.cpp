#include "ui/request/expect/AssertionTable.h"

#include "model/runner/ExpectCheck.h"
#include "ui/request/expect/ComboDelegate.h"
#include "ui/workbench/Theme.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace wirescope {

namespace {

QStringList opNames()
{
    QStringList names;
    for (const Assertion::Op op : Assertion::allOps())
        names.append(Assertion::opName(op));
    return names;
}

// Beyond 2^53 a double no longer holds every integer: such a number is kept as its digits.
constexpr qint64 LargestExactInteger = qint64(1) << 53;

} // namespace

AssertionTable::AssertionTable(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
    , m_paths(new ComboDelegate({}, true, this))
{
    setHorizontalHeaderLabels({tr("Path"), tr("Operator"), tr("Value"), tr("Message"), tr("Result")});
    // Path, value and result share what is left; the operator and message columns are as
    // wide as their words, so a narrow tab still shows each check's result.
    QHeaderView *header = horizontalHeader();
    header->setSectionResizeMode(PathColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(OperatorColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(MessageColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ResultColumn, QHeaderView::Stretch);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(false);
    setItemDelegateForColumn(PathColumn, m_paths);
    setItemDelegateForColumn(OperatorColumn, new ComboDelegate(opNames(), false, this));
    setItemDelegateForColumn(MessageColumn,
        new ComboDelegate({QStringLiteral("last"), QStringLiteral("first"), QStringLiteral("all"),
                              QStringLiteral("0"), QStringLiteral("1")},
            true, this));
    horizontalHeaderItem(MessageColumn)
        ->setToolTip(tr("Which response message: last, first, all, or a number counted from 0"));
    horizontalHeaderItem(ValueColumn)
        ->setToolTip(tr("JSON (3, true, {\"a\": 1}, \"text\"); anything else is taken as text"));
    connect(this, &QTableWidget::itemChanged, this, &AssertionTable::onItemChanged);
}

void AssertionTable::setFieldPaths(const QStringList &paths)
{
    m_paths->setChoices(paths);
}

QStringList AssertionTable::fieldPaths() const
{
    return m_paths->choices();
}

void AssertionTable::setAssertions(const QList<Assertion> &assertions)
{
    const QSignalBlocker blocker(this);
    setRowCount(0);
    for (const Assertion &assertion : assertions)
        addAssertion(assertion);
}

int AssertionTable::addAssertion(const Assertion &assertion)
{
    const int row = rowCount();
    insertRow(row);
    setRow(row, assertion);
    return row;
}

void AssertionTable::setRow(int row, const Assertion &assertion)
{
    m_updating = true;
    setItem(row, PathColumn, new QTableWidgetItem(assertion.path));
    setItem(row, OperatorColumn, new QTableWidgetItem(Assertion::opName(assertion.op)));
    auto *value = new QTableWidgetItem(valueText(assertion.value));
    value->setData(ValueRole, QVariant::fromValue(assertion.value));
    setItem(row, ValueColumn, value);
    auto *message = new QTableWidgetItem(assertion.message);
    setItem(row, MessageColumn, message);
    markMessage(message);
    auto *result = new QTableWidgetItem;
    result->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    setItem(row, ResultColumn, result);
    m_updating = false;
}

QString AssertionTable::cellText(int row, int column) const
{
    const QTableWidgetItem *cell = item(row, column);
    return cell ? cell->text().trimmed() : QString();
}

bool AssertionTable::hasPath(int row) const
{
    return !cellText(row, PathColumn).isEmpty();
}

Assertion AssertionTable::assertionAt(int row) const
{
    Assertion assertion;
    assertion.path = cellText(row, PathColumn);
    assertion.op = Assertion::opFromName(cellText(row, OperatorColumn)).value_or(Assertion::Op::Equals);
    if (const QTableWidgetItem *value = item(row, ValueColumn))
        assertion.value = value->data(ValueRole).value<QJsonValue>();
    const QString message = cellText(row, MessageColumn);
    assertion.message = message.isEmpty() ? QStringLiteral("last") : message;
    return assertion;
}

QList<Assertion> AssertionTable::assertions() const
{
    QList<Assertion> list;
    for (int row = 0; row < rowCount(); ++row) {
        if (hasPath(row))
            list.append(assertionAt(row));
    }
    return list;
}

void AssertionTable::removeSelectedRows()
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

void AssertionTable::onItemChanged(QTableWidgetItem *changedItem)
{
    if (m_updating || changedItem->column() == ResultColumn)
        return;
    m_updating = true;
    if (changedItem->column() == ValueColumn)
        changedItem->setData(ValueRole, QVariant::fromValue(parseValue(changedItem->text())));
    else if (changedItem->column() == MessageColumn)
        markMessage(changedItem);
    else if (changedItem->column() == OperatorColumn)
        defaultValueFor(changedItem->row());
    m_updating = false;
    Q_EMIT changed();
}

// "exists" with no value would read as "must be absent": a fresh choice of it means present.
void AssertionTable::defaultValueFor(int row)
{
    QTableWidgetItem *value = item(row, ValueColumn);
    const std::optional<Assertion::Op> op = Assertion::opFromName(cellText(row, OperatorColumn));
    if (!value || op != Assertion::Op::Exists || !value->data(ValueRole).value<QJsonValue>().isNull())
        return;
    value->setText(QStringLiteral("true"));
    value->setData(ValueRole, QVariant::fromValue(QJsonValue(true)));
}

void AssertionTable::markMessage(QTableWidgetItem *message)
{
    const bool valid = message->text().trimmed().isEmpty() || isMessageSelector(message->text().trimmed());
    message->setForeground(valid ? palette().text() : QBrush(Theme::errorColor()));
    message->setToolTip(
        valid ? QString() : tr("Not a message: use last, first, all or a number counted from 0"));
}

int AssertionTable::showResults(const CallOutcome &outcome)
{
    int failed = 0;
    m_updating = true;
    for (int row = 0; row < rowCount(); ++row) {
        QTableWidgetItem *result = item(row, ResultColumn);
        if (!result)
            continue;
        if (!hasPath(row)) {
            result->setText({});
            result->setData(PassedRole, {});
            continue;
        }
        const CheckResult check = ExpectCheck::checkAssertion(assertionAt(row), outcome);
        failed += check.passed ? 0 : 1;
        result->setText(
            (check.passed ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) + check.actual);
        result->setData(PassedRole, check.passed);
        result->setForeground(check.passed ? Theme::statusColor(0) : Theme::errorColor());
        QString tip = tr("Expected: %1\nActual: %2").arg(check.expected, check.actual);
        if (!check.note.isEmpty())
            tip += u'\n' + check.note;
        result->setToolTip(tip);
    }
    m_updating = false;
    return failed;
}

void AssertionTable::clearResults()
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

bool AssertionTable::isMessageSelector(const QString &text)
{
    static const QRegularExpression number(QStringLiteral("^\\d+$"));
    return text == QLatin1String("last") || text == QLatin1String("first") || text == QLatin1String("all")
        || number.match(text).hasMatch();
}

QJsonValue AssertionTable::parseValue(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QJsonValue();
    static const QRegularExpression integer(QStringLiteral("^-?\\d+$"));
    if (integer.match(trimmed).hasMatch()) {
        bool ok = false;
        const qint64 number = trimmed.toLongLong(&ok);
        if (!ok || number > LargestExactInteger || number < -LargestExactInteger)
            return trimmed;
    }
    QByteArray wrapped = trimmed.toUtf8();
    wrapped.prepend('[');
    wrapped.append(']');
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    if (error.error == QJsonParseError::NoError && document.array().size() == 1)
        return document.array().first();
    return trimmed;
}

QString AssertionTable::valueText(const QJsonValue &value)
{
    if (value.isString()) {
        const QString text = value.toString();
        if (!text.isEmpty() && text.trimmed() == text && parseValue(text) == value)
            return text;
    }
    if (value.isUndefined())
        return {};
    const QByteArray json = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

} // namespace wirescope
