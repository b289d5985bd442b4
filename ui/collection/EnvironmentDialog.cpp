#include "ui/collection/EnvironmentDialog.h"

#include "model/collection/Collection.h"
#include "model/collection/SecretStore.h"
#include "ui/workbench/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace wirescope {

namespace {

constexpr int MaskLength = 8; // the same for every value, so the mask does not tell its length

bool isSecretRow(const QModelIndex &index)
{
    return index.siblingAtColumn(EnvironmentDialog::SecretColumn).data(Qt::CheckStateRole).toInt()
        == Qt::Checked;
}

// Variable names as {{name}} can refer to them (see VariableScope).
bool isValidVariableName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^[A-Za-z_][A-Za-z0-9_.\-]*$)"));
    return pattern.match(name).hasMatch();
}

} // namespace

// Masks the value of a secret row, in the cell and in its editor, unless revealed.
class SecretValueDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setRevealed(bool revealed) { m_revealed = revealed; }

    QWidget *createEditor(
        QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (line && isSecretRow(index) && !m_revealed)
            line->setEchoMode(QLineEdit::Password);
        return editor;
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (isSecretRow(index) && !m_revealed && !option->text.isEmpty())
            option->text = QString(MaskLength, QChar(0x2022));
    }

private:
    bool m_revealed = false;
};

EnvironmentDialog::EnvironmentDialog(Collection *collection, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_collection(collection)
    , m_secrets(secrets)
{
    setObjectName(QStringLiteral("environmentDialog"));
    setWindowTitle(tr("Environments — %1").arg(collection->settings().name));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("environmentError"));
    m_error->setWordWrap(true);
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, Theme::errorColor());
    m_error->setPalette(palette);
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("environmentButtons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EnvironmentDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EnvironmentDialog::reject);

    auto *columns = new QHBoxLayout;
    columns->addWidget(makeEnvironmentColumn());
    columns->addWidget(makeVariableColumn(), 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    resize(720, 420);

    load();
    connect(m_environments, &QListWidget::currentRowChanged, this,
        &EnvironmentDialog::onCurrentEnvironmentChanged);
    connect(m_environments, &QListWidget::itemChanged, this, &EnvironmentDialog::onEnvironmentRenamed);
    connect(m_variables, &QTableWidget::itemChanged, this, &EnvironmentDialog::onVariableChanged);
    connect(m_variables, &QTableWidget::currentCellChanged, this, &EnvironmentDialog::updateButtons);
    if (!m_drafts.isEmpty())
        m_environments->setCurrentRow(0);
    onCurrentEnvironmentChanged(m_environments->currentRow());
    selectEnvironment(collection->settings().defaultEnvironment);
}

EnvironmentDialog::~EnvironmentDialog()
{
    // Hiding commits an open editor; the drafts it would update are about to go.
    disconnect(m_environments, nullptr, this, nullptr);
    disconnect(m_variables, nullptr, this, nullptr);
}

QWidget *EnvironmentDialog::makeEnvironmentColumn()
{
    auto *column = new QWidget(this);
    m_environments = new QListWidget(column);
    m_environments->setObjectName(QStringLiteral("environmentList"));
    m_environments->setToolTip(tr("Double-click or press F2 to rename"));
    m_environments->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    auto *add = new QPushButton(tr("&Add"), column);
    add->setObjectName(QStringLiteral("addEnvironmentButton"));
    add->setToolTip(tr("Add an environment"));
    m_removeEnvironment = new QPushButton(tr("&Remove"), column);
    m_removeEnvironment->setObjectName(QStringLiteral("removeEnvironmentButton"));
    m_removeEnvironment->setToolTip(tr("Remove the selected environment and its secret values"));
    connect(add, &QPushButton::clicked, this, &EnvironmentDialog::addEnvironment);
    connect(m_removeEnvironment, &QPushButton::clicked, this, &EnvironmentDialog::removeEnvironment);
    m_default = new QComboBox(column);
    m_default->setObjectName(QStringLiteral("defaultEnvironmentCombo"));
    m_default->setToolTip(tr("The environment that is active when the collection is opened"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_removeEnvironment);
    auto *defaultRow = new QFormLayout;
    defaultRow->addRow(tr("&Default:"), m_default);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Environments"), column));
    layout->addWidget(m_environments, 1);
    layout->addLayout(buttons);
    layout->addLayout(defaultRow);
    return column;
}

QWidget *EnvironmentDialog::makeVariableColumn()
{
    auto *column = new QWidget(this);
    m_variables = new QTableWidget(0, ColumnCount, column);
    m_variables->setObjectName(QStringLiteral("variablesTable"));
    m_variables->setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Secret")});
    m_variables->horizontalHeaderItem(SecretColumn)
        ->setToolTip(tr("Kept in the secret store on this machine, never in the collection's files"));
    m_variables->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_variables->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_variables->horizontalHeader()->setSectionResizeMode(SecretColumn, QHeaderView::ResizeToContents);
    m_variables->setColumnWidth(NameColumn, 160);
    m_variables->verticalHeader()->hide();
    m_variables->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_variables->setSelectionMode(QAbstractItemView::SingleSelection);
    m_valueDelegate = new SecretValueDelegate(m_variables);
    m_variables->setItemDelegateForColumn(ValueColumn, m_valueDelegate);

    m_addVariable = new QPushButton(tr("Add &Variable"), column);
    m_addVariable->setObjectName(QStringLiteral("addVariableButton"));
    m_removeVariable = new QPushButton(tr("Remove Variable"), column);
    m_removeVariable->setObjectName(QStringLiteral("removeVariableButton"));
    m_showSecrets = new QCheckBox(tr("&Show secret values"), column);
    m_showSecrets->setObjectName(QStringLiteral("showSecretsCheck"));
    m_showSecrets->setEnabled(m_secrets != nullptr);
    connect(m_addVariable, &QPushButton::clicked, this, &EnvironmentDialog::addVariable);
    connect(m_removeVariable, &QPushButton::clicked, this, &EnvironmentDialog::removeVariable);
    connect(m_showSecrets, &QCheckBox::toggled, this, [this](bool shown) {
        m_valueDelegate->setRevealed(shown);
        m_variables->viewport()->update();
    });

    auto *hint = new QLabel(m_secrets
            ? tr("Requests use variables as {{name}}. A secret's value stays in the secret store on this "
                 "machine; the collection's files only name it.")
            : tr("Requests use variables as {{name}}. No secret store is available, so variables "
                 "cannot be made secret."),
        column);
    hint->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addVariable);
    buttons->addWidget(m_removeVariable);
    buttons->addStretch(1);
    buttons->addWidget(m_showSecrets);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Variables"), column));
    layout->addWidget(m_variables, 1);
    layout->addLayout(buttons);
    layout->addWidget(hint);
    return column;
}

void EnvironmentDialog::load()
{
    const CollectionSettings &settings = m_collection->settings();
    QStringList readErrors;
    for (const Environment &environment : settings.environments) {
        Draft draft {m_nextId++, environment.name, {}};
        for (auto it = environment.variables.cbegin(); it != environment.variables.cend(); ++it) {
            if (!environment.secretNames.contains(it.key()))
                draft.variables.append({it.key(), it.value(), false});
        }
        for (const QString &name : environment.secretNames) {
            Variable secret {name, {}, true};
            const QString key = SecretStore::secretKey(settings.id, environment.name, name);
            QString error;
            const std::optional<QString> value = m_secrets ? m_secrets->read(key, &error) : std::nullopt;
            if (!error.isEmpty()) {
                m_unreadableSecrets.insert(key);
                readErrors.append(error);
            } else if (value) {
                secret.value = *value;
                m_storedSecrets.insert(key, *value);
            }
            draft.variables.append(secret);
        }
        m_drafts.append(draft);
        auto *item = new QListWidgetItem(environment.name);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        m_environments->addItem(item);
    }
    refreshDefaultCombo();
    for (const Draft &draft : std::as_const(m_drafts)) {
        if (draft.name == settings.defaultEnvironment)
            m_default->setCurrentIndex(m_default->findData(draft.id));
    }
    if (!readErrors.isEmpty())
        showError(tr("Some secret values could not be read: %1").arg(readErrors.first()));
}

void EnvironmentDialog::selectEnvironment(const QString &name)
{
    for (int i = 0; i < m_drafts.size(); ++i) {
        if (m_drafts.at(i).name == name)
            m_environments->setCurrentRow(i);
    }
}

QString EnvironmentDialog::errorText() const
{
    return m_error->text();
}

void EnvironmentDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void EnvironmentDialog::onCurrentEnvironmentChanged(int row)
{
    storeTable();
    m_current = row;
    loadTable();
    updateButtons();
}

void EnvironmentDialog::onEnvironmentRenamed(QListWidgetItem *item)
{
    const int row = m_environments->row(item);
    if (row < 0 || row >= m_drafts.size())
        return;
    const QString name = item->text().trimmed();
    if (name != item->text()) {
        const QSignalBlocker blocker(m_environments);
        item->setText(name);
    }
    m_drafts[row].name = name;
    refreshDefaultCombo();
}

void EnvironmentDialog::onVariableChanged(QTableWidgetItem *item)
{
    if (item->column() == SecretColumn) // the value's mask follows the checkbox
        m_variables->viewport()->update();
}

void EnvironmentDialog::appendRow(const Variable &variable)
{
    const int row = m_variables->rowCount();
    m_variables->insertRow(row);
    m_variables->setItem(row, NameColumn, new QTableWidgetItem(variable.name));
    m_variables->setItem(row, ValueColumn, new QTableWidgetItem(variable.value));
    auto *secret = new QTableWidgetItem;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_secrets)
        flags |= Qt::ItemIsUserCheckable;
    secret->setFlags(flags);
    secret->setCheckState(variable.secret ? Qt::Checked : Qt::Unchecked);
    secret->setToolTip(tr("Keep the value in the secret store, not in the collection"));
    m_variables->setItem(row, SecretColumn, secret);
}

void EnvironmentDialog::loadTable()
{
    const QSignalBlocker blocker(m_variables);
    m_variables->setRowCount(0);
    m_variables->setEnabled(m_current >= 0);
    if (m_current < 0 || m_current >= m_drafts.size())
        return;
    for (const Variable &variable : std::as_const(m_drafts.at(m_current).variables))
        appendRow(variable);
}

void EnvironmentDialog::storeTable()
{
    if (m_current < 0 || m_current >= m_drafts.size())
        return;
    QList<Variable> variables;
    for (int row = 0; row < m_variables->rowCount(); ++row) {
        const QTableWidgetItem *name = m_variables->item(row, NameColumn);
        const QTableWidgetItem *value = m_variables->item(row, ValueColumn);
        const QTableWidgetItem *secret = m_variables->item(row, SecretColumn);
        Variable variable {name ? name->text() : QString(), value ? value->text() : QString(),
            secret && secret->checkState() == Qt::Checked};
        if (variable.name.trimmed().isEmpty() && variable.value.isEmpty())
            continue; // a row added and left blank
        variables.append(variable);
    }
    m_drafts[m_current].variables = variables;
}

void EnvironmentDialog::refreshDefaultCombo()
{
    const int selected = m_default->currentData().toInt();
    const QSignalBlocker blocker(m_default);
    m_default->clear();
    m_default->addItem(tr("None"), 0);
    for (const Draft &draft : std::as_const(m_drafts))
        m_default->addItem(draft.name.isEmpty() ? tr("(unnamed)") : draft.name, draft.id);
    m_default->setCurrentIndex(std::max(0, m_default->findData(selected)));
}

void EnvironmentDialog::updateButtons()
{
    const bool hasEnvironment = m_current >= 0;
    m_removeEnvironment->setEnabled(hasEnvironment);
    m_addVariable->setEnabled(hasEnvironment);
    m_removeVariable->setEnabled(hasEnvironment && m_variables->currentRow() >= 0);
}

QString EnvironmentDialog::uniqueEnvironmentName() const
{
    const auto taken = [this](const QString &name) {
        return std::any_of(
            m_drafts.cbegin(), m_drafts.cend(), [&name](const Draft &draft) { return draft.name == name; });
    };
    const QString base = tr("New environment");
    QString name = base;
    for (int n = 2; taken(name); ++n)
        name = base + QLatin1Char(' ') + QString::number(n);
    return name;
}

void EnvironmentDialog::addEnvironment()
{
    storeTable();
    m_drafts.append({m_nextId++, uniqueEnvironmentName(), {}});
    auto *item = new QListWidgetItem(m_drafts.constLast().name);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_environments->addItem(item);
    refreshDefaultCombo();
    m_environments->setCurrentItem(item);
    m_environments->editItem(item);
}

void EnvironmentDialog::removeEnvironment()
{
    const int row = m_current;
    if (row < 0 || row >= m_drafts.size())
        return;
    m_current = -1; // the table shows the removed environment: nothing to keep
    m_drafts.removeAt(row);
    delete m_environments->takeItem(row);
    refreshDefaultCombo();
    m_current = m_environments->currentRow();
    loadTable();
    updateButtons();
}

void EnvironmentDialog::addVariable()
{
    if (m_current < 0)
        return;
    appendRow({});
    const int row = m_variables->rowCount() - 1;
    m_variables->setCurrentCell(row, NameColumn);
    m_variables->editItem(m_variables->item(row, NameColumn));
}

void EnvironmentDialog::removeVariable()
{
    const int row = m_variables->currentRow();
    if (row >= 0)
        m_variables->removeRow(row);
    updateButtons();
}

bool EnvironmentDialog::validate(QString *problem, int *environment) const
{
    QSet<QString> environmentNames;
    for (int i = 0; i < m_drafts.size(); ++i) {
        *environment = i;
        const QString name = m_drafts.at(i).name.trimmed();
        if (name.isEmpty()) {
            *problem = tr("Every environment needs a name.");
            return false;
        }
        if (environmentNames.contains(name)) {
            *problem = tr("Two environments are called \"%1\"; names must be unique.").arg(name);
            return false;
        }
        environmentNames.insert(name);
        QSet<QString> variableNames;
        for (const Variable &variable : m_drafts.at(i).variables) {
            const QString variableName = variable.name.trimmed();
            if (variableName.isEmpty())
                *problem = tr("A variable in \"%1\" has no name.").arg(name);
            else if (!isValidVariableName(variableName))
                *problem = tr("\"%1\" in \"%2\" is not a valid variable name: use letters, digits, "
                              "'_', '.' and '-', and start with a letter or '_'.")
                               .arg(variableName, name);
            else if (variableNames.contains(variableName))
                *problem = tr("\"%1\" is defined twice in \"%2\"; a variable is either plain or secret, "
                              "once.")
                               .arg(variableName, name);
            else if (variable.secret && !m_secrets && !variable.value.isEmpty())
                *problem = tr("No secret store is available to keep the value of \"%1\".").arg(variableName);
            if (!problem->isEmpty())
                return false;
            variableNames.insert(variableName);
        }
    }
    *environment = -1;
    return true;
}

bool EnvironmentDialog::writeSecrets(const QHash<QString, QString> &secrets, QString *error)
{
    if (!m_secrets)
        return true; // validate() let only names through, which the settings keep
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        const auto stored = m_storedSecrets.constFind(it.key());
        if (stored != m_storedSecrets.cend() && *stored == it.value())
            continue; // unchanged: leave the store alone
        if (m_unreadableSecrets.contains(it.key()) && it.value().isEmpty())
            continue; // never replace a value we could not read with nothing
        if (!m_secrets->write(it.key(), it.value(), error))
            return false;
        m_storedSecrets.insert(it.key(), it.value());
        m_unreadableSecrets.remove(it.key());
    }
    return true;
}

void EnvironmentDialog::removeObsoleteSecrets(const QHash<QString, QString> &secrets)
{
    if (!m_secrets)
        return;
    QStringList failures;
    const QStringList known = m_storedSecrets.keys() + m_unreadableSecrets.values();
    for (const QString &key : known) {
        if (secrets.contains(key))
            continue;
        QString error;
        if (!m_secrets->remove(key, &error)) {
            failures.append(error);
            continue;
        }
        m_storedSecrets.remove(key);
        m_unreadableSecrets.remove(key);
    }
    if (!failures.isEmpty())
        QMessageBox::warning(this, windowTitle(),
            tr("The environments were saved, but some old secret values could not be removed:\n%1")
                .arg(failures.join(QLatin1Char('\n'))));
}

void EnvironmentDialog::accept()
{
    storeTable();
    QString problem;
    int where = -1;
    if (!validate(&problem, &where)) {
        if (where >= 0 && where != m_current)
            m_environments->setCurrentRow(where);
        showError(problem);
        return;
    }
    CollectionSettings settings = m_collection->settings();
    settings.environments.clear();
    settings.defaultEnvironment.clear();
    const int defaultId = m_default->currentData().toInt();
    QHash<QString, QString> secrets; // key → value
    for (const Draft &draft : std::as_const(m_drafts)) {
        Environment environment;
        environment.name = draft.name.trimmed();
        for (const Variable &variable : draft.variables) {
            const QString name = variable.name.trimmed();
            if (variable.secret) {
                environment.secretNames.append(name);
                secrets.insert(SecretStore::secretKey(settings.id, environment.name, name), variable.value);
            } else {
                environment.variables.insert(name, variable.value);
            }
        }
        settings.environments.append(environment);
        if (draft.id == defaultId)
            settings.defaultEnvironment = environment.name;
    }
    QString error;
    // Secrets first: a failed save then leaves values nobody names, never names without values.
    if (!writeSecrets(secrets, &error) || !m_collection->saveSettings(settings, &error)) {
        showError(error);
        return;
    }
    removeObsoleteSecrets(secrets);
    showError({});
    QDialog::accept();
}

} // namespace wirescope
