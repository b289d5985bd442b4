#pragma once

#include "model/schema/Schema.h"
#include "model/schema/SchemaLoader.h"

#include <QFile>
#include <QTemporaryDir>

// A small API in the style of Google's resource APIs, for the form's well-known-type
// editors: an update request with a FieldMask next to the resource it masks, a recursive
// type, and Any fields singular and repeated. Written to a temporary folder and loaded the
// way users load .proto files.
namespace wirescope::test {

inline const char *LibraryProto = R"(syntax = "proto3";
package lib.v1;

import "google/protobuf/any.proto";
import "google/protobuf/field_mask.proto";
import "google/protobuf/timestamp.proto";

message Author {
  string display_name = 1;
  Author mentor = 2;
  repeated string aliases = 3;
}

message Book {
  string title = 1;
  Author author = 2;
  google.protobuf.Timestamp published_at = 3;
  map<string, string> labels = 4;
}

message Shelf {
  string name = 1;
}

message UpdateBookRequest {
  Book book = 1;
  google.protobuf.FieldMask update_mask = 2;
  Shelf shelf = 3;
  google.protobuf.FieldMask shelf_mask = 4;
  google.protobuf.Any note = 5;
  repeated google.protobuf.Any notes = 6;
  map<string, google.protobuf.Any> extras = 7;
}
)";

inline SchemaPtr librarySchema()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("library.proto")));
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly) || file.write(LibraryProto) < 0)
        return nullptr;
    file.close();
    LoadResult loaded = SchemaLoader::loadProtoFiles({QStringLiteral("library.proto")}, {dir.path()});
    if (!loaded.ok())
        return nullptr;
    std::vector<SchemaSource> sources;
    sources.push_back(std::move(loaded.source));
    return Schema::build(std::move(sources), nullptr);
}

} // namespace wirescope::test
