#pragma once

#include <QString>

class QModelIndex;

namespace wirescope {

struct WireTree;

// What the wire inspector says in words: the explanation of a selected node with its bytes
// and arithmetic, the overview of a whole input, the one-line summary and the colour legend.
// Plain functions from the annotation to rich or plain text, kept apart from the widget
// that shows them.
namespace WireInspectorText {

// A WireTreeModel row: its field, type and value, its bytes in hex and what they mean.
QString explanationHtml(const QModelIndex &index, const QByteArray &bytes);
// The input as a whole (null: nothing annotated yet) and how to explore it.
QString overviewHtml(const WireTree *tree);
// "request body · 3 bytes · pkg.Type · 1 error", and the field limit when it was reached.
QString summaryText(const QString &label, const WireTree &tree);
QString legendHtml(bool dark);

} // namespace WireInspectorText

} // namespace wirescope
