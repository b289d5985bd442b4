#include "ui/form/FieldMaskPicker.h"

#include "model/form/FieldMaskPaths.h"
#include "model/form/FieldValueText.h"
#include "ui/workbench/Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace wirescope {

namespace {

constexpr int PathRole = Qt::UserRole;

QString pathOf(const QTreeWidgetItem *item)
{
    return item->data(0, PathRole).toString();
}

// Shows the items whose path contains `filter`, and the ancestors of those.
bool filterItem(QTreeWidgetItem *item, const QString &filter)
{
    bool visible = filter.isEmpty() || pathOf(item).contains(filter, Qt::CaseInsensitive);
    for (int i = 0; i < item->childCount(); ++i)
        visible = filterItem(item->child(i), filter) || visible;
    item->setHidden(!visible);
    return visible;
}

} // namespace

FieldMaskPicker::FieldMaskPicker(
    const SchemaPtr &schema, const QStringList &targets, const QString &text, QWidget *parent)
    : QDialog(parent)
    , m_schema(schema)
    , m_targets(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
    , m_text(new QLineEdit(text, this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("fieldMaskPicker"));
    setWindowTitle(tr("Field mask paths"));
    m_targets->setObjectName(QStringLiteral("maskTargetCombo"));
    m_targets->addItems(targets);
    m_targets->setToolTip(tr("The message type whose fields the mask names"));
    m_filter->setObjectName(QStringLiteral("maskFilter"));
    m_filter->setPlaceholderText(tr("Filter fields"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("maskPathTree"));
    m_tree->setHeaderLabels({tr("Field"), tr("Type")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->setUniformRowHeights(true);
    m_text->setObjectName(QStringLiteral("maskText"));
    m_text->setToolTip(tr("Paths joined by commas, in lowerCamelCase as the JSON mapping writes them"));
    m_problem->setObjectName(QStringLiteral("maskProblem"));
    m_problem->setWordWrap(true);
    m_buttons->setObjectName(QStringLiteral("maskButtons"));

    auto *form = new QFormLayout;
    form->addRow(tr("Fields of"), m_targets);
    form->addRow(tr("Paths"), m_text);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    resize(520, 480);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_targets, &QComboBox::currentIndexChanged, this, &FieldMaskPicker::fillTree);
    connect(m_tree, &QTreeWidget::itemChanged, this, &FieldMaskPicker::onItemChanged);
    connect(m_text, &QLineEdit::textEdited, this, &FieldMaskPicker::checkFromText);
    connect(m_filter, &QLineEdit::textChanged, this, &FieldMaskPicker::applyFilter);
    fillTree();
}

FieldMaskPicker::~FieldMaskPicker() = default;

QString FieldMaskPicker::text() const
{
    return m_text->text().trimmed();
}

QString FieldMaskPicker::target() const
{
    return m_targets->currentText();
}

void FieldMaskPicker::setTarget(const QString &typeName)
{
    const int found = m_targets->findText(typeName);
    if (found >= 0)
        m_targets->setCurrentIndex(found);
}

void FieldMaskPicker::fillTree()
{
    m_updating = true;
    m_tree->clear();
    m_items.clear();
    QList<QTreeWidgetItem *> parents; // the last item at each depth
    for (const FieldMaskPaths::Path &path : FieldMaskPaths::paths(*m_schema, target())) {
        auto *item
            = path.depth == 0 ? new QTreeWidgetItem(m_tree) : new QTreeWidgetItem(parents[path.depth - 1]);
        parents.resize(path.depth);
        parents.append(item);
        item->setText(0, path.name);
        item->setText(1, path.typeName);
        item->setToolTip(0, path.path);
        item->setData(0, PathRole, path.path);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, Qt::Unchecked);
        m_items.insert(path.path, item);
    }
    m_updating = false;
    checkFromText();
    applyFilter(m_filter->text());
}

void FieldMaskPicker::onItemChanged(QTreeWidgetItem *item, int column)
{
    if (m_updating || column != 0)
        return;
    // Paths keep the order they were typed or checked in; typed ones the tree lacks stay.
    QStringList paths = FieldMaskPaths::split(m_text->text());
    const QString path = pathOf(item);
    if (item->checkState(0) == Qt::Checked && !paths.contains(path))
        paths.append(path);
    else if (item->checkState(0) != Qt::Checked)
        paths.removeAll(path);
    m_text->setText(FieldMaskPaths::join(paths));
    updateProblem();
}

void FieldMaskPicker::checkFromText()
{
    const QStringList list = FieldMaskPaths::split(m_text->text());
    const QSet<QString> paths(list.begin(), list.end());
    m_updating = true;
    for (auto it = m_items.constBegin(); it != m_items.constEnd(); ++it) {
        const bool checked = paths.contains(it.key());
        it.value()->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
        // Nested paths that are part of the mask are shown.
        for (QTreeWidgetItem *parent = it.value()->parent(); checked && parent; parent = parent->parent())
            parent->setExpanded(true);
    }
    m_updating = false;
    updateProblem();
}

void FieldMaskPicker::applyFilter(const QString &filter)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        filterItem(m_tree->topLevelItem(i), filter.trimmed());
    if (!filter.trimmed().isEmpty())
        m_tree->expandAll();
}

void FieldMaskPicker::updateProblem()
{
    const QString error = FieldValueText::check(ValueKind::FieldMask, m_text->text());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
    if (!error.isEmpty()) {
        m_problem->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                               .arg(Theme::errorColor().name(), error.toHtmlEscaped()));
        return;
    }
    QStringList unknown;
    for (const QString &path : FieldMaskPaths::split(m_text->text())) {
        if (!m_items.contains(path))
            unknown.append(path);
    }
    m_problem->setText(unknown.isEmpty() ? QString()
                                         : tr("Not fields of %1, kept as typed: %2")
                                               .arg(target(), unknown.join(QStringLiteral(", ")))
                                               .toHtmlEscaped());
}

} // namespace wirescope
