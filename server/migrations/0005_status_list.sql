-- The signed status list for gateways and edge workers
-- (docs/online-protocol.md, "Status list"). Every change to a license
-- takes the next serial from `status_counter`; the counter's row stays
-- locked until the change commits, so serials appear in commit order and a
-- gateway that fetched "since N" can never miss a change numbered below a
-- later one. Deleted licenses leave a tombstone with their serial.
ALTER TABLE licenses ADD COLUMN status_serial BIGINT NOT NULL DEFAULT 0;
CREATE INDEX licenses_status_serial ON licenses (status_serial);

CREATE TABLE status_tombstones (
    id TEXT PRIMARY KEY,
    serial BIGINT NOT NULL
);
CREATE INDEX status_tombstones_serial ON status_tombstones (serial);

CREATE TABLE status_counter (
    one INTEGER PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO status_counter (one, n) VALUES (1, 0);
