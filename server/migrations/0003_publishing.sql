-- Published versions are immutable; live_pages points each member address at one of them.
-- Prize stock is materialised per (document, campaign, prize): republishing changes `total`
-- but never forgets `issued`.
CREATE TABLE published_versions (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    document_id   TEXT NOT NULL REFERENCES documents(id),
    number        BIGINT NOT NULL,
    slug          TEXT NOT NULL,
    body          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    published_by  TEXT NOT NULL REFERENCES users(id),
    published_at  BIGINT NOT NULL,
    starts_at     BIGINT,
    ends_at       BIGINT,
    UNIQUE (document_id, number)
);

-- Member addresses are /c/{slug} with no workspace in them, so a live slug is unique server-wide
-- (which also makes it unique per workspace).
CREATE TABLE live_pages (
    slug          TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    document_id   TEXT NOT NULL UNIQUE REFERENCES documents(id),
    version_id    TEXT NOT NULL REFERENCES published_versions(id)
);

CREATE TABLE prize_stock (
    document_id   TEXT NOT NULL REFERENCES documents(id),
    campaign_id   TEXT NOT NULL,
    prize_id      TEXT NOT NULL,
    total         BIGINT,
    issued        BIGINT NOT NULL DEFAULT 0,
    remaining     BIGINT,
    PRIMARY KEY (document_id, campaign_id, prize_id)
);
