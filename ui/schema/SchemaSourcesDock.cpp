#include "ui/schema/SchemaSourcesDock.h"

#include "model/schema/SchemaSourcesModel.h"
#include "ui/workbench/Theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace wirescope {

SchemaSourcesDock::SchemaSourcesDock(SchemaSourcesModel *model, QWidget *parent)
    : QDockWidget(tr("Schema Sources"), parent)
    , m_model(model)
    , m_view(new QTableView(this))
    , m_reload(new QToolButton(this))
    , m_remove(new QToolButton(this))
{
    setObjectName(QStringLiteral("schemaSourcesDock"));
    m_view->setObjectName(QStringLiteral("schemaSourcesView"));
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(SchemaSourcesModel::SourceColumn, QHeaderView::Stretch);
    for (int c :
        {SchemaSourcesModel::KindColumn, SchemaSourcesModel::StateColumn, SchemaSourcesModel::FilesColumn})
        m_view->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);

    m_reload->setObjectName(QStringLiteral("reloadSourceButton"));
    m_reload->setText(tr("Reload"));
    m_reload->setIcon(Theme::glyphIcon(Theme::Glyph::Reload));
    m_reload->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reload->setToolTip(
        tr("Read the selected source again (files are also reloaded when they change on disk)"));
    m_remove->setObjectName(QStringLiteral("removeSourceButton"));
    m_remove->setText(tr("Remove"));
    m_remove->setIcon(Theme::standardIcon(QStyle::SP_TrashIcon));
    m_remove->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_remove->setToolTip(tr("Take the selected source and everything it defined out of the schema"));

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_reload);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_view);
    setWidget(body);

    connect(m_reload, &QToolButton::clicked, this, [this] {
        if (const QString label = selectedLabel(); !label.isEmpty())
            Q_EMIT reloadRequested(label);
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        if (const QString label = selectedLabel(); !label.isEmpty())
            Q_EMIT removeRequested(label);
    });
    connect(m_view, &QTableView::customContextMenuRequested, this, &SchemaSourcesDock::showMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &SchemaSourcesDock::updateButtons);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SchemaSourcesDock::updateButtons);
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        if (!m_view->selectionModel()->hasSelection())
            m_view->selectRow(first);
    });
    updateButtons();
}

QString SchemaSourcesDock::selectedLabel() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(SchemaSourcesModel::LabelRole).toString();
}

void SchemaSourcesDock::selectLabel(const QString &label)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->label(row) == label) {
            m_view->selectRow(row);
            return;
        }
    }
}

void SchemaSourcesDock::updateButtons()
{
    const bool selected = !selectedLabel().isEmpty();
    m_reload->setEnabled(selected);
    m_remove->setEnabled(selected);
}

void SchemaSourcesDock::showMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const QString label = index.data(SchemaSourcesModel::LabelRole).toString();
    QMenu menu(this);
    menu.addAction(m_reload->icon(), tr("Reload"), this, [this, label] { Q_EMIT reloadRequested(label); });
    menu.addAction(m_remove->icon(), tr("Remove"), this, [this, label] { Q_EMIT removeRequested(label); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace wirescope
