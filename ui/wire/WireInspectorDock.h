#pragma once

#include "model/schema/Schema.h"

#include <QDockWidget>
#include <QList>
#include <QPointer>

namespace wirescope {

class RequestTab;
class RequestTabs;
class WireInspector;

// The "Wire Inspector" dock (View menu, Ctrl+Shift+I): the inspector, fed by whichever
// request tab is current — its body as it is typed, the frame selected in its response,
// and the last response when a call ends.
class WireInspectorDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit WireInspectorDock(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(WireInspectorDock)

    WireInspector *inspector() const { return m_inspector; }
    void setSchema(const SchemaPtr &schema);
    void followRequests(RequestTabs *tabs);

private:
    void bindTab(RequestTab *tab);
    void showLastResponse();

    WireInspector *m_inspector;
    QPointer<RequestTab> m_tab;
    QList<QMetaObject::Connection> m_tabConnections;
};

} // namespace wirescope
