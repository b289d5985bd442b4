#pragma once

#include "rpc/call/ChannelOptions.h"

#include <QToolBar>

class QComboBox;
class QLabel;
class QToolButton;

namespace wirescope {

// The toolbar that says where calls go: the target (with recent targets), the transport
// security, and how the channel is doing. Schema actions are added after it by the window.
class ConnectionBar final : public QToolBar {
    Q_OBJECT

public:
    // gRPC's connectivity state of the channel, plus Failed when it could not be created.
    enum class State { Idle, Connecting, Ready, TransientFailure, Failed };

    explicit ConnectionBar(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConnectionBar)

    ChannelOptions options() const;
    void setOptions(const ChannelOptions &options);
    void setRecentTargets(const QStringList &targets);
    void setState(State state, const QString &detail = {});
    void focusTarget();

Q_SIGNALS:
    void connectRequested(const wirescope::ChannelOptions &options);

private:
    void editSecurity();
    void requestConnect();

    ChannelOptions m_options;
    QComboBox *m_target = nullptr;
    QToolButton *m_tls = nullptr;
    QLabel *m_state = nullptr;
};

} // namespace wirescope
