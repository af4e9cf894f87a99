-- Draw engine. Every outcome is decided here and logged: the draws table is the audit log of
-- who drew what, from which published version, with which random value.

-- Commit-reveal: one secret seed per (document, campaign), made at first publish. Only its
-- SHA-256 is disclosed until the campaign window ends.
CREATE TABLE campaign_seeds (
    document_id   TEXT NOT NULL REFERENCES documents(id),
    campaign_id   TEXT NOT NULL,
    seed          TEXT NOT NULL,
    seed_hash     TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (document_id, campaign_id)
);

-- Per member and campaign: draws today (in the workspace time zone), draws in all and wins, kept
-- as counters so limits are enforced by conditional updates.
CREATE TABLE draw_tallies (
    member_id     TEXT NOT NULL,
    document_id   TEXT NOT NULL,
    campaign_id   TEXT NOT NULL,
    day           TEXT NOT NULL,
    day_count     BIGINT NOT NULL DEFAULT 0,
    total         BIGINT NOT NULL DEFAULT 0,
    wins          BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, document_id, campaign_id)
);

CREATE TABLE draws (
    id              TEXT PRIMARY KEY,
    workspace_id    TEXT NOT NULL REFERENCES workspaces(id),
    document_id     TEXT NOT NULL REFERENCES documents(id),
    campaign_id     TEXT NOT NULL,
    version_number  BIGINT NOT NULL,
    member_id       TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    day             TEXT NOT NULL,
    cost            BIGINT NOT NULL,
    sampled_prize   TEXT NOT NULL,
    prize_id        TEXT NOT NULL,
    prize_index     BIGINT NOT NULL,
    fallback_reason TEXT,
    roll            TEXT NOT NULL,
    code            TEXT,
    created_at      BIGINT NOT NULL,
    UNIQUE (member_id, document_id, campaign_id, idempotency_key)
);
CREATE INDEX draws_by_campaign ON draws (document_id, campaign_id, created_at);
CREATE INDEX draws_by_member ON draws (member_id, created_at);

-- Single-use codes for coupon and physical prizes (draw online, redeem offline).
CREATE TABLE redemption_codes (
    code          TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    draw_id       TEXT NOT NULL UNIQUE REFERENCES draws(id),
    member_id     TEXT NOT NULL,
    prize_name    TEXT NOT NULL,
    issued_at     BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    redeemed_at   BIGINT,
    redeemed_by   TEXT REFERENCES users(id)
);
