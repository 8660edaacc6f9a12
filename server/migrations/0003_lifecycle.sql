-- The license's life on the server: suspension (with the vendor's reason),
-- a per-license lease and heartbeat window, and the audit trail.
ALTER TABLE licenses ADD COLUMN suspended_at BIGINT;
ALTER TABLE licenses ADD COLUMN suspend_reason TEXT;
ALTER TABLE licenses ADD COLUMN lease_ms BIGINT;
ALTER TABLE licenses ADD COLUMN heartbeat_ms BIGINT;

-- Every change and every protocol outcome that is not a routine valid
-- check. `id` is "<13-digit unix ms>-<16 hex>", so it sorts by time and
-- pages with `id > cursor` on both databases.
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    license_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    type TEXT NOT NULL,
    actor TEXT NOT NULL,
    details TEXT NOT NULL
);

CREATE INDEX events_license ON events (license_id, id);
CREATE INDEX events_type ON events (type, id);
CREATE INDEX devices_last_seen ON devices (last_seen);
