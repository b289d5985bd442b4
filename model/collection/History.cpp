#include "model/collection/History.h"

#include "model/collection/CollectionFormat.h"
#include "model/collection/Environment.h"
#include "model/core/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace wirescope {

namespace {

QByteArray toLine(const HistoryEntry &entry)
{
    QJsonObject object = entry.toJson();
    object.insert(QStringLiteral("formatVersion"), CollectionFormat::Version);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QString haystack(const HistoryEntry &entry)
{
    const SavedRequest &request = entry.request;
    return QStringList {request.name, request.method, request.target, entry.resolvedTarget, entry.status,
        request.body, entry.responseSummary}
        .join(QLatin1Char('\n'));
}

// A load run's error messages may echo what the server was sent.
void redactErrors(QMap<QString, qint64> *errors, const QString &value, const QString &name)
{
    QMap<QString, qint64> redacted;
    for (auto it = errors->constBegin(); it != errors->constEnd(); ++it) {
        QString key = it.key();
        redacted[key.replace(value, QStringLiteral("{{%1}}").arg(name))] += it.value();
    }
    *errors = redacted;
}

} // namespace

QJsonObject HistoryEntry::toJson() const
{
    QJsonObject object {{QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("request"), request.toJson()}, {QStringLiteral("resolvedTarget"), resolvedTarget},
        {QStringLiteral("status"), status}, {QStringLiteral("elapsedMs"), double(elapsedMs)},
        {QStringLiteral("responseSummary"), responseSummary}};
    if (bodyOmittedChars > 0)
        object.insert(QStringLiteral("bodyOmittedChars"), double(bodyOmittedChars));
    if (!response.isEmpty())
        object.insert(QStringLiteral("response"), response);
    if (load)
        object.insert(QStringLiteral("load"), load->toJson());
    return object;
}

bool HistoryEntry::fromJson(const QJsonObject &object, HistoryEntry *entry, QString *error)
{
    JsonFields fields(object);
    HistoryEntry result;
    result.time = QDateTime::fromString(fields.string(QStringLiteral("time")), Qt::ISODateWithMs);
    if (fields.ok() && !result.time.isValid())
        fields.fail(QStringLiteral("\"time\" is not a date"));
    result.resolvedTarget = fields.string(QStringLiteral("resolvedTarget"));
    result.status = fields.string(QStringLiteral("status"));
    result.elapsedMs = fields.integer(QStringLiteral("elapsedMs"));
    result.responseSummary = fields.string(QStringLiteral("responseSummary"));
    result.response = fields.string(QStringLiteral("response"));
    if (object.contains(QStringLiteral("bodyOmittedChars")))
        result.bodyOmittedChars = fields.integer(QStringLiteral("bodyOmittedChars"));
    // Only load runs have it: older lines and single calls load as they always did.
    if (object.contains(QStringLiteral("load"))) {
        const QJsonObject loadObject = fields.object(QStringLiteral("load"));
        LoadSummary load;
        QString loadError;
        if (fields.ok() && LoadSummary::fromJson(loadObject, &load, &loadError))
            result.load = load;
        else if (fields.ok())
            fields.fail(loadError);
    }
    QString requestError;
    if (fields.ok()
        && !SavedRequest::fromJson(fields.object(QStringLiteral("request")), QStringLiteral("request"),
            &result.request, &requestError))
        fields.fail(requestError);
    if (!fields.ok()) {
        *error = fields.error();
        return false;
    }
    *entry = result;
    return true;
}

QString HistoryEntry::summarize(const QString &response)
{
    QString text = response.simplified();
    if (text.size() > SummaryLength)
        text = text.left(SummaryLength - 1) + QChar(0x2026); // …
    return text;
}

void HistoryEntry::redactSecrets(const QList<QPair<QString, QString>> &secrets)
{
    for (const auto &[name, value] : secrets) {
        if (request.target.contains(QStringLiteral("{{"))
            && VariableScope::referencedNames(request.target).contains(name))
            resolvedTarget = request.target;
        // Values too short to be told from ordinary text ("1", "ok") are not searched for.
        constexpr qsizetype shortest = 4;
        if (value.size() >= shortest) {
            responseSummary.replace(value, QStringLiteral("{{%1}}").arg(name));
            response.replace(value, QStringLiteral("{{%1}}").arg(name));
            resolvedTarget.replace(value, QStringLiteral("{{%1}}").arg(name));
            if (load)
                redactErrors(&load->errors, value, name);
        }
    }
}

History::History(const QString &directory, int maxEntries)
    : m_directory(directory)
    , m_filePath(QDir(directory).filePath(QStringLiteral("history.jsonl")))
    , m_maxEntries(qMax(1, maxEntries))
{
}

QString History::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/history");
}

History::Contents History::read(const QString &filePath, int maxEntries)
{
    Contents contents;
    QFile file(filePath);
    if (!file.exists())
        return contents;
    if (!file.open(QIODevice::ReadOnly)) {
        contents.error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(filePath), file.errorString());
        return contents;
    }
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        ++contents.linesOnDisk;
        QJsonObject object;
        HistoryEntry entry;
        QString lineError;
        if (CollectionFormat::parse(line, filePath, &object, &lineError)
            && HistoryEntry::fromJson(object, &entry, &lineError))
            contents.entries.append(entry);
        else
            ++contents.skippedLines;
    }
    const int bound = qMax(1, maxEntries);
    if (contents.entries.size() > bound)
        contents.entries.remove(0, contents.entries.size() - bound);
    return contents;
}

bool History::adopt(Contents contents, QString *error)
{
    m_entries = std::move(contents.entries);
    m_linesOnDisk = contents.linesOnDisk;
    m_skippedLines = contents.skippedLines;
    m_loaded = true;
    if (contents.error.isEmpty())
        return true;
    *error = contents.error;
    return false;
}

bool History::load(QString *error)
{
    return adopt(read(m_filePath, m_maxEntries), error);
}

void History::trim()
{
    if (m_entries.size() > m_maxEntries)
        m_entries.remove(0, m_entries.size() - m_maxEntries);
}

bool History::appendLine(const QByteArray &line, QString *error)
{
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(m_directory));
        return false;
    }
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadWrite)) {
        *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(m_filePath), file.errorString());
        return false;
    }
    // What was sent, to where, is nobody else's business: readable by its owner only.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // A line torn by a crash must not swallow the next one.
    QByteArray data = line;
    if (file.size() > 0 && file.seek(file.size() - 1) && file.read(1) != "\n")
        data.prepend('\n');
    if (!file.seek(file.size()) || file.write(data) != data.size() || !file.flush()) {
        *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(m_filePath), file.errorString());
        return false;
    }
    return true;
}

bool History::compact(QString *error)
{
    QByteArray data;
    for (const HistoryEntry &entry : std::as_const(m_entries))
        data += toLine(entry);
    AtomicFile::Options ownerOnly;
    ownerOnly.ownerOnly = true;
    if (!AtomicFile::write(m_filePath, data, error, ownerOnly))
        return false;
    m_linesOnDisk = int(m_entries.size());
    return true;
}

bool History::append(HistoryEntry entry, QString *error)
{
    if (!m_loaded && !load(error))
        return false;
    if (entry.request.body.size() > HistoryEntry::MaxBodyChars) {
        entry.bodyOmittedChars = entry.request.body.size();
        entry.request.body.clear();
    }
    if (entry.response.size() > HistoryEntry::MaxBodyChars)
        entry.response.clear(); // its summary stays

    m_entries.append(entry);
    trim();
    if (!appendLine(toLine(entry), error))
        return false;
    ++m_linesOnDisk;
    // Rewriting on every call would make each send cost the whole file; letting the file
    // run half again past the bound keeps that cost rare.
    if (m_linesOnDisk > m_maxEntries + m_maxEntries / 2)
        return compact(error);
    return true;
}

bool History::clear(QString *error)
{
    m_entries.clear();
    m_skippedLines = 0;
    m_linesOnDisk = 0;
    m_loaded = true;
    if (!QFile::exists(m_filePath) || QFile::remove(m_filePath))
        return true;
    *error = QStringLiteral("%1: cannot delete").arg(QDir::toNativeSeparators(m_filePath));
    return false;
}

QList<HistoryEntry> History::search(const QString &text) const
{
    const QStringList words = searchWords(text);
    QList<HistoryEntry> found;
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (matches(*it, words))
            found.append(*it);
    }
    return found;
}

QStringList History::searchWords(const QString &text)
{
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

bool History::matches(const HistoryEntry &entry, const QStringList &words)
{
    if (words.isEmpty())
        return true;
    const QString hay = haystack(entry);
    return std::all_of(words.cbegin(), words.cend(),
        [&hay](const QString &word) { return hay.contains(word, Qt::CaseInsensitive); });
}

} // namespace wirescope
