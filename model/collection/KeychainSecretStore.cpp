#include "model/collection/KeychainSecretStore.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace wirescope {

namespace {

// Never written: reading it only asks whether a keychain answers.
const QString ProbeKey = QStringLiteral("wirescope-keychain-probe");

QString homeRelative(const QString &path)
{
    const QString home = QDir::homePath();
    if (!home.isEmpty() && home != QDir::rootPath() && path.startsWith(home + QLatin1Char('/')))
        return QStringLiteral("~") + path.mid(home.size());
    return QDir::toNativeSeparators(path);
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &fallbackDirectory, const QString &service)
    : m_service(service)
    , m_file(std::make_unique<FileSecretStore>(fallbackDirectory))
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

KeychainSecretStore::Outcome KeychainSecretStore::run(
    std::unique_ptr<QKeychain::Job> job, int timeoutMs) const
{
    Outcome outcome;
    if (!QCoreApplication::instance()) {
        outcome.error = QKeychain::OtherError;
        outcome.errorString = tr("the keychain needs a running application");
        return outcome;
    }
    job->setAutoDelete(false);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool finished = false;
    QObject::connect(job.get(), &QKeychain::Job::finished, &loop, [&finished, &loop] {
        finished = true;
        loop.quit();
    });
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    job->start(); // queued: finished cannot arrive before the loop runs
    timer.start(timeoutMs);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!finished) {
        // The backend may still call back into the job; let it go when it is done.
        QObject::disconnect(job.get(), nullptr, &loop, nullptr);
        job.release()->setAutoDelete(true);
        outcome.error = QKeychain::OtherError;
        outcome.timedOut = true;
        return outcome;
    }
    outcome.error = job->error();
    outcome.errorString = job->errorString();
    if (auto *reader = qobject_cast<QKeychain::ReadPasswordJob *>(job.get()))
        outcome.text = reader->textData();
    return outcome;
}

QString KeychainSecretStore::describeFailure(const Outcome &outcome) const
{
    if (outcome.timedOut)
        return tr("the system keychain did not answer in time");
    if (!outcome.errorString.isEmpty())
        return outcome.errorString;
    return tr("the system keychain failed (error %1)").arg(outcome.error);
}

void KeychainSecretStore::probe() const
{
    if (m_probed)
        return;
    m_probed = true;
    auto job = std::make_unique<QKeychain::ReadPasswordJob>(m_service);
    job->setKey(ProbeKey);
    const Outcome outcome = run(std::move(job), ProbeTimeoutMs);
    m_usesKeychain = outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound;
    m_problem
        = m_usesKeychain ? QString() : tr("no system keychain answered: %1").arg(describeFailure(outcome));
}

bool KeychainSecretStore::usesKeychain() const
{
    probe();
    return m_usesKeychain;
}

QString KeychainSecretStore::keychainProblem() const
{
    probe();
    return m_problem;
}

QString KeychainSecretStore::backendDescription() const
{
    if (usesKeychain())
        return tr("system keychain");
    return tr("file %1 (mode 0600)").arg(homeRelative(m_file->filePath()));
}

std::optional<QString> KeychainSecretStore::readKeychain(const QString &key, QString *error) const
{
    auto job = std::make_unique<QKeychain::ReadPasswordJob>(m_service);
    job->setKey(key);
    const Outcome outcome = run(std::move(job), TimeoutMs);
    if (outcome.error == QKeychain::NoError)
        return outcome.text;
    if (outcome.error != QKeychain::EntryNotFound)
        *error = QStringLiteral("%1: %2").arg(key, describeFailure(outcome));
    return std::nullopt;
}

bool KeychainSecretStore::writeKeychain(const QString &key, const QString &value, QString *error) const
{
    auto job = std::make_unique<QKeychain::WritePasswordJob>(m_service);
    job->setKey(key);
    job->setTextData(value);
    const Outcome outcome = run(std::move(job), TimeoutMs);
    if (outcome.error == QKeychain::NoError)
        return true;
    *error = QStringLiteral("%1: %2").arg(key, describeFailure(outcome));
    return false;
}

bool KeychainSecretStore::removeKeychain(const QString &key, QString *error) const
{
    auto job = std::make_unique<QKeychain::DeletePasswordJob>(m_service);
    job->setKey(key);
    const Outcome outcome = run(std::move(job), TimeoutMs);
    if (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound)
        return true;
    *error = QStringLiteral("%1: %2").arg(key, describeFailure(outcome));
    return false;
}

std::optional<QString> KeychainSecretStore::read(const QString &key, QString *error) const
{
    if (!usesKeychain())
        return m_file->read(key, error);
    QString keychainError;
    if (std::optional<QString> value = readKeychain(key, &keychainError))
        return value;
    if (!keychainError.isEmpty()) {
        *error = keychainError;
        return std::nullopt;
    }
    // Written to the file on a day the keychain did not answer: move it in now.
    QString fileError;
    const std::optional<QString> fromFile = m_file->read(key, &fileError);
    if (fromFile && writeKeychain(key, *fromFile, &fileError))
        m_file->remove(key, &fileError);
    return fromFile;
}

bool KeychainSecretStore::write(const QString &key, const QString &value, QString *error)
{
    if (!usesKeychain())
        return m_file->write(key, value, error);
    if (!writeKeychain(key, value, error))
        return false;
    // No older copy stays behind in plain text.
    QString fileError;
    if (QFile::exists(m_file->filePath()))
        m_file->remove(key, &fileError);
    return true;
}

bool KeychainSecretStore::remove(const QString &key, QString *error)
{
    if (!usesKeychain())
        return m_file->remove(key, error);
    // The file too, or the next read would bring its copy back into the keychain.
    return removeKeychain(key, error) && m_file->remove(key, error);
}

} // namespace wirescope
