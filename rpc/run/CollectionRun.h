#pragma once

#include "model/collection/Collection.h"
#include "model/request/RequestDraft.h"
#include "model/runner/RunReport.h"
#include "model/schema/Schema.h"
#include "model/schema/SchemaLoader.h"
#include "rpc/call/ChannelOptions.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace wirescope {

class CallRunner;
class Connection;
class SecretStore;

// Runs saved requests one after another, each as the app would send it (its target, schema
// source, TLS, metadata, every message of its body, deadline), checks each response against
// its "expect" and carries its "capture"d variables forward to the later requests. Never
// blocks the thread it lives on: schemas load on a worker thread, calls go through the
// same CallRunner as the request tab. The CLI's `run` and the Collection panel's runner
// both drive it.
class CollectionRun final : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString environment; // empty: the collection's default
        QMap<QString, QString> variables; // --var: over the environment's, under captures
        QMap<QString, QString> builtIns; // what the app provides ({{demo}}), under all of them
        bool updateSnapshots = false; // write NAME.snapshot.json instead of comparing
        bool bail = false; // stop at the first request that fails
        // Replaces every request's transport security when set (the CLI's TLS options).
        std::optional<SavedRequest::TlsProfile> tls;
        int maxReceiveBytes = 4 * 1024 * 1024;
        int reflectionTimeoutMs = 10000;
    };
    struct Item {
        QString path; // in the collection
        SavedRequest request; // as written in its file
    };

    // `directory` is the collection's folder (schema files and snapshots are found from
    // it); `secrets` may be null and must outlive the run.
    CollectionRun(const QString &directory, const CollectionSettings &settings, QList<Item> items,
        Options options, const SecretStore *secrets, QObject *parent = nullptr);
    ~CollectionRun() override;
    Q_DISABLE_COPY_MOVE(CollectionRun)

    // The requests of a collection under the given paths (request files or folders, in path
    // order); all of them when `paths` is empty. False with *error naming a path that is
    // neither.
    static bool select(
        const Collection &collection, const QStringList &paths, QList<Item> *items, QString *error);

    void start();
    // Stops after cancelling the call in flight; finished() follows with what ran.
    void cancel();
    bool isRunning() const { return m_running; }
    const RunReport &report() const { return m_report; }
    const QList<Item> &items() const { return m_items; }

Q_SIGNALS:
    void requestStarted(int index, const QString &path);
    // Each response message as it arrives, for a live view of the call.
    void callEvents(int index, const wirescope::CallEvents &events);
    void requestFinished(int index, const wirescope::RequestResult &result);
    void finished(const wirescope::RunReport &report);

private:
    void next();
    void runItem(int index, SavedRequest resolved, SchemaPtr schema, const QString &schemaError);
    void finishItem(RequestResult result);
    void fail(RequestResult result, const QString &why); // the request could not be sent
    void finishRun();
    QMap<QString, QString> variablesNow() const;
    RequestDraft draftFor(const SavedRequest &request) const;
    std::shared_ptr<Connection> connectionFor(const SavedRequest &resolved, QString *error);
    void onCallEvents(const CallEvents &events);
    void onCallFinished(const CallStatus &status);
    void checkSnapshot(const Item &item, RequestResult *result) const;

    QString m_directory;
    CollectionSettings m_settings;
    QList<Item> m_items;
    Options m_options;
    const SecretStore *m_secrets = nullptr;

    RunReport m_report;
    QMap<QString, QString> m_captured;
    QHash<QString, SchemaPtr> m_schemas; // by schema source (and target, for reflection)
    std::shared_ptr<LoadCancel> m_loadCancel; // the schema load in progress
    QList<std::shared_ptr<Connection>> m_connections;
    int m_index = -1;
    bool m_running = false;
    bool m_cancelled = false;
    QElapsedTimer m_clock;

    // The request in flight.
    CallRunner *m_runner = nullptr;
    RequestResult m_current;
    SchemaPtr m_currentSchema;
    const google::protobuf::Descriptor *m_responseType = nullptr;
    QObject *m_callContext = nullptr; // dropped with the call: late events go nowhere
};

} // namespace wirescope

Q_DECLARE_METATYPE(wirescope::RequestResult)
Q_DECLARE_METATYPE(wirescope::RunReport)
