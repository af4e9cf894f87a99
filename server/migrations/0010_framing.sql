-- Sites allowed to show the workspace's member pages in a frame, space-separated https origins
-- (checked by the model's framing rule); empty: no framing.
ALTER TABLE workspaces ADD COLUMN frame_ancestors TEXT NOT NULL DEFAULT '';
