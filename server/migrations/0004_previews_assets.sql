-- Preview links: signed (HMAC with the workspace secret), expiring, revocable views of a draft.
CREATE TABLE preview_links (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    document_id   TEXT NOT NULL REFERENCES documents(id),
    created_by    TEXT NOT NULL REFERENCES users(id),
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    revoked_at    BIGINT
);

-- Uploaded pictures: files are named by content hash under data/assets; each workspace's rows
-- count toward its quota.
CREATE TABLE assets (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, file_name)
);
