#include "model/runner/RunReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamWriter>

#include <algorithm>

namespace wirescope {

namespace {

QString seconds(double ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3);
}

QString plural(qsizetype count, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? one : many);
}

// "OK (12 ms, 1 message)" or "NOT_FOUND: order 7 does not exist (3 ms, 0 messages)".
QString statusLine(const CallOutcome &outcome)
{
    QString line = outcome.codeName();
    if (!outcome.statusMessage.isEmpty())
        line += QStringLiteral(": ") + outcome.statusMessage;
    return line
        + QStringLiteral(" (%1, %2)")
              .arg(outcome.elapsedText(),
                  plural(outcome.messages.size(), QStringLiteral("message"), QStringLiteral("messages")));
}

// One testsuite: the requests of a folder, in the order they ran.
struct Suite {
    QString folder;
    QList<const RequestResult *> results;

    int errors() const
    {
        return int(std::count_if(
            results.cbegin(), results.cend(), [](const RequestResult *r) { return !r->outcome.sent; }));
    }
    int failures() const
    {
        return int(std::count_if(results.cbegin(), results.cend(),
            [](const RequestResult *r) { return r->outcome.sent && !r->passed(); }));
    }
    double elapsedMs() const
    {
        double total = 0;
        for (const RequestResult *result : results)
            total += result->outcome.elapsedMs;
        return total;
    }
};

QList<Suite> suitesOf(const QList<RequestResult> &results)
{
    QList<Suite> suites;
    for (const RequestResult &result : results) {
        const QString folder = result.folder();
        auto it = std::find_if(
            suites.begin(), suites.end(), [&folder](const Suite &s) { return s.folder == folder; });
        if (it == suites.end())
            it = suites.insert(suites.end(), Suite {folder, {}});
        it->results.append(&result);
    }
    return suites;
}

void writeCounts(QXmlStreamWriter &xml, qsizetype tests, int failures, int errors, double ms)
{
    xml.writeAttribute(QStringLiteral("tests"), QString::number(tests));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    xml.writeAttribute(QStringLiteral("time"), seconds(ms));
}

QString failureMessage(const CheckResult &check)
{
    return QStringLiteral("%1: expected %2, got %3").arg(check.name, check.expected, check.actual);
}

void writeTestCase(QXmlStreamWriter &xml, const RequestResult &result, const QString &className)
{
    xml.writeStartElement(QStringLiteral("testcase"));
    xml.writeAttribute(QStringLiteral("name"), result.name);
    xml.writeAttribute(QStringLiteral("classname"), className);
    xml.writeAttribute(QStringLiteral("file"), result.path);
    xml.writeAttribute(QStringLiteral("time"), seconds(result.outcome.elapsedMs));
    if (!result.outcome.sent) {
        xml.writeStartElement(QStringLiteral("error"));
        xml.writeAttribute(QStringLiteral("message"), result.outcome.failure);
        xml.writeAttribute(QStringLiteral("type"), QStringLiteral("not sent"));
        xml.writeEndElement();
    } else {
        for (const CheckResult &check : result.checks) {
            if (check.passed)
                continue;
            const QString message = failureMessage(check);
            xml.writeStartElement(QStringLiteral("failure"));
            xml.writeAttribute(QStringLiteral("message"), message);
            xml.writeAttribute(QStringLiteral("type"), QStringLiteral("assertion"));
            xml.writeCharacters(check.note.isEmpty() ? message : message + u'\n' + check.note);
            xml.writeEndElement();
        }
        xml.writeTextElement(QStringLiteral("system-out"), statusLine(result.outcome));
    }
    xml.writeEndElement(); // testcase
}

QJsonObject checkToJson(const CheckResult &check)
{
    return {{QStringLiteral("name"), check.name}, {QStringLiteral("passed"), check.passed},
        {QStringLiteral("expected"), check.expected}, {QStringLiteral("actual"), check.actual},
        {QStringLiteral("note"), check.note}};
}

QJsonObject resultToJson(const RequestResult &result)
{
    const CallOutcome &outcome = result.outcome;
    QJsonArray messages;
    for (const QJsonValue &message : outcome.messages)
        messages.append(message.isUndefined() ? QJsonValue(QJsonValue::Null) : message);
    QJsonArray checks;
    for (const CheckResult &check : result.checks)
        checks.append(checkToJson(check));
    QJsonObject captured;
    for (auto it = result.captured.cbegin(); it != result.captured.cend(); ++it)
        captured.insert(it.key(), it.value());
    return {{QStringLiteral("path"), result.path}, {QStringLiteral("name"), result.name},
        {QStringLiteral("method"), result.method}, {QStringLiteral("sent"), outcome.sent},
        {QStringLiteral("failure"), outcome.failure}, {QStringLiteral("status"), outcome.codeName()},
        {QStringLiteral("statusMessage"), outcome.statusMessage},
        {QStringLiteral("elapsedMs"), outcome.elapsedMs}, {QStringLiteral("passed"), result.passed()},
        {QStringLiteral("messages"), messages}, {QStringLiteral("checks"), checks},
        {QStringLiteral("captured"), captured}};
}

} // namespace

bool RequestResult::passed() const
{
    return outcome.sent && failedChecks() == 0;
}

int RequestResult::failedChecks() const
{
    return int(std::count_if(checks.cbegin(), checks.cend(), [](const CheckResult &c) { return !c.passed; }));
}

QString RequestResult::folder() const
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

int RunReport::passedCount() const
{
    return int(
        std::count_if(results.cbegin(), results.cend(), [](const RequestResult &r) { return r.passed(); }));
}

int RunReport::failedCount() const
{
    return int(results.size()) - passedCount();
}

QByteArray RunReport::toJUnit() const
{
    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), collection);
    const QList<Suite> suites = suitesOf(results);
    int failures = 0;
    int errors = 0;
    for (const Suite &suite : suites) {
        failures += suite.failures();
        errors += suite.errors();
    }
    writeCounts(xml, results.size(), failures, errors, elapsedMs);
    for (const Suite &suite : suites) {
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(
            QStringLiteral("name"), suite.folder.isEmpty() ? QStringLiteral("(root)") : suite.folder);
        writeCounts(xml, suite.results.size(), suite.failures(), suite.errors(), suite.elapsedMs());
        // CI tools group test cases by class name, so a folder reads like a package.
        const QString className
            = suite.folder.isEmpty() ? collection : QString(suite.folder).replace(u'/', u'.');
        for (const RequestResult *result : suite.results)
            writeTestCase(xml, *result, className);
        xml.writeEndElement(); // testsuite
    }
    xml.writeEndElement(); // testsuites
    xml.writeEndDocument();
    return bytes;
}

QByteArray RunReport::toJson() const
{
    QJsonArray requests;
    for (const RequestResult &result : results)
        requests.append(resultToJson(result));
    const QJsonObject object {{QStringLiteral("collection"), collection},
        {QStringLiteral("environment"), environment}, {QStringLiteral("elapsedMs"), elapsedMs},
        {QStringLiteral("passed"), passedCount()}, {QStringLiteral("failed"), failedCount()},
        {QStringLiteral("cancelled"), cancelled}, {QStringLiteral("requests"), requests}};
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QString RunReport::summary() const
{
    qsizetype checks = 0;
    qsizetype held = 0;
    for (const RequestResult &result : results) {
        checks += result.checks.size();
        held += result.checks.size() - result.failedChecks();
    }
    const QString checkText = checks == 0
        ? QStringLiteral("no checks")
        : QStringLiteral("%1 of %2 held")
              .arg(held)
              .arg(plural(checks, QStringLiteral("check"), QStringLiteral("checks")));
    QString text = QStringLiteral("%1: %2 passed, %3 failed; %4; %5 ms")
                       .arg(plural(results.size(), QStringLiteral("request"), QStringLiteral("requests")))
                       .arg(passedCount())
                       .arg(failedCount())
                       .arg(checkText)
                       .arg(elapsedMs);
    if (cancelled)
        text += QStringLiteral(" (stopped early)");
    return text;
}

} // namespace wirescope
