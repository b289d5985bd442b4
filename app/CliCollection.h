#pragma once

#include <QString>

#include <memory>

namespace wirescope {

struct CliArgs;
class SecretStore;

// "wirescope call|bench --collection DIR [--env NAME] [TARGET] REQUEST": a request saved in a
// collection, run headless. REQUEST is its path in the collection ("unary/echo.json", the
// ".json" may be left out) or its name. The saved target, schema source, TLS, metadata,
// body and deadline fill in whatever the command line did not give.
namespace CliCollection {

// What the environment leaves as written: nothing for call; for bench, the per-call
// {{seq}} and {{randomInt A B}}, which each call of the run renders from its number.
enum class Helpers { None, Load };

// The GUI's store when the GUI is built in (the keychain, else its file), so that secrets
// entered in the GUI resolve here too.
std::unique_ptr<SecretStore> secretStore();

// `args` with the saved request's fields resolved through the environment (--env, else the
// collection's default) and `secrets`; false with *error naming what is missing.
bool applySavedRequest(const CliArgs &args, const SecretStore *secrets, CliArgs *resolved, QString *error,
    Helpers helpers = Helpers::None);

// `given` as it is, or with --collection the saved request applied through the app's secret
// store; false when it cannot be resolved, said on stderr (the command then exits 2).
bool resolveArguments(const CliArgs &given, Helpers helpers, CliArgs *args);

} // namespace CliCollection

} // namespace wirescope
