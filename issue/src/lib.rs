//! Issuing licenses: key generation and signing, for the vendor's tooling
//! (the `licensewarden` CLI, `licensewarden-server`, the vector generator).
//! Pure Rust with no WebAssembly runtime, and never a dependency of a
//! product: private keys never enter the component, which only verifies.

use std::path::Path;

pub mod files;

use hmac::{Hmac, Mac};
use licensewarden_guest::b64;
use licensewarden_guest::crypto::{hex, sha256, Algorithm};
use licensewarden_guest::json::{self, Value};
use licensewarden_guest::token;
use sha2::Sha256;

use licensewarden_guest::keys::TrustedKey;

/// A signing key: an Ed25519 seed or an HMAC secret.
#[derive(Clone)]
pub struct SigningKey {
    /// Key id written into tokens.
    pub kid: String,
    /// Algorithm.
    pub algorithm: Algorithm,
    secret: Vec<u8>,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

/// A key id derived from public key bytes: `k-` + 12 hex digits of sha256.
pub fn derive_kid(public: &[u8]) -> String {
    format!("k-{}", &hex(&sha256(public))[..12])
}

fn random32() -> Result<[u8; 32], String> {
    let mut b = [0u8; 32];
    getrandom::getrandom(&mut b).map_err(|e| format!("no system randomness: {e}"))?;
    Ok(b)
}

impl SigningKey {
    /// An Ed25519 key from a 32-byte seed (deterministic; used for test vectors).
    pub fn ed25519_from_seed(kid: Option<&str>, seed: [u8; 32]) -> SigningKey {
        let kp = ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new(seed));
        SigningKey {
            kid: kid.map_or_else(|| derive_kid(kp.pk.as_ref()), str::to_string),
            algorithm: Algorithm::Ed25519,
            secret: seed.to_vec(),
        }
    }

    /// A fresh random Ed25519 key.
    pub fn generate_ed25519(kid: Option<&str>) -> Result<SigningKey, String> {
        Ok(SigningKey::ed25519_from_seed(kid, random32()?))
    }

    /// An HMAC-SHA256 key from a secret.
    pub fn hmac_sha256(kid: &str, secret: &[u8]) -> SigningKey {
        SigningKey {
            kid: kid.to_string(),
            algorithm: Algorithm::HmacSha256,
            secret: secret.to_vec(),
        }
    }

    /// A fresh random 32-byte HMAC-SHA256 secret.
    pub fn generate_hmac(kid: Option<&str>) -> Result<SigningKey, String> {
        let secret = random32()?;
        let kid = kid.map_or_else(|| derive_kid(&sha256(&secret)), str::to_string);
        Ok(SigningKey::hmac_sha256(&kid, &secret))
    }

    /// The key products should trust for tokens this key signs.
    pub fn trusted_key(&self) -> TrustedKey {
        match self.algorithm {
            Algorithm::Ed25519 => {
                let seed: [u8; 32] = self.secret.as_slice().try_into().expect("seed is 32 bytes");
                let kp = ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new(seed));
                TrustedKey::ed25519(&self.kid, kp.pk.as_ref())
            }
            Algorithm::HmacSha256 => TrustedKey::hmac_sha256(&self.kid, &self.secret),
        }
    }

    /// Sign `msg` with this key's algorithm.
    pub fn sign(&self, msg: &[u8]) -> Vec<u8> {
        match self.algorithm {
            Algorithm::Ed25519 => {
                let seed: [u8; 32] = self.secret.as_slice().try_into().expect("seed is 32 bytes");
                let kp = ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new(seed));
                // Deterministic signatures (no noise) keep generated vectors stable.
                kp.sk.sign(msg, None).to_vec()
            }
            Algorithm::HmacSha256 => {
                let mut mac = Hmac::<Sha256>::new_from_slice(&self.secret)
                    .expect("HMAC takes any key length");
                mac.update(msg);
                mac.finalize().into_bytes().to_vec()
            }
        }
    }

    /// The `private.key` document.
    pub fn to_json(&self) -> String {
        Value::object(vec![
            ("algorithm", Value::from(self.algorithm.config_name())),
            ("kid", Value::from(self.kid.as_str())),
            (
                "private_key",
                Value::from(b64::encode(&self.secret).as_str()),
            ),
        ])
        .to_canonical()
    }

    /// Parse a `private.key` document.
    pub fn from_json(text: &str) -> Result<SigningKey, String> {
        let v = json::parse(text.trim())
            .map_err(|e| format!("not a licensewarden private key file: {e}"))?;
        let field = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .ok_or_else(|| format!("private key file has no string field '{k}'"))
        };
        let alg = field("algorithm")?;
        let algorithm =
            Algorithm::from_config_name(alg).ok_or_else(|| format!("unknown algorithm '{alg}'"))?;
        let secret = b64::decode(field("private_key")?).map_err(|e| format!("private_key: {e}"))?;
        if algorithm == Algorithm::Ed25519 && secret.len() != 32 {
            return Err("an Ed25519 private key is a 32-byte seed".into());
        }
        Ok(SigningKey {
            kid: field("kid")?.to_string(),
            algorithm,
            secret,
        })
    }

    /// Read a `private.key` file.
    pub fn from_file(path: &Path) -> Result<SigningKey, String> {
        let shown = path.display();
        let bytes = files::read_bounded(path, 64 * 1024)
            .map_err(|e| format!("private key file {shown}: {}", files::read_error(&e)))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("private key file {shown}: not UTF-8 text"))?;
        SigningKey::from_json(&text).map_err(|e| format!("private key file {shown}: {e}"))
    }

    /// The `x-licensewarden-signature` header value for an answer with
    /// `status` and `body` (license servers; docs/online-protocol.md).
    pub fn sign_answer(&self, status: u16, body: &str) -> String {
        let msg = licensewarden_guest::protocol::signing_input(status, body);
        licensewarden_guest::protocol::signature_header(&self.kid, &self.sign(msg.as_bytes()))
    }

    /// Sign arbitrary payload bytes into a token, naming `alg` and `kid` in
    /// its header (normally this key's own; tests forge others).
    pub fn sign_token_raw(&self, alg_name: &str, kid: &str, payload: &[u8]) -> String {
        let signed = token::signed_part_named(alg_name, kid, payload);
        token::assemble(&signed, &self.sign(&token::signing_input(&signed)))
    }

    /// Sign a license.
    pub fn issue(&self, spec: &LicenseSpec) -> String {
        self.sign_token_raw(
            self.algorithm.token_name(),
            &self.kid,
            spec.payload_json().as_bytes(),
        )
    }
}

/// What a license says; becomes the token payload.
#[derive(Debug, Clone, Default)]
pub struct LicenseSpec {
    /// License id.
    pub id: String,
    /// Organisation.
    pub org: Option<String>,
    /// Plan.
    pub plan: String,
    /// Extra features beyond the plan's.
    pub features: Vec<String>,
    /// Caps overriding the plan's.
    pub limits: Vec<(String, u64)>,
    /// RFC 3339 issued-at.
    pub issued_at: String,
    /// RFC 3339 not-before.
    pub not_before: Option<String>,
    /// RFC 3339 expiry (a date covers that whole UTC day).
    pub expires_at: Option<String>,
}

impl LicenseSpec {
    /// The payload as canonical JSON.
    pub fn payload_json(&self) -> String {
        let mut m = vec![
            ("id", Value::from(self.id.as_str())),
            ("plan", Value::from(self.plan.as_str())),
            ("issued_at", Value::from(self.issued_at.as_str())),
        ];
        if let Some(o) = &self.org {
            m.push(("org", Value::from(o.as_str())));
        }
        if !self.features.is_empty() {
            m.push((
                "features",
                Value::Array(
                    self.features
                        .iter()
                        .map(|f| Value::from(f.as_str()))
                        .collect(),
                ),
            ));
        }
        if !self.limits.is_empty() {
            m.push((
                "limits",
                Value::Object(
                    self.limits
                        .iter()
                        .map(|(k, v)| (k.clone(), Value::from(*v)))
                        .collect(),
                ),
            ));
        }
        if let Some(n) = &self.not_before {
            m.push(("not_before", Value::from(n.as_str())));
        }
        if let Some(e) = &self.expires_at {
            m.push(("expires_at", Value::from(e.as_str())));
        }
        Value::object(m).to_canonical()
    }
}

/// A random license id, `lic_` + 16 hex digits.
pub fn random_license_id() -> String {
    let b = random32().unwrap_or([0; 32]);
    format!("lic_{}", hex(&b[..8]))
}
