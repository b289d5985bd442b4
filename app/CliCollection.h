#pragma once

#include <QString>

namespace wirescope {

struct CliArgs;
class SecretStore;

// "wirescope call --collection DIR [--env NAME] [TARGET] REQUEST": a request saved in a
// collection, run headless. REQUEST is its path in the collection ("unary/echo.json", the
// ".json" may be left out) or its name. The saved target, schema source, TLS, metadata,
// body and deadline fill in whatever the command line did not give.
namespace CliCollection {

// `args` with the saved request's fields resolved through the environment (--env, else the
// collection's default) and `secrets`; false with *error naming what is missing.
bool applySavedRequest(const CliArgs &args, const SecretStore *secrets, CliArgs *resolved, QString *error);

} // namespace CliCollection

} // namespace wirescope
