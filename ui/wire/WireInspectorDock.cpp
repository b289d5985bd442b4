#include "ui/wire/WireInspectorDock.h"

#include "model/frames/FramesModel.h"
#include "ui/request/RequestTab.h"
#include "ui/request/RequestTabs.h"
#include "ui/wire/WireInspector.h"

#include <QAction>

namespace wirescope {

WireInspectorDock::WireInspectorDock(QWidget *parent)
    : QDockWidget(tr("Wire Inspector"), parent)
    , m_inspector(new WireInspector(this))
{
    setObjectName(QStringLiteral("wireInspectorDock"));
    setWidget(m_inspector);
    toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    toggleViewAction()->setToolTip(tr("What every byte of the request or a response means (Ctrl+Shift+I)"));
    if (parent)
        parent->addAction(toggleViewAction()); // the shortcut works with the menu bar hidden
}

void WireInspectorDock::setSchema(const SchemaPtr &schema)
{
    m_inspector->setSchema(schema);
}

void WireInspectorDock::followRequests(RequestTabs *tabs)
{
    connect(tabs, &QTabWidget::currentChanged, this, [this, tabs] { bindTab(tabs->current()); });
    bindTab(tabs->current());
}

void WireInspectorDock::bindTab(RequestTab *tab)
{
    if (tab == m_tab)
        return;
    for (const QMetaObject::Connection &connection : std::as_const(m_tabConnections))
        disconnect(connection);
    m_tabConnections.clear();
    m_tab = tab;
    if (!tab)
        return;
    m_tabConnections = {
        connect(tab, &RequestTab::requestBytesChanged, this,
            [this](const QByteArray &bytes, const QString &type) {
                m_inspector->setBytes(WireInspector::Source::Request, bytes, type);
            }),
        connect(tab, &RequestTab::frameSelected, this,
            [this](const QByteArray &bytes, const QString &type) {
                m_inspector->setBytes(WireInspector::Source::Response, bytes, type);
                m_inspector->showSource(WireInspector::Source::Response);
            }),
        connect(tab, &RequestTab::callFinished, this, &WireInspectorDock::showLastResponse),
    };
    m_inspector->setBytes(WireInspector::Source::Request, tab->requestBytes(), tab->requestTypeName());
    showLastResponse();
}

void WireInspectorDock::showLastResponse()
{
    // A unary call lists no frames to pick from: its one response is the one to show.
    const FramesModel *frames = m_tab ? m_tab->frames() : nullptr;
    const QList<int> rows = frames ? frames->lastReceivedRows(1) : QList<int>();
    if (rows.isEmpty())
        return;
    const QByteArray bytes = frames->index(rows.first(), 0).data(FramesModel::BytesRole).toByteArray();
    m_inspector->setBytes(WireInspector::Source::Response, bytes, frames->method().responseTypeName());
}

} // namespace wirescope
