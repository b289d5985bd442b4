#pragma once

#include <QString>

#include <memory>

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
// The GUI's store when the GUI is built in (the keychain, else its file), so that secrets
// entered in the GUI resolve here too.
std::unique_ptr<SecretStore> secretStore();

bool applySavedRequest(const CliArgs &args, const SecretStore *secrets, CliArgs *resolved, QString *error);

} // namespace CliCollection

} // namespace wirescope
