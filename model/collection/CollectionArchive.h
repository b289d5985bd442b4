#pragma once

#include <QByteArray>
#include <QString>

namespace wirescope {

class Collection;

// A whole collection as one JSON file, to mail or attach to a ticket, and back: settings
// (secrets by name only, as on disk), folders, and every request with its path. Importing
// checks the whole file before writing anything and only fills an empty folder.
namespace CollectionArchive {

QByteArray exportCollection(const Collection &collection);
bool exportToFile(const Collection &collection, const QString &filePath, QString *error);

// Writes the collection's files into `directory`, which must be empty or not exist yet.
bool importCollection(
    const QByteArray &bytes, const QString &fileName, const QString &directory, QString *error);
bool importFromFile(const QString &filePath, const QString &directory, QString *error);

} // namespace CollectionArchive

} // namespace wirescope
