-- Member club (issue 7): members with their points balance and lifetime growth, member sessions,
-- the append-only points ledger, club settings per workspace, rights sharing, sign-ins, quizzes
-- and votes. Times are Unix milliseconds; days are `YYYY-MM-DD` in the workspace time zone.

-- The workspace's tier ladder and points rules: JSON of cradle_model::club::ClubSettings.
CREATE TABLE club_settings (
    workspace_id  TEXT PRIMARY KEY REFERENCES workspaces(id),
    body          TEXT NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- `balance` can never go negative (CHECK, and debits are conditional updates); `growth` only
-- grows (tiers are for life); `spent` and `expired` are running totals the lazy expiry rule needs;
-- `next_expiry` is the earliest lot expiry not yet accounted for, so spends skip the rule until then.
CREATE TABLE members (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    external_id   TEXT NOT NULL,
    profile       TEXT NOT NULL,
    code          TEXT NOT NULL UNIQUE,
    balance       BIGINT NOT NULL DEFAULT 0 CHECK (balance >= 0),
    growth        BIGINT NOT NULL DEFAULT 0 CHECK (growth >= 0),
    spent         BIGINT NOT NULL DEFAULT 0,
    expired       BIGINT NOT NULL DEFAULT 0,
    next_expiry   BIGINT,
    invited_by    TEXT REFERENCES members(id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (workspace_id, external_id)
);

-- `joined` = 1 for the session that created the member (only it may redeem an invite).
CREATE TABLE member_sessions (
    token_hash    TEXT PRIMARY KEY,
    member_id     TEXT NOT NULL REFERENCES members(id),
    csrf_token    TEXT NOT NULL,
    joined        BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL
);

-- Append-only. `amount` is signed (credits > 0); credits carry the time their lot expires.
CREATE TABLE points_ledger (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    member_id     TEXT NOT NULL REFERENCES members(id),
    kind          TEXT NOT NULL CHECK (kind IN ('earn', 'spend', 'expire', 'adjust')),
    amount        BIGINT NOT NULL,
    reason        TEXT NOT NULL,
    source        TEXT NOT NULL,
    expires_at    BIGINT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX points_ledger_by_member ON points_ledger (member_id, created_at);

-- Interaction points credited per member and day, capped by conditional updates.
CREATE TABLE interaction_days (
    member_id     TEXT NOT NULL REFERENCES members(id),
    day           TEXT NOT NULL,
    points        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, day)
);

-- Rights sharing: the receiver enjoys the sharer's tier benefits; `quarters` counts points the
-- receiver earned (each worth a quarter point to the sharer), `credited` the whole points paid.
CREATE TABLE rights_shares (
    receiver_id   TEXT PRIMARY KEY REFERENCES members(id),
    sharer_id     TEXT NOT NULL REFERENCES members(id),
    quarters      BIGINT NOT NULL DEFAULT 0,
    credited      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);
CREATE INDEX rights_shares_by_sharer ON rights_shares (sharer_id);

-- One sign-in per member per day.
CREATE TABLE sign_ins (
    member_id     TEXT NOT NULL REFERENCES members(id),
    day           TEXT NOT NULL,
    streak        BIGINT NOT NULL,
    points        BIGINT NOT NULL,
    document_id   TEXT NOT NULL REFERENCES documents(id),
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (member_id, day)
);

-- A quiz rewards each member once.
CREATE TABLE quiz_rewards (
    member_id     TEXT NOT NULL REFERENCES members(id),
    document_id   TEXT NOT NULL REFERENCES documents(id),
    block_id      TEXT NOT NULL,
    points        BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (member_id, document_id, block_id)
);

-- Votes: `vote_days` counts a member's votes per block and day (limit by conditional update);
-- `votes` holds each vote, counted per option.
CREATE TABLE vote_days (
    member_id     TEXT NOT NULL REFERENCES members(id),
    document_id   TEXT NOT NULL REFERENCES documents(id),
    block_id      TEXT NOT NULL,
    day           TEXT NOT NULL,
    used          BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, document_id, block_id, day)
);

CREATE TABLE votes (
    id            TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents(id),
    block_id      TEXT NOT NULL,
    option_number BIGINT NOT NULL,
    member_id     TEXT NOT NULL REFERENCES members(id),
    created_at    BIGINT NOT NULL
);
CREATE INDEX votes_by_block ON votes (document_id, block_id);
