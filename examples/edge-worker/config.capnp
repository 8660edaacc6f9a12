# workerd config for the example: `npm install`, then
#   TRUSTED_KEYS='[...]' POLICY='{...}' workerd serve config.capnp --experimental
# (optional: LICENSE_SERVER, SERVER_KEYS, STATUS_TOKEN for the status list).
# The worker imports the package by name (`licensewarden/worker`); workerd
# resolves a bare import to the module of that name, and the package's own
# relative imports to the names next to it, listed here from node_modules.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .edge),
    # Outbound fetch (the status list) may reach the license server.
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

const edge :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "licensewarden/worker", esModule = embed "node_modules/licensewarden/src/worker.js"),
    (name = "licensewarden/core.js", esModule = embed "node_modules/licensewarden/src/core.js"),
    (name = "licensewarden/licensing.js", esModule = embed "node_modules/licensewarden/src/licensing.js"),
    (name = "licensewarden/cache.js", esModule = embed "node_modules/licensewarden/src/cache.js"),
    (name = "licensewarden/online.js", esModule = embed "node_modules/licensewarden/src/online.js"),
    (name = "licensewarden/options.js", esModule = embed "node_modules/licensewarden/src/options.js"),
    (name = "licensewarden/records.js", esModule = embed "node_modules/licensewarden/src/records.js"),
    (name = "licensewarden/errors.js", esModule = embed "node_modules/licensewarden/src/errors.js"),
    (name = "licensewarden/middleware.js", esModule = embed "node_modules/licensewarden/src/middleware.js"),
    (name = "licensewarden/gateway.js", esModule = embed "node_modules/licensewarden/src/gateway.js"),
    (name = "licensewarden/rules.js", esModule = embed "node_modules/licensewarden/src/rules.js"),
    (name = "gen/licensewarden.js", esModule = embed "node_modules/licensewarden/gen/licensewarden.js"),
    (name = "gen/licensewarden.core.wasm", wasm = embed "node_modules/licensewarden/gen/licensewarden.core.wasm"),
    (name = "gen/licensewarden.core2.wasm", wasm = embed "node_modules/licensewarden/gen/licensewarden.core2.wasm"),
    (name = "gen/licensewarden.core3.wasm", wasm = embed "node_modules/licensewarden/gen/licensewarden.core3.wasm"),
  ],
  compatibilityDate = "2024-09-23",
  bindings = [
    (name = "TRUSTED_KEYS", fromEnvironment = "TRUSTED_KEYS"),
    (name = "POLICY", fromEnvironment = "POLICY"),
    (name = "FEATURE_ROUTES", fromEnvironment = "FEATURE_ROUTES"),
    (name = "LICENSE_SERVER", fromEnvironment = "LICENSE_SERVER"),
    (name = "SERVER_KEYS", fromEnvironment = "SERVER_KEYS"),
    (name = "STATUS_TOKEN", fromEnvironment = "STATUS_TOKEN"),
  ],
);
