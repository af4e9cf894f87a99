//! The member runtime's start-up tags. Trunk builds the runtime (`member/index.html`) into
//! `dist/m/` with content-hashed names and writes the tags that load it into that page's `<head>`;
//! every member page the server draws carries those tags, read from the build.

use std::path::Path;

/// Where trunk puts the member runtime inside `dist`.
pub const RUNTIME_DIR: &str = "m";

/// The tags that load the runtime (preloads and the start-up module script), or nothing when the
/// runtime is not built (the page is still drawn and readable, only not interactive).
pub async fn tags(dist: &Path) -> String {
    match tokio::fs::read_to_string(dist.join(RUNTIME_DIR).join("index.html")).await {
        Ok(html) => head_tags(&html),
        Err(_) => String::new(),
    }
}

/// What trunk put into `<head>`, without the charset (the member page has its own).
fn head_tags(html: &str) -> String {
    let Some((_, rest)) = html.split_once("<head>") else {
        return String::new();
    };
    let head = rest.split_once("</head>").map_or("", |(head, _)| head);
    head.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("<meta charset"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::head_tags;

    #[test]
    fn keeps_the_tags_trunk_wrote_and_drops_the_charset() {
        let built = "<html><head>\n<meta charset=\"utf-8\" />\n<link rel=\"modulepreload\" href=\"/m/a-0123.js\">\n<script type=\"module\">import init from '/m/a-0123.js';\ninit();</script>\n</head><body></body></html>";
        let tags = head_tags(built);
        assert!(tags.starts_with("<link rel=\"modulepreload\""), "{tags}");
        assert!(tags.contains("<script type=\"module\">"));
        assert!(!tags.contains("charset"));
        assert_eq!(head_tags("no head"), "");
    }
}
