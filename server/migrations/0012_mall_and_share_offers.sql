-- Codes come from draws and from the points mall: a code's `draw_id` or `order_id` says which.
-- (Rebuilt because SQLite cannot drop a NOT NULL; nothing references this table.)
CREATE TABLE codes_new (
    code          TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    draw_id       TEXT UNIQUE REFERENCES draws(id),
    order_id      TEXT UNIQUE,
    member_id     TEXT NOT NULL,
    prize_name    TEXT NOT NULL,
    issued_at     BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    redeemed_at   BIGINT,
    redeemed_by   TEXT REFERENCES users(id)
);
INSERT INTO codes_new (code, workspace_id, draw_id, member_id, prize_name, issued_at, expires_at,
                       redeemed_at, redeemed_by)
    SELECT code, workspace_id, draw_id, member_id, prize_name, issued_at, expires_at, redeemed_at,
           redeemed_by FROM redemption_codes;
DROP TABLE redemption_codes;
ALTER TABLE codes_new RENAME TO redemption_codes;
CREATE INDEX redemption_codes_by_member ON redemption_codes (member_id, issued_at);

-- Points-mall stock: units taken per item of a page's block (the item's name is its key, so a
-- republish that reorders or reprices items keeps the count). Taken only by a conditional update.
CREATE TABLE mall_stock (
    document_id   TEXT NOT NULL REFERENCES documents(id),
    block_id      TEXT NOT NULL,
    item          TEXT NOT NULL,
    taken         BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, block_id, item)
);

-- Points-mall redemptions; one per member and idempotency key.
CREATE TABLE mall_orders (
    id              TEXT PRIMARY KEY,
    workspace_id    TEXT NOT NULL REFERENCES workspaces(id),
    member_id       TEXT NOT NULL REFERENCES members(id),
    document_id     TEXT NOT NULL REFERENCES documents(id),
    block_id        TEXT NOT NULL,
    item            TEXT NOT NULL,
    points          BIGINT NOT NULL,
    code            TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    UNIQUE (member_id, idempotency_key)
);

-- Offers to share rights: the sharer makes one, a receiver accepts it once before it expires.
CREATE TABLE share_offers (
    token         TEXT PRIMARY KEY,
    sharer_id     TEXT NOT NULL REFERENCES members(id),
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    accepted_by   TEXT REFERENCES members(id)
);
