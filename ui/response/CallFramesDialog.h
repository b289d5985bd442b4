#pragma once

#include "model/request/CallEvent.h"

#include <QDialog>
#include <QJsonValue>

namespace wirescope {

class FramesModel;
class MethodRef;

// One finished call's frames, away from any request tab: the frames panel (timeline, a
// row per event, each frame's JSON and bytes) over the call's own events, and its response
// messages as JSON. The run results open it for a request of a collection run, the mock
// panel for an incoming call.
class CallFramesDialog final : public QDialog {
    Q_OBJECT

public:
    // `method` decodes the frames (when it is not valid they show as bytes); `messages` are
    // the responses as the run decoded them; `note` (if any) is shown above, such as why
    // some frames are missing.
    CallFramesDialog(const QString &title, const MethodRef &method, const CallEvents &events,
        const QList<QJsonValue> &messages, const QString &note, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(CallFramesDialog)

    FramesModel *frames() const { return m_frames; }
    static QString messagesText(const QList<QJsonValue> &messages);

private:
    FramesModel *m_frames;
};

} // namespace wirescope
