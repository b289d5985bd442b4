// What the wire inspector's two test programs share: the demo types they decode, small
// byte builders, and an inspector opened on bytes as the request tab or a paste feeds it.
#pragma once

#include "model/schema/Schema.h"
#include "model/wire/WireTreeModel.h"
#include "ui/wire/HexView.h"
#include "ui/wire/WireInspector.h"

#include <QAbstractItemModel>
#include <QStringList>

#include <memory>

namespace wirescope::wiretest {

const QString TicksRequest = QStringLiteral("wirescope.demo.v1.TicksRequest");
const QString Everything = QStringLiteral("wirescope.demo.v1.Everything");

inline QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

inline QModelIndex findRow(
    const QAbstractItemModel &model, const QModelIndex &parent, int column, const QString &text)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, column, parent);
        if (index.data().toString() == text)
            return index;
    }
    return {};
}

inline QString rangesText(const HexView::Ranges &ranges)
{
    QStringList parts;
    for (const auto &[offset, length] : ranges)
        parts << QStringLiteral("%1+%2").arg(offset).arg(length);
    return parts.join(u' ');
}

// Everything's f_string (field 14) holding `text`: tag 0x72, the length as a varint, the bytes.
inline QByteArray stringField(const QByteArray &text)
{
    QByteArray bytes = hex("72");
    quint64 length = quint64(text.size());
    for (; length >= 0x80; length >>= 7)
        bytes += char((length & 0x7f) | 0x80);
    return bytes + char(length) + text;
}

// The Value cell of the first field's value.
inline QModelIndex firstValue(const WireTreeModel &model)
{
    return findRow(model, model.index(0, 0), 0, QStringLiteral("value"))
        .siblingAtColumn(WireTreeModel::ValueColumn);
}

// A point on the first (high) or second (low) hex digit of a byte.
inline QPoint digitAt(const HexView &view, qint64 offset, bool low)
{
    const QRect cell = view.hexCellRect(offset);
    return {low ? cell.right() - 1 : cell.left() + 1, cell.center().y()};
}

// An inspector showing `bytes` as the request body, as the request tab feeds it.
inline std::unique_ptr<WireInspector> openInspector(
    const SchemaPtr &schema, const QByteArray &bytes, const QString &type)
{
    auto inspector = std::make_unique<WireInspector>();
    inspector->resize(1200, 420);
    inspector->show();
    inspector->setSchema(schema);
    inspector->setBytes(WireInspector::Source::Request, bytes, type);
    return inspector;
}

// The same bytes pasted, and the pasted source shown.
inline std::unique_ptr<WireInspector> openPasted(
    const SchemaPtr &schema, const QByteArray &bytes, const QString &type)
{
    auto inspector = openInspector(schema, {}, type);
    inspector->setBytes(WireInspector::Source::Pasted, bytes, type);
    inspector->showSource(WireInspector::Source::Pasted);
    return inspector;
}

} // namespace wirescope::wiretest
