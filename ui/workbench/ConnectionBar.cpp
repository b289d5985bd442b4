#include "ui/workbench/ConnectionBar.h"

#include "ui/workbench/Theme.h"
#include "ui/workbench/TlsDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>

namespace wirescope {

ConnectionBar::ConnectionBar(QWidget *parent)
    : QToolBar(tr("Connection"), parent)
    , m_target(new QComboBox(this))
    , m_tls(new QToolButton(this))
    , m_state(new QLabel(this))
{
    setObjectName(QStringLiteral("connectionBar"));
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *label = new QLabel(tr(" Target "), this);
    addWidget(label);
    m_target->setObjectName(QStringLiteral("targetEdit"));
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    m_target->setMinimumContentsLength(26);
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->lineEdit()->setPlaceholderText(tr("host:port"));
    m_target->setToolTip(tr("Server address (Ctrl+L); press Enter to connect"));
    label->setBuddy(m_target);
    addWidget(m_target);
    m_tls->setObjectName(QStringLiteral("tlsButton"));
    m_tls->setToolTip(tr("Transport security: plaintext, TLS or mutual TLS"));
    m_tls->setToolButtonStyle(Qt::ToolButtonTextOnly);
    addWidget(m_tls);
    m_tls->setAutoRaise(false); // a button, not a label: it opens the security settings
    QAction *connectAction = addAction(Theme::glyphIcon(Theme::Glyph::Connect), tr("Connect"));
    connectAction->setToolTip(tr("Connect to the target and load its schema through reflection"));
    m_state->setObjectName(QStringLiteral("channelState"));
    m_state->setTextFormat(Qt::RichText);
    m_state->setContentsMargins(8, 0, 8, 0);
    addWidget(m_state);
    addSeparator();

    connect(m_tls, &QToolButton::clicked, this, &ConnectionBar::editSecurity);
    connect(connectAction, &QAction::triggered, this, &ConnectionBar::requestConnect);
    connect(m_target->lineEdit(), &QLineEdit::returnPressed, this, &ConnectionBar::requestConnect);
    connect(m_target, &QComboBox::activated, this, &ConnectionBar::requestConnect);
    setOptions(m_options);
    setState(State::Idle);
}

ChannelOptions ConnectionBar::options() const
{
    ChannelOptions result = m_options;
    result.target = m_target->currentText().trimmed();
    return result;
}

void ConnectionBar::setOptions(const ChannelOptions &options)
{
    m_options = options;
    m_target->setEditText(options.target);
    m_tls->setText(TlsDialog::summary(options));
}

void ConnectionBar::setRecentTargets(const QStringList &targets)
{
    const QString text = m_target->currentText();
    m_target->clear();
    m_target->addItems(targets);
    m_target->setEditText(text);
}

void ConnectionBar::setState(State state, const QString &detail)
{
    QString text;
    QColor color;
    switch (state) {
    case State::Idle:
        text = tr("Idle");
        color = Theme::mutedTextColor();
        break;
    case State::Connecting:
        text = tr("Connecting\u2026");
        color = Theme::statusColor(4);
        break;
    case State::Ready:
        text = tr("Ready");
        color = Theme::statusColor(0);
        break;
    case State::TransientFailure:
        text = tr("Transient failure");
        color = Theme::errorColor();
        break;
    case State::Failed:
        text = tr("Failed");
        color = Theme::errorColor();
        break;
    }
    m_state->setText(
        QStringLiteral("<span style=\"color:%1\">\u25cf</span> %2").arg(color.name(QColor::HexArgb), text));
    m_state->setToolTip(detail.isEmpty() ? text : detail);
}

void ConnectionBar::focusTarget()
{
    m_target->setFocus();
    m_target->lineEdit()->selectAll();
}

void ConnectionBar::editSecurity()
{
    TlsDialog dialog(options(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ChannelOptions chosen = dialog.options();
    if (chosen == options())
        return;
    setOptions(chosen);
    requestConnect();
}

void ConnectionBar::requestConnect()
{
    if (!options().target.isEmpty())
        Q_EMIT connectRequested(options());
}

} // namespace wirescope
