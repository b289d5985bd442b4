#include "ui/response/CallFramesDialog.h"

#include "model/frames/FramesModel.h"
#include "model/schema/MethodRef.h"
#include "ui/request/JsonEditor.h"
#include "ui/response/FramesPanel.h"

#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace wirescope {

CallFramesDialog::CallFramesDialog(const QString &title, const MethodRef &method, const CallEvents &events,
    const QList<QJsonValue> &messages, const QString &note, QWidget *parent)
    : QDialog(parent)
    , m_frames(new FramesModel(this))
{
    setObjectName(QStringLiteral("callFramesDialog"));
    setWindowTitle(title);
    resize(900, 640);
    m_frames->setMethod(method);
    m_frames->apply(events);

    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("callFramesTabs"));
    auto *panel = new FramesPanel(m_frames, tabs);
    panel->setObjectName(QStringLiteral("callFramesPanel"));
    tabs->addTab(panel, tr("Frames"));
    auto *json = new JsonEditor(tabs);
    json->setObjectName(QStringLiteral("callMessages"));
    json->setViewer(true);
    json->setText(messagesText(messages));
    tabs->addTab(json, tr("Messages (%1)").arg(messages.size()));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    if (!note.isEmpty()) {
        auto *label = new QLabel(note, this);
        label->setObjectName(QStringLiteral("callFramesNote"));
        label->setWordWrap(true);
        layout->addWidget(label);
    }
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
}

QString CallFramesDialog::messagesText(const QList<QJsonValue> &messages)
{
    QStringList parts;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonValue &message = messages.at(i);
        QString json;
        if (message.isObject())
            json = QString::fromUtf8(QJsonDocument(message.toObject()).toJson(QJsonDocument::Indented));
        else if (message.isArray())
            json = QString::fromUtf8(QJsonDocument(message.toArray()).toJson(QJsonDocument::Indented));
        else if (message.isUndefined())
            json = tr("// could not be decoded");
        else
            json = QString::fromUtf8(QJsonDocument(QJsonArray {message}).toJson(QJsonDocument::Compact))
                       .mid(1)
                       .chopped(1);
        parts.append(tr("// message %1\n").arg(i) + json.trimmed());
    }
    return parts.isEmpty() ? tr("// no response messages") : parts.join(QStringLiteral("\n\n"));
}

} // namespace wirescope
