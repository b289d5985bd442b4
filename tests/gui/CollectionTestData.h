#pragma once

#include "model/collection/Environment.h"
#include "model/request/SavedRequest.h"

#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QStringList>

// Small builders and file helpers for tests of collection panels and dialogs.
namespace wirescope::GuiTest {

inline const QString SecretValue = QStringLiteral("s3cr3t-Value-7f1c");

inline SavedRequest request(const QString &name)
{
    SavedRequest result;
    result.name = name;
    result.method = QStringLiteral("wirescope.demo.v1.DemoService/Echo");
    result.target = QStringLiteral("{{demo}}");
    result.body = QStringLiteral("{}");
    return result;
}

inline Environment environment(const QString &name, const QMap<QString, QString> &variables)
{
    Environment result;
    result.name = name;
    result.variables = variables;
    return result;
}

// Every file below a folder, hidden ones too: where a secret must not be.
inline QStringList filesUnder(const QString &directory)
{
    QStringList files;
    QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace wirescope::GuiTest
