//! Which sites may show a brand's member pages inside a frame (a brand's shop or app embedding
//! the club): none unless the brand lists them. Each entry is an `https://` origin, optionally
//! with a `*.` subdomain wildcard, never a path, a bare scheme or `*` alone, so a listed entry can
//! only widen framing to hosts the brand names.

use crate::validate::{Kind, ValidationError};

/// Most origins a brand may list.
pub const MAX_ORIGINS: usize = 10;
/// Longest origin accepted.
const MAX_ORIGIN_LEN: usize = 200;

/// The origins, checked: each lowercased, problems reported by `/origins/{i}` path.
pub fn check(origins: &[String]) -> Result<Vec<String>, Vec<ValidationError>> {
    let mut problems = Vec::new();
    if origins.len() > MAX_ORIGINS {
        problems.push(ValidationError::in_english(
            "/origins",
            Kind::Count,
            format!("at most {MAX_ORIGINS} sites may frame member pages"),
        ));
    }
    let mut checked: Vec<String> = Vec::new();
    for (i, origin) in origins.iter().enumerate() {
        let path = format!("/origins/{i}");
        match origin_problem(origin) {
            Some(message) => {
                problems.push(ValidationError::in_english(path, Kind::Format, message))
            }
            None if checked.contains(&origin.to_ascii_lowercase()) => problems.push(
                ValidationError::in_english(path, Kind::Duplicate, "this site is listed twice"),
            ),
            None => checked.push(origin.to_ascii_lowercase()),
        }
    }
    match problems.is_empty() {
        true => Ok(checked),
        false => Err(problems),
    }
}

/// Why `origin` is not an `https://host[:port]` origin, if it is not.
fn origin_problem(origin: &str) -> Option<String> {
    let shape = "write a site as https://shop.example.com (https, a host, no path)";
    if origin.len() > MAX_ORIGIN_LEN {
        return Some(format!("at most {MAX_ORIGIN_LEN} characters"));
    }
    let Some(rest) = origin
        .to_ascii_lowercase()
        .strip_prefix("https://")
        .map(str::to_owned)
    else {
        return Some(shape.into());
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host.to_owned(), Some(port.to_owned())),
        None => (rest.clone(), None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok());
    let name = host.strip_prefix("*.").unwrap_or(&host);
    let labels_ok = name.contains('.')
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    (!(port_ok && labels_ok)).then(|| shape.into())
}

/// The `frame-ancestors` source list for checked origins: `'none'` when there are none.
pub fn frame_ancestors(origins: &[String]) -> String {
    match origins.is_empty() {
        true => "'none'".into(),
        false => origins.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn accepts_https_origins_and_subdomain_wildcards() {
        let ok = check(&owned(&[
            "https://Shop.Brand.com",
            "https://*.brand.cn:8443",
        ]))
        .unwrap();
        assert_eq!(ok, ["https://shop.brand.com", "https://*.brand.cn:8443"]);
        assert_eq!(
            frame_ancestors(&ok),
            "https://shop.brand.com https://*.brand.cn:8443"
        );
        assert_eq!(frame_ancestors(&[]), "'none'");
    }

    #[test]
    fn refuses_anything_wider_or_stranger_by_path() {
        let bad = owned(&[
            "*",
            "https://*",
            "http://shop.brand.com",
            "https://shop.brand.com/path",
            "https://shop.brand.com 'unsafe-inline'",
            "https://localhost",
            "https://shop.brand.com:99999",
            "https://-a.brand.com",
            "https://shop.brand.com;script-src *",
            "data:",
        ]);
        let problems = check(&bad).unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths.len(), bad.len(), "{problems:?}");
        assert_eq!(paths[0], "/origins/0");
        let twice = check(&owned(&["https://a.brand.com", "https://A.brand.com"])).unwrap_err();
        assert_eq!(twice[0].path, "/origins/1");
        assert_eq!(twice[0].kind, Kind::Duplicate);
        let many: Vec<String> = (0..11).map(|i| format!("https://s{i}.brand.com")).collect();
        assert_eq!(check(&many).unwrap_err()[0].path, "/origins");
    }
}
