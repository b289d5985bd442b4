#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace wirescope {

// A path into a response as canonical proto3 JSON: "$" is the message, ".field" a field
// (lowerCamel, as the JSON has it), "[N]" an element of a repeated field, "['key']" (or
// "[\"key\"]") a map entry or a field whose name is not an identifier. A path that starts
// with "$error" addresses the call's status details instead: {"code", "message",
// "details": [...]}.
class JsonPath final {
public:
    struct Step {
        QString key; // a field or map key; empty when this step is an index
        int index = -1;
        bool operator==(const Step &other) const = default;
    };

    JsonPath() = default;
    // False with *error saying where the text stops being a path.
    static bool parse(const QString &text, JsonPath *path, QString *error);

    bool isError() const { return m_error; }
    const QList<Step> &steps() const { return m_steps; }
    QString toString() const;

    // The value the path leads to, or nothing when a step is missing.
    std::optional<QJsonValue> evaluate(const QJsonValue &root) const;
    // Removes what the path leads to from `root`, if it is there (for snapshot ignores).
    void remove(QJsonValue *root) const;

    // A child's path as text: "$.a" + "b" is "$.a.b"; keys that are not identifiers are
    // quoted ("$.labels['x-y']"); an index is "[N]".
    static QString child(const QString &parent, const QString &key);
    static QString element(const QString &parent, int index);

private:
    bool m_error = false;
    QList<Step> m_steps;
};

} // namespace wirescope
