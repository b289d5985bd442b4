#pragma once

#include "rpc/call/ChannelOptions.h"

#include <QDialog>

class QButtonGroup;
class QFormLayout;
class QLineEdit;

namespace wirescope {

// Transport security for the connection: plaintext, TLS (optionally with a private CA) or
// mutual TLS (client certificate and key), plus an authority override. Edits the security
// part of a ChannelOptions; the target is left alone.
class TlsDialog final : public QDialog {
    Q_OBJECT

public:
    explicit TlsDialog(const ChannelOptions &options, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TlsDialog)

    ChannelOptions options() const;
    static QString summary(const ChannelOptions &options); // "Plaintext", "TLS", "mTLS"

private:
    QLineEdit *addFileRow(QFormLayout *form, const QString &label, const QString &filter);
    void updateEnabled();
    void accept() override;

    ChannelOptions m_options;
    QButtonGroup *m_security = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLineEdit *m_certFile = nullptr;
    QLineEdit *m_keyFile = nullptr;
    QLineEdit *m_authority = nullptr;
};

} // namespace wirescope
