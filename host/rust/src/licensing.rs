//! `Licensing`: the Rust API over one component instance.
//!
//! Hot-path checks (`check_feature`, `gate` on an allowed route) are served
//! from the core's decision snapshot behind a read lock, without entering
//! wasm, until the snapshot's `valid_until` or the next key re-resolution
//! is due. Everything else asks the core.

use crate::access::AccessSource;
use std::sync::{Arc, Mutex, RwLock};

use licensewarden_guest::decision::Snapshot;
use licensewarden_guest::error::{ErrorCode, LicenseError};
use licensewarden_guest::failure::Failure;
use licensewarden_guest::gateway::GatewayStats;
use licensewarden_guest::online::OnlineAction;
use licensewarden_guest::protocol::{Request, Response};
use licensewarden_guest::rbac::{Decision as AccessDecision, Subject as AccessSubject};
use licensewarden_guest::report::{CapCheck, CapOutcome, GateDecision, Info, KeyDecision};

use crate::types::{License, OnlineOutcome};

use crate::bindings::licensewarden::core::types as wit;
use crate::clock::Clock;
use crate::convert;
use crate::keyfile::TrustedKey;
use crate::online::{self, Background, OnlineSettings, Signal};
use crate::policy_file::PolicyFile;

use crate::cache::{access_hash, remember, Cached};
use crate::core::Core;
use crate::keysource::Resolver;

/// A configured license checker backed by the licensewarden component.
pub struct Licensing {
    pub(crate) core: Arc<Mutex<Core>>,
    pub(crate) cache: Arc<RwLock<Arc<Cached>>>,
    // Serialises online checks: one outstanding request (and nonce) at a time.
    pub(crate) checks: Arc<Mutex<()>>,
    // One first-check thread at a time, however many callers wait in ready().
    pub(crate) readying: Arc<std::sync::atomic::AtomicBool>,
    pub(crate) clock: Clock,
    pub(crate) reload_ms: u64,
    pub(crate) resolver: Resolver,
    pub(crate) online: Option<OnlineSettings>,
    pub(crate) background: Option<Background>,
    pub(crate) access: Option<Arc<AccessSource>>,
    pub(crate) access_hasher: std::hash::RandomState,
    // Bumped by every policy change: a decision from an older policy is not
    // remembered.
    pub(crate) access_gen: Arc<std::sync::atomic::AtomicU64>,
    /// The product policy file, re-read when it changes.
    pub(crate) policy_file: Option<Mutex<PolicyFile>>,
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
    fn core(&self) -> std::sync::MutexGuard<'_, Core> {
        lock(&self.core)
    }

    pub(crate) fn spawn_checks(&self) -> Background {
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

    /// What this process hands to the processes of its host when it runs
    /// as their license agent (docs/agent.md): the key and the server's
    /// answer this device holds; none without a verified key.
    pub fn agent_message(&self) -> Result<Option<String>, LicenseError> {
        self.core().call(|s, b| b.call_agent_message(s))
    }

    /// Air-gapped activation, step 1: the request file to carry to the
    /// vendor (docs/air-gapped.md), one line of JSON. Errors as
    /// [`Licensing::online_request`]'s.
    pub fn offline_request(&self) -> Result<String, LicenseError> {
        self.core()
            .call(|s, b| b.call_offline_request(s))?
            .map_err(convert::error)
    }

    /// Air-gapped activation, step 2: install the activation file the
    /// vendor's server made from this device's request (its text). A
    /// refused file changes nothing; the outcome's error says which rule
    /// refused it.
    pub fn install_activation(&self, file: &str) -> OnlineOutcome {
        self.settle(|core| core.call(|s, b| b.call_install_activation(s, file)))
    }

    /// Low level: apply the answer to the last [`Licensing::online_request`]
    /// (`Err` with why no answer came).
    pub fn apply_response(&self, answer: Result<&Response, &str>) -> OnlineOutcome {
        let wit_answer = answer.map(convert::response).map_err(str::to_string);
        self.settle(|core| {
            core.call(|s, b| b.call_apply_response(s, wit_answer.as_ref().map_err(String::as_str)))
        })
    }

    /// An online outcome from the core, its events logged and the cached
    /// snapshot marked stale.
    fn settle(
        &self,
        call: impl FnOnce(&mut Core) -> Result<wit::OnlineOutcome, LicenseError>,
    ) -> OnlineOutcome {
        // The core's lock is released before a failure's snapshot takes it.
        let answered = {
            let mut core = self.core();
            let answered = call(&mut core);
            if let Ok(o) = &answered {
                core.log_events(convert::status(o.snapshot.status), true);
            }
            answered
        };
        let out = match answered {
            Ok(o) => OnlineOutcome {
                error: o.error.map(convert::error),
                snapshot: convert::snapshot(o.snapshot),
            },
            Err(e) => OnlineOutcome {
                error: Some(e),
                snapshot: self.snapshot(),
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
        let (snap, warning) = if resolved != core.loaded {
            tracing::info!(
                source = %licensewarden_guest::escape::printable(resolved.source(), 256),
                "licensewarden: the license key changed; loaded again"
            );
            core.load(&resolved)?
        } else {
            core.call(|s, b| b.call_snapshot(s))
                .map(convert::snapshot_and_warning)?
        };
        core.log_events(snap.status, false);
        let cached = Arc::new(Cached::new(
            (snap.clone(), warning),
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
    /// license runs on its offline grace period, as the component answered
    /// it with the snapshot, else None.
    pub fn warning(&self) -> Option<String> {
        let c = self.cached();
        if c.fresh(self.clock.now_ms()) {
            return c.warning.clone();
        }
        // A core that cannot run warns of nothing: its answers refuse.
        self.refresh()
            .ok()
            .and_then(|_| self.cached().warning.clone())
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
        self.gate_caller(token, path, feature, false).0
    }

    /// `gate_key`, with the caller's snapshot (`terms`) when the request
    /// may proceed: one call into the core for both.
    pub(crate) fn gate_caller(
        &self,
        token: Option<&str>,
        path: &str,
        feature: Option<&str>,
        terms: bool,
    ) -> (KeyDecision, Option<Snapshot>) {
        let answer = self
            .core()
            .call(|s, b| b.call_gate_key(s, token, path, feature, terms));
        match answer {
            Ok(d) => {
                let snap = d.snapshot.clone().map(convert::snapshot);
                (convert::key_decision(d), snap)
            }
            Err(_) => {
                let gate = self.failure().gate;
                let d = KeyDecision {
                    gate,
                    license_id: None,
                };
                (d, None)
            }
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
        self.core().loaded.source().to_string()
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
