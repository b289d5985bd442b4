#pragma once

#include "model/CallEvent.h"
#include "model/Schema.h"
#include "model/Settings.h"
#include "ui/RequestTab.h"

#include <QTabWidget>

namespace wirescope {

// The open requests, one closable tab each. Knows which method each tab is for, hands new
// schema snapshots to all of them, and saves and restores them (method and body).
class RequestTabs final : public QTabWidget {
    Q_OBJECT

public:
    explicit RequestTabs(RequestTab::ConnectionProvider provider, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(RequestTabs)

    RequestTab *current() const;
    RequestTab *tab(int index) const;
    // Switches to a tab of that method if one is open, else opens one.
    RequestTab *openMethod(const QString &methodName);
    RequestTab *newTab(const QString &methodName, const QString &body = {});
    void closeRequest(int index);

    void setSchema(const SchemaPtr &schema);
    void setRenderLimit(int messages);
    QList<Settings::OpenTab> openTabs() const;

Q_SIGNALS:
    // The current tab changed, or its call started, ended or half-closed.
    void currentStateChanged();
    void callFinished(const wirescope::CallStatus &status);
    void emptyChanged(bool empty);

protected:
    void tabInserted(int index) override;
    void tabRemoved(int index) override;

private:
    void updateTabLabel(RequestTab *tab);

    RequestTab::ConnectionProvider m_provider;
    SchemaPtr m_schema;
    int m_renderLimit = 50;
};

} // namespace wirescope
