#include "ui/schema/ServiceTreeDock.h"

#include "model/schema/ServiceTreeModel.h"
#include "ui/schema/TreeFilterKeys.h"
#include "ui/workbench/Theme.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace wirescope {

namespace {

using NodeKind = ServiceTreeModel::NodeKind;

// Gives each row its icon (call-kind badge, service, package) and weight; the model is
// headless and knows nothing of icons.
class ServiceTreeDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const auto kind = NodeKind(index.data(ServiceTreeModel::NodeKindRole).toInt());
        if (index.column() != ServiceTreeModel::NameColumn) {
            option->palette.setColor(QPalette::Text, Theme::mutedTextColor());
            return;
        }
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->decorationSize = Theme::badgeSize();
        switch (kind) {
        case NodeKind::Method:
            option->icon = Theme::callKindIcon(CallKind(index.data(ServiceTreeModel::CallKindRole).toInt()));
            break;
        case NodeKind::Service:
            option->icon = Theme::serviceIcon();
            option->font.setBold(true);
            break;
        case NodeKind::Package:
            option->features &= ~QStyleOptionViewItem::HasDecoration;
            option->palette.setColor(QPalette::Text, Theme::mutedTextColor());
            break;
        }
    }
};

bool isMethod(const QModelIndex &index)
{
    return NodeKind(index.data(ServiceTreeModel::NodeKindRole).toInt()) == NodeKind::Method;
}

} // namespace

ServiceTreeDock::ServiceTreeDock(ServiceTreeModel *model, QWidget *parent)
    : QDockWidget(tr("Services"), parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeView(this))
    , m_placeholder(new QLabel(this))
{
    setObjectName(QStringLiteral("serviceDock"));
    m_proxy->setSourceModel(model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(ServiceTreeModel::FullNameRole);
    m_proxy->setFilterKeyColumn(ServiceTreeModel::NameColumn);

    m_filter->setObjectName(QStringLiteral("serviceFilter"));
    m_filter->setPlaceholderText(tr("Filter methods (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    new TreeFilterKeys(m_filter, m_tree, isMethod, [this](const QModelIndex &index) { activate(index); });
    m_tree->setObjectName(QStringLiteral("serviceTree"));
    m_tree->setModel(m_proxy);
    m_tree->setItemDelegate(new ServiceTreeDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setIconSize(Theme::badgeSize());
    m_tree->setHeaderHidden(true);
    // Types are in each method's tooltip; a second column would only be cut off in a dock.
    m_tree->setColumnHidden(ServiceTreeModel::TypesColumn, true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(ServiceTreeModel::NameColumn, QHeaderView::ResizeToContents);
    m_tree->setExpandsOnDoubleClick(true);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setContentsMargins(8, 16, 8, 16);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_tree, 1);
    setWidget(content);

    connect(m_filter, &QLineEdit::textChanged, this, &ServiceTreeDock::applyFilter);
    connect(m_tree, &QTreeView::activated, this, &ServiceTreeDock::activate);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ServiceTreeDock::onModelReset);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) {
            if (isMethod(current))
                m_lastSelected = current.data(ServiceTreeModel::FullNameRole).toString();
        });
    onModelReset();
}

QString ServiceTreeDock::currentMethod() const
{
    const QModelIndex index = m_tree->currentIndex();
    return isMethod(index) ? index.data(ServiceTreeModel::FullNameRole).toString() : QString();
}

void ServiceTreeDock::selectMethod(const QString &fullName)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->findMethod(fullName));
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void ServiceTreeDock::focusFilter()
{
    if (!isVisible())
        show();
    raise();
    m_filter->setFocus();
    m_filter->selectAll();
}

void ServiceTreeDock::setPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_placeholder->setVisible(!text.isEmpty());
}

void ServiceTreeDock::onModelReset()
{
    m_tree->expandAll();
    if (!m_lastSelected.isEmpty())
        selectMethod(m_lastSelected);
}

void ServiceTreeDock::applyFilter(const QString &text)
{
    m_proxy->setFilterFixedString(text.trimmed());
    m_tree->expandAll();
}

void ServiceTreeDock::activate(const QModelIndex &proxyIndex)
{
    if (isMethod(proxyIndex))
        Q_EMIT methodActivated(proxyIndex.data(ServiceTreeModel::FullNameRole).toString());
}

} // namespace wirescope
