//! One module per route.

pub mod editor;
pub mod login;
pub mod member;
pub mod not_found;
pub mod preview;
pub mod projects;
pub mod server_status;
