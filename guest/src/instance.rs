//! One configured licensewarden instance: trusted keys, policy, the loaded
//! license and reported usage. Every method takes `now` (unix ms) and device
//! facts as inputs; nothing here reads a clock or the machine.

use crate::names::NameMap;
use crate::online::{self, OnlineAction, OnlineConfig, OnlineInput, Session, Stored};
use crate::protocol::{Request, Response};
use crate::report::{
    CapCheck, CapOutcome, FeatureFlag, GateDecision, Info, LimitInfo, OnlineOutcome,
};
use crate::seal;

use crate::access::{Access, RBAC_FEATURE};
use crate::decision::{self, Loaded, Snapshot, Status};
use crate::error::{ErrorCode, LicenseError, Result};
use crate::fingerprint::{self, DeviceFacts};
use crate::gateway::{Gateway, GatewayStats, Rules};
use crate::key_cache::{DEFAULT_CACHE_BYTES, MIN_CACHE_BYTES};
use crate::keys::{DecodedKey, KeySet, TrustedKey};
use crate::payload::License;
use crate::policy::Policy;
use crate::rbac::{Decision, Subject};
use crate::report::KeyDecision;
use crate::status_list::{self, StatusFeed};
use crate::time;
use crate::token;

/// Most distinct caps whose usage is remembered for metrics.
pub const MAX_USAGE_ENTRIES: usize = 256;

/// The vendor's configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Trusted keys.
    pub trusted_keys: Vec<TrustedKey>,
    /// Policy JSON ("" for defaults).
    pub policy_json: String,
    /// Demo mode.
    pub demo_mode: bool,
    /// Online validation (none: offline only).
    pub online: Option<OnlineInput>,
    /// Byte budget of gateway mode's verified-key cache (0: the default,
    /// [`crate::key_cache::DEFAULT_CACHE_BYTES`]).
    pub gateway_cache_bytes: u64,
}

/// A configured instance.
#[derive(Debug, Clone)]
pub struct Instance {
    keys: KeySet,
    policy: Policy,
    demo: bool,
    loaded: Loaded,
    source: String,
    usage: NameMap<u64>,
    /// Each cap's last outcome, so exceeding it is logged once.
    cap_outcomes: NameMap<CapOutcome>,
    /// The last online check's error code, so a failure is logged once.
    online_code: Option<ErrorCode>,
    /// Lines for the host to log (`events`).
    events: crate::events::Queue,
    online: Option<OnlineConfig>,
    session: Option<Session>,
    /// A session carried over to a renewed key must be saved again.
    reseal: bool,
    gateway: Gateway,
    access: Access,
    /// The key loaded (trimmed), which an agent hands to its processes.
    token_text: Option<String>,
    /// Why the license agent gave no key yet (agent clients).
    agent_error: Option<LicenseError>,
}

impl Default for Instance {
    fn default() -> Self {
        Instance {
            keys: KeySet::default(),
            policy: Policy::default(),
            demo: false,
            loaded: Loaded::Nothing,
            source: "none".into(),
            usage: NameMap::default(),
            cap_outcomes: NameMap::default(),
            online_code: None,
            events: Default::default(),
            online: None,
            session: None,
            reseal: false,
            gateway: Gateway::new(DEFAULT_CACHE_BYTES, None),
            access: Access::default(),
            token_text: None,
            agent_error: None,
        }
    }
}

impl Instance {
    /// Replace the configuration; the loaded license resets to none.
    /// On error the previous configuration stays in force.
    pub fn configure(&mut self, cfg: &Config) -> Result<()> {
        let keys = cfg
            .trusted_keys
            .iter()
            .map(|k| DecodedKey::decode(&k.kid, k.algorithm, &k.key, true))
            .collect::<Result<Vec<_>>>()?;
        let keys = KeySet::new(keys)?;
        let policy = Policy::from_json(&cfg.policy_json)?;
        let mut online = cfg.online.as_ref().map(OnlineConfig::new).transpose()?;
        if let Some(o) = &mut online {
            o.device_limit_hint = policy.device_limit_hint.clone();
        }
        let feed = match cfg.online.as_ref().and_then(|o| o.status_token.as_deref()) {
            Some(t) => {
                status_list::check_token(t)?;
                Some(StatusFeed::new(t))
            }
            None => None,
        };
        let cache_bytes = match cfg.gateway_cache_bytes {
            0 => DEFAULT_CACHE_BYTES,
            n if n < MIN_CACHE_BYTES => {
                return Err(LicenseError::new(
                    ErrorCode::InvalidConfig,
                    format!("the gateway cache budget is {n} bytes, under the {MIN_CACHE_BYTES}-byte minimum; set 0 for the default (64 MiB) or at least 1 MiB"),
                ))
            }
            n => n,
        };
        *self = Instance {
            keys,
            policy,
            online,
            demo: cfg.demo_mode,
            gateway: Gateway::new(cache_bytes, feed),
            ..Instance::default()
        };
        Ok(())
    }

    /// Verify a token (signature, payload, time) without loading it.
    pub fn verify(&self, token: &str, now: u64) -> Result<License> {
        let license = self.authenticate(token)?;
        match decision::time_status(&license, now) {
            (Status::Active, _) => Ok(license),
            (_, Some(e)) => Err(e),
            (_, None) => Ok(license),
        }
    }

    fn authenticate(&self, token: &str) -> Result<License> {
        let (parts, _) = token::authenticate(token, &self.keys)?;
        License::from_payload(&parts.payload, parts.kid)
    }

    /// Install the instance's license (`None`: community tier), offline only.
    pub fn load(&mut self, token: Option<&str>, source: &str, now: u64) -> Snapshot {
        self.load_with_state(
            token,
            source,
            now,
            &DeviceFacts::default(),
            &Stored::default(),
        )
    }

    /// Install a named key file that could not be used: the license is
    /// invalid with an error naming the file and why (never a silent
    /// community tier), and any online session ends.
    pub fn load_unreadable(
        &mut self,
        source: &str,
        reason: crate::unreadable::Reason,
        detail: &str,
        now: u64,
    ) -> Snapshot {
        self.session = None;
        self.reseal = false;
        self.loaded = Loaded::Rejected(crate::unreadable::error(source, reason, detail));
        self.source = crate::escape::printable(source, 256);
        self.snapshot(now)
    }

    /// Whether a loaded token would start online validation (so the host
    /// should read the sealed state before loading).
    pub fn wants_state(&self) -> bool {
        self.online.is_some() && !self.demo && !self.policy.demo && self.gateway.feed.is_none()
    }

    /// The rollback witness slot that loading `token` reads with the state
    /// (none when the load would start no online session).
    pub fn witness_slot_for(&self, token: Option<&str>) -> Option<String> {
        if !self.wants_state() {
            return None;
        }
        let license = self.authenticate(token?).ok()?;
        Some(online::witness_slot(&license.id))
    }

    /// Gateway mode: decide a request carrying a caller's own key (see
    /// [`crate::gateway`]).
    pub fn gate_key(
        &mut self,
        token: Option<&str>,
        path: &str,
        feature: Option<&str>,
        now: u64,
    ) -> (KeyDecision, Option<decision::Snapshot>) {
        let rules = Rules {
            keys: &self.keys,
            policy: &self.policy,
            demo: self.demo,
        };
        let (d, snap) = self.gateway.decide(&rules, token, path, feature, now);
        // The caller's terms travel only with a request that may proceed.
        let snap = snap.filter(|_| d.gate.allow && d.license_id.is_some());
        (d, snap)
    }

    /// Gateway mode: the snapshot in force for a caller's `token` at `now`,
    /// or why the key is refused.
    pub fn key_snapshot(&mut self, token: &str, now: u64) -> Result<decision::Snapshot> {
        let rules = Rules {
            keys: &self.keys,
            policy: &self.policy,
            demo: self.demo,
        };
        match self.gateway.decide(&rules, Some(token), "", None, now) {
            (_, Some(s)) => Ok(s),
            (d, None) => Err(d.gate.error.unwrap_or_else(crate::gateway::no_key_error)),
        }
    }

    /// Gateway mode's counts.
    pub fn gateway_stats(&self) -> GatewayStats {
        self.gateway.stats()
    }

    /// Milliseconds a host's background loop waits: until the snapshot's
    /// next boundary or the status list's next fetch.
    pub fn next_check_delay(&self, now: u64) -> u32 {
        let until = self.snapshot(now).valid_until;
        let until = match self.gateway.feed.as_ref().map(StatusFeed::next_due) {
            Some(due) => Some(until.map_or(due, |u| u.min(due))),
            None => until,
        };
        online::next_check_delay(until, now)
    }

    /// Install the instance's license with the device's `facts` and the
    /// sealed online state read from the store, if any.
    pub fn load_with_state(
        &mut self,
        token: Option<&str>,
        source: &str,
        now: u64,
        facts: &DeviceFacts,
        stored: &Stored<'_>,
    ) -> Snapshot {
        let previous = self.session.take();
        // One trimming rule for every entry point: the seal and request
        // keys derive from the trimmed key, so hosts that pass a key with a
        // stray newline still share one sealed state.
        let token = token.map(crate::token::trim);
        self.token_text = token.map(str::to_string);
        self.loaded = match token {
            None => Loaded::Nothing,
            Some(t) => match self.authenticate(t) {
                Ok(l) => Loaded::Verified(l),
                Err(e) => Loaded::Rejected(e),
            },
        };
        self.source = if source.is_empty() {
            "none".into()
        } else {
            crate::escape::printable(source, 256)
        };
        if let (Some(cfg), Some(t), Loaded::Verified(l)) = (&self.online, token, &self.loaded) {
            if self.wants_state() {
                // The store is read first (another process may have saved
                // a newer answer). When it holds nothing this key can open
                // (a renewed key: the state was sealed under the old one),
                // a renewed key of the same license keeps what this device
                // already knows, saved under the new key at once
                // (`take_resealed`).
                let fresh = Session::start(cfg, t, l, facts, stored);
                self.session = match previous.filter(|p| p.has_answer() && !fresh.has_answer()) {
                    Some(p) => match p.renewed(t, l, facts) {
                        Some(s) => {
                            self.reseal = true;
                            Some(s)
                        }
                        None => Some(fresh),
                    },
                    None => Some(fresh),
                };
            }
        }
        self.snapshot(now)
    }

    /// The slots to save after a load that carried the device's state over
    /// to a renewed key (sealed under the new key with `nonce`); empty
    /// otherwise.
    pub fn take_resealed(&mut self, nonce: &[u8; seal::NONCE_LEN]) -> Vec<(String, String)> {
        match (std::mem::take(&mut self.reseal), &self.session) {
            (true, Some(s)) => vec![
                (online::STATE_SLOT.to_string(), s.seal(nonce)),
                (online::witness_slot(s.license_id()), s.seal_witness(nonce)),
            ],
            _ => Vec::new(),
        }
    }

    /// Whether [`Instance::take_resealed`] has slots to save.
    pub fn wants_reseal(&self) -> bool {
        self.reseal
    }

    /// The license in force: the license server's terms from its last
    /// `valid` answer when it sent them (a renewal, an upgrade or new
    /// limits), else the key's own.
    fn in_force(&self) -> &Loaded {
        self.session
            .as_ref()
            .and_then(Session::terms)
            .unwrap_or(&self.loaded)
    }

    /// The license agent's socket, when this instance gets its license
    /// from one (docs/agent.md).
    fn agent(&self) -> Option<&str> {
        self.online.as_ref().and_then(|o| o.agent.as_deref())
    }

    /// The decision snapshot at `now`.
    pub fn snapshot(&self, now: u64) -> Snapshot {
        if let (Some(path), Loaded::Nothing) = (self.agent(), &self.loaded) {
            // Waiting for the agent is not "no license": restricted, naming it.
            let error = self.agent_error.clone().unwrap_or_else(|| {
                LicenseError::new(
                    ErrorCode::NotValidated,
                    format!("this process gets its license from the license agent at {}, which has not answered yet; paid features are off until it does", crate::escape::printable(path, 128)),
                )
            });
            let mut snap = decision::community(&self.policy, Status::Restricted, Some(error));
            snap.valid_until = Some(now.saturating_add(u64::from(online::MIN_CHECK_DELAY_MS)));
            return snap;
        }
        let snap = decision::snapshot(self.in_force(), &self.policy, self.demo, now);
        match (&self.online, &self.session) {
            (Some(cfg), Some(s)) if snap.status == Status::Active => {
                s.apply_to(cfg, &self.policy, snap, now)
            }
            _ => snap,
        }
    }

    fn session_for(&mut self) -> Result<(&OnlineConfig, &mut Session)> {
        let Some(cfg) = &self.online else {
            return Err(LicenseError::new(
                ErrorCode::InvalidConfig,
                "online validation is not configured; set the license server URL and its public key in the configuration",
            ));
        };
        match (&mut self.session, &self.loaded) {
            (Some(s), _) => Ok((cfg, s)),
            (None, Loaded::Verified(_)) => Err(LicenseError::new(
                ErrorCode::InvalidConfig,
                "online validation is off in demo mode",
            )),
            (None, Loaded::Rejected(e)) => Err(e.clone()),
            (None, Loaded::Nothing) => Err(LicenseError::new(
                ErrorCode::NoLicense,
                "no license key is loaded, so there is nothing to validate online; install a license key first",
            )),
        }
    }

    /// The proxy the online requests go through (none: directly).
    pub fn proxy_route(&self) -> Option<&crate::proxy::Route> {
        self.online.as_ref().and_then(|o| o.proxy.as_ref())
    }

    /// The request to send for `action` at `now` (none when nothing is
    /// due); `nonce` is fresh randomness from the host.
    pub fn online_request(
        &mut self,
        action: OnlineAction,
        now: u64,
        nonce: &[u8; online::NONCE_LEN],
    ) -> Result<Option<Request>> {
        let route = self.proxy_route().cloned();
        let ca_file = self
            .online
            .as_ref()
            .and_then(|o| o.ca_file.as_ref())
            .map(|c| c.path.clone());
        let req = self.request_for(action, now, nonce)?;
        Ok(req.map(|r| Request {
            proxy: route,
            ca_file,
            ..r
        }))
    }

    fn request_for(
        &mut self,
        action: OnlineAction,
        now: u64,
        nonce: &[u8; online::NONCE_LEN],
    ) -> Result<Option<Request>> {
        if let (Some(cfg), Some(feed)) = (&self.online, &mut self.gateway.feed) {
            return match action {
                OnlineAction::ValidateIfDue => Ok(feed.request(&cfg.server_url, now, false, nonce)),
                OnlineAction::Validate => Ok(feed.request(&cfg.server_url, now, true, nonce)),
                OnlineAction::Activate | OnlineAction::Deactivate => Err(LicenseError::new(
                    ErrorCode::InvalidConfig,
                    "this instance is a gateway's (a status token is configured): it checks callers' keys against the status list and registers no device; activate products, not gateways",
                )),
            };
        }
        if let Some(path) = self.agent() {
            // An agent's process asks the agent, at every check.
            return match action {
                OnlineAction::ValidateIfDue | OnlineAction::Validate => {
                    Ok(Some(crate::agent::request(path)))
                }
                OnlineAction::Activate | OnlineAction::Deactivate => Err(LicenseError::new(
                    ErrorCode::InvalidConfig,
                    format!(
                        "this process gets its license from the license agent at {}: activate or deactivate the device where the agent runs (`licensewarden activate` there)",
                        crate::escape::printable(path, 128)
                    ),
                )),
            };
        }
        // An expired license keeps asking (every retry): the server may
        // have renewed it, and the renewal is picked up at the next check.
        let expired = self.snapshot(now).status == Status::Expired;
        let (cfg, s) = match self.session_for() {
            Ok(x) => x,
            // Nothing to validate is not an error for a timer.
            Err(_) if action == OnlineAction::ValidateIfDue => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(s.request(cfg, action, now, expired, nonce))
    }

    /// Apply the answer (or transport failure) to the outstanding request;
    /// `nonce` seals the state to save.
    pub fn apply_response(
        &mut self,
        answer: std::result::Result<&Response, &str>,
        now: u64,
        nonce: &[u8; seal::NONCE_LEN],
        facts: &dyn Fn() -> DeviceFacts,
    ) -> OnlineOutcome {
        if self.agent().is_some() {
            return self.apply_agent(answer, now, facts);
        }
        if let (Some(cfg), Some(feed)) = (&self.online, &mut self.gateway.feed) {
            return OnlineOutcome {
                error: feed.apply(answer, &cfg.server_keys, now).err(),
                snapshot: self.snapshot(now),
                save: Vec::new(),
            };
        }
        let (error, save) = match self.session_for() {
            Ok((cfg, s)) => {
                let e = s.apply(cfg, answer, now);
                let save = vec![
                    (online::STATE_SLOT.to_string(), s.seal(nonce)),
                    (online::witness_slot(s.license_id()), s.seal_witness(nonce)),
                ];
                (e, save)
            }
            Err(e) => (Some(e), Vec::new()),
        };
        self.checked(error, save, now)
    }

    /// Apply what the license agent answered (docs/agent.md): load its
    /// key when it changed, then take the answer it relays. Nothing is
    /// saved: the state is the agent's.
    fn apply_agent(
        &mut self,
        answer: std::result::Result<&Response, &str>,
        now: u64,
        facts: &dyn Fn() -> DeviceFacts,
    ) -> OnlineOutcome {
        let path = self.agent().unwrap_or_default().to_string();
        let shown = crate::escape::printable(&path, 128);
        let unreachable = |why: &str| {
            LicenseError::new(
                ErrorCode::Offline,
                format!(
                    "the license agent at {shown} could not be reached ({}); the license server's answer it last relayed holds until its lease ends; check that `licensewarden agent` runs and this process may open its socket",
                    crate::escape::quoted_words(why, 200)
                ),
            )
            .with("cause", "agent-unreachable")
        };
        let read = match answer {
            Err(why) => Err(unreachable(why)),
            Ok(r) => crate::agent::parse(&r.body).map_err(|why| {
                LicenseError::new(
                    ErrorCode::BadResponse,
                    format!("the license agent at {shown} answered, but {why}; treated as offline"),
                )
            }),
        };
        let error = match read {
            Err(e) => {
                match &mut self.session {
                    Some(s) => s.set_last_error(Some(e.clone())),
                    None => self.agent_error = Some(e.clone()),
                }
                Some(e)
            }
            Ok((key, relay)) => {
                if self.token_text.as_deref() != Some(key.as_str()) {
                    self.load_with_state(
                        Some(&key),
                        &format!("agent:{path}"),
                        now,
                        &facts(),
                        &Stored::default(),
                    );
                }
                self.agent_error = None;
                match (self.online.as_ref(), self.session.as_mut(), relay) {
                    (Some(cfg), Some(s), Some(relay)) => {
                        let e = s.take_relay(cfg, &relay, now);
                        s.set_last_error(e.clone());
                        e
                    }
                    (_, Some(s), None) => {
                        s.set_last_error(None);
                        None
                    }
                    _ => match &self.loaded {
                        Loaded::Rejected(e) => Some(e.clone()),
                        _ => None,
                    },
                }
            }
        };
        self.checked(error, Vec::new(), now)
    }

    /// The outcome of a check at `now`; a newly failing or recovered check
    /// is an event to log.
    fn checked(
        &mut self,
        error: Option<LicenseError>,
        save: Vec<(String, String)>,
        now: u64,
    ) -> OnlineOutcome {
        let code = error.as_ref().map(|e| e.code);
        if code != self.online_code {
            let snap = self.snapshot(now);
            self.events
                .push(crate::events::online_event(error.as_ref(), &snap));
            self.online_code = code;
        }
        OnlineOutcome {
            error,
            snapshot: self.snapshot(now),
            save,
        }
    }

    /// What a license agent hands its processes (docs/agent.md): the key
    /// and the answer this device holds; none without a verified key.
    pub fn agent_message(&self) -> Option<String> {
        if !matches!(self.loaded, Loaded::Verified(_)) {
            return None;
        }
        let token = self.token_text.as_deref()?;
        let relay = self.session.as_ref().and_then(Session::relay);
        Some(crate::agent::message(token, relay.as_ref()))
    }

    /// The request file for an air-gapped activation at `now` (see
    /// [`online::Session::offline_request`]); `nonce` is fresh randomness.
    pub fn offline_request(&mut self, now: u64, nonce: &[u8; online::NONCE_LEN]) -> Result<String> {
        if self.gateway.feed.is_some() {
            return Err(LicenseError::new(
                ErrorCode::InvalidConfig,
                "this instance is a gateway's (a status token is configured): it registers no device, so it has nothing to activate by file",
            ));
        }
        let (cfg, s) = self.session_for()?;
        Ok(s.offline_request(cfg, now, nonce))
    }

    /// Install an activation file at `now`; `nonce` seals the state to
    /// save. A refused file leaves everything as it was.
    pub fn install_activation(
        &mut self,
        file: &str,
        now: u64,
        nonce: &[u8; seal::NONCE_LEN],
    ) -> OnlineOutcome {
        let gateway = self.gateway.feed.is_some();
        let (error, save) = match self.session_for() {
            Ok(_) if gateway => (
                Some(LicenseError::new(
                    ErrorCode::InvalidConfig,
                    "this instance is a gateway's (a status token is configured): it registers no device, so an activation file has nothing to activate",
                )),
                Vec::new(),
            ),
            Ok((cfg, s)) => match s.install(cfg, file, now) {
                Some(e) => (Some(e), Vec::new()),
                None => (
                    None,
                    vec![
                        (online::STATE_SLOT.to_string(), s.seal(nonce)),
                        (online::witness_slot(s.license_id()), s.seal_witness(nonce)),
                    ],
                ),
            },
            Err(e) => (Some(e), Vec::new()),
        };
        if error.is_none() && self.online_code.is_some() {
            let snap = self.snapshot(now);
            self.events.push(crate::events::online_event(None, &snap));
            self.online_code = None;
        }
        OnlineOutcome {
            error,
            snapshot: self.snapshot(now),
            save,
        }
    }

    /// Ok when `feature` is licensed at `now`.
    pub fn check_feature(&self, feature: &str, now: u64) -> Result<()> {
        match decision::feature_denial(&self.snapshot(now), &self.policy, feature) {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }

    /// Replace the access policy (RBAC); a refused one leaves the policy in
    /// force unchanged.
    pub fn set_access_policy(&mut self, text: Option<&str>) -> Result<()> {
        self.access.set(text)
    }

    /// The access decision for `subject` running `verb` on `action`, with
    /// the plan gate of [`crate::access`].
    pub fn authorize(&self, subject: &Subject, action: &str, verb: &str, now: u64) -> Decision {
        // The same test `info` uses, so a decision and `info` never
        // disagree on whether the policy is enforced.
        let snap = self.snapshot(now);
        if snap.blocking {
            // Expired (or not yet valid) with nothing to fall back to: the
            // gate answers 503, and a direct decision must not read "plan
            // lacks rbac, full access" instead.
            return self
                .access
                .not_in_force(snap.error.as_ref(), subject, action, verb);
        }
        let licensed = snap.allows(RBAC_FEATURE);
        self.access
            .decide(licensed, &snap.plan, subject, action, verb)
    }

    /// Compare usage with a cap and remember it for metrics and info.
    pub fn check_cap(&mut self, name: &str, current: u64, now: u64) -> CapCheck {
        if self.usage.contains_key(name) || self.usage.len() < MAX_USAGE_ENTRIES {
            self.usage.insert(name.to_string(), current);
        }
        let snap = self.snapshot(now);
        let max = snap.limits.get(name).copied().unwrap_or(0);
        let soft = self.policy.soft_caps.contains(name);
        let over = max != 0 && current > max;
        let outcome = match (over, soft) {
            (false, _) => CapOutcome::Within,
            (true, true) => CapOutcome::SoftExceeded,
            (true, false) => CapOutcome::HardExceeded,
        };
        let error = over.then(|| {
            let what = if soft {
                "this is a soft cap: the action is allowed and counted, but"
            } else {
                "the action is refused;"
            };
            LicenseError::new(
                ErrorCode::CapExceeded,
                format!(
                    "{} is {current}, over the {max} allowed by plan '{}'; {what} remove unused entries or upgrade the license",
                    crate::escape::name(name),
                    snap.plan
                ),
            )
            .with("current", current.to_string())
            .with("limit", name)
            .with("max", max.to_string())
            .with("plan", snap.plan.as_str())
            .with("soft", soft.to_string())
        });
        if outcome != CapOutcome::Within {
            let before = self.cap_outcomes.get(name).copied();
            if let Some(e) = error.as_ref().filter(|_| before != Some(outcome)) {
                self.events.push(crate::events::cap_event(outcome, e));
            }
        }
        if self.cap_outcomes.contains_key(name) || self.cap_outcomes.len() < MAX_USAGE_ENTRIES {
            self.cap_outcomes.insert(name.to_string(), outcome);
        }
        CapCheck {
            outcome,
            name: name.to_string(),
            max,
            current,
            error,
        }
    }

    /// Decide an HTTP request to `path`, optionally needing `feature`.
    pub fn gate(&self, path: &str, feature: Option<&str>, now: u64) -> GateDecision {
        crate::http_gate::decide(&self.policy, || self.snapshot(now), path, feature)
    }

    /// Everything `license info` shows at `now` on the machine with `facts`.
    pub fn info(&self, now: u64, facts: &DeviceFacts) -> Info {
        let snap = self.snapshot(now);
        let license = match self.in_force() {
            Loaded::Verified(l) => Some(l),
            _ => None,
        };
        let mut names = self.policy.known_features();
        names.extend(snap.features.iter().cloned());
        if let Some(l) = license {
            names.extend(l.features.iter().cloned());
        }
        let features = names
            .into_iter()
            .map(|name| FeatureFlag {
                enabled: snap.allows(&name) && !snap.blocking,
                name,
            })
            .collect();
        let limits = snap
            .limits
            .iter()
            .map(|(name, max)| LimitInfo {
                name: name.clone(),
                max: *max,
                current: self.usage.get(name).copied().unwrap_or(0),
                soft: self.policy.soft_caps.contains(name),
            })
            .collect();
        let expires_at = license.and_then(|l| l.expires_at);
        let access = self
            .access
            .info(snap.allows(RBAC_FEATURE), snap.blocking, &snap.plan);
        Info {
            access,
            valid: matches!(snap.status, Status::Active | Status::Demo | Status::Grace),
            status: snap.status,
            plan: snap.plan.clone(),
            license_id: license.map(|l| l.id.clone()),
            org: license.map(|l| l.org.clone()).filter(|o| !o.is_empty()),
            kid: license.map(|l| l.kid.clone()),
            key_source: self.source.clone(),
            features,
            limits,
            issued_at: license.map(|l| l.issued_at),
            expires_at,
            expires_text: license.and_then(|l| l.expires_text.clone()),
            days_remaining: match license {
                Some(l) if l.bad_date.is_some() => Some(0),
                _ => expires_at.map(|e| time::days_remaining(now, e)),
            },
            demo: snap.status == Status::Demo,
            device_id: fingerprint::device_id(facts),
            error: snap.error,
            online: match (&self.online, &self.session, &self.gateway.feed) {
                (Some(cfg), _, Some(feed)) => Some(feed_info(cfg, feed)),
                (Some(cfg), Some(s), None) => Some(s.info(cfg, now)),
                _ => None,
            },
        }
    }

    /// The lines to log: the status at `now` if it is not `before`, then
    /// the queued ones (caps newly exceeded, online checks newly failing or
    /// succeeding again).
    pub fn events(
        &mut self,
        before: Option<crate::decision::Status>,
        now: u64,
        facts: &DeviceFacts,
    ) -> Vec<crate::events::Event> {
        let mut out: Vec<_> = crate::events::status_event(before, &self.info(now, facts))
            .into_iter()
            .collect();
        out.append(&mut self.events.take());
        out
    }

    /// What the host answers while this core cannot run.
    pub fn failure_answers(&self, facts: &DeviceFacts) -> crate::failure::Failure {
        crate::failure::answers(
            &self.source,
            &fingerprint::device_id(facts),
            &self.policy.metrics_prefix,
        )
    }

    /// Prometheus text for the state at `now`.
    pub fn metrics(&self, now: u64, facts: &DeviceFacts) -> String {
        crate::metrics::render(&self.info(now, facts), &self.policy.metrics_prefix)
    }
}

/// A gateway's online facts: when the status list was last fetched, when
/// it is fetched next, and why the last fetch failed.
fn feed_info(cfg: &OnlineConfig, feed: &StatusFeed) -> online::OnlineInfo {
    online::OnlineInfo {
        server_url: cfg.server_url.clone(),
        last_validated: feed.fetched_at(),
        next_check: Some(feed.next_due()),
        grace_ends: None,
        devices_registered: None,
        devices_max: None,
        last_error: feed.last_error().cloned(),
        state_error: None,
        terms_changed: None,
        activation_ends: None,
    }
}
