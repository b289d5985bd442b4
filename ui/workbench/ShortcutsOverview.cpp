// ShortcutsOverview: collecting a window's shortcuts into a table, and the box that shows it.

#include "ui/workbench/ShortcutsOverview.h"

#include <QAction>
#include <QDockWidget>
#include <QMap>
#include <QMessageBox>
#include <QSet>

namespace wirescope {

QString ShortcutsOverview::table(const QWidget *window)
{
    QMap<QString, QStringList> groups;
    QSet<QString> seen;
    const QList<QAction *> all = window->findChildren<QAction *>();
    for (const QAction *action : all) {
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys.append(key.toString(QKeySequence::NativeText));
        const QString text = action->text().remove(u'&').remove(QStringLiteral("\u2026"));
        if (keys.isEmpty() || text.isEmpty() || seen.contains(keys.join(u',') + text))
            continue;
        seen.insert(keys.join(u',') + text);
        QString where = tr("Window");
        for (const QObject *up = action->parent(); up && up != window; up = up->parent()) {
            if (const auto *dock = qobject_cast<const QDockWidget *>(up)) {
                where = dock->windowTitle();
                break;
            }
        }
        groups[where].append(row(keys, text));
    }
    addFixedKeys(groups);
    QString html;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        html += QStringLiteral("<tr><td colspan=2><br><i>%1</i></td></tr>").arg(it.key().toHtmlEscaped())
            + it->join(QString());
    return QStringLiteral("<table cellspacing=4>%1</table>").arg(html);
}

QString ShortcutsOverview::row(const QStringList &keys, const QString &text)
{
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
        .arg(keys.join(QStringLiteral(", ")).toHtmlEscaped(), text.toHtmlEscaped());
}

// Keys handled by a widget rather than by an action: the JSON editor's completion and the
// presenter window's stepping (a clicker sends Page Up and Page Down).
void ShortcutsOverview::addFixedKeys(QMap<QString, QStringList> &groups)
{
    const auto keys = [](std::initializer_list<QKeyCombination> codes) {
        QStringList names;
        for (const QKeyCombination code : codes)
            names.append(QKeySequence(code).toString(QKeySequence::NativeText));
        return names;
    };
    groups[tr("JSON editor")].append(
        row(keys({Qt::CTRL | Qt::Key_Space}), tr("Complete field names and enum values")));
    QStringList &presenter = groups[tr("Presenter mode")];
    presenter.append(row(keys({Qt::Key_Right, Qt::Key_PageDown}), tr("Next step")));
    presenter.append(row(keys({Qt::Key_Left, Qt::Key_PageUp}), tr("Previous step")));
    presenter.append(row(keys({Qt::Key_Escape, Qt::Key_F11}), tr("Leave presenter mode")));
}

void ShortcutsOverview::show(QWidget *window)
{
    // open(), not exec(): no nested event loop, and a test can find the box.
    auto *box = new QMessageBox(
        QMessageBox::Information, tr("Keyboard Shortcuts"), table(window), QMessageBox::Close, window);
    box->setObjectName(QStringLiteral("shortcutsDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace wirescope
