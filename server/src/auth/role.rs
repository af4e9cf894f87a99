//! What each role may do.

use serde::{Deserialize, Serialize};

/// A user's role in their workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including publishing and users.
    Owner,
    /// Builds and publishes pages.
    Editor,
    /// Reads pages, changes nothing.
    Viewer,
    /// Store clerk: redeems prize codes only.
    Clerk,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
            Role::Clerk => "clerk",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Role> {
        [Role::Owner, Role::Editor, Role::Viewer, Role::Clerk]
            .into_iter()
            .find(|r| r.as_str() == s)
    }

    /// May read documents.
    pub fn can_read(self) -> bool {
        matches!(self, Role::Owner | Role::Editor | Role::Viewer)
    }

    /// May create, save, delete and publish documents.
    pub fn can_edit(self) -> bool {
        matches!(self, Role::Owner | Role::Editor)
    }
}
