-- Tokens are no longer kept at rest: the protocol needs only the request
-- key (an HMAC of the token) and the console a hash of the token. The
-- server fills both for existing rows at start and empties `token`.
ALTER TABLE licenses ADD COLUMN request_key TEXT NOT NULL DEFAULT '';
ALTER TABLE licenses ADD COLUMN token_sha256 TEXT NOT NULL DEFAULT '';
-- The terms as the vendor gave them (JSON list / canonical JSON object /
-- the expiry text), so the admin API can show them back.
ALTER TABLE licenses ADD COLUMN features TEXT NOT NULL DEFAULT '[]';
ALTER TABLE licenses ADD COLUMN limits TEXT NOT NULL DEFAULT '{}';
ALTER TABLE licenses ADD COLUMN expires TEXT;

-- Devices freed by a deactivation or by the vendor. A routine validation
-- from one is answered "deactivated" instead of taking the slot back; only
-- an activation registers it again (and removes it from here).
CREATE TABLE released_devices (
    license_id TEXT NOT NULL REFERENCES licenses (id) ON DELETE CASCADE,
    device_id TEXT NOT NULL,
    released_at BIGINT NOT NULL,
    PRIMARY KEY (license_id, device_id)
);
