//! The HTML document of a member page: share metadata for link previews in chat apps, the page's
//! CSS inline (so the first paint needs no other file), the member runtime's tags, and the body the
//! renderer drew. Everything a marketer or member wrote is escaped (by the renderer in the body,
//! here in the head).

use std::sync::LazyLock;

use cradle_model::share::ShareCard;
use cradle_model::Language;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// The member page's CSS: the renderer's styles and the member bar, nothing of the editor.
pub const MEMBER_CSS: &str = include_str!("../../../style/member.css");

/// [`MEMBER_CSS`] as sent: without its comments and indentation, which only its readers need.
fn member_css() -> &'static str {
    static CSS: LazyLock<String> = LazyLock::new(|| compact(MEMBER_CSS));
    &CSS
}

/// `css` without comments, indentation and blank lines (the file holds no `/*` in a string).
fn compact(css: &str) -> String {
    let mut kept = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        kept.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    kept.push_str(rest);
    kept.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A view drawn to HTML by the renderer's components compiled for the server.
pub fn draw<V: RenderHtml>(view: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    owner.with(|| view().to_html())
}

/// What goes into `<head>`.
pub struct Head<'a> {
    /// The page language (`<html lang>`).
    pub lang: Language,
    /// Link preview; `None` for pages that have no content to share (not found, closed).
    pub card: ShareCard,
    /// The page's address on this site, for `og:url` and to make a relative picture absolute.
    pub url: &'a str,
    /// `<meta name="robots">`, e.g. `noindex` for drafts.
    pub robots: Option<&'static str>,
    /// The member runtime's tags (`runtime::tags`).
    pub runtime: &'a str,
}

/// The whole document around `body`.
pub fn document(head: Head<'_>, body: &str) -> String {
    let origin = origin_of(head.url);
    let image = head
        .card
        .image
        .as_deref()
        .map(|src| match src.starts_with('/') {
            true => format!("{origin}{src}"),
            false => src.to_owned(),
        });
    let ShareCard {
        title, description, ..
    } = head.card;
    let attr = |s: &str| html_escape::encode_double_quoted_attribute(s).into_owned();
    let mut meta = format!(
        "<title>{}</title><meta name=\"description\" content=\"{desc}\">\
         <meta property=\"og:type\" content=\"website\">\
         <meta property=\"og:title\" content=\"{}\">\
         <meta property=\"og:description\" content=\"{desc}\">\
         <meta property=\"og:url\" content=\"{}\">",
        html_escape::encode_text(&title),
        attr(&title),
        attr(head.url),
        desc = attr(&description),
    );
    if let Some(src) = image {
        meta += &format!("<meta property=\"og:image\" content=\"{}\">", attr(&src));
    }
    if let Some(robots) = head.robots {
        meta += &format!("<meta name=\"robots\" content=\"{robots}\">");
    }
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\
         {meta}<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
         <style>{css}</style>\n{runtime}</head><body>{body}</body></html>",
        lang = head.lang.tag(),
        css = member_css(),
        runtime = head.runtime,
    )
}

/// `scheme://host` of an absolute URL.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_is_escaped_and_pictures_made_absolute() {
        let card = ShareCard {
            title: "双11 <抽奖> & \"好礼\"".into(),
            description: "</title><script>alert(1)</script>".into(),
            image: Some("/uploads/a.png".into()),
        };
        let html = document(
            Head {
                lang: Language::ZhCn,
                card,
                url: "https://club.example.com/c/s11",
                robots: None,
                runtime: "",
            },
            "<main>body</main>",
        );
        assert!(html.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"));
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(html.contains("&lt;抽奖&gt;"), "{html}");
        assert!(html.contains("content=\"https://club.example.com/uploads/a.png\""));
        assert!(html.contains("<main>body</main>"));
    }
}
