#include "model/RequestBodyCheck.h"

namespace wirescope {

RequestBodyCheck RequestBodyCheck::run(const MethodRef &method, const QString &text, const QString &wireText)
{
    RequestBodyCheck check;
    check.wireText = wireText;
    check.typedDiffers = wireText != text;
    const QByteArray typed = text.toUtf8();
    check.ok
        = method.encodeRequest(check.typedDiffers ? wireText.toUtf8() : typed, &check.binary, &check.error);
    if (!check.typedDiffers) {
        check.typedOk = check.ok;
        check.typedBinary = check.binary;
        check.typedError = check.error;
    } else {
        check.typedOk = method.encodeRequest(typed, &check.typedBinary, &check.typedError);
    }
    if (!check.typedOk)
        check.where = JsonErrorLocation::locate(typed, check.typedError);
    return check;
}

} // namespace wirescope
