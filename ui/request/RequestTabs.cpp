#include "ui/request/RequestTabs.h"

#include "ui/workbench/Theme.h"

namespace wirescope {

RequestTabs::RequestTabs(RequestTab::ConnectionProvider provider, QWidget *parent)
    : QTabWidget(parent)
    , m_provider(std::move(provider))
{
    setObjectName(QStringLiteral("requestTabs"));
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    setUsesScrollButtons(true);
    setElideMode(Qt::ElideRight);
    setIconSize(Theme::badgeSize());
    connect(this, &QTabWidget::tabCloseRequested, this, &RequestTabs::closeRequest);
    connect(this, &QTabWidget::currentChanged, this, &RequestTabs::currentStateChanged);
}

RequestTab *RequestTabs::current() const
{
    return qobject_cast<RequestTab *>(currentWidget());
}

RequestTab *RequestTabs::tab(int index) const
{
    return qobject_cast<RequestTab *>(widget(index));
}

RequestTab *RequestTabs::openMethod(const QString &methodName)
{
    if (RequestTab *open = current(); open && open->methodName() == methodName)
        return open;
    for (int i = 0; i < count(); ++i) {
        if (tab(i)->methodName() == methodName) {
            setCurrentIndex(i);
            return tab(i);
        }
    }
    return newTab(methodName);
}

RequestTab *RequestTabs::findOrigin(const QString &path) const
{
    for (int i = 0; i < count(); ++i) {
        if (!path.isEmpty() && tab(i)->originPath() == path)
            return tab(i);
    }
    return nullptr;
}

QList<RequestTab *> RequestTabs::requests() const
{
    QList<RequestTab *> list;
    for (int i = 0; i < count(); ++i)
        list.append(tab(i));
    return list;
}

RequestTab *RequestTabs::newTab(const QString &methodName, const QString &body)
{
    auto *request = new RequestTab(methodName, m_provider, this);
    request->setRenderLimit(m_renderLimit);
    request->setVariableResolver(m_resolver);
    request->setSettings(m_settings);
    if (!body.isEmpty())
        request->setBody(body);
    request->setSchema(m_schema);
    connect(request, &RequestTab::stateChanged, this, [this, request] {
        updateTabLabel(request);
        if (request == current())
            Q_EMIT currentStateChanged();
    });
    connect(request, &RequestTab::callStarted, this, [this, request] { Q_EMIT callStarted(request); });
    connect(request, &RequestTab::callFinished, this,
        [this, request](const CallStatus &status) { Q_EMIT callFinished(request, status); });
    connect(request, &RequestTab::saveAsStubRequested, this,
        [this, request] { Q_EMIT saveAsStubRequested(request); });
    request->setLoadHistory(m_history);
    connect(request, &RequestTab::loadStarted, this, [this, request] { Q_EMIT loadStarted(request); });
    connect(request, &RequestTab::loadFinished, this,
        [this, request](const LoadReport &report) { Q_EMIT loadFinished(request, report); });
    const int index = addTab(request, request->title());
    updateTabLabel(request);
    setCurrentIndex(index);
    return request;
}

void RequestTabs::closeRequest(int index)
{
    RequestTab *request = tab(index);
    if (!request || (m_closeGuard && !m_closeGuard(request)))
        return;
    Q_EMIT closing(request);
    removeTab(index);
    request->deleteLater(); // deleting the tab cancels its call
}

void RequestTabs::setSchema(const SchemaPtr &schema)
{
    m_schema = schema;
    for (int i = 0; i < count(); ++i)
        tab(i)->setSchema(schema);
}

void RequestTabs::setVariableResolver(const RequestTab::VariableResolver &resolver)
{
    m_resolver = resolver;
    for (int i = 0; i < count(); ++i)
        tab(i)->setVariableResolver(resolver);
}

void RequestTabs::setSettings(Settings *settings)
{
    m_settings = settings;
    for (int i = 0; i < count(); ++i)
        tab(i)->setSettings(settings);
}

void RequestTabs::setHistory(const History *history)
{
    m_history = history;
    for (int i = 0; i < count(); ++i)
        tab(i)->setLoadHistory(history);
}

void RequestTabs::setRenderLimit(int messages)
{
    m_renderLimit = messages;
    for (int i = 0; i < count(); ++i)
        tab(i)->setRenderLimit(messages);
}

QList<Settings::OpenTab> RequestTabs::openTabs() const
{
    QList<Settings::OpenTab> tabs;
    for (int i = 0; i < count(); ++i)
        tabs.append({tab(i)->methodName(), tab(i)->request().body, tab(i)->originPath(), {}, {}, {}});
    return tabs;
}

void RequestTabs::updateTabLabel(RequestTab *request)
{
    const int index = indexOf(request);
    if (index < 0)
        return;
    QString text = request->title();
    if (request->isModified())
        text += u'*';
    if (request->isRunning())
        text += QStringLiteral(" \u25cf");
    setTabText(index, text);
    setTabToolTip(index,
        request->originPath().isEmpty()
            ? request->methodName()
            : tr("%1\nSaved as %2").arg(request->methodName(), request->originPath()));
    if (request->isResolved())
        setTabIcon(index, Theme::callKindIcon(request->kind()));
}

void RequestTabs::tabInserted(int index)
{
    QTabWidget::tabInserted(index);
    if (count() == 1)
        Q_EMIT emptyChanged(false);
}

void RequestTabs::tabRemoved(int index)
{
    QTabWidget::tabRemoved(index);
    if (count() == 0)
        Q_EMIT emptyChanged(true);
}

} // namespace wirescope
