-- Webhooks to the brand's system: where to send which events, signed with the webhook's secret;
-- each event is one delivery row per webhook, retried with backoff until it is answered 2xx or
-- gives up (the delivery log).
CREATE TABLE webhooks (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    url           TEXT NOT NULL,
    secret        TEXT NOT NULL,
    events        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    removed_at    BIGINT
);
CREATE INDEX webhooks_by_workspace ON webhooks (workspace_id);

CREATE TABLE webhook_deliveries (
    id            TEXT PRIMARY KEY,
    webhook_id    TEXT NOT NULL REFERENCES webhooks(id),
    event         TEXT NOT NULL,
    body          TEXT NOT NULL,
    attempts      BIGINT NOT NULL DEFAULT 0,
    next_at       BIGINT NOT NULL,
    delivered_at  BIGINT,
    last_status   BIGINT,
    last_error    TEXT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (delivered_at, next_at);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at);

-- Draws earned by spending (满额抽奖): a campaign with `spend_over_cents` is played only with a
-- grant; each qualifying order grants one (`orders.grants` lists which, for a refund) and each
-- draw uses one, by a conditional update.
CREATE TABLE draw_grants (
    member_id     TEXT NOT NULL REFERENCES members(id),
    document_id   TEXT NOT NULL REFERENCES documents(id),
    campaign_id   TEXT NOT NULL,
    granted       BIGINT NOT NULL DEFAULT 0,
    used          BIGINT NOT NULL DEFAULT 0 CHECK (used <= granted),
    PRIMARY KEY (member_id, document_id, campaign_id)
);
ALTER TABLE orders ADD COLUMN grants TEXT;
