#include "model/load/LoadPlan.h"

#include <cmath>
#include <limits>

namespace wirescope {

namespace {

constexpr double NanosPerSecond = 1e9;

double unitNanos(QStringView unit)
{
    if (unit == u"ns")
        return 1;
    if (unit == u"us" || unit == u"\u00b5s" || unit == u"\u03bcs")
        return 1e3;
    if (unit == u"ms")
        return 1e6;
    if (unit == u"s")
        return 1e9;
    if (unit == u"m")
        return 60e9;
    if (unit == u"h")
        return 3600e9;
    return 0;
}

QString examples()
{
    return QStringLiteral("e.g. 10s, 500ms, 2m or 1h");
}

} // namespace

qint64 LoadPlan::intendedStart(qint64 index) const
{
    if (!isOpen() || index <= 0)
        return 0;
    const double i = double(index);
    const double rampSeconds = double(rampNanos) / NanosPerSecond;
    // The calls the ramp holds: the area under a rate rising from 0 to rps.
    const double rampCalls = rps * rampSeconds / 2;
    double seconds = 0;
    if (rampNanos > 0 && i < rampCalls)
        seconds = std::sqrt(2 * rampSeconds * i / rps); // i = rps * t^2 / (2 * ramp)
    else
        seconds = rampSeconds + (i - (rampNanos > 0 ? rampCalls : 0)) / rps;
    return qint64(std::llround(seconds * NanosPerSecond));
}

double LoadPlan::scheduledBy(qint64 nanos) const
{
    const double t = double(nanos) / NanosPerSecond;
    const double rampSeconds = double(rampNanos) / NanosPerSecond;
    if (rampNanos > 0 && t < rampSeconds)
        return rps * t * t / (2 * rampSeconds);
    return rps * rampSeconds / 2 + rps * (t - rampSeconds);
}

qint64 LoadPlan::plannedCalls() const
{
    qint64 bound = -1;
    if (isOpen() && durationNanos > 0) {
        // Calls due strictly before the end: call k starts when k calls are due.
        bound = qint64(std::ceil(scheduledBy(durationNanos) - 1e-6));
    }
    if (total > 0)
        bound = bound < 0 ? total : std::min(bound, total);
    return bound;
}

QString LoadPlan::problem() const
{
    if (rps < 0 || !std::isfinite(rps))
        return QStringLiteral("--rps must be a positive number of calls per second");
    if (!isOpen() && concurrency < 1)
        return QStringLiteral("--concurrency must be at least 1");
    if (connections < 1)
        return QStringLiteral("--connections must be at least 1");
    if (isOpen() && maxInFlight < 1)
        return QStringLiteral("at least one call must be allowed in flight");
    if (rampNanos > 0 && !isOpen())
        return QStringLiteral("--ramp raises a rate: it needs --rps");
    if (durationNanos <= 0 && total <= 0)
        return QStringLiteral("give --duration or --total to end the run");
    return {};
}

bool LoadPlan::parseDuration(const QString &given, qint64 *nanos, QString *error)
{
    const QString text = given.trimmed();
    if (text.isEmpty()) {
        *error = QStringLiteral("no duration given (%1)").arg(examples());
        return false;
    }
    if (text.startsWith(u'-')) {
        *error = QStringLiteral("\"%1\": a duration cannot be negative").arg(text);
        return false;
    }
    double sum = 0;
    qsizetype at = 0;
    while (at < text.size()) {
        const qsizetype numberStart = at;
        while (at < text.size() && (text.at(at).isDigit() || text.at(at) == u'.'))
            ++at;
        bool ok = false;
        const double number = text.mid(numberStart, at - numberStart).toDouble(&ok);
        if (!ok) {
            *error = QStringLiteral("\"%1\" is not a duration (%2)").arg(text, examples());
            return false;
        }
        const qsizetype unitStart = at;
        while (at < text.size() && !text.at(at).isDigit() && text.at(at) != u'.')
            ++at;
        const QString unit = text.mid(unitStart, at - unitStart).trimmed();
        if (unit.isEmpty()) {
            const QString bare = text.mid(numberStart, unitStart - numberStart);
            *error
                = QStringLiteral("\"%1\" has no unit after %2: write %2s, %2ms, %2m or %2h").arg(text, bare);
            return false;
        }
        const double scale = unitNanos(unit);
        if (scale == 0) {
            *error
                = QStringLiteral("unknown unit \"%1\" in \"%2\" (use ns, us, ms, s, m or h)").arg(unit, text);
            return false;
        }
        sum += number * scale;
    }
    if (!std::isfinite(sum) || sum >= double(std::numeric_limits<qint64>::max() / 2)) {
        *error = QStringLiteral("\"%1\" is too long a duration").arg(text);
        return false;
    }
    *nanos = qint64(std::llround(sum));
    return true;
}

QString LoadPlan::durationText(qint64 nanos)
{
    const double value = double(nanos);
    if (nanos < 1000)
        return QStringLiteral("%1 ns").arg(nanos);
    if (nanos < 1000000)
        return QStringLiteral("%1 \u00b5s").arg(value / 1e3, 0, 'f', value < 1e4 ? 2 : 1);
    if (nanos < 1000000000)
        return QStringLiteral("%1 ms").arg(value / 1e6, 0, 'f', 2);
    return QStringLiteral("%1 s").arg(value / 1e9, 0, 'f', 2);
}

} // namespace wirescope
