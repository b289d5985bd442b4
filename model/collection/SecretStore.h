#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace wirescope {

// Where secret variable values (tokens, passwords) live, so that they are never written
// into a collection's files: a collection only names its secrets. Keys are opaque strings;
// see secretKey() for how collections build them. A keychain-backed implementation
// (QtKeychain) belongs with the GUI; FileSecretStore is the fallback when no keychain
// service runs, and what tests use.
class SecretStore {
public:
    SecretStore() = default;
    virtual ~SecretStore() = default;
    Q_DISABLE_COPY_MOVE(SecretStore)

    // nullopt when the key holds nothing; *error is set only when the store failed.
    virtual std::optional<QString> read(const QString &key, QString *error) const = 0;
    virtual bool write(const QString &key, const QString &value, QString *error) = 0;
    virtual bool remove(const QString &key, QString *error) = 0;

    // "<collection id>/<environment>/<variable>": unique per machine across collections.
    static QString secretKey(const QString &collectionId, const QString &environment, const QString &name);
};

// Secrets in one JSON file readable only by its owner (mode 0600, also while saving), saved
// atomically. The file is read on every call, so two windows never overwrite each other's
// newer secrets with a stale copy.
class FileSecretStore final : public SecretStore {
public:
    // `directory` is created when the first secret is written.
    explicit FileSecretStore(const QString &directory);
    Q_DISABLE_COPY_MOVE(FileSecretStore)

    // The user's config folder (QStandardPaths::AppConfigLocation); the one place this
    // class asks QStandardPaths, for the app to pass in.
    static QString defaultDirectory();
    QString filePath() const { return m_filePath; }

    std::optional<QString> read(const QString &key, QString *error) const override;
    bool write(const QString &key, const QString &value, QString *error) override;
    bool remove(const QString &key, QString *error) override;

private:
    bool load(QJsonObject *secrets, QString *error) const;
    bool store(const QJsonObject &secrets, QString *error);

    QString m_directory;
    QString m_filePath;
};

} // namespace wirescope
