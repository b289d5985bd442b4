#include "ui/response/ResponseDiffDialog.h"

#include "model/json/JsonPath.h"
#include "ui/workbench/Theme.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace wirescope {

namespace {

using Kind = JsonDiff::Change::Kind;

// A tree this large is no longer read row by row; the rest is summed up in a note.
constexpr int MaxRows = 20000;
constexpr int MaxValueChars = 500;

bool bothObjects(const QJsonValue &left, const QJsonValue &right)
{
    return (left.isObject() || left.isUndefined()) && (right.isObject() || right.isUndefined())
        && (left.isObject() || right.isObject());
}

bool bothArrays(const QJsonValue &left, const QJsonValue &right)
{
    return (left.isArray() || left.isUndefined()) && (right.isArray() || right.isUndefined())
        && (left.isArray() || right.isArray());
}

// A container's cell says what it holds; its fields have rows of their own.
QString sideText(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    if (value.isObject())
        return ResponseDiffDialog::tr("{%n field(s)}", nullptr, int(value.toObject().size()));
    if (value.isArray())
        return ResponseDiffDialog::tr("[%n item(s)]", nullptr, int(value.toArray().size()));
    return JsonDiff::text(value, MaxValueChars);
}

QColor kindColor(Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return Theme::statusColor(0); // green
    case Kind::Removed:
        return Theme::errorColor(); // red
    case Kind::Changed:
        break;
    }
    return Theme::statusColor(1); // amber, as a cancelled call
}

} // namespace

ResponseDiffDialog::ResponseDiffDialog(QWidget *parent)
    : QDialog(parent)
    , m_leftLabel(new QLabel(this))
    , m_rightLabel(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_onlyDifferences(new QCheckBox(tr("Only differences"), this))
    , m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("responseDiffDialog"));
    setWindowTitle(tr("Compare Responses"));
    resize(960, 600);
    m_leftLabel->setObjectName(QStringLiteral("diffLeftLabel"));
    m_rightLabel->setObjectName(QStringLiteral("diffRightLabel"));
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    for (QLabel *label : {m_leftLabel, m_rightLabel}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_onlyDifferences->setObjectName(QStringLiteral("diffOnlyDifferences"));
    m_onlyDifferences->setChecked(true);
    m_tree->setObjectName(QStringLiteral("diffTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Path"), tr("Left"), tr("Right"), tr("Change")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->resizeSection(PathColumn, 260);
    m_tree->header()->resizeSection(LeftColumn, 280);
    m_tree->header()->resizeSection(RightColumn, 280);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_onlyDifferences, &QCheckBox::toggled, this, &ResponseDiffDialog::rebuild);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_onlyDifferences);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_leftLabel);
    layout->addWidget(m_rightLabel);
    layout->addLayout(bar);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
}

void ResponseDiffDialog::setValues(
    const QJsonValue &left, const QString &leftLabel, const QJsonValue &right, const QString &rightLabel)
{
    m_left = left;
    m_right = right;
    m_leftLabel->setText(tr("<b>Left:</b> %1").arg(leftLabel.toHtmlEscaped()));
    m_rightLabel->setText(tr("<b>Right:</b> %1").arg(rightLabel.toHtmlEscaped()));
    m_tree->headerItem()->setToolTip(LeftColumn, leftLabel);
    m_tree->headerItem()->setToolTip(RightColumn, rightLabel);
    m_changes = JsonDiff::diff(left, right);
    m_byPath.clear();
    for (const JsonDiff::Change &change : std::as_const(m_changes))
        m_byPath.insert(change.path, change.kind);
    m_summary->setText(summary());
    rebuild();
}

void ResponseDiffDialog::setOnlyDifferences(bool only)
{
    m_onlyDifferences->setChecked(only);
}

bool ResponseDiffDialog::onlyDifferences() const
{
    return m_onlyDifferences->isChecked();
}

QString ResponseDiffDialog::summary() const
{
    int counts[3] = {0, 0, 0};
    for (const JsonDiff::Change &change : m_changes)
        ++counts[int(change.kind)];
    if (m_changes.isEmpty())
        return tr("No differences");
    return tr("%1 changed, %2 added, %3 removed")
        .arg(counts[int(Kind::Changed)])
        .arg(counts[int(Kind::Added)])
        .arg(counts[int(Kind::Removed)]);
}

void ResponseDiffDialog::rebuild()
{
    m_tree->clear();
    m_rows = 0;
    bool anyChange = false;
    // The responses' own fields are the top rows; a scalar response is one row.
    if (bothObjects(m_left, m_right) || bothArrays(m_left, m_right))
        addChildren(m_tree->invisibleRootItem(), QStringLiteral("$"), m_left, m_right, -1, &anyChange);
    else
        addNode(nullptr, QStringLiteral("$"), QStringLiteral("$"), m_left, m_right, -1);
    if (m_rows >= MaxRows) {
        auto *note = new QTreeWidgetItem(m_tree);
        note->setText(PathColumn, tr("\u2026 only the first %1 fields are shown").arg(MaxRows));
        note->setData(0, ChangeKindRole, -1);
    }
    if (onlyDifferences() || m_rows < 2000)
        m_tree->expandAll();
    else
        m_tree->expandToDepth(0);
}

QTreeWidgetItem *ResponseDiffDialog::makeRow(
    QTreeWidgetItem *parent, const QString &label, const QString &path)
{
    ++m_rows;
    auto *row = new QTreeWidgetItem(parent ? parent : m_tree->invisibleRootItem());
    row->setText(PathColumn, label);
    row->setToolTip(PathColumn, path);
    row->setData(0, PathRole, path);
    row->setData(0, ChangeKindRole, -1);
    return row;
}

void ResponseDiffDialog::markRow(QTreeWidgetItem *row, int kind)
{
    row->setData(0, ChangeKindRole, kind);
    if (kind < 0)
        return;
    row->setText(ChangeColumn, JsonDiff::kindName(Kind(kind)));
    const QColor color = kindColor(Kind(kind));
    for (int column = 0; column < ColumnCount; ++column)
        row->setForeground(column, color);
}

// Returns whether the two sides differ at `path` or anywhere under it.
bool ResponseDiffDialog::addNode(QTreeWidgetItem *parent, const QString &label, const QString &path,
    const QJsonValue &left, const QJsonValue &right, int inherited)
{
    if (m_rows >= MaxRows)
        return false;
    int kind = m_byPath.contains(path) ? int(m_byPath.value(path)) : inherited;
    // A part that is the same on both sides is not walked when it would not be shown.
    if (kind < 0 && onlyDifferences() && JsonDiff::equal(left, right))
        return false;
    const bool container = bothObjects(left, right) || bothArrays(left, right);
    // Whatever JsonDiff's paths look like, a leaf that differs is never shown as the same.
    if (kind < 0 && !container && !JsonDiff::equal(left, right))
        kind = int(left.isUndefined() ? Kind::Added : right.isUndefined() ? Kind::Removed : Kind::Changed);
    QTreeWidgetItem *row = makeRow(parent, label, path);
    row->setText(LeftColumn, sideText(left));
    row->setText(RightColumn, sideText(right));
    row->setToolTip(LeftColumn, row->text(LeftColumn));
    row->setToolTip(RightColumn, row->text(RightColumn));
    bool differs = kind >= 0;
    if (container)
        addChildren(row, path, left, right, kind, &differs);
    markRow(row, kind);
    if (!differs && onlyDifferences()) {
        delete row;
        --m_rows;
    }
    return differs;
}

void ResponseDiffDialog::addChildren(QTreeWidgetItem *row, const QString &path, const QJsonValue &left,
    const QJsonValue &right, int inherited, bool *anyChange)
{
    // Everything inside an added or removed field was added or removed with it.
    const int passOn = inherited == int(Kind::Added) || inherited == int(Kind::Removed) ? inherited : -1;
    if (bothObjects(left, right)) {
        const QJsonObject before = left.toObject();
        const QJsonObject after = right.toObject();
        QStringList keys = before.keys() + after.keys();
        keys.sort();
        keys.removeDuplicates();
        for (const QString &key : std::as_const(keys)) {
            if (addNode(row, key, JsonPath::child(path, key), before.value(key), after.value(key), passOn))
                *anyChange = true;
        }
        return;
    }
    const QJsonArray before = left.toArray();
    const QJsonArray after = right.toArray();
    const qsizetype count = std::max(before.size(), after.size());
    for (qsizetype i = 0; i < count; ++i) {
        const QJsonValue l = i < before.size() ? before.at(i) : QJsonValue(QJsonValue::Undefined);
        const QJsonValue r = i < after.size() ? after.at(i) : QJsonValue(QJsonValue::Undefined);
        if (addNode(row, QStringLiteral("[%1]").arg(i), JsonPath::element(path, int(i)), l, r, passOn))
            *anyChange = true;
    }
}

} // namespace wirescope
