#include "ui/form/MessageFormView.h"

#include "model/form/FieldValueText.h"
#include "model/form/MessageFormModel.h"
#include "ui/form/FormDelegate.h"
#include "ui/workbench/Theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace wirescope {

namespace {

using Model = MessageFormModel;

bool isElement(const QModelIndex &index)
{
    const auto kind = Model::RowKind(index.data(Model::RowKindRole).toInt());
    return kind == Model::RowKind::Element || kind == Model::RowKind::MapEntry;
}

bool isContainer(const QModelIndex &index)
{
    const auto shape = Model::Shape(index.data(Model::ShapeRole).toInt());
    return shape == Model::Shape::List || shape == Model::Shape::Map;
}

} // namespace

MessageFormView::MessageFormView(MessageFormModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_delegate(new FormDelegate(this))
    , m_tree(new QTreeView(this))
    , m_notice(new QLabel(this))
    , m_numbers(new QCheckBox(tr("Field numbers"), this))
{
    setObjectName(QStringLiteral("formView"));
    m_tree->setObjectName(QStringLiteral("formTree"));
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(m_delegate);
    // Uniform rows keep a 100,000-element list cheap to lay out and scroll.
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(Model::ValueColumn, QHeaderView::Stretch);
    m_tree->setColumnWidth(Model::FieldColumn, 220);
    m_tree->setColumnWidth(Model::TypeColumn, 150);
    m_notice->setObjectName(QStringLiteral("formNotice"));
    m_notice->setWordWrap(true);
    m_notice->setContentsMargins(4, 0, 4, 0);
    m_notice->hide();
    m_numbers->setObjectName(QStringLiteral("fieldNumbersToggle"));
    m_numbers->setToolTip(tr("Show each field's number, as in the .proto"));
    createActions();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_tools);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_notice);

    connect(m_numbers, &QCheckBox::toggled, this, &MessageFormView::setShowFieldNumbers);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MessageFormView::showContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &MessageFormView::updateActions);
    connect(m_model, &MessageFormModel::messageChanged, this, [this] {
        setNotice({});
        updateActions();
    });
    connect(m_model, &MessageFormModel::editRejected, this, [this](const QModelIndex &, const QString &why) {
        setNotice(QStringLiteral("<span style=\"color:%1\">%2</span>")
                      .arg(Theme::errorColor().name(), why.toHtmlEscaped()));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &MessageFormView::updateActions);
    // A type picked for an Any brings new rows: the fields to fill in next.
    connect(m_model, &MessageFormModel::anyTypeChanged, this,
        [this](const QModelIndex &any) { m_tree->expand(any.siblingAtColumn(0)); });
    updateActions();
}

MessageFormView::~MessageFormView() = default;

QToolButton *MessageFormView::addToolButton(QAction *action, const QString &objectName)
{
    auto *button = new QToolButton(m_tools);
    button->setDefaultAction(action);
    button->setObjectName(objectName);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    m_tools->layout()->addWidget(button);
    return button;
}

void MessageFormView::createActions()
{
    m_tools = new QWidget(this);
    auto *row = new QHBoxLayout(m_tools);
    row->setContentsMargins(2, 0, 2, 0);
    row->setSpacing(2);
    const auto action = [this](const QString &text, const QString &tip) {
        auto *a = new QAction(text, this);
        a->setToolTip(tip);
        return a;
    };
    m_set = action(tr("Set"), tr("Make the field present with its default value"));
    m_clear = action(tr("Clear"), tr("Unset the field: it is left out of the message"));
    m_add = action(tr("Add"), tr("Add an element (after the selected one)"));
    m_remove = action(tr("Remove"), tr("Remove the selected element"));
    m_up = action(tr("Up"), tr("Move the element up"));
    m_down = action(tr("Down"), tr("Move the element down"));
    m_add->setIcon(Theme::standardIcon(QStyle::SP_FileDialogNewFolder));
    m_remove->setIcon(Theme::standardIcon(QStyle::SP_TrashIcon));
    m_up->setIcon(Theme::standardIcon(QStyle::SP_ArrowUp));
    m_down->setIcon(Theme::standardIcon(QStyle::SP_ArrowDown));
    connect(m_set, &QAction::triggered, this, [this] { m_model->setPresent(current(0), true); });
    connect(m_clear, &QAction::triggered, this, [this] { m_model->clear(current(0)); });
    connect(m_add, &QAction::triggered, this, &MessageFormView::addElement);
    connect(m_remove, &QAction::triggered, this, &MessageFormView::removeElement);
    connect(m_up, &QAction::triggered, this, [this] { moveElement(-1); });
    connect(m_down, &QAction::triggered, this, [this] { moveElement(1); });
    addToolButton(m_set, QStringLiteral("formSetButton"));
    addToolButton(m_clear, QStringLiteral("formClearButton"));
    addToolButton(m_add, QStringLiteral("formAddButton"));
    addToolButton(m_remove, QStringLiteral("formRemoveButton"));
    addToolButton(m_up, QStringLiteral("formUpButton"));
    addToolButton(m_down, QStringLiteral("formDownButton"));
    row->addStretch(1);
    row->addWidget(m_numbers);
}

QModelIndex MessageFormView::current(int column) const
{
    const QModelIndex index = m_tree->currentIndex();
    return index.isValid() ? index.siblingAtColumn(column) : index;
}

void MessageFormView::updateActions()
{
    const QModelIndex index = current(0);
    const bool element = isElement(index);
    const bool present = index.data(Model::HasPresenceRole).toBool();
    const bool isSet = index.data(Model::IsSetRole).toBool();
    const auto rowKind = Model::RowKind(index.data(Model::RowKindRole).toInt());
    const bool isOneof = rowKind == Model::RowKind::Oneof;
    m_set->setEnabled(present && !isSet && !isOneof);
    m_clear->setEnabled(index.isValid() && !element && isSet);
    m_add->setEnabled(isContainer(index) || element);
    m_remove->setEnabled(element);
    m_up->setEnabled(element && index.row() > 0);
    m_down->setEnabled(element && index.row() + 1 < m_model->rowCount(index.parent()));
}

void MessageFormView::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void MessageFormView::setShowFieldNumbers(bool show)
{
    if (m_numbers->isChecked() != show)
        m_numbers->setChecked(show);
    m_delegate->setShowFieldNumbers(show);
    m_tree->viewport()->update();
}

void MessageFormView::addElement()
{
    const QModelIndex index = current(0);
    const QModelIndex added = m_model->addElement(index);
    if (!added.isValid())
        return;
    m_tree->expand(added.parent());
    m_tree->setCurrentIndex(added.siblingAtColumn(Model::ValueColumn));
    m_tree->scrollTo(added);
}

void MessageFormView::removeElement()
{
    const QModelIndex index = current(0);
    const int row = index.row();
    const QModelIndex parent = index.parent();
    if (!m_model->removeElement(index))
        return;
    const int rows = m_model->rowCount(parent);
    m_tree->setCurrentIndex(rows > 0 ? m_model->index(std::min(row, rows - 1), 0, parent) : parent);
}

void MessageFormView::moveElement(int delta)
{
    const QModelIndex index = current(0);
    const int column = m_tree->currentIndex().column();
    if (m_model->moveElement(index, index.row() + delta))
        m_tree->setCurrentIndex(m_model->index(index.row() + delta, column, index.parent()));
    updateActions();
}

void MessageFormView::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_tree->indexAt(position);
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    QMenu menu(this);
    for (QAction *action : {m_set, m_clear, m_add, m_remove, m_up, m_down}) {
        if (action->isEnabled())
            menu.addAction(action);
    }
    const QModelIndex value = index.siblingAtColumn(Model::ValueColumn);
    const auto kind = ValueKind(value.data(Model::ValueKindRole).toInt());
    if (kind == ValueKind::Bytes)
        addBytesActions(&menu, value);
    if (kind == ValueKind::Timestamp) {
        menu.addAction(tr("Set to now"), this, [this, value] {
            m_model->setData(value, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        });
    }
    menu.addSeparator();
    const QString path = index.data(Model::PathRole).toString();
    menu.addAction(tr("Copy path"), this, [path] { QApplication::clipboard()->setText(path); });
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

void MessageFormView::addBytesActions(QMenu *menu, const QModelIndex &value)
{
    menu->addSeparator();
    auto *group = new QActionGroup(menu);
    const auto currentMode = BytesMode(value.data(Model::BytesModeRole).toInt());
    for (const BytesMode mode : {BytesMode::Text, BytesMode::Hex, BytesMode::Base64}) {
        QAction *action = menu->addAction(tr("Bytes as %1").arg(FieldValueText::bytesModeName(mode)));
        action->setCheckable(true);
        action->setChecked(mode == currentMode);
        group->addAction(action);
        connect(action, &QAction::triggered, this,
            [this, value, mode] { m_model->setData(value, int(mode), Model::BytesModeRole); });
    }
    menu->addAction(tr("Load from file\u2026"), this, [this, value] { loadBytes(value); });
    menu->addAction(tr("Save to file\u2026"), this, [this, value] { saveBytes(value); });
}

void MessageFormView::loadBytes(const QModelIndex &value)
{
    const QPersistentModelIndex target(value);
    const QString path = QFileDialog::getOpenFileName(this, tr("Load bytes"));
    if (path.isEmpty() || !target.isValid())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setNotice(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    m_model->setBytes(target, file.readAll());
}

void MessageFormView::saveBytes(const QModelIndex &value)
{
    const QByteArray bytes = m_model->bytes(value);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save bytes"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        setNotice(tr("Cannot write %1: %2").arg(path, file.errorString()));
}

} // namespace wirescope
