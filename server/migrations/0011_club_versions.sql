-- Every save of a workspace's club settings, kept: version 1, 2, … per workspace, with who saved
-- it. `club_settings` holds the latest (what members are ranked and credited by).
CREATE TABLE club_settings_versions (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    version       BIGINT NOT NULL,
    body          TEXT NOT NULL,
    saved_at      BIGINT NOT NULL,
    saved_by      TEXT NOT NULL,
    PRIMARY KEY (workspace_id, version)
);
