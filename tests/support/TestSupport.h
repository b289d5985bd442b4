#pragma once

#include "model/request/CallRecord.h"
#include "rpc/call/ChannelOptions.h"
#include "rpc/call/Connection.h"
#include "rpc/demo/DemoServer.h"

#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

namespace wirescope::test {

QString dataPath(const QString &relative); // tests/data/...
QString buildDataPath(const QString &relative); // protosets made by protoc at build time

// Starts the demo server on a free loopback port, or fails the test.
std::unique_ptr<DemoServer> startDemo(const DemoServer::Options &options = {});
ChannelOptions plaintextTo(const DemoServer &server);

// A finished call's record: sends the messages, half-closes, waits for the status.
CallRecord runCall(
    Connection &connection, const CallSpec &spec, const QList<QByteArray> &messages, int timeoutMs = 20000);

// Loads the demo schema the way users would: from the .proto files on disk.
SchemaPtr demoSchema();
QByteArray encode(const Schema &schema, const QString &type, const QByteArray &json);
QByteArray decode(const Schema &schema, const QString &type, const QByteArray &bytes);

// A CA, a server certificate for localhost/127.0.0.1 and a client certificate, made with
// the openssl command into `dir`: ca.pem, server.pem, server.key, client.pem, client.key,
// other-ca.pem (a CA that signed nothing here).
bool makeCertificates(const QString &dir, QString *error);
QByteArray readFile(const QString &path);

// A collection written as a user (or git) would leave it: collection.json with one
// environment "local" holding `variables`, and request files in the format's own JSON.
void writeJson(const QString &path, const QJsonObject &object);
QJsonObject readJson(const QString &path);
void writeCollection(const QString &dir, const QJsonObject &variables);
// Every file under `from` copied to the same place under `to`, writable (a collection from
// resources/ made into one a test may change).
void copyTree(const QString &from, const QString &to);
// A request to `method` on {{target}}-style `target` by reflection, plaintext; `body` is a
// JSON object or the text of several messages; `more` adds or replaces keys ("expect",
// "capture", "metadata").
void writeRequest(const QString &file, const QString &target, const QString &method, const QJsonValue &body,
    const QJsonObject &more = {});

// One run of the wirescope binary, as a script would see it.
struct Run {
    int exitCode = -1; // -1: crashed or timed out
    QString out;
    QString err;
};
Run runWirescope(const QStringList &arguments, const QByteArray &input = {});
QString describeRun(const Run &run); // for failure messages

// The workbench started from the binary as a newcomer starts it: offscreen, on a fresh
// profile, with the startup probe on and its exit switch, so the app quits once usable. The
// probe's steps in the order written (each checked to be no earlier than the one before);
// `run` says how the process ended.
QStringList launchWorkbench(const QStringList &arguments, Run *run);

} // namespace wirescope::test
