// EnvironmentBar: the collection panel's environment row: which environment is active, and
// opening the Environments dialog once the secrets it shows have been read.
#include "ui/collection/EnvironmentBar.h"

#include "model/collection/AsyncSecretStore.h"
#include "model/collection/Collection.h"
#include "ui/collection/EnvironmentDialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include <algorithm>

namespace wirescope {

EnvironmentBar::EnvironmentBar(QWidget *parent)
    : QWidget(parent)
    , m_environments(new QComboBox(this))
{
    setObjectName(QStringLiteral("environmentBar"));
    m_environments->setObjectName(QStringLiteral("environmentCombo"));
    m_environments->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_environments->setMinimumContentsLength(8);
    auto *label = new QLabel(tr("&Environment:"), this);
    label->setBuddy(m_environments);
    auto *edit = new QPushButton(tr("Edit…"), this);
    edit->setObjectName(QStringLiteral("editEnvironmentsButton"));
    edit->setToolTip(tr("Edit environments: their variables and secrets"));
    connect(m_environments, &QComboBox::currentIndexChanged, this,
        [this](int index) { setActiveEnvironment(m_environments->itemData(index).toString()); });
    connect(edit, &QPushButton::clicked, this, &EnvironmentBar::editEnvironments);

    // Spaced like the panel around it, with no margins of its own.
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
    row->addWidget(label);
    row->addWidget(m_environments, 1);
    row->addWidget(edit);
}

void EnvironmentBar::setSecretStore(SecretStore *store)
{
    m_secretStore = store;
}

void EnvironmentBar::setCollection(Collection *collection)
{
    m_collection = collection;
    // A newly opened collection starts in its default environment. Not announced: the
    // caller, which may remember another one for this collection, sets that afterwards.
    m_activeEnvironment.clear();
    m_seenDefaultEnvironment = collection ? collection->settings().defaultEnvironment : QString();
    if (collection && collection->settings().environment(collection->settings().defaultEnvironment))
        m_activeEnvironment = collection->settings().defaultEnvironment;
    refresh();
}

void EnvironmentBar::refresh()
{
    const QSignalBlocker blocker(m_environments);
    m_environments->clear();
    m_environments->addItem(tr("No environment"), QString());
    QString active = m_activeEnvironment;
    if (m_collection) {
        for (const Environment &environment : m_collection->settings().environments)
            m_environments->addItem(environment.name, environment.name);
        // Choosing a default environment (in the Environments dialog) means using it now.
        const QString defaultName = m_collection->settings().defaultEnvironment;
        if (defaultName != m_seenDefaultEnvironment) {
            m_seenDefaultEnvironment = defaultName;
            if (m_collection->settings().environment(defaultName))
                active = defaultName;
        }
        if (!m_collection->settings().environment(active))
            active.clear();
    } else {
        active.clear();
    }
    m_environments->setCurrentIndex(std::max(0, m_environments->findData(active)));
    if (active != m_activeEnvironment) {
        m_activeEnvironment = active;
        Q_EMIT activeEnvironmentChanged(active);
    }
    updateToolTip();
}

void EnvironmentBar::updateToolTip()
{
    const Environment *environment
        = m_collection ? m_collection->settings().environment(m_activeEnvironment) : nullptr;
    if (!environment) {
        m_environments->setToolTip(tr("Variables ({{name}}) are resolved against this environment"));
        return;
    }
    QStringList lines;
    for (auto it = environment->variables.cbegin(); it != environment->variables.cend(); ++it)
        lines.append(it.key() + QStringLiteral(" = ") + it.value());
    for (const QString &secret : environment->secretNames)
        lines.append(secret + QStringLiteral(" = ") + tr("(secret)"));
    m_environments->setToolTip(
        lines.isEmpty() ? tr("This environment has no variables") : lines.join(QLatin1Char('\n')));
}

void EnvironmentBar::setActiveEnvironment(const QString &name)
{
    if (name == m_activeEnvironment)
        return;
    if (!name.isEmpty() && (!m_collection || !m_collection->settings().environment(name)))
        return;
    m_activeEnvironment = name;
    {
        const QSignalBlocker blocker(m_environments);
        m_environments->setCurrentIndex(std::max(0, m_environments->findData(name)));
    }
    updateToolTip();
    Q_EMIT activeEnvironmentChanged(name);
}

void EnvironmentBar::editEnvironments()
{
    if (!m_collection)
        return;
    // The dialog shows the stored secret values and saves what it shows, so it opens only
    // once a slow store has answered for every one of them.
    if (auto *async = dynamic_cast<AsyncSecretStore *>(m_secretStore)) {
        const CollectionSettings &settings = m_collection->settings();
        QStringList keys;
        for (const Environment &environment : settings.environments) {
            for (const QString &name : environment.secretNames)
                keys.append(SecretStore::secretKey(settings.id, environment.name, name));
        }
        Q_EMIT waitingForSecrets(true);
        async->whenLoaded(keys, this, [this] {
            Q_EMIT waitingForSecrets(false);
            // Not from inside the store's notification: the dialog runs its own loop.
            QMetaObject::invokeMethod(this, &EnvironmentBar::openEnvironmentDialog, Qt::QueuedConnection);
        });
        return;
    }
    openEnvironmentDialog();
}

void EnvironmentBar::openEnvironmentDialog()
{
    if (!m_collection)
        return;
    EnvironmentDialog dialog(m_collection, m_secretStore, this);
    dialog.selectEnvironment(m_activeEnvironment);
    dialog.exec();
}

} // namespace wirescope
