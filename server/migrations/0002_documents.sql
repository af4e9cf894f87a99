-- Draft documents: the page JSON (validated by cradle-model) with an optimistic-concurrency
-- version. Soft-deleted documents keep their body until restored.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    title         TEXT NOT NULL,
    slug          TEXT NOT NULL,
    body          TEXT NOT NULL,
    version       BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    updated_by    TEXT NOT NULL REFERENCES users(id),
    deleted_at    BIGINT
);

CREATE INDEX documents_by_workspace ON documents (workspace_id, updated_at);
