#pragma once

#include <QComboBox>

namespace wirescope {

// The editor of a google.protobuf.Any row: the schema's message types in a combo box that
// is searched by typing any part of a full name ("Address" finds "shop.v1.Address");
// "(none)" unsets the Any.
class AnyTypePicker final : public QComboBox {
    Q_OBJECT

public:
    explicit AnyTypePicker(const QStringList &typeNames, QWidget *parent = nullptr);
    ~AnyTypePicker() override;
    Q_DISABLE_COPY_MOVE(AnyTypePicker)

    // The chosen type's full name, empty for none; text that names no type, as typed.
    QString typeName() const;
    void setTypeName(const QString &name);
};

} // namespace wirescope
