#include "model/load/LoadTemplate.h"

#include <QRegularExpression>

namespace wirescope::LoadTemplate {

namespace {

const QRegularExpression &helper()
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(\{\{\s*(seq|randomInt)((?:\s+-?\d+)*)\s*\}\})"));
    return pattern;
}

// splitmix64: one well-mixed number per (call, place in the text).
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

QList<qint64> numbers(const QString &arguments)
{
    QList<qint64> values;
    for (const QString &word : arguments.split(u' ', Qt::SkipEmptyParts))
        values.append(word.toLongLong());
    return values;
}

} // namespace

bool holdsTemplates(const QString &text)
{
    return helper().match(text).hasMatch();
}

bool check(const QString &text, QString *error)
{
    auto it = helper().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QList<qint64> args = numbers(match.captured(2));
        const bool seq = match.captured(1) == QStringLiteral("seq");
        if ((seq && !args.isEmpty()) || (!seq && (args.size() != 2 || args.at(0) > args.at(1)))) {
            *error = QStringLiteral("%1: expected {{seq}} or {{randomInt LOW HIGH}} with LOW <= HIGH")
                         .arg(match.captured(0));
            return false;
        }
    }
    return true;
}

QString render(const QString &text, qint64 seq)
{
    QString out;
    qsizetype last = 0;
    quint64 place = 0;
    auto it = helper().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        last = match.capturedEnd();
        if (match.captured(1) == QStringLiteral("seq")) {
            out += QString::number(seq);
            continue;
        }
        const QList<qint64> args = numbers(match.captured(2));
        if (args.size() != 2 || args.at(0) > args.at(1)) {
            out += match.captured(0); // check() reports it
            continue;
        }
        const quint64 span = quint64(args.at(1) - args.at(0)) + 1;
        const quint64 draw = mix(quint64(seq) * 1000003ULL + ++place);
        out += QString::number(args.at(0) + qint64(span == 0 ? draw : draw % span));
    }
    out += QStringView(text).mid(last);
    return out;
}

QString mapOutside(const QString &text, const std::function<QString(const QString &)> &map)
{
    QString out;
    qsizetype last = 0;
    auto it = helper().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += map(text.mid(last, match.capturedStart() - last));
        out += match.captured(0);
        last = match.capturedEnd();
    }
    out += map(text.mid(last));
    return out;
}

} // namespace wirescope::LoadTemplate
