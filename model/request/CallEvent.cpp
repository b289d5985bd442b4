#include "model/request/CallEvent.h"

#include <array>

namespace wirescope {

namespace {

constexpr std::array<const char *, 17> codeNames = {
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
};

} // namespace

QString CallStatus::codeName() const
{
    return code < 0 ? QStringLiteral("RUNNING") : statusCodeName(code);
}

QString statusCodeName(int code)
{
    if (code >= 0 && code < int(codeNames.size()))
        return QString::fromLatin1(codeNames[size_t(code)]);
    return QStringLiteral("CODE_%1").arg(code);
}

int statusCodeFromName(const QString &name)
{
    bool isNumber = false;
    const int number = name.toInt(&isNumber);
    if (isNumber)
        return number;
    for (size_t i = 0; i < codeNames.size(); ++i) {
        if (name.compare(QLatin1String(codeNames[i]), Qt::CaseInsensitive) == 0)
            return int(i);
    }
    return -1;
}

} // namespace wirescope
