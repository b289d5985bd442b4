#pragma once

#include <QWidget>

class QLabel;

namespace wirescope {

class MethodRef;

// The line above a request naming its method: the call kind's badge, the method's full
// name and its request and response types, or a note that the loaded schema lacks it.
// Its own widget so the request tab keeps to the call and its parts.
class MethodRow final : public QWidget {
    Q_OBJECT

public:
    explicit MethodRow(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(MethodRow)

    // `name` is shown as written when `method` did not resolve.
    void setMethod(const MethodRef &method, const QString &name);

private:
    QLabel *m_kindBadge;
    QLabel *m_methodLabel;
};

} // namespace wirescope
