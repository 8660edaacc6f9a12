-- Named admin tokens (only their SHA-256 is kept) with a scope: `read`
-- may only read, `admin` may do everything. The bootstrap token
-- (admin.token) is `root` and is not stored here.
CREATE TABLE admin_tokens (
    name TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at BIGINT,
    last_used_at BIGINT
);

-- Webhook endpoints. `cursor` is the id of the last event this endpoint
-- has been considered for: the events table is the queue, so nothing is
-- lost across restarts.
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    events TEXT NOT NULL,
    cursor TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    disabled_at BIGINT
);

-- One delivery of one event to one endpoint, with its attempts.
CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    webhook_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_at BIGINT NOT NULL,
    last_status BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT
);

CREATE INDEX deliveries_due ON deliveries (status, next_at);
CREATE INDEX deliveries_webhook ON deliveries (webhook_id, id);

-- When the "expires soon" event was recorded for the current expiry.
ALTER TABLE licenses ADD COLUMN expiry_notice_at BIGINT;
