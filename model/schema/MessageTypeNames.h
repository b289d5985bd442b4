#pragma once

#include "model/schema/Schema.h"

#include <QStringList>

namespace wirescope {

// Every message type a schema defines, nested ones included, sorted by full name: what a
// "decode as" chooser offers. Map entry types are left out; nobody decodes those alone.
namespace MessageTypeNames {

QStringList of(const Schema &schema);

} // namespace MessageTypeNames

} // namespace wirescope
