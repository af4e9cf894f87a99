//! One module per route.

pub mod alert;
pub mod clerk;
pub mod club;
pub mod editor;
pub mod header;
pub mod integration;
pub mod loading;
pub mod login;
pub mod not_found;
pub mod projects;
pub mod server_status;
