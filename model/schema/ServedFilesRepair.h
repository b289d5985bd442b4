#pragma once

#include "model/core/Diagnostic.h"

#include <google/protobuf/descriptor.pb.h>

#include <functional>
#include <map>
#include <string>

namespace wirescope {

// Descriptor files as servers send them over reflection, made buildable. Servers whose
// descriptors come from another toolchain than protoc (grpc-js with proto-loader is the
// common case) bundle the well-known types into a file of their own name, name map entry
// types after the field, and forget imports. Each repair here is one warning line that says
// what was changed and why; nothing is silently dropped.
namespace ServedFilesRepair {

using FileMap = std::map<std::string, google::protobuf::FileDescriptorProto>;

// Makes every type name fully qualified (".pkg.Type"), resolving relative names the way
// protoc does, innermost scope first. protobufjs writes them relative to the message; that
// is allowed, so it is no repair and says nothing, but the repairs below compare full names.
void qualifyTypeNames(FileMap *files);

// Replaces the server's copies of the well-known types (google.protobuf.*, google.rpc.*),
// under whatever file name they came, with the canonical definitions libprotobuf carries.
// A file left with nothing of its own is dropped, and imports of it are removed (the
// import repair adds the canonical files back where they are used).
void useCanonicalWellKnownTypes(FileMap *files, Diagnostics *warnings);

// Rebuilds map entry types that break descriptor rules (name, labels, field names or
// numbers) as proper map entries; one that cannot be a map entry stays a plain repeated
// message, which reads the same bytes.
void repairMapEntries(FileMap *files, Diagnostics *warnings);

// Asks the server for the file that defines a symbol and adds what it sent to the map.
using FetchSymbol = std::function<bool(const std::string &symbol, FileMap *files)>;

// Adds the import a file needs for each type it uses without importing its file (from the
// files sent, the canonical well-known types, or fetched), then drops imports of files the
// server does not have.
void repairImports(FileMap *files, Diagnostics *warnings, const FetchSymbol &fetch = {});

// Every repair above, in the order they depend on each other.
void repairAll(FileMap *files, Diagnostics *warnings, const FetchSymbol &fetch = {});

// Removes dependency i of a file, keeping its public and weak dependency indices right.
void removeDependency(google::protobuf::FileDescriptorProto *file, int index);

} // namespace ServedFilesRepair

} // namespace wirescope
