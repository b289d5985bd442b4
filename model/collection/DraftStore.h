#pragma once

#include "model/request/SavedRequest.h"

namespace wirescope {

// Unsaved edits, kept aside so a crash or a kill loses nothing: the UI saves a request's
// draft every few seconds while it has unsaved changes and removes it once the request is
// saved or the edit is dropped. Drafts still here at the next launch are what to offer
// back. One small file per draft, written atomically, in a folder passed in (the app
// uses its data folder, never the collection: drafts are not meant for git).
class DraftStore final {
public:
    struct Draft {
        QString key; // who the draft belongs to, e.g. "<collection dir>#<request path>"
        SavedRequest request;
    };

    explicit DraftStore(const QString &directory);
    Q_DISABLE_COPY_MOVE(DraftStore)

    static QString defaultDirectory(); // QStandardPaths::AppDataLocation + "/drafts"

    bool save(const QString &key, const SavedRequest &request, QString *error);
    bool remove(const QString &key, QString *error);
    // Every readable draft, by key; unreadable ones are listed in *problems and left alone.
    QList<Draft> drafts(QStringList *problems = nullptr) const;
    // Whether there is a draft to recover, without reading one.
    bool isEmpty() const;

private:
    QString fileFor(const QString &key) const;

    QString m_directory;
};

} // namespace wirescope
