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
        groups[where].append(QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                                 .arg(keys.join(QStringLiteral(", ")).toHtmlEscaped(), text.toHtmlEscaped()));
    }
    groups[tr("JSON editor")].append(
        QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
            .arg(QKeySequence(Qt::CTRL | Qt::Key_Space).toString(QKeySequence::NativeText),
                tr("Complete field names and enum values")));
    QString html;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        html += QStringLiteral("<tr><td colspan=2><br><i>%1</i></td></tr>").arg(it.key().toHtmlEscaped())
            + it->join(QString());
    return QStringLiteral("<table cellspacing=4>%1</table>").arg(html);
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
