#pragma once

#include <QDialog>
#include <QHash>
#include <QSet>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace wirescope {

class Collection;
class SecretStore;
class SecretValueDelegate;

// Edits a collection's environments: add, remove and rename them, pick the default, and
// edit each one's variables. A variable marked secret keeps its value in the SecretStore
// (under SecretStore::secretKey) and only its name in collection.json; its value is
// masked unless "Show secret values" is on. OK validates the names, writes the secrets,
// then saves the settings through Collection::saveSettings, staying open on any error.
class EnvironmentDialog final : public QDialog {
    Q_OBJECT

public:
    enum Column { NameColumn, ValueColumn, SecretColumn, ColumnCount };

    // Neither is owned; without a store, variables cannot be made secret.
    EnvironmentDialog(Collection *collection, SecretStore *secrets, QWidget *parent = nullptr);
    ~EnvironmentDialog() override;
    Q_DISABLE_COPY_MOVE(EnvironmentDialog)

    void selectEnvironment(const QString &name);
    QString errorText() const;

    // Buttons' actions, callable directly.
    void addEnvironment();
    void removeEnvironment();
    void addVariable();
    void removeVariable();

    void accept() override;

private:
    struct Variable {
        QString name;
        QString value;
        bool secret = false;
    };
    struct Draft {
        int id = 0; // stable across renames, for the default-environment combo
        QString name;
        QList<Variable> variables;
    };

    void load();
    QWidget *makeEnvironmentColumn();
    QWidget *makeVariableColumn();
    void onCurrentEnvironmentChanged(int row);
    void onEnvironmentRenamed(QListWidgetItem *item);
    void onVariableChanged(QTableWidgetItem *item);
    void loadTable();
    void storeTable();
    void appendRow(const Variable &variable);
    void refreshDefaultCombo();
    void updateButtons();
    bool validate(QString *problem, int *environment) const;
    bool writeSecrets(const QHash<QString, QString> &secrets, QString *error);
    void removeObsoleteSecrets(const QHash<QString, QString> &secrets);
    void showError(const QString &message);
    QString uniqueEnvironmentName() const;

    Collection *m_collection;
    SecretStore *m_secrets;
    QList<Draft> m_drafts;
    int m_current = -1;
    int m_nextId = 1;
    QHash<QString, QString> m_storedSecrets; // key → value, as read when the dialog opened
    QSet<QString> m_unreadableSecrets;

    QListWidget *m_environments = nullptr;
    QPushButton *m_removeEnvironment = nullptr;
    QComboBox *m_default = nullptr;
    QTableWidget *m_variables = nullptr;
    SecretValueDelegate *m_valueDelegate = nullptr;
    QPushButton *m_addVariable = nullptr;
    QPushButton *m_removeVariable = nullptr;
    QCheckBox *m_showSecrets = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace wirescope
