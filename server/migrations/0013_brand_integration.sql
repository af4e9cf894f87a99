-- The brand's systems connect: member tokens get their own signing secret, rotated with a grace
-- period for the one before (preview links keep the workspace's `secret`); API keys with scopes
-- (only a hash is kept); purchases reported by the brand, once per order id; the day of a
-- member's last purchase, for audience rules.
ALTER TABLE workspaces ADD COLUMN member_secret TEXT;
ALTER TABLE workspaces ADD COLUMN previous_member_secret TEXT;
ALTER TABLE workspaces ADD COLUMN previous_member_secret_until BIGINT;

ALTER TABLE members ADD COLUMN last_purchase TEXT;

CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    name          TEXT NOT NULL,
    prefix        TEXT NOT NULL,
    hash          TEXT NOT NULL UNIQUE,
    scopes        TEXT NOT NULL,
    created_by    TEXT NOT NULL REFERENCES users(id),
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);
CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id, created_at);

CREATE TABLE orders (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    order_id      TEXT NOT NULL,
    member_id     TEXT NOT NULL REFERENCES members(id),
    amount_cents  BIGINT NOT NULL,
    body          TEXT NOT NULL,
    points        BIGINT NOT NULL,
    ordered_at    BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    refunded_at   BIGINT,
    refunded_points BIGINT,
    PRIMARY KEY (workspace_id, order_id)
);
