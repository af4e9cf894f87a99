-- Draws the operator cannot bend: each logged draw of a campaign gets the next number of the
-- campaign's sequence, and its random value is HMAC(seed, "seq:member:idempotency key"), inputs
-- the server cannot pick after committing to the seed. Gaps in the sequence show deleted draws.

-- The sequence's last number, and the first number drawn with the current seed.
ALTER TABLE campaign_seeds ADD COLUMN draws BIGINT NOT NULL DEFAULT 0;
ALTER TABLE campaign_seeds ADD COLUMN first_seq BIGINT NOT NULL DEFAULT 1;

-- NULL for draws logged before the sequence existed (their roll is HMAC(seed, draw id)).
ALTER TABLE draws ADD COLUMN seq BIGINT;
-- Led by `seq`, so that looking a key up (member, document, campaign, key) never picks this index
-- for its first two columns, as PostgreSQL does before it has statistics: a scan of the campaign.
CREATE UNIQUE INDEX draws_by_seq ON draws (seq, document_id, campaign_id);

-- Seeds replaced when an ended campaign (whose seed was revealed) was published again; kept so
-- the draws made with them stay verifiable.
CREATE TABLE retired_seeds (
    document_id   TEXT NOT NULL REFERENCES documents(id),
    campaign_id   TEXT NOT NULL,
    seed          TEXT NOT NULL,
    seed_hash     TEXT NOT NULL,
    first_seq     BIGINT NOT NULL,
    last_seq      BIGINT NOT NULL,
    retired_at    BIGINT NOT NULL,
    PRIMARY KEY (document_id, campaign_id, last_seq)
);

-- Stock history: at each publish, every prize's stock and what was issued, after draw `at_seq`.
-- Verification replays it to check each logged "out of stock".
CREATE TABLE stock_changes (
    document_id    TEXT NOT NULL REFERENCES documents(id),
    campaign_id    TEXT NOT NULL,
    prize_id       TEXT NOT NULL,
    version_number BIGINT NOT NULL,
    at_seq         BIGINT NOT NULL,
    total          BIGINT,
    issued         BIGINT NOT NULL,
    PRIMARY KEY (document_id, campaign_id, prize_id, version_number)
);

-- Unlimited prizes now count what they issue too, so a prize made limited later starts from the
-- true count.
UPDATE prize_stock SET issued = (
    SELECT COUNT(*) FROM draws d WHERE d.document_id = prize_stock.document_id
    AND d.campaign_id = prize_stock.campaign_id AND d.prize_id = prize_stock.prize_id
    AND d.fallback_reason IS NULL
) WHERE total IS NULL;
