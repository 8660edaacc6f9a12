//! `LicensingBuilder`: the options a product sets, and `build`, which
//! compiles the component (once per process), instantiates, configures and
//! loads the core.

use crate::access::{AccessSettings, AccessSource};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use licensewarden_guest::error::LicenseError;

use crate::bindings::licensewarden::core::types as wit;
use crate::clock::Clock;
use crate::convert;
use crate::device::{self, DeviceFacts};
use crate::engine::Allocator;
use crate::host::RandomFn;
use crate::keyfile::TrustedKey;
use crate::keysource::{self};
use crate::online::OnlineSettings;
use crate::policy_file::PolicyFile;
use crate::state_store::FileStore;

use crate::cache::Cached;
use crate::core::Core;
use crate::keysource::Resolver;
use crate::licensing::Licensing;

type EnvFn = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Default interval between re-resolutions of the license key.
pub const DEFAULT_RELOAD: std::time::Duration = std::time::Duration::from_secs(10);

/// Configures and builds a [`Licensing`].
pub struct LicensingBuilder {
    product: String,
    keys: Vec<TrustedKey>,
    policy_json: String,
    policy_file: Option<PathBuf>,
    demo: bool,
    key: Option<String>,
    clock: Clock,
    facts: Option<DeviceFacts>,
    state_dir: Option<PathBuf>,
    witness_dir: Option<PathBuf>,
    home: Option<PathBuf>,
    env: EnvFn,
    reload_ms: u64,
    allocator: Allocator,
    online: Option<OnlineSettings>,
    store: Option<FileStore>,
    random: Option<RandomFn>,
    gateway_cache_bytes: u64,
    no_home: bool,
    access: AccessSettings,
}

impl LicensingBuilder {
    /// The settings given that a gateway does not use (callers bring their
    /// own keys; it keeps no state or files): refused, not ignored.
    #[cfg(feature = "axum")]
    pub(crate) fn gateway_unused(&self) -> Vec<&'static str> {
        [
            ("key", self.key.is_some()),
            ("home_dir", self.home.is_some()),
            ("state_dir", self.state_dir.is_some()),
            ("witness_dir", self.witness_dir.is_some()),
            ("state_store", self.store.is_some()),
            // An access policy is decided against the instance's own
            // license, and a gateway has none.
            ("access_policy", self.access.text.is_some()),
            ("access_policy_file", self.access.file.is_some()),
            ("access_reload_interval", self.access.interval.is_some()),
            ("rbac_plain_env", self.access.plain_env),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect()
    }

    /// Validate the license online against a license server
    /// (docs/online-protocol.md). Off by default: offline-only products
    /// behave exactly as before.
    pub fn online(mut self, settings: OnlineSettings) -> Self {
        self.online = Some(settings);
        self
    }

    /// Keep state slots in this store instead of `state_dir` (tests use
    /// [`FileStore::memory`]).
    pub fn state_store(mut self, store: FileStore) -> Self {
        self.store = Some(store);
        self
    }

    /// Replace the OS random source (conformance vectors need a fixed one;
    /// never use this in production: request nonces must be unpredictable).
    #[doc(hidden)]
    pub fn random_source(mut self, f: impl Fn(&mut [u8]) + Send + Sync + 'static) -> Self {
        self.random = Some(Arc::new(f));
        self
    }

    /// Trust a key (call once per key id for rotation).
    pub fn trusted_key(mut self, key: TrustedKey) -> Self {
        self.keys.push(key);
        self
    }

    /// Trust several keys.
    pub fn trusted_keys(mut self, keys: impl IntoIterator<Item = TrustedKey>) -> Self {
        self.keys.extend(keys);
        self
    }

    /// Product policy as JSON (docs/policy.md).
    pub fn policy_json(mut self, json: impl Into<String>) -> Self {
        self.policy_json = json.into();
        self
    }

    /// Product policy from a JSON file, read at build and again when it
    /// changes (looked at whenever the key is: every
    /// [`LicensingBuilder::reload_interval`]). A changed file the core
    /// refuses leaves the policy in force, and is logged.
    pub fn policy_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.policy_file = Some(path.into());
        self
    }

    /// Demo mode: every feature on, reported as demo.
    pub fn demo_mode(mut self, on: bool) -> Self {
        self.demo = on;
        self
    }

    /// Use this key and skip every other source.
    pub fn key(mut self, token: impl Into<String>) -> Self {
        self.key = Some(token.into());
        self
    }

    /// Use this clock instead of the system clock.
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Use these device facts instead of reading the machine's.
    pub fn device_facts(mut self, facts: DeviceFacts) -> Self {
        self.facts = Some(facts);
        self
    }

    /// Directory for the rollback witnesses (default
    /// `~/.local/share/<product>` with the default state directory, else
    /// the state directory itself).
    pub fn witness_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.witness_dir = Some(dir.into());
        self
    }

    /// Directory for state slots (default `~/.<product>/state`).
    pub fn state_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.state_dir = Some(dir.into());
        self
    }

    /// Home directory used for `~/.<product>/license.key` (default `$HOME`).
    pub fn home_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.home = Some(dir.into());
        self
    }

    /// Environment lookup (default: the process environment).
    pub fn env(mut self, f: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        self.env = Arc::new(f);
        self
    }

    /// How often the key is re-resolved so a renewed key file is picked up
    /// without a restart ([`DEFAULT_RELOAD`]; zero disables;
    /// tests/options.json).
    pub fn reload_interval(mut self, every: std::time::Duration) -> Self {
        self.reload_ms = u64::try_from(every.as_millis()).unwrap_or(u64::MAX);
        self
    }

    /// Read no key file from a home directory (gateways, whose keys are the
    /// callers').
    pub fn without_home(mut self) -> Self {
        self.no_home = true;
        self
    }

    /// Gateway mode: bytes the verified callers' keys may take in the
    /// core's memory (0 = 64 MiB, the default; at least 1 MiB).
    pub fn gateway_cache_bytes(mut self, bytes: u64) -> Self {
        self.gateway_cache_bytes = bytes;
        self
    }

    /// The access (RBAC) policy's text, YAML or JSON (docs/rbac.md); it
    /// overrides every other source.
    pub fn access_policy(mut self, text: impl Into<String>) -> Self {
        self.access.text = Some(text.into());
        self
    }

    /// A policy file, re-read when it changes; it overrides
    /// `<PREFIX>_RBAC_POLICY` and `<PREFIX>_RBAC_POLICY_FILE`.
    pub fn access_policy_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.access.file = Some(path.into());
        self
    }

    /// How often the policy file's modification time is looked at (default
    /// `<PREFIX>_RBAC_RELOAD_INTERVAL` seconds, else 30 s; zero: never).
    pub fn access_reload_interval(mut self, every: std::time::Duration) -> Self {
        self.access.interval = Some(every);
        self
    }

    /// Also read the plain `RBAC_POLICY`, `RBAC_POLICY_FILE` and
    /// `RBAC_RELOAD_INTERVAL`.
    pub fn rbac_plain_env(mut self, on: bool) -> Self {
        self.access.plain_env = on;
        self
    }

    /// Instance allocator (default on-demand).
    pub fn allocator(mut self, a: Allocator) -> Self {
        self.allocator = a;
        self
    }

    /// Compile (once per process), instantiate, configure and load the key.
    pub fn build(self) -> Result<Licensing, LicenseError> {
        let mut policy_json = self.policy_json;
        let mut policy_file = None;
        if let Some(p) = self.policy_file {
            let (file, text) = PolicyFile::open(p)?;
            policy_json = text;
            policy_file = Some(Mutex::new(file));
        }
        let home = if self.no_home {
            None
        } else {
            self.home
                .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
        };
        // Rollback witnesses live apart from the state: under the home's
        // data directory when the state is in its default place; with a
        // state directory of the product's choosing, beside it unless a
        // witness directory is chosen too.
        let witness_dir = self.witness_dir.or_else(|| match &self.state_dir {
            Some(_) => None,
            None => home.as_ref().map(|h| {
                h.join(".local/share")
                    .join(keysource::dir_name(&self.product))
            }),
        });
        let state_dir = self.state_dir.or_else(|| {
            keysource::default_key_file(&self.product, home.as_ref())
                .and_then(|f| f.parent().map(|d| d.join("state")))
        });
        let config = wit::Config {
            trusted_keys: self.keys.iter().map(convert::trusted_key).collect(),
            policy_json,
            demo_mode: self.demo,
            online: self.online.as_ref().map(|o| wit::OnlineConfig {
                server_url: o.server_url.clone(),
                server_keys: o.server_keys.iter().map(convert::trusted_key).collect(),
                lease_hours: o.lease_hours,
                grace_hours: o.grace_hours,
                status_token: o.status_token.clone(),
                proxy: o.proxy.clone(),
                ca_file: o.ca_file.as_ref().map(|p| p.display().to_string()),
                // The setting, else <PRODUCT>_LICENSE_AGENT (docs/agent.md).
                agent: o
                    .agent
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .or_else(|| (self.env)(&crate::keysource::places(&self.product).agent_var)),
                network_env: crate::online::network_env(&*self.env),
            }),
            gateway_cache_bytes: self.gateway_cache_bytes,
        };
        let facts = self.facts.unwrap_or_else(device::local_facts);
        let mut core = Core::new(
            self.allocator,
            self.clock.clone(),
            facts,
            self.store
                .unwrap_or_else(|| FileStore::new(state_dir).with_witness_dir(witness_dir)),
            config,
            self.random,
        )?;
        let access = AccessSource::resolve(&self.access, &self.product, &*self.env)?;
        let resolver = Resolver {
            product: self.product,
            explicit: self.key,
            env: self.env,
            home,
            policy_file: policy_file.is_some(),
        };
        let resolved = resolver.resolve();
        let now = self.clock.now_ms();
        let (snap, warning) = core.load(&resolved)?;
        core.log_events(snap.status, false);
        let mut lic = Licensing {
            core: Arc::new(Mutex::new(core)),
            cache: Arc::new(RwLock::new(Arc::new(Cached::new(
                (snap, warning),
                now,
                self.reload_ms,
                &resolver,
            )))),
            checks: Arc::new(Mutex::new(())),
            readying: Arc::default(),
            clock: self.clock,
            reload_ms: self.reload_ms,
            resolver,
            online: self.online,
            background: None,
            access: None,
            access_hasher: std::hash::RandomState::new(),
            access_gen: Arc::default(),
            policy_file,
        };
        if let Some(src) = access {
            // An unreadable file fails the start naming it; a refused policy
            // leaves the core denying everyone, and info and metrics say why.
            let (text, seen) = src.read()?;
            if let Err(e) = lic.set_access_policy(Some(&text)) {
                tracing::error!(source = %src.origin, error = %e.message, "licensewarden: RBAC policy refused");
            }
            src.seen(seen);
            lic.access = Some(Arc::new(src));
        }
        if lic.online.as_ref().is_some_and(|o| o.background) {
            lic.background = Some(lic.spawn_checks());
        }
        Ok(lic)
    }
}

impl Licensing {
    /// Start configuring licensing for `product` (drives the key's env var
    /// and file names: `ACME_LICENSE_KEY`, `~/.acme/license.key`).
    pub fn builder(product: &str) -> LicensingBuilder {
        LicensingBuilder {
            product: product.to_string(),
            keys: Vec::new(),
            policy_json: String::new(),
            policy_file: None,
            demo: false,
            key: None,
            clock: Clock::system(),
            facts: None,
            state_dir: None,
            witness_dir: None,
            home: None,
            env: Arc::new(|k| std::env::var(k).ok()),
            reload_ms: DEFAULT_RELOAD.as_millis() as u64,
            allocator: Allocator::OnDemand,
            online: None,
            store: None,
            random: None,
            gateway_cache_bytes: 0,
            no_home: false,
            access: AccessSettings::default(),
        }
    }
}
