-- Rate limits every server on one PostgreSQL shares (draws per member and per client address,
-- failed logins): one row per key holding the moment its bucket is full again (GCRA's
-- "theoretical arrival time", Unix ms). A single SQLite server keeps them in memory instead, so
-- on SQLite the table stays empty.
CREATE TABLE rate_limits (
    key  TEXT PRIMARY KEY,
    tat  BIGINT NOT NULL
);
