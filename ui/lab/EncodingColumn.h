#pragma once

#include "model/schema/Schema.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTimer;

namespace wirescope {

class HexView;
class WireLayout;

// One encoding in a comparison: its label, the message type and JSON it is made of, and the
// bytes those encode to, coloured by field, with their total. Typing JSON re-encodes when
// typing pauses; JSON that does not fit the type, or a message too large for the lab, shows
// why under the editor and leaves the last good bytes on display, so a half-typed value does
// not blank the column.
class EncodingColumn final : public QWidget {
    Q_OBJECT

public:
    // `index` numbers the child widgets' object names: sideJson0, sideHex0, sideSize0 …
    explicit EncodingColumn(int index, QWidget *parent = nullptr);
    ~EncodingColumn() override;
    Q_DISABLE_COPY_MOVE(EncodingColumn)

    void setSchema(SchemaPtr schema, const QStringList &typeNames);
    // Shows a new message and encodes it at once; the previous bytes are dropped even if it
    // fails.
    void setMessage(const QString &label, const QString &typeName, const QString &json);

    QString label() const { return m_label; }
    QString typeName() const;
    QString json() const;
    // The last bytes that encoded, annotated; null before any did.
    const std::shared_ptr<const WireLayout> &wireLayout() const { return m_layout; }
    HexView *hexView() const { return m_hex; }

Q_SIGNALS:
    // New bytes are on display.
    void encoded();

private:
    void encode();

    SchemaPtr m_schema;
    QStringList m_typeNames;
    QString m_label;
    std::shared_ptr<const WireLayout> m_layout;
    QLabel *m_title = nullptr;
    QComboBox *m_type = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QLabel *m_error = nullptr;
    HexView *m_hex = nullptr;
    QLabel *m_size = nullptr;
    QTimer *m_editPause = nullptr;
};

} // namespace wirescope
