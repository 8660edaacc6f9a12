-- Portable between SQLite and PostgreSQL: TEXT and BIGINT only, times as
-- unix milliseconds, booleans as nullable timestamps.
CREATE TABLE licenses (
    id TEXT PRIMARY KEY,
    token TEXT NOT NULL,
    plan TEXT NOT NULL,
    org TEXT NOT NULL,
    max_devices BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE devices (
    license_id TEXT NOT NULL REFERENCES licenses (id) ON DELETE CASCADE,
    device_id TEXT NOT NULL,
    hostname TEXT NOT NULL,
    os TEXT NOT NULL,
    arch TEXT NOT NULL,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    PRIMARY KEY (license_id, device_id)
);

-- Request nonces seen within the replay window (10 minutes).
CREATE TABLE nonces (
    license_id TEXT NOT NULL,
    nonce TEXT NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (license_id, nonce)
);

CREATE INDEX nonces_seen_at ON nonces (seen_at);
