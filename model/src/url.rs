//! Which links a marketer may put on a page: `http(s)://…` and relative URLs only, so no
//! `javascript:`, `data:` or other scheme ever reaches a member's browser.

/// Whether `url` is an absolute http(s) URL or a relative one (`/path`, `path`, `#anchor`, `?q`).
///
/// ```
/// use cradle_model::url::is_safe_url;
/// assert!(is_safe_url("https://example.com/a"));
/// assert!(is_safe_url("/c/spring-club"));
/// assert!(!is_safe_url("javascript:alert(1)"));
/// assert!(!is_safe_url(" JavaScript:alert(1)"));
/// ```
pub fn is_safe_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    // Browsers read `\` as `/` in web URLs, so `\\host`, `/\host` and `\/host` would be
    // protocol-relative links to another host: no backslash anywhere.
    if url.starts_with("//") || url.contains('\\') {
        return false; // protocol-relative: leaves the page's host and scheme to the link
    }
    let lower = url.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        return !rest.is_empty() && !rest.starts_with('/');
    }
    // A relative URL has no scheme: nothing before a ':' that comes ahead of any '/', '?' or '#'.
    let first_delim = url.find(['/', '?', '#']).unwrap_or(url.len());
    !url[..first_delim].contains(':')
}

/// Whether `url` is an absolute http(s) URL that [`is_safe_url`] allows: an address another
/// system is reached at (a brand's webhook receiver), never a relative link.
pub fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://")) && is_safe_url(url)
}

#[cfg(test)]
mod tests {
    use super::{is_safe_url, is_web_address};

    #[test]
    fn web_addresses_are_absolute_and_safe() {
        assert!(is_web_address("https://crm.brand.cn/hooks/cradle"));
        assert!(is_web_address("http://10.0.0.5:8080/in"));
        for bad in [
            "/hooks",
            "crm.brand.cn/in",
            "javascript:alert(1)",
            "https://",
            "ftp://a.cn",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    #[test]
    fn allows_http_and_relative() {
        for ok in [
            "http://a.cn",
            "https://shop.example.com/p?id=1#x",
            "/c/club",
            "img/a.png",
            "#top",
            "?tab=2",
            "",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_other_schemes_and_tricks() {
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "java\tscript:x",
            "//evil.com",
            "https://",
            "https:///x",
            "mailto:a@b.c",
            "weixin://dl",
            "\\\\evil.com",
            "/\\evil.com",
            "\\/evil.com",
            "https://a.cn\\@evil.com",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }
}
