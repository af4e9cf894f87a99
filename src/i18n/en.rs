//! English UI strings.

use super::Strings;

/// English.
pub static EN: Strings = Strings {
    app_tagline: "Member-club pages and campaigns for maternal & infant brands.",
    projects: "Projects",
    no_projects: "No projects yet.",
    checking_server: "Checking the server…",
    server_status: "Server",
    language: "Language",
    editor: "Editor",
    document: "Document",
    back_to_projects: "Back to projects",
    club_page: "Club page",
    page: "Page",
    draft_preview: "Draft preview",
    preview_link: "Preview link",
    not_found: "Page not found",
    not_found_text: "This address does not lead to a Cradle page.",
    go_to_projects: "Go to projects",
};
