#include "ui/workbench/TlsDialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace wirescope {

using Security = ChannelOptions::Security;

TlsDialog::TlsDialog(const ChannelOptions &options, QWidget *parent)
    : QDialog(parent)
    , m_options(options)
    , m_security(new QButtonGroup(this))
{
    setWindowTitle(tr("Transport Security"));
    setObjectName(QStringLiteral("tlsDialog"));
    auto *layout = new QVBoxLayout(this);
    const std::pair<Security, QString> choices[] = {
        {Security::Plaintext, tr("&Plaintext (no TLS)")},
        {Security::Tls, tr("&TLS \u2014 verify the server")},
        {Security::MutualTls, tr("&Mutual TLS \u2014 also present a client certificate")},
    };
    for (const auto &[security, text] : choices) {
        auto *radio = new QRadioButton(text, this);
        m_security->addButton(radio, int(security));
        layout->addWidget(radio);
        radio->setChecked(options.security == security);
    }
    auto *form = new QFormLayout;
    const QString pem = tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)");
    m_caFile = addFileRow(form, tr("CA certificate:"), pem);
    m_caFile->setPlaceholderText(tr("System roots"));
    m_certFile = addFileRow(form, tr("Client certificate:"), pem);
    m_keyFile = addFileRow(form, tr("Client key:"), pem);
    m_authority = new QLineEdit(options.authority, this);
    m_authority->setPlaceholderText(tr("Host name from the target"));
    form->addRow(tr("Authority override:"), m_authority);
    m_caFile->setText(options.caFile);
    m_certFile->setText(options.certFile);
    m_keyFile->setText(options.keyFile);
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &TlsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &TlsDialog::reject);
    connect(m_security, &QButtonGroup::idToggled, this, &TlsDialog::updateEnabled);
    updateEnabled();
    resize(520, sizeHint().height());
}

QLineEdit *TlsDialog::addFileRow(QFormLayout *form, const QString &label, const QString &filter)
{
    auto *edit = new QLineEdit(this);
    auto *browse = new QPushButton(tr("Browse\u2026"), this);
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    connect(browse, &QPushButton::clicked, this, [this, edit, label, filter] {
        const QString file
            = QFileDialog::getOpenFileName(this, label, QFileInfo(edit->text()).path(), filter);
        if (!file.isEmpty())
            edit->setText(file);
    });
    return edit;
}

void TlsDialog::updateEnabled()
{
    const auto security = Security(m_security->checkedId());
    const bool tls = security != Security::Plaintext;
    const bool mutual = security == Security::MutualTls;
    for (QLineEdit *edit : {m_caFile, m_authority})
        edit->setEnabled(tls);
    for (QLineEdit *edit : {m_certFile, m_keyFile})
        edit->setEnabled(mutual);
}

ChannelOptions TlsDialog::options() const
{
    ChannelOptions result = m_options;
    result.security = Security(m_security->checkedId());
    const bool tls = result.security != Security::Plaintext;
    const bool mutual = result.security == Security::MutualTls;
    result.caFile = tls ? m_caFile->text().trimmed() : QString();
    result.authority = tls ? m_authority->text().trimmed() : QString();
    result.certFile = mutual ? m_certFile->text().trimmed() : QString();
    result.keyFile = mutual ? m_keyFile->text().trimmed() : QString();
    return result;
}

void TlsDialog::accept()
{
    const ChannelOptions chosen = options();
    for (const QString &file : {chosen.caFile, chosen.certFile, chosen.keyFile}) {
        if (!file.isEmpty() && !QFileInfo(file).isReadable()) {
            QMessageBox::warning(this, windowTitle(), tr("Cannot read %1").arg(file));
            return;
        }
    }
    if (chosen.security == Security::MutualTls && (chosen.certFile.isEmpty() || chosen.keyFile.isEmpty())) {
        QMessageBox::warning(this, windowTitle(), tr("Mutual TLS needs a client certificate and its key."));
        return;
    }
    QDialog::accept();
}

QString TlsDialog::summary(const ChannelOptions &options)
{
    switch (options.security) {
    case Security::Plaintext:
        return tr("Plaintext");
    case Security::Tls:
        return tr("TLS");
    case Security::MutualTls:
        return tr("mTLS");
    }
    return {};
}

} // namespace wirescope
