-- Saved sections: blocks a workspace keeps for reuse, as a JSON list of fragments (cradle-model).
CREATE TABLE sections (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    name          TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_by    TEXT NOT NULL REFERENCES users(id),
    created_at    BIGINT NOT NULL
);
CREATE INDEX sections_by_workspace ON sections (workspace_id, created_at);
