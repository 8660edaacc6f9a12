//! `Licensing`: the Rust API over one component instance.
//!
//! Hot-path checks (`check_feature`, `gate` on an allowed route) are served
//! from the core's decision snapshot behind a read lock, without entering
//! wasm, until the snapshot's `valid_until` or the next key re-resolution
//! is due. Everything else asks the core.

use crate::access::{AccessSettings, AccessSource};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use licensewarden_guest::decision::{Snapshot, Status};
use licensewarden_guest::error::{ErrorCode, LicenseError};
use licensewarden_guest::failure::Failure;
use licensewarden_guest::gateway::GatewayStats;
use licensewarden_guest::online::OnlineAction;
use licensewarden_guest::payload::License;
use licensewarden_guest::protocol::{Request, Response};
use licensewarden_guest::rbac::{Decision as AccessDecision, Subject as AccessSubject};
use licensewarden_guest::report::{
    CapCheck, CapOutcome, GateDecision, Info, KeyDecision, OnlineOutcome,
};
use wasmtime::Store;

use crate::bindings::licensewarden::core::types as wit;
use crate::bindings::Licensewarden;
use crate::clock::Clock;
use crate::convert;
use crate::device::{self, DeviceFacts};
use crate::engine::{self, Allocator};
use crate::host::{HostState, RandomFn};
use crate::keyfile::TrustedKey;
use crate::keysource::{self, Resolved, Sources};
use crate::online::{self, Background, OnlineSettings, Signal};
use crate::policy_file::PolicyFile;
use crate::state_store::FileStore;

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
        let snap = core.load(&resolved)?;
        core.log_events(snap.status, false);
        let mut lic = Licensing {
            core: Arc::new(Mutex::new(core)),
            cache: Arc::new(RwLock::new(Arc::new(Cached::new(
                snap,
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

struct Resolver {
    product: String,
    explicit: Option<String>,
    env: EnvFn,
    home: Option<PathBuf>,
    /// A product policy file is watched too, so the snapshot is recomputed
    /// every reload interval even with an explicit key.
    policy_file: bool,
}

impl Resolver {
    fn resolve(&self) -> Resolved {
        keysource::resolve(&Sources {
            product: &self.product,
            explicit: self.explicit.as_deref(),
            env: &*self.env,
            home: self.home.clone(),
        })
    }
}

struct Cached {
    snap: Snapshot,
    computed_at: u64,
    recheck_at: u64,
    memo: Memo,
}

/// The core's denials for this snapshot. Its answers are a function of the
/// snapshot, so each holds until the snapshot is recomputed (a new `Cached`
/// starts empty): a flood of requests for an unlicensed feature then costs
/// no boundary call each. Bounded: once full, further names ask the core.
#[derive(Default)]
struct Memo {
    features: Mutex<HashMap<String, LicenseError>>,
    gates: Mutex<HashMap<(String, Option<String>), GateDecision>>,
    access: AccessMemo,
}

/// Access decisions for this snapshot and policy, found without building a
/// key: bucketed by a keyed hash of the question, compared in full.
#[derive(Default)]
struct AccessMemo {
    table: Mutex<(HashMap<u64, Vec<AccessEntry>>, usize)>,
}

struct AccessEntry {
    roles: Vec<String>,
    groups: Vec<String>,
    action: String,
    verb: String,
    decision: Arc<AccessDecision>,
}

/// Most access decisions remembered per snapshot and policy.
const MAX_ACCESS_MEMO: usize = 4096;

/// The memo's bucket for a question, keyed per instance (SipHash with
/// random keys: a caller cannot aim collisions at one bucket).
fn access_hash(
    hasher: &std::hash::RandomState,
    s: &AccessSubject,
    action: &str,
    verb: &str,
) -> u64 {
    use std::hash::BuildHasher;
    hasher.hash_one((&s.roles, &s.groups, action, verb))
}

impl AccessMemo {
    fn get(
        &self,
        h: u64,
        s: &AccessSubject,
        action: &str,
        verb: &str,
    ) -> Option<Arc<AccessDecision>> {
        let t = self.table.lock().unwrap_or_else(|p| p.into_inner());
        t.0.get(&h)?
            .iter()
            .find(|e| {
                e.action == action && e.verb == verb && e.roles == s.roles && e.groups == s.groups
            })
            .map(|e| e.decision.clone())
    }

    fn put(&self, h: u64, s: &AccessSubject, action: &str, verb: &str, d: Arc<AccessDecision>) {
        let mut t = self.table.lock().unwrap_or_else(|p| p.into_inner());
        if t.1 >= MAX_ACCESS_MEMO {
            return;
        }
        t.1 += 1;
        t.0.entry(h).or_default().push(AccessEntry {
            roles: s.roles.clone(),
            groups: s.groups.clone(),
            action: action.to_string(),
            verb: verb.to_string(),
            decision: d,
        });
    }

    fn clear(&self) {
        *self.table.lock().unwrap_or_else(|p| p.into_inner()) = Default::default();
    }
}

/// The coarse clock's largest lag behind the precise one, with margin
/// (one tick is 1-4 ms).
const COARSE_LAG_MS: u64 = 10;

/// Entries per memo table.
const MAX_MEMO: usize = 256;

fn remember<K: Eq + std::hash::Hash, V>(table: &Mutex<HashMap<K, V>>, key: K, value: V) {
    let mut t = table.lock().unwrap_or_else(|p| p.into_inner());
    if t.len() < MAX_MEMO {
        t.insert(key, value);
    }
}

impl Cached {
    fn new(snap: Snapshot, now: u64, reload_ms: u64, r: &Resolver) -> Cached {
        let reload_at = if reload_ms == 0 || (r.explicit.is_some() && !r.policy_file) {
            u64::MAX
        } else {
            now.saturating_add(reload_ms)
        };
        Cached {
            recheck_at: snap.valid_until.unwrap_or(u64::MAX).min(reload_at),
            snap,
            computed_at: now,
            memo: Memo::default(),
        }
    }

    fn fresh(&self, now: u64) -> bool {
        now >= self.computed_at && now < self.recheck_at
    }

    /// [`Cached::fresh`] for a reading of the coarse clock, which may lag
    /// the precise one `computed_at` came from by up to a tick.
    fn fresh_coarse(&self, now: u64) -> bool {
        now.saturating_add(COARSE_LAG_MS) >= self.computed_at && now < self.recheck_at
    }

    /// The same snapshot, due for recomputation at the next call.
    fn stale(&self) -> Cached {
        Cached {
            snap: self.snap.clone(),
            computed_at: self.computed_at,
            recheck_at: 0,
            memo: Memo::default(),
        }
    }
}

struct Core {
    alloc: Allocator,
    clock: Clock,
    facts: DeviceFacts,
    state: FileStore,
    config: wit::Config,
    random: Option<RandomFn>,
    live: Option<(Store<HostState>, Licensewarden)>,
    loaded: Resolved,
    /// The access policy last accepted, replayed into a re-created instance
    /// (a lost policy would otherwise mean full access).
    access: Option<String>,
    /// A policy refused since, replayed after it: with none accepted the
    /// core denies everyone, and a re-created instance must too.
    access_refused: Option<String>,
    /// Export calls made (tests check which paths make none).
    calls: u64,
    /// What every call answers while the core cannot run (the core's rule,
    /// asked after configure and after each load).
    failure: Failure,
    /// The status last logged (`events`), none before the first.
    logged: Option<Status>,
}

fn internal(e: impl std::fmt::Display) -> LicenseError {
    LicenseError::new(
        ErrorCode::Internal,
        format!("the licensewarden core could not be run ({e}); this is a bug: please report it"),
    )
}

impl Core {
    fn new(
        alloc: Allocator,
        clock: Clock,
        facts: DeviceFacts,
        state: FileStore,
        config: wit::Config,
        random: Option<RandomFn>,
    ) -> Result<Core, LicenseError> {
        let mut core = Core {
            alloc,
            clock,
            facts,
            state,
            config,
            random,
            live: None,
            loaded: Resolved {
                token: None,
                source: "none".into(),
                unreadable: None,
            },
            calls: 0,
            access: None,
            access_refused: None,
            failure: licensewarden_guest::failure::answers("none", "", ""),
            logged: None,
        };
        let live = core.create().map_err(|e| match e {
            Created::Refused(e) => e,
            Created::Failed(e) => internal(e),
        })?;
        core.live = Some(live);
        core.ask_failure_answers()?;
        Ok(core)
    }

    /// Log the core's lines (docs: the status at start and when it changes,
    /// caps newly exceeded, online checks newly failing or succeeding
    /// again) through `tracing`; `status` is the snapshot's, so an
    /// unchanged status with nothing queued costs no call.
    fn log_events(&mut self, status: Status, queued: bool) {
        if self.logged == Some(status) && !queued {
            return;
        }
        let before = self.logged.map(convert::wit_status);
        if let Ok(events) = self.call(|s, b| b.call_events(s, before)) {
            self.logged = Some(status);
            for e in events {
                match e.level {
                    wit::LogLevel::Info => tracing::info!("licensewarden: {}", e.message),
                    wit::LogLevel::Warn => tracing::warn!("licensewarden: {}", e.message),
                    wit::LogLevel::Error => tracing::error!("licensewarden: {}", e.message),
                }
            }
        }
    }

    /// Keep the core's failure answers for the key now loaded.
    fn ask_failure_answers(&mut self) -> Result<(), LicenseError> {
        let f = self.call(|s, b| b.call_failure_answers(s))?;
        self.failure = convert::failure(f);
        Ok(())
    }

    /// The core failed (`e`, in wasmtime's words): the instance is dropped,
    /// the failure logged, and the call gets the core's failure error.
    fn failed(&mut self, e: impl std::fmt::Display) -> LicenseError {
        self.live = None;
        tracing::error!(
            error = %licensewarden_guest::escape::printable(&e.to_string(), 512),
            "licensewarden: the core failed; every licensed request is refused until it is re-created (at the next call)"
        );
        self.failure.error.clone()
    }

    /// A new instance with this core's configuration, key and access
    /// policy replayed.
    fn create(&self) -> Result<(Store<HostState>, Licensewarden), Created> {
        let failed = |e: wasmtime::Error| Created::Failed(e.to_string());
        let prepared = engine::prepared(self.alloc).map_err(|e| Created::Failed(e.to_string()))?;
        let mut store = Store::new(
            &prepared.engine,
            HostState {
                clock: self.clock.clone(),
                facts: self.facts.clone(),
                store: self.state.clone(),
                problems: Vec::new(),
                random: self.random.clone(),
            },
        );
        let bindings = prepared.pre.instantiate(&mut store).map_err(failed)?;
        bindings
            .call_configure(&mut store, &self.config)
            .map_err(failed)?
            .map_err(|e| Created::Refused(convert::error(e)))?;
        if self.loaded.source != "none" || self.loaded.token.is_some() {
            bindings
                .call_load(&mut store, &convert::key_input(&self.loaded))
                .map_err(failed)?;
        }
        if let Some(policy) = &self.access {
            bindings
                .call_set_access_policy(&mut store, Some(policy))
                .map_err(failed)?
                .map_err(|e| Created::Refused(convert::error(e)))?;
        }
        if let Some(refused) = &self.access_refused {
            // Refused again: the core is back in the state it was in.
            let _ = bindings
                .call_set_access_policy(&mut store, Some(refused))
                .map_err(failed)?;
        }
        Ok((store, bindings))
    }

    /// The live instance, re-created (and re-configured, re-loaded) after a trap.
    fn instance(&mut self) -> Result<&mut (Store<HostState>, Licensewarden), LicenseError> {
        if self.live.is_none() {
            match self.create() {
                Ok(live) => self.live = Some(live),
                Err(Created::Refused(e)) => return Err(e),
                Err(Created::Failed(e)) => return Err(self.failed(e)),
            }
        }
        Ok(self.live.as_mut().expect("instance was just created"))
    }

    fn call<R>(
        &mut self,
        f: impl FnOnce(&mut Store<HostState>, &Licensewarden) -> wasmtime::Result<R>,
    ) -> Result<R, LicenseError> {
        self.calls += 1;
        let (store, b) = self.instance()?;
        match f(store, b) {
            Ok(r) => Ok(r),
            // A trapped instance is never reused.
            Err(e) => Err(self.failed(e)),
        }
    }

    fn load(&mut self, r: &Resolved) -> Result<Snapshot, LicenseError> {
        self.loaded = r.clone();
        let input = convert::key_input(r);
        let snap = self
            .call(|s, b| b.call_load(s, &input))
            .map(convert::snapshot)?;
        self.ask_failure_answers()?;
        Ok(snap)
    }
}

/// Why a new instance could not be made.
enum Created {
    /// The core refused the configuration (a caller's mistake).
    Refused(LicenseError),
    /// The runtime failed, in its own words.
    Failed(String),
}

/// A configured license checker backed by the licensewarden component.
pub struct Licensing {
    core: Arc<Mutex<Core>>,
    cache: Arc<RwLock<Arc<Cached>>>,
    // Serialises online checks: one outstanding request (and nonce) at a time.
    checks: Arc<Mutex<()>>,
    // One first-check thread at a time, however many callers wait in ready().
    readying: Arc<std::sync::atomic::AtomicBool>,
    clock: Clock,
    reload_ms: u64,
    resolver: Resolver,
    online: Option<OnlineSettings>,
    background: Option<Background>,
    access: Option<Arc<AccessSource>>,
    access_hasher: std::hash::RandomState,
    // Bumped by every policy change: a decision from an older policy is not
    // remembered.
    access_gen: Arc<std::sync::atomic::AtomicU64>,
    /// The product policy file, re-read when it changes.
    policy_file: Option<Mutex<PolicyFile>>,
}

/// One debug line per access decision (allow/deny, role, pattern), names
/// escaped.
fn log_access(action: &str, verb: &str, d: &AccessDecision) {
    tracing::debug!(
        allow = d.allow,
        action = %licensewarden_guest::escape::quoted(action),
        verb = %licensewarden_guest::escape::quoted(verb),
        role = ?d.role,
        pattern = ?d.pattern,
        reason = %d.reason,
        "licensewarden: rbac {}",
        if d.allow { "allow" } else { "deny" }
    );
}

/// A core failure's access decision: denied, with the failure's body.
fn failed_decision(e: LicenseError) -> AccessDecision {
    AccessDecision {
        allow: false,
        role: None,
        pattern: None,
        body: GateDecision::denied(503, e.clone()).body,
        reason: e.message,
    }
}

/// Codes that mean "this device holds no answer from the license server
/// yet": a check is what settles them, so middleware waits for one (at most
/// [`FIRST_CHECK_WAIT`]) before denying a request. The same codes in every
/// host.
pub fn awaiting_check(e: Option<&LicenseError>) -> bool {
    matches!(
        e.map(|e| e.code),
        Some(ErrorCode::NotValidated | ErrorCode::StateTampered)
    )
}

/// How long middleware waits for a first check before answering.
pub const FIRST_CHECK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave the core inconsistent
    // (a trapped instance is dropped), so poisoning is ignored.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// One online check: ask the core, send without holding the core's lock
/// (request paths keep running), hand the answer back. `None`: nothing due.
fn run_check(
    core: &Mutex<Core>,
    cache: &RwLock<Arc<Cached>>,
    checks: &Mutex<()>,
    action: OnlineAction,
    timeout: std::time::Duration,
) -> Result<Option<OnlineOutcome>, LicenseError> {
    let _one_at_a_time = lock(checks);
    let req = lock(core)
        .call(|s, b| b.call_online_request(s, convert::online_action(action)))?
        .map_err(convert::error)?;
    let Some(req) = req.map(convert::request) else {
        return Ok(None);
    };
    let answer = online::send(&req, timeout);
    let wit_answer = answer.as_ref().map(convert::response).map_err(Clone::clone);
    let out = {
        let mut core = lock(core);
        let out = core
            .call(|s, b| b.call_apply_response(s, wit_answer.as_ref().map_err(String::as_str)))?;
        core.log_events(convert::status(out.snapshot.status), true);
        out
    };
    let stale = cache.read().unwrap_or_else(|p| p.into_inner()).stale();
    *cache.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(stale);
    Ok(Some(OnlineOutcome {
        error: out.error.map(convert::error),
        snapshot: convert::snapshot(out.snapshot),
        save: Vec::new(),
    }))
}

impl std::fmt::Debug for Licensing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Licensing")
            .field("product", &self.resolver.product)
            .finish_non_exhaustive()
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

    fn core(&self) -> std::sync::MutexGuard<'_, Core> {
        lock(&self.core)
    }

    fn spawn_checks(&self) -> Background {
        let signal = Arc::new(Signal::default());
        let (core, cache, checks) = (self.core.clone(), self.cache.clone(), self.checks.clone());
        let sig = signal.clone();
        let timeout = self
            .online
            .as_ref()
            .map_or(crate::online::DEFAULT_TIMEOUT, |o| o.timeout);
        // A thread of its own: no async runtime is required of the caller,
        // and a slow or hanging server only ever delays this thread.
        let spawned = std::thread::Builder::new()
            .name("licensewarden-online".into())
            .spawn(move || loop {
                let _ = run_check(&core, &cache, &checks, OnlineAction::ValidateIfDue, timeout);
                // The core's rule: until its next boundary, 1 s .. 60 s.
                let wait = {
                    let mut core = lock(&core);
                    core.call(|s, b| b.call_next_check_delay(s))
                        .unwrap_or(core.failure.retry_ms)
                };
                if !sig.sleep(std::time::Duration::from_millis(u64::from(wait))) {
                    break;
                }
            });
        if spawned.is_err() {
            // No thread: checks then run only when the caller asks.
            signal.stop();
        }
        Background { signal }
    }

    fn timeout(&self) -> std::time::Duration {
        self.online
            .as_ref()
            .map_or(crate::online::DEFAULT_TIMEOUT, |o| o.timeout)
    }

    fn check(&self, action: OnlineAction) -> Result<Option<OnlineOutcome>, LicenseError> {
        let out = run_check(
            &self.core,
            &self.cache,
            &self.checks,
            action,
            self.timeout(),
        );
        if let Some(b) = &self.background {
            b.signal.wake();
        }
        out
    }

    /// The snapshot once the first online check after start (or after a
    /// new key) has been made, or at once when none is needed (offline
    /// only, no key, an answer already held); waits at most `timeout`.
    /// Serve requests after `ready` to skip the short restricted window of
    /// a fresh install. Blocking: from async code, call it on a blocking
    /// thread (`tokio::task::spawn_blocking`).
    pub fn ready(&self, timeout: std::time::Duration) -> Snapshot {
        let snap = self.snapshot();
        if self.online.is_none() || !awaiting_check(snap.error.as_ref()) {
            return snap;
        }
        use std::sync::atomic::Ordering;
        // One thread runs the check (a flood of early requests starts no
        // more), so the wait is bounded even while another check holds the
        // lock; the check keeps its own request deadline.
        if !self.readying.swap(true, Ordering::SeqCst) {
            let (core, cache, checks) =
                (self.core.clone(), self.cache.clone(), self.checks.clone());
            let (readying, request_timeout) = (self.readying.clone(), self.timeout());
            let spawned = std::thread::Builder::new()
                .name("licensewarden-ready".into())
                .spawn(move || {
                    let _ = run_check(
                        &core,
                        &cache,
                        &checks,
                        OnlineAction::ValidateIfDue,
                        request_timeout,
                    );
                    readying.store(false, Ordering::SeqCst);
                });
            if spawned.is_err() {
                self.readying.store(false, Ordering::SeqCst);
                return self.snapshot();
            }
        }
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let snap = self.snapshot();
            let now = std::time::Instant::now();
            if !self.readying.load(Ordering::SeqCst)
                || !awaiting_check(snap.error.as_ref())
                || now >= deadline
            {
                return snap;
            }
            std::thread::sleep((deadline - now).min(std::time::Duration::from_millis(20)));
        }
    }

    /// Run an online check now if one is due (first use, lease over,
    /// retrying while offline); `None` when nothing was due.
    pub fn validate_if_due(&self) -> Result<Option<OnlineOutcome>, LicenseError> {
        self.check(OnlineAction::ValidateIfDue)
    }

    /// Validate with the license server now (`license info --refresh`).
    pub fn validate_now(&self) -> Result<OnlineOutcome, LicenseError> {
        self.check(OnlineAction::Validate)
            .map(|o| o.expect("validate always sends"))
    }

    /// Register this device with the license on the server.
    pub fn activate(&self) -> Result<OnlineOutcome, LicenseError> {
        self.check(OnlineAction::Activate)
            .map(|o| o.expect("activate always sends"))
    }

    /// Free this device's slot on the server.
    pub fn deactivate(&self) -> Result<OnlineOutcome, LicenseError> {
        self.check(OnlineAction::Deactivate)
            .map(|o| o.expect("deactivate always sends"))
    }

    /// Low level, for callers with their own HTTP client: the request the
    /// core wants sent for `action` (none when nothing is due). Hand the
    /// answer to [`Licensing::apply_response`].
    pub fn online_request(&self, action: OnlineAction) -> Result<Option<Request>, LicenseError> {
        Ok(self
            .core()
            .call(|s, b| b.call_online_request(s, convert::online_action(action)))?
            .map_err(convert::error)?
            .map(convert::request))
    }

    /// Low level: apply the answer to the last [`Licensing::online_request`]
    /// (`Err` with why no answer came).
    pub fn apply_response(&self, answer: Result<&Response, &str>) -> OnlineOutcome {
        let wit_answer = answer.map(convert::response).map_err(str::to_string);
        let out = match self
            .core()
            .call(|s, b| b.call_apply_response(s, wit_answer.as_ref().map_err(String::as_str)))
        {
            Ok(o) => OnlineOutcome {
                error: o.error.map(convert::error),
                snapshot: convert::snapshot(o.snapshot),
                save: Vec::new(),
            },
            Err(e) => OnlineOutcome {
                error: Some(e.clone()),
                snapshot: self.snapshot(),
                save: Vec::new(),
            },
        };
        let stale = self.cached().stale();
        *self.cache.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(stale);
        out
    }

    fn cached(&self) -> Arc<Cached> {
        self.cache.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Recompute the snapshot (re-resolving the key when due). Called
    /// automatically when the cached one is stale.
    pub fn refresh(&self) -> Result<Arc<Snapshot>, LicenseError> {
        let now = self.clock.now_ms();
        self.reread_policy_file();
        let mut core = self.core();
        let resolved = self.resolver.resolve();
        let snap = if resolved != core.loaded {
            tracing::info!(
                source = %licensewarden_guest::escape::printable(&resolved.source, 256),
                "licensewarden: the license key changed; loaded again"
            );
            core.load(&resolved)?
        } else {
            core.call(|s, b| b.call_snapshot(s))
                .map(convert::snapshot)?
        };
        core.log_events(snap.status, false);
        let cached = Arc::new(Cached::new(
            snap.clone(),
            now,
            self.reload_ms,
            &self.resolver,
        ));
        *self.cache.write().unwrap_or_else(|p| p.into_inner()) = cached;
        Ok(Arc::new(snap))
    }

    /// A changed product policy file becomes the core's policy (the instance
    /// is re-created with it, replaying key and access policy); one the core
    /// refuses, or cannot read, leaves the policy in force.
    fn reread_policy_file(&self) {
        let Some(file) = &self.policy_file else {
            return;
        };
        let mut file = lock(file);
        let Some(read) = file.changed() else {
            return;
        };
        let shown = licensewarden_guest::escape::printable(&file.path().display().to_string(), 256);
        let checked = read
            .and_then(|text| licensewarden_guest::policy::Policy::from_json(&text).map(|_| text));
        match checked {
            Ok(text) => {
                let mut core = self.core();
                if core.config.policy_json != text {
                    core.config.policy_json = text;
                    core.live = None;
                    tracing::info!(file = %shown, "licensewarden: the product policy changed; in force now");
                }
            }
            Err(e) => tracing::warn!(
                file = %shown,
                "licensewarden: the changed product policy was refused, the previous one stays: {}",
                e.message
            ),
        }
    }

    /// The `x-license-warning` value for allowed responses while the
    /// license runs on its offline grace period (the core's rule,
    /// `Snapshot::warning`), else None.
    pub fn warning(&self) -> Option<String> {
        let c = self.cached();
        if c.fresh(self.clock.now_ms()) {
            return c.snap.warning();
        }
        self.snapshot().warning()
    }

    /// The current decision snapshot (from cache while fresh).
    pub fn snapshot(&self) -> Snapshot {
        let now = self.clock.now_ms();
        let c = self.cached();
        if c.fresh(now) {
            return c.snap.clone();
        }
        match self.refresh() {
            Ok(s) => (*s).clone(),
            Err(_) => self.failure().snapshot,
        }
    }

    /// The core's answers while it cannot run (fail closed).
    fn failure(&self) -> Failure {
        self.core().failure.clone()
    }

    /// Whether the hot path may allow `feature` right now without asking
    /// the core (false means "ask the core or its memo").
    fn fast_allow(&self, feature: Option<&str>) -> bool {
        let now = self.clock.now_ms_coarse();
        let c = self.cache.read().unwrap_or_else(|p| p.into_inner());
        c.fresh_coarse(now) && !c.snap.blocking && feature.is_none_or(|f| c.snap.allows(f))
    }

    /// The fresh cache entry, recomputed first when stale.
    fn fresh_cached(&self) -> Arc<Cached> {
        let c = self.cached();
        if c.fresh(self.clock.now_ms()) {
            return c;
        }
        // An error here resurfaces from the core call that follows.
        let _ = self.refresh();
        self.cached()
    }

    fn ensure_fresh(&self) {
        if !self.cached().fresh(self.clock.now_ms()) {
            // An error here resurfaces from the core call that follows.
            let _ = self.refresh();
        }
    }

    /// `Ok(())` when `feature` is licensed; otherwise the core's error
    /// (`feature-not-licensed` naming feature and plan, `expired`, ...).
    pub fn check_feature(&self, feature: &str) -> Result<(), LicenseError> {
        if self.fast_allow(Some(feature)) {
            return Ok(());
        }
        let c = self.fresh_cached();
        let memo = &c.memo.features;
        if let Some(e) = memo.lock().unwrap_or_else(|p| p.into_inner()).get(feature) {
            return Err(e.clone());
        }
        let out = self
            .core()
            .call(|s, b| b.call_check_feature(s, feature))?
            .map_err(convert::error);
        if let Err(e) = &out {
            remember(memo, feature.to_string(), e.clone());
        }
        out
    }

    /// How many calls into the component this instance has made (tests
    /// check that snapshot and memo answers make none).
    #[doc(hidden)]
    pub fn core_calls(&self) -> u64 {
        lock(&self.core).calls
    }

    /// Ask the core directly, bypassing the snapshot cache (diagnostics and
    /// benchmarks of the boundary cost).
    pub fn check_feature_uncached(&self, feature: &str) -> Result<(), LicenseError> {
        self.core()
            .call(|s, b| b.call_check_feature(s, feature))?
            .map_err(convert::error)
    }

    /// Whether `feature` is licensed (no error detail).
    pub fn has_feature(&self, feature: &str) -> bool {
        self.check_feature(feature).is_ok()
    }

    /// Compare `current` usage with the named cap (0 = no cap). Recorded
    /// for `info` and `metrics`.
    pub fn check_cap(&self, name: &str, current: u64) -> CapCheck {
        self.ensure_fresh();
        let mut core = self.core();
        match core.call(|s, b| b.call_check_cap(s, name, current)) {
            Ok(c) => {
                let c = convert::cap_check(c);
                if c.outcome != CapOutcome::Within {
                    let status = self.cached().snap.status;
                    core.log_events(status, true);
                }
                c
            }
            Err(e) => CapCheck {
                outcome: CapOutcome::HardExceeded,
                name: name.to_string(),
                max: 0,
                current,
                error: Some(e),
            },
        }
    }

    /// Decide an HTTP request to `path`, optionally requiring `feature`.
    pub fn gate(&self, path: &str, feature: Option<&str>) -> GateDecision {
        if self.fast_allow(feature) {
            return GateDecision {
                allow: true,
                http_status: 200,
                error: None,
                body: String::new(),
            };
        }
        let c = self.fresh_cached();
        let key = (path.to_string(), feature.map(str::to_string));
        if let Some(g) = c
            .memo
            .gates
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
        {
            return g.clone();
        }
        // The core's lock is released before a failure answer takes it.
        let answer = self.core().call(|s, b| b.call_gate(s, path, feature));
        match answer {
            Ok(g) => {
                let g = convert::gate(g);
                if !g.allow {
                    remember(&c.memo.gates, key, g.clone());
                }
                g
            }
            Err(_) => self.failure().gate,
        }
    }

    /// Gateway mode: decide a request to `path` (optionally needing
    /// `feature`) carrying a caller's own `token` (see
    /// [`crate::axum_layer::Gateway`]). Never fails: a core failure is a 503
    /// `internal` denial.
    pub fn gate_key(&self, token: Option<&str>, path: &str, feature: Option<&str>) -> KeyDecision {
        let answer = self
            .core()
            .call(|s, b| b.call_gate_key(s, token, path, feature));
        match answer {
            Ok(d) => convert::key_decision(d),
            Err(_) => KeyDecision {
                gate: self.failure().gate,
                license_id: None,
            },
        }
    }

    /// Gateway mode: the caller's plan, features and caps in force for
    /// `token`, or why the key is refused.
    pub fn key_snapshot(&self, token: &str) -> Result<Snapshot, LicenseError> {
        self.core()
            .call(|s, b| b.call_key_snapshot(s, token))?
            .map(convert::snapshot)
            .map_err(convert::error)
    }

    /// Replace the access (RBAC) policy with a policy file's text, YAML
    /// or JSON (docs/rbac.md); `None` removes it. A refused policy leaves
    /// the one in force unchanged and is `invalid-config` naming the field
    /// or line.
    pub fn set_access_policy(&self, text: Option<&str>) -> Result<(), LicenseError> {
        // Whatever the outcome, remembered decisions may no longer hold (a
        // refusal with no policy in force makes the core deny everyone).
        self.access_gen
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.cached().memo.access.clear();
        let mut core = self.core();
        if let Err(e) = core
            .call(|s, b| b.call_set_access_policy(s, text))?
            .map_err(convert::error)
        {
            core.access_refused = text.map(str::to_string);
            return Err(e);
        }
        core.access = text.map(str::to_string);
        core.access_refused = None;
        Ok(())
    }

    /// Re-read the configured policy now (the `POST /admin/rbac/reload` of
    /// docs/rbac.md). An unreadable or refused policy is an error and the
    /// policy in force stays.
    pub fn reload_access_policy(&self) -> Result<(), LicenseError> {
        let Some(src) = &self.access else {
            return Ok(());
        };
        let (text, seen) = src.read()?;
        self.set_access_policy(Some(&text))?;
        src.seen(seen);
        tracing::info!(source = %src.origin, "licensewarden: RBAC policy reloaded");
        Ok(())
    }

    /// Whether `subject` may run `verb` on `action` under the access policy
    /// (allowed when there is none or the plan lacks `rbac`; the reason
    /// says which); a denial's `body` is the 403 every host answers with.
    /// Fails closed: a core failure denies. Decisions are remembered per
    /// policy and snapshot, and each is logged at debug level (`tracing`).
    pub fn authorize(
        &self,
        subject: &AccessSubject,
        action: &str,
        verb: &str,
    ) -> Arc<AccessDecision> {
        if let Some(src) = self.access.as_ref().filter(|s| s.due()) {
            if let Err(e) = self.reload_access_policy() {
                tracing::warn!(source = %src.origin, error = %e.message, "licensewarden: RBAC policy reload refused, the previous policy stays");
            }
        }
        let h = access_hash(&self.access_hasher, subject, action, verb);
        // The fast path: the coarse clock and the cache under its read lock.
        let hit = {
            let now = self.clock.now_ms_coarse();
            let c = self.cache.read().unwrap_or_else(|p| p.into_inner());
            if c.fresh_coarse(now) {
                c.memo.access.get(h, subject, action, verb)
            } else {
                None
            }
        };
        if let Some(d) = hit {
            log_access(action, verb, &d);
            return d;
        }
        let generation = self.access_gen.load(std::sync::atomic::Ordering::SeqCst);
        let c = self.fresh_cached();
        let d = match c.memo.access.get(h, subject, action, verb) {
            Some(d) => d,
            None => match self.ask_core(subject, action, verb) {
                Ok(d) => {
                    let d = Arc::new(d);
                    if self.access_gen.load(std::sync::atomic::Ordering::SeqCst) == generation {
                        c.memo.access.put(h, subject, action, verb, d.clone());
                    }
                    d
                }
                Err(e) => Arc::new(failed_decision(e)),
            },
        };
        log_access(action, verb, &d);
        d
    }

    /// [`Licensing::authorize`] asked of the core directly, without the
    /// memo (benchmarks, diagnostics).
    pub fn authorize_uncached(
        &self,
        subject: &AccessSubject,
        action: &str,
        verb: &str,
    ) -> AccessDecision {
        self.ask_core(subject, action, verb)
            .unwrap_or_else(failed_decision)
    }

    fn ask_core(
        &self,
        subject: &AccessSubject,
        action: &str,
        verb: &str,
    ) -> Result<AccessDecision, LicenseError> {
        let sub = wit::AccessSubject {
            roles: subject.roles.clone(),
            groups: subject.groups.clone(),
        };
        let d = self
            .core()
            .call(|s, b| b.call_authorize(s, &sub, action, verb))?;
        Ok(AccessDecision {
            allow: d.allow,
            role: d.role,
            pattern: d.pattern,
            reason: d.reason,
            body: d.body,
        })
    }

    /// Gateway mode's counts (zero when the core cannot answer).
    pub fn gateway_stats(&self) -> GatewayStats {
        self.core()
            .call(|s, b| b.call_gateway_stats(s))
            .map(convert::gateway_stats)
            .unwrap_or_default()
    }

    /// Everything `license info` shows. Never fails.
    pub fn info(&self) -> Info {
        self.ensure_fresh();
        let answer = self.core().call(|s, b| b.call_info(s));
        match answer {
            Ok(i) => convert::info(i),
            Err(_) => self.failure().info,
        }
    }

    /// [`Licensing::info`] as the one canonical JSON object every host
    /// produces byte for byte (`licensewarden info --json` prints it).
    /// When the core cannot run, the failure's info in the same shape.
    pub fn info_json(&self) -> String {
        self.ensure_fresh();
        let answer = self.core().call(|s, b| b.call_info_json(s));
        answer.unwrap_or_else(|_| self.failure().info_json)
    }

    /// Prometheus text for the current state.
    pub fn metrics(&self) -> String {
        self.ensure_fresh();
        let answer = self.core().call(|s, b| b.call_metrics(s));
        answer.unwrap_or_else(|_| self.failure().metrics)
    }

    /// Verify a token at the clock's now without changing the loaded license.
    pub fn verify(&self, token: &str) -> Result<License, LicenseError> {
        self.core()
            .call(|s, b| b.call_verify(s, token))?
            .map(convert::license)
            .map_err(convert::error)
    }

    /// Low level: verify a detached signature (base64url message and signature).
    pub fn check_signature(
        &self,
        key: &TrustedKey,
        message_b64: &str,
        signature_b64: &str,
    ) -> Result<(), LicenseError> {
        let k = convert::trusted_key(key);
        self.core()
            .call(|s, b| b.call_check_signature(s, &k, message_b64, signature_b64))?
            .map_err(convert::error)
    }

    /// Effective plan name.
    pub fn plan(&self) -> String {
        self.snapshot().plan
    }

    /// Where the key in force came from.
    pub fn key_source(&self) -> String {
        self.core().loaded.source.clone()
    }

    /// Problems the host met while serving the core (unreadable state, ...).
    pub fn host_problems(&self) -> Vec<String> {
        self.core()
            .live
            .as_ref()
            .map(|(s, _)| s.data().problems.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn community_with_rbac() -> Licensing {
        Licensing::builder("acme")
            .env(|_| None)
            .without_home()
            .policy_json(r#"{"plans": {"community": {"features": ["rbac"]}}}"#)
            .build()
            .unwrap()
    }

    /// What a trap does to the instance: it is dropped, and the next call
    /// creates, configures and loads a fresh one.
    fn lose_the_instance(lic: &Licensing) {
        lic.core().live = None;
        lic.cached().memo.access.clear();
    }

    #[test]
    fn a_re_created_instance_gets_the_accepted_and_the_refused_policy_back() {
        let lic = community_with_rbac();
        let ops = AccessSubject {
            roles: vec![],
            groups: vec!["ops".into()],
        };
        assert!(lic
            .set_access_policy(Some("roles:\n  network: [no]\n"))
            .is_err());
        assert!(!lic.authorize(&ops, "topology_map", "execute").allow);
        lose_the_instance(&lic);
        let d = lic.authorize(&ops, "topology_map", "execute");
        assert!(
            !d.allow && d.reason.contains("refused"),
            "a re-created core fell back to full access: {d:?}"
        );

        let good = "roles:\n  network: [\"topology_*\"]\ngroups:\n  ops: network\n";
        lic.set_access_policy(Some(good)).unwrap();
        lose_the_instance(&lic);
        assert!(lic.authorize(&ops, "topology_map", "execute").allow);
        assert!(!lic.authorize(&ops, "firewall_rules", "execute").allow);
    }
}
