// DraftKeeper: autosave of unsaved edits into the draft store, and their recovery at launch.

#pragma once

#include "model/request/SavedRequest.h"

#include <QHash>
#include <QObject>

#include <functional>

class QTimer;

namespace wirescope {

class CollectionSession;
class RequestTab;
class RequestTabs;

// Every few seconds each tab's unsaved edits go into the collection session's draft store,
// so a session that does not end cleanly loses nothing; drafts still there at the next launch
// come back in tabs. It remembers what the store holds to write only what changed.
class DraftKeeper final : public QObject {
    Q_OBJECT

public:
    // What a tab's draft holds: the request as the window would save it.
    using RequestOf = std::function<SavedRequest(RequestTab *tab)>;
    // Opens a saved request of the open collection in its tab; null when it has none.
    using OpenSaved = std::function<RequestTab *(const QString &path)>;

    DraftKeeper(
        CollectionSession *collections, RequestTabs *tabs, RequestOf requestOf, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DraftKeeper)

    // What the autosave timer does: every unsaved edit into the draft store.
    void saveDrafts();
    // A clean exit: the session keeps the tabs, the drafts go.
    void discardDrafts();
    // Drafts still on disk at launch are edits from a session that did not end cleanly.
    void recoverDrafts(const OpenSaved &openSaved);
    QString keyOf(const RequestTab *tab) const;
    // Drops the draft under key, if one was written (a closed tab, a request saved elsewhere).
    void forget(const QString &key);

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);

private:
    CollectionSession *m_collections;
    RequestTabs *m_tabs;
    RequestOf m_requestOf;
    QTimer *m_timer;
    QHash<QString, SavedRequest> m_written; // by draft key: what the store holds now
};

} // namespace wirescope
