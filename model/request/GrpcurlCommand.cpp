#include "model/request/GrpcurlCommand.h"

#include <QHash>
#include <QSet>

#include <cmath>
#include <optional>

namespace wirescope::GrpcurlCommand {

namespace {

using Security = SavedRequest::TlsProfile::Security;
using Kind = SavedRequest::SchemaSourceRef::Kind;

enum class Flag {
    Data,
    Header,
    Plaintext,
    ImportPath,
    Proto,
    Protoset,
    CaCert,
    Cert,
    Key,
    Authority,
    MaxTime
};

const QHash<QString, Flag> &knownFlags()
{
    static const QHash<QString, Flag> flags {
        {QStringLiteral("d"), Flag::Data},
        {QStringLiteral("H"), Flag::Header},
        {QStringLiteral("plaintext"), Flag::Plaintext},
        {QStringLiteral("import-path"), Flag::ImportPath},
        {QStringLiteral("proto"), Flag::Proto},
        {QStringLiteral("protoset"), Flag::Protoset},
        {QStringLiteral("cacert"), Flag::CaCert},
        {QStringLiteral("cert"), Flag::Cert},
        {QStringLiteral("key"), Flag::Key},
        {QStringLiteral("authority"), Flag::Authority},
        {QStringLiteral("max-time"), Flag::MaxTime},
    };
    return flags;
}

// grpcurl flags a request has no place for: accepted, reported, dropped.
const QSet<QString> &ignoredSwitches()
{
    static const QSet<QString> names {QStringLiteral("v"), QStringLiteral("vv"), QStringLiteral("insecure"),
        QStringLiteral("emit-defaults"), QStringLiteral("allow-unknown-fields"),
        QStringLiteral("format-error"), QStringLiteral("use-reflection"),
        QStringLiteral("keepalive-permit-without-stream"), QStringLiteral("alts")};
    return names;
}

const QSet<QString> &ignoredOptions()
{
    static const QSet<QString> names {QStringLiteral("format"), QStringLiteral("connect-timeout"),
        QStringLiteral("keepalive-time"), QStringLiteral("max-msg-sz"), QStringLiteral("rpc-header"),
        QStringLiteral("reflect-header"), QStringLiteral("user-agent"), QStringLiteral("servername"),
        QStringLiteral("expand-headers")};
    return names;
}

bool isSafeShellChar(QChar c)
{
    return c.isLetterOrNumber() || QStringView(u"@%_+=:,./-").contains(c);
}

QString formatSeconds(int ms)
{
    QString text = QString::number(ms / 1000.0, 'f', 3);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

void appendOption(QStringList *words, const char *flag, const QString &value)
{
    if (value.isEmpty())
        return;
    words->append(QLatin1Char('-') + QLatin1String(flag));
    words->append(value);
}

void appendSchemaAndTls(const SavedRequest &request, QStringList *words)
{
    const SavedRequest::TlsProfile &tls = request.tls;
    if (tls.security == Security::Plaintext)
        words->append(QStringLiteral("-plaintext"));
    appendOption(words, "cacert", tls.caFile);
    if (tls.security == Security::MutualTls) {
        appendOption(words, "cert", tls.certFile);
        appendOption(words, "key", tls.keyFile);
    }
    appendOption(words, "authority", tls.authority);
    const SavedRequest::SchemaSourceRef &schema = request.schema;
    if (schema.kind == Kind::ProtoFiles) {
        for (const QString &path : schema.importPaths)
            appendOption(words, "import-path", path);
        for (const QString &file : schema.protoFiles)
            appendOption(words, "proto", file);
    } else if (schema.kind == Kind::Protoset) {
        appendOption(words, "protoset", schema.protoset);
    }
}

} // namespace

QString shellQuote(const QString &word)
{
    if (!word.isEmpty() && std::all_of(word.cbegin(), word.cend(), isSafeShellChar))
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString toCommandLine(const SavedRequest &request, const QString &program)
{
    QStringList words {program};
    appendSchemaAndTls(request, &words);
    for (const SavedRequest::MetadataItem &item : request.metadata) {
        if (item.enabled)
            appendOption(&words, "H", item.key + QStringLiteral(": ") + item.value);
    }
    if (request.deadlineMs > 0)
        appendOption(&words, "max-time", formatSeconds(request.deadlineMs));
    appendOption(&words, "d", request.body);
    // A target or method that starts with '-' would read as a flag; "--" ends the flags,
    // for grpcurl (Go's flag package) as for parse().
    if (request.target.startsWith(QLatin1Char('-')) || request.method.startsWith(QLatin1Char('-')))
        words.append(QStringLiteral("--"));
    words.append(request.target);
    words.append(request.method);
    QStringList quoted;
    for (const QString &word : std::as_const(words))
        quoted.append(shellQuote(word));
    return quoted.join(QLatin1Char(' '));
}

namespace {

// Reads a "..." word body starting after the opening quote; returns the index of the
// closing quote, or -1 when there is none.
qsizetype readDoubleQuoted(const QString &line, qsizetype i, QString *word)
{
    for (; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('"'))
            return i;
        if (c == QLatin1Char('\\') && i + 1 < line.size()
            && QStringView(u"\"\\$`\n").contains(line.at(i + 1))) {
            ++i;
            if (line.at(i) != QLatin1Char('\n'))
                *word += line.at(i);
            continue;
        }
        *word += c;
    }
    return -1;
}

// A backslash outside quotes: escapes the next character, or joins lines when a line
// break follows. Returns the index of the last character it consumed.
qsizetype readEscape(const QString &line, qsizetype i, QString *word, bool *inWord)
{
    const QStringView rest = QStringView(line).mid(i + 1);
    if (rest.startsWith(u"\r\n"))
        return i + 2;
    if (rest.isEmpty())
        return i;
    if (rest.front() != QLatin1Char('\n')) {
        *word += rest.front();
        *inWord = true;
    }
    return i + 1;
}

struct ParseState {
    SavedRequest request;
    bool plaintext = false;
    bool clientCert = false;
    QStringList protosets;
    QStringList positional;
    QStringList warnings;
    QString error;
};

void applyHeader(const QString &header, ParseState *state)
{
    const qsizetype colon = header.indexOf(QLatin1Char(':'));
    const QString key = header.left(colon).trimmed();
    if (colon <= 0 || key.isEmpty()) {
        state->error = QStringLiteral("-H \"%1\" is not \"key: value\"").arg(header);
        return;
    }
    state->request.metadata.append({key, header.mid(colon + 1).trimmed(), true});
}

void applyMaxTime(const QString &value, ParseState *state)
{
    bool ok = false;
    const double seconds = value.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > 2e6) // toDouble takes "nan"
        state->error = QStringLiteral("-max-time \"%1\" is not a number of seconds").arg(value);
    else
        state->request.deadlineMs = int(std::lround(seconds * 1000));
}

void applyData(const QString &value, ParseState *state)
{
    if (value == QLatin1String("@"))
        state->error
            = QStringLiteral("-d @ reads the body from standard input; paste the body itself instead");
    else
        state->request.body = value;
}

void applyFlag(Flag flag, const QString &value, ParseState *state)
{
    SavedRequest &request = state->request;
    switch (flag) {
    case Flag::Data:
        applyData(value, state);
        break;
    case Flag::Header:
        applyHeader(value, state);
        break;
    case Flag::Plaintext:
        state->plaintext = value.isEmpty() || value == QLatin1String("true");
        break;
    case Flag::ImportPath:
        request.schema.importPaths.append(value);
        break;
    case Flag::Proto:
        request.schema.protoFiles.append(value);
        break;
    case Flag::Protoset:
        state->protosets.append(value);
        break;
    case Flag::CaCert:
        request.tls.caFile = value;
        break;
    case Flag::Cert:
        request.tls.certFile = value;
        state->clientCert = true;
        break;
    case Flag::Key:
        request.tls.keyFile = value;
        state->clientCert = true;
        break;
    case Flag::Authority:
        request.tls.authority = value;
        break;
    case Flag::MaxTime:
        applyMaxTime(value, state);
        break;
    }
}

// Handles the option at words[*i]; moves *i past a separate value.
void readOption(const QStringList &words, qsizetype *i, ParseState *state)
{
    QString name = words.at(*i).mid(words.at(*i).startsWith(QLatin1String("--")) ? 2 : 1);
    std::optional<QString> value;
    if (const qsizetype equals = name.indexOf(QLatin1Char('=')); equals > 0) {
        value = name.mid(equals + 1);
        name.truncate(equals);
    }
    const bool isSwitch = name == QLatin1String("plaintext") || ignoredSwitches().contains(name);
    const bool known = knownFlags().contains(name) || isSwitch || ignoredOptions().contains(name);
    if (!known) {
        state->error = QStringLiteral("unsupported flag -%1").arg(name);
        return;
    }
    if (!isSwitch && !value) {
        if (*i + 1 >= words.size()) {
            state->error = QStringLiteral("-%1 needs a value").arg(name);
            return;
        }
        value = words.at(++*i);
    }
    if (knownFlags().contains(name))
        applyFlag(knownFlags().value(name), value.value_or(QString()), state);
    else
        state->warnings.append(QStringLiteral("-%1 is not kept in a request").arg(name));
}

bool skipProgram(QStringList *words, QString *error)
{
    const QString program = words->isEmpty() ? QString() : words->first().section(QLatin1Char('/'), -1);
    if (program == QLatin1String("grpcurl") || program == QLatin1String("grpcurl.exe")) {
        words->removeFirst();
        return true;
    }
    if (program == QLatin1String("wirescope")) {
        words->removeFirst();
        if (!words->isEmpty() && words->first() == QLatin1String("call"))
            words->removeFirst();
        return true;
    }
    *error = QStringLiteral("expected a command starting with grpcurl or wirescope");
    return false;
}

QString normalizedMethod(QString method)
{
    if (method.startsWith(QLatin1Char('/')))
        method.remove(0, 1);
    if (!method.contains(QLatin1Char('/'))) {
        const qsizetype dot = method.lastIndexOf(QLatin1Char('.'));
        if (dot > 0)
            method[dot] = QLatin1Char('/');
    }
    return method;
}

void finish(ParseState *state, ParseResult *result)
{
    SavedRequest &request = state->request;
    // Normalized, as it would be kept: "/list" saved as "list" would copy out as grpcurl's verb.
    const QString verb = normalizedMethod(state->positional.value(1));
    if (verb == QLatin1String("list") || verb == QLatin1String("describe")) {
        result->error = QStringLiteral("grpcurl %1 is not a call; only calls become requests").arg(verb);
        return;
    }
    if (state->positional.size() != 2) {
        result->error = QStringLiteral("expected a TARGET and a METHOD, got %1 argument(s)")
                            .arg(state->positional.size());
        return;
    }
    request.target = state->positional.at(0);
    request.method = normalizedMethod(state->positional.at(1));
    request.name = request.method.section(QLatin1Char('/'), -1);
    request.tls.security = state->plaintext ? Security::Plaintext
        : state->clientCert                 ? Security::MutualTls
                                            : Security::Tls;
    if (!state->protosets.isEmpty() && !request.schema.protoFiles.isEmpty()) {
        result->error = QStringLiteral("use either -protoset or -proto, not both");
        return;
    }
    if (state->protosets.size() > 1)
        state->warnings.append(QStringLiteral("only the first -protoset is kept"));
    if (!state->protosets.isEmpty()) {
        request.schema.kind = Kind::Protoset;
        request.schema.protoset = state->protosets.first();
    } else if (!request.schema.protoFiles.isEmpty() || !request.schema.importPaths.isEmpty()) {
        request.schema.kind = Kind::ProtoFiles;
    }
    result->ok = true;
    result->request = request;
    result->warnings = state->warnings;
}

} // namespace

bool splitShellWords(const QString &line, QStringList *words, QString *error)
{
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('\'')) {
            const qsizetype end = line.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0) {
                *error = QStringLiteral("unterminated single quote");
                return false;
            }
            word += QStringView(line).mid(i + 1, end - i - 1);
            inWord = true;
            i = end;
        } else if (c == QLatin1Char('"')) {
            i = readDoubleQuoted(line, i + 1, &word);
            if (i < 0) {
                *error = QStringLiteral("unterminated double quote");
                return false;
            }
            inWord = true;
        } else if (c == QLatin1Char('\\')) {
            i = readEscape(line, i, &word, &inWord);
        } else if (c.isSpace()) {
            if (inWord)
                words->append(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words->append(word);
    return true;
}

ParseResult parse(const QString &commandLine)
{
    ParseResult result;
    QStringList words;
    if (!splitShellWords(commandLine, &words, &result.error) || !skipProgram(&words, &result.error))
        return result;
    ParseState state;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < words.size() && state.error.isEmpty(); ++i) {
        const QString &word = words.at(i);
        if (word == QLatin1String("--") && !optionsEnded)
            optionsEnded = true;
        else if (!optionsEnded && word.size() > 1 && word.startsWith(QLatin1Char('-')))
            readOption(words, &i, &state);
        else
            state.positional.append(word);
    }
    if (!state.error.isEmpty()) {
        result.error = state.error;
        return result;
    }
    finish(&state, &result);
    return result;
}

} // namespace wirescope::GrpcurlCommand
