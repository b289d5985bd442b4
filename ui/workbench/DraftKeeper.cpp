// DraftKeeper: writing, forgetting and recovering the drafts of unsaved edits.

#include "ui/workbench/DraftKeeper.h"

#include "model/collection/CollectionSession.h"
#include "model/collection/DraftStore.h"
#include "ui/request/RequestTab.h"
#include "ui/request/RequestTabs.h"

#include <QPointer>
#include <QSet>
#include <QTimer>

namespace wirescope {

namespace {

constexpr int DraftIntervalMs = 3000;

QString draftScratchPrefix()
{
    return QStringLiteral("scratch#");
}

} // namespace

DraftKeeper::DraftKeeper(
    CollectionSession *collections, RequestTabs *tabs, RequestOf requestOf, QObject *parent)
    : QObject(parent)
    , m_collections(collections)
    , m_tabs(tabs)
    , m_requestOf(std::move(requestOf))
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(DraftIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &DraftKeeper::saveDrafts);
    m_timer->start();
    connect(m_tabs, &RequestTabs::closing, this, [this](RequestTab *tab) { forget(keyOf(tab)); });
}

QString DraftKeeper::keyOf(const RequestTab *tab) const
{
    return m_collections->draftKey(tab->originPath(), tab->scratchKey());
}

void DraftKeeper::forget(const QString &key)
{
    QString error;
    if (m_written.remove(key))
        m_collections->drafts()->remove(key, &error);
}

void DraftKeeper::saveDrafts()
{
    QSet<QString> live;
    QString error;
    for (RequestTab *tab : m_tabs->requests()) {
        const bool saved = !tab->originPath().isEmpty();
        if (saved && !tab->isModified())
            continue; // the collection's file holds it
        const QString key = keyOf(tab);
        live.insert(key);
        const SavedRequest request = m_requestOf(tab);
        const auto written = m_written.constFind(key);
        if (written != m_written.cend() && *written == request)
            continue;
        if (m_collections->drafts()->save(key, request, &error))
            m_written.insert(key, request);
        else
            Q_EMIT statusMessage(tr("Could not autosave: %1").arg(error), 10000);
    }
    for (auto it = m_written.begin(); it != m_written.end();) {
        if (live.contains(it.key())) {
            ++it;
            continue;
        }
        m_collections->drafts()->remove(it.key(), &error);
        it = m_written.erase(it);
    }
}

void DraftKeeper::discardDrafts()
{
    QString error;
    for (auto it = m_written.cbegin(); it != m_written.cend(); ++it)
        m_collections->drafts()->remove(it.key(), &error);
    m_written.clear();
}

// Each draft comes back in a tab, marked, with a way to drop it.
void DraftKeeper::recoverDrafts(const OpenSaved &openSaved)
{
    QStringList problems;
    const QList<DraftStore::Draft> drafts = m_collections->drafts()->drafts(&problems);
    for (const QString &problem : problems)
        Q_EMIT statusMessage(problem, 10000);
    const QString ownPrefix = m_collections->directory() + u'#';
    QString error;
    for (const DraftStore::Draft &draft : drafts) {
        m_collections->drafts()->remove(draft.key, &error);
        const QString origin = m_collections->collection() && draft.key.startsWith(ownPrefix)
            ? draft.key.mid(ownPrefix.size())
            : QString();
        RequestTab *tab = origin.isEmpty() ? nullptr : openSaved(origin);
        if (!tab && draft.key.startsWith(draftScratchPrefix())) {
            // The session may have restored this very tab already.
            for (RequestTab *open : m_tabs->requests()) {
                if (open->originPath().isEmpty() && open->methodName() == draft.request.method
                    && open->body() == draft.request.body)
                    tab = open;
            }
        }
        if (!tab)
            tab = m_tabs->newTab(draft.request.method, draft.request.body);
        const SavedRequest before = tab->request();
        tab->setRequest(draft.request);
        tab->showNotice(tr("Recovered unsaved edits from a session that ended unexpectedly."),
            {{tr("Discard Them"),
                 [this, tab = QPointer<RequestTab>(tab), before] {
                     if (!tab)
                         return;
                     if (tab->originPath().isEmpty() && before.body.isEmpty())
                         m_tabs->closeRequest(m_tabs->indexOf(tab));
                     else
                         tab->setRequest(tab->originPath().isEmpty() ? before : tab->savedRequest());
                 }},
                {tr("Keep"), {}}});
    }
    if (!drafts.isEmpty()) {
        Q_EMIT statusMessage(tr("Recovered %n unsaved request(s)", nullptr, int(drafts.size())), 10000);
        saveDrafts();
    }
}

} // namespace wirescope
