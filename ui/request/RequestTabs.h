#pragma once

#include "model/core/Settings.h"
#include "model/load/LoadReport.h"
#include "model/request/CallEvent.h"
#include "model/schema/Schema.h"
#include "ui/request/RequestTab.h"

#include <QTabWidget>

namespace wirescope {

class History;

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
    // The tab editing the saved request at `path` in the open collection, if any.
    RequestTab *findOrigin(const QString &path) const;
    QList<RequestTab *> requests() const;
    // How every tab, present and future, resolves {{variables}}.
    void setVariableResolver(const RequestTab::VariableResolver &resolver);
    // Closes the tab unless the close guard (asking to save, say) says to keep it.
    void closeRequest(int index);
    void setCloseGuard(std::function<bool(RequestTab *)> guard) { m_closeGuard = std::move(guard); }

    void setSchema(const SchemaPtr &schema);
    void setRenderLimit(int messages);
    void setSettings(Settings *settings); // what every tab reads and keeps (keep-last-N frames)
    // Where every tab's Load page finds the earlier runs it can compare with; not owned.
    void setHistory(const History *history);
    QList<Settings::OpenTab> openTabs() const;

Q_SIGNALS:
    // The current tab changed, or its call started, ended or half-closed.
    void currentStateChanged();
    void callStarted(wirescope::RequestTab *tab);
    void callFinished(wirescope::RequestTab *tab, const wirescope::CallStatus &status);
    // A tab's load run took its snapshot and is about to connect; and it ended.
    void loadStarted(wirescope::RequestTab *tab);
    void loadFinished(wirescope::RequestTab *tab, const wirescope::LoadReport &report);
    void emptyChanged(bool empty);
    // A tab is about to close for good.
    void closing(wirescope::RequestTab *tab);
    // "Save Response as Stub…" in a tab's response.
    void saveAsStubRequested(wirescope::RequestTab *tab);

protected:
    void tabInserted(int index) override;
    void tabRemoved(int index) override;

private:
    void updateTabLabel(RequestTab *tab);

    RequestTab::ConnectionProvider m_provider;
    SchemaPtr m_schema;
    int m_renderLimit = 50;
    RequestTab::VariableResolver m_resolver;
    Settings *m_settings = nullptr;
    const History *m_history = nullptr;
    std::function<bool(RequestTab *)> m_closeGuard;
};

} // namespace wirescope
