#include "ui/wire/WireInspectorText.h"

#include "model/wire/WireExplain.h"
#include "model/wire/WireSpan.h"
#include "model/wire/WireText.h"
#include "model/wire/WireTreeModel.h"
#include "ui/wire/HexView.h"
#include "ui/workbench/Theme.h"

#include <QCoreApplication>
#include <QLocale>
#include <QModelIndex>

namespace wirescope::WireInspectorText {

namespace {

constexpr int ExplainedBytes = 32;

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    // The inspector's own context: these words are its words.
    return QCoreApplication::translate("wirescope::WireInspector", text, disambiguation, n);
}

QString swatch(const QColor &color, const QString &text)
{
    return QStringLiteral("<span style=\"background-color:%1\">&nbsp;%2&nbsp;</span>")
        .arg(color.name(), text);
}

} // namespace

QString explanationHtml(const QModelIndex &index, const QByteArray &bytes)
{
    const auto text
        = [&index](int column) { return index.siblingAtColumn(column).data().toString().toHtmlEscaped(); };
    const qint64 offset = index.data(WireTreeModel::OffsetRole).toLongLong();
    const qint64 length = index.data(WireTreeModel::LengthRole).toLongLong();
    QString head = QStringLiteral("<b>%1</b>").arg(text(WireTreeModel::FieldColumn));
    if (const QString type = text(WireTreeModel::TypeColumn); !type.isEmpty())
        head += QStringLiteral(" <span style=\"color:%1\">%2</span>")
                    .arg(Theme::mutedTextColor().name(), type);
    if (const QString value = text(WireTreeModel::ValueColumn); !value.isEmpty())
        head += QStringLiteral(" = <b>%1</b>").arg(value);
    const QString hex = WireText::hex(bytes.constData() + offset, length, ExplainedBytes).toHtmlEscaped();
    const QString where = length == 0
        ? tr("no bytes, at byte %1").arg(offset)
        : tr("bytes %1 (%2)").arg(text(WireTreeModel::BytesColumn), WireText::bytes(length));
    const QString explanation = index.data(WireTreeModel::ExplanationRole).toString().toHtmlEscaped();
    return QStringLiteral("<p>%1</p><p><code>%2</code> <span style=\"color:%3\">\u2014 %4</span></p>"
                          "<p style=\"white-space:pre-wrap\">%5</p>")
        .arg(head, hex, Theme::mutedTextColor().name(), where, explanation);
}

QString overviewHtml(const WireTree *tree)
{
    if (!tree || tree->bytes.isEmpty()) {
        return tr("<p><b>Nothing to inspect yet.</b></p><p>Type a request body, select a response "
                  "frame, paste hex or base64, open a file, or type hex digits into the bytes: every "
                  "byte will be explained here.</p>");
    }
    const QString size = WireText::bytes(tree->bytes.size());
    QString html
        = QStringLiteral("<p><b>%1</b></p>")
              .arg(tree->typeName.isEmpty() ? tr("%1 without a schema: decoded by wire type alone").arg(size)
                                            : tr("%1 as %2").arg(size, tree->typeName.toHtmlEscaped()));
    if (const QString absent = WireExplain::absentFields(tree->absentFields); !absent.isEmpty())
        html += QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(absent.toHtmlEscaped());
    html += tr("<p>Select a node in the tree or click a byte to see what it means and how it is computed. "
               "Type over the bytes, or double-click a value in the tree to change it, and see what "
               "the change does; Ctrl+Z undoes it.</p>");
    return html;
}

QString summaryText(const QString &label, const WireTree &tree)
{
    int errors = 0;
    for (const WireLint &lint : tree.lints)
        errors += lint.isError() ? 1 : 0;
    QString text = label + QStringLiteral(" \u00b7 ") + WireText::bytes(tree.bytes.size())
        + QStringLiteral(" \u00b7 ") + (tree.typeName.isEmpty() ? tr("no schema") : tree.typeName);
    if (errors > 0)
        text += QStringLiteral(" \u00b7 ") + tr("%n error(s)", nullptr, errors);
    if (const int others = int(tree.lints.size()) - errors; others > 0)
        text += QStringLiteral(" \u00b7 ") + tr("%n warning(s) or note(s)", nullptr, others);
    if (tree.limitOffset >= 0)
        text += QStringLiteral(" \u00b7 \u26a0 ")
            + tr("only the first %1 fields are annotated; bytes %2 on are shown but not decoded")
                  .arg(QLocale().toString(tree.fieldLimit), QLocale().toString(tree.limitOffset));
    return text;
}

QString legendHtml(bool dark)
{
    using Role = WireSpan::Role;
    return swatch(HexView::runColor(Role::Tag, 7, 0, dark), tr("tag"))
        + swatch(HexView::runColor(Role::Length, 7, 0, dark), tr("length"))
        + swatch(HexView::runColor(Role::Value, 7, 0, dark), tr("value"))
        + swatch(HexView::runColor(Role::GrpcLength, 0, 0, dark), tr("gRPC prefix"))
        + QStringLiteral(" <span style=\"color:%1\">%2</span>")
              .arg(Theme::mutedTextColor().name(), tr("hue = field"));
}

} // namespace wirescope::WireInspectorText
