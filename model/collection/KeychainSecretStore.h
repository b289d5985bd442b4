#pragma once

#include "model/collection/SecretStore.h"

#include <QCoreApplication>

#include <memory>

namespace QKeychain {
class Job;
}

namespace wirescope {

// Secrets in the system keychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Store, through QtKeychain), under the service "Wirescope" and the keys
// SecretStore::secretKey builds. Where no keychain answers (no D-Bus session, no secret
// service: CI machines, containers, minimal desktops) it uses a FileSecretStore (mode 0600)
// in the folder it was given instead, and says so through usesKeychain() and
// backendDescription().
//
// SecretStore is synchronous and QtKeychain is not, so each call starts its job and waits
// for it in a local QEventLoop, up to a timeout. A job that times out is not deleted under
// the backend, which may still call back into it; it is left to delete itself when it ends.
// Use it from one thread only (QtKeychain queues its jobs on the thread that first used
// it): the window keeps it on a thread of its own behind an AsyncSecretStore, so the GUI
// never waits for a keychain; the command line uses it directly.
//
// Which backend serves is decided on first use rather than in the constructor, so creating
// the store never delays the window: the first call reads a key that is never written; an
// answer of "not found" proves a working keychain, any error or no answer within
// ProbeTimeoutMs means the file. The decision holds for the store's lifetime: secrets never
// silently move between the two. A secret found only in the file while the keychain serves
// (written on a day it did not) is moved into the keychain when read.
class KeychainSecretStore final : public SecretStore {
    Q_DECLARE_TR_FUNCTIONS(KeychainSecretStore)

public:
    static constexpr int ProbeTimeoutMs = 30000; // long enough to type a wallet's password
    static constexpr int TimeoutMs = 60000;

    static QString defaultService() { return QStringLiteral("Wirescope"); }

    // `fallbackDirectory`: where the file goes when no keychain answers, in the app
    // FileSecretStore::defaultDirectory(). `service` names the keychain entries' owner.
    explicit KeychainSecretStore(const QString &fallbackDirectory, const QString &service = defaultService());
    ~KeychainSecretStore() override;
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

    bool usesKeychain() const;
    // "system keychain", or "file ~/.config/Wirescope/secrets.json (mode 0600)", for the UI.
    QString backendDescription() const;
    // Why the keychain is not used (its error); empty while it is.
    QString keychainProblem() const;
    QString service() const { return m_service; }

    std::optional<QString> read(const QString &key, QString *error) const override;
    bool write(const QString &key, const QString &value, QString *error) override;
    bool remove(const QString &key, QString *error) override;

private:
    struct Outcome {
        int error = 0; // QKeychain::Error
        QString errorString;
        QString text; // what a read job found
        bool timedOut = false;
    };

    void probe() const;
    Outcome run(std::unique_ptr<QKeychain::Job> job, int timeoutMs) const;
    std::optional<QString> readKeychain(const QString &key, QString *error) const;
    bool writeKeychain(const QString &key, const QString &value, QString *error) const;
    bool removeKeychain(const QString &key, QString *error) const;
    QString describeFailure(const Outcome &outcome) const;

    QString m_service;
    std::unique_ptr<FileSecretStore> m_file;
    mutable bool m_probed = false;
    mutable bool m_usesKeychain = false;
    mutable QString m_problem;
};

} // namespace wirescope
