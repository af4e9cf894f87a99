//! Block props against their catalogue fields: types, lengths, bounds, links, colours, and the
//! block style.

use serde_json::{Map, Value};

use super::{segment, Kind, Validator};
use crate::fields::{Field, FieldKind};
use crate::rich_text::{plain_text, RichText};
use crate::style::{is_hex_colour, Style, MAX_SPACING};
use crate::url::is_safe_url;

impl Validator<'_> {
    pub(super) fn props(
        &mut self,
        path: &str,
        props: &Map<String, Value>,
        fields: &[Field],
        complete: bool,
    ) {
        for key in props.keys() {
            if !fields.iter().any(|f| f.key == key) {
                self.err(
                    Kind::UnknownReference,
                    format!("{path}/{}", segment(key)),
                    format!("unknown setting '{key}'"),
                );
            }
        }
        for field in fields {
            let fpath = format!("{path}/{}", field.key);
            match props.get(field.key) {
                Some(value) => self.field(&fpath, field, value, props),
                None if complete => self.err(
                    Kind::Required,
                    fpath,
                    format!("{} is missing", field.label.en),
                ),
                None => {}
            }
        }
    }

    pub(super) fn field(
        &mut self,
        path: &str,
        field: &Field,
        value: &Value,
        siblings: &Map<String, Value>,
    ) {
        let name = field.label.en;
        match field.kind {
            FieldKind::Text { max, required } => match value.as_str() {
                Some(s) => self.text(path, s, name, max, required),
                None => self.err(Kind::WrongType, path, format!("{name} must be text")),
            },
            FieldKind::Multiline { max } => match value.as_str() {
                Some(s) => self.text(path, s, name, max, false),
                None => self.err(Kind::WrongType, path, format!("{name} must be text")),
            },
            FieldKind::RichText { max } => {
                match serde_json::from_value::<RichText>(value.clone()) {
                    Ok(text) => {
                        if plain_text(&text).chars().count() > max {
                            self.err(
                                Kind::TooLong,
                                path,
                                format!("{name} must be at most {max} characters"),
                            );
                        }
                        for (p, para) in text.iter().enumerate() {
                            for (s, span) in para.iter().enumerate() {
                                if let Some(link) = &span.link {
                                    if !is_safe_url(link) {
                                        self.err(
                                            Kind::UnsafeLink,
                                            format!("{path}/{p}/{s}/link"),
                                            "links must start with http://, https:// or /",
                                        );
                                    }
                                }
                            }
                        }
                    }
                    Err(_) => self.err(
                        Kind::WrongType,
                        path,
                        format!("{name} must be paragraphs of text spans"),
                    ),
                }
            }
            FieldKind::Number { min, max } => match value.as_i64() {
                Some(n) if n < min => self.err(
                    Kind::OutOfRange,
                    path,
                    format!("{} must be at least {min}", name.to_lowercase()),
                ),
                Some(n) if n > max => self.err(
                    Kind::OutOfRange,
                    path,
                    format!("{} must be at most {max}", name.to_lowercase()),
                ),
                Some(_) => {}
                None => self.err(
                    Kind::WrongType,
                    path,
                    format!("{name} must be a whole number"),
                ),
            },
            FieldKind::Toggle => {
                if !value.is_boolean() {
                    self.err(
                        Kind::WrongType,
                        path,
                        format!("{name} must be on or off (true/false)"),
                    );
                }
            }
            FieldKind::Select(choices) => match value.as_str() {
                Some(s) if choices.iter().any(|c| c.value == s) => {}
                _ => {
                    let allowed: Vec<_> = choices.iter().map(|c| c.value).collect();
                    self.err(
                        Kind::Format,
                        path,
                        format!("{name} must be one of: {}", allowed.join(", ")),
                    );
                }
            },
            FieldKind::Colour => match value.as_str() {
                Some(s) => self.colour(path, s),
                None => self.err(
                    Kind::Format,
                    path,
                    format!("{name} must be a colour like #e85d75"),
                ),
            },
            FieldKind::Url => match value.as_str() {
                Some(s) => self.url(path, s),
                None => self.err(Kind::WrongType, path, format!("{name} must be a link")),
            },
            FieldKind::Image { required, alt } => match value.as_str() {
                Some(s) if s.trim().is_empty() => {
                    if required {
                        self.err(
                            Kind::Required,
                            path,
                            format!("{name} is required: upload a picture or paste its link"),
                        );
                    }
                }
                Some(s) => {
                    self.url(path, s);
                    let has_alt = siblings
                        .get(alt)
                        .and_then(Value::as_str)
                        .is_some_and(|a| !a.trim().is_empty());
                    if !has_alt {
                        let alt_path = match path.rsplit_once('/') {
                            Some((parent, _)) => format!("{parent}/{alt}"),
                            None => alt.to_owned(),
                        };
                        self.err(
                            Kind::Required,
                            alt_path,
                            "describe the picture for people who cannot see it (alt text)",
                        );
                    }
                }
                None => self.err(
                    Kind::WrongType,
                    path,
                    format!("{name} must be a picture link"),
                ),
            },
            FieldKind::DateTime => {
                let ok = value
                    .as_str()
                    .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok());
                if !ok {
                    self.err(Kind::Format, path, format!("{name} must be a date and time with its offset, e.g. 2026-06-18T20:00:00+08:00"));
                }
            }
            FieldKind::Campaign { required } => match value {
                Value::Null if required => {
                    self.err(Kind::Required, path, "choose the campaign this game plays")
                }
                Value::Null => {}
                Value::String(id) if self.doc.campaign(id).is_some() => {}
                Value::String(id) => self.err(
                    Kind::UnknownReference,
                    path,
                    format!("campaign '{id}' does not exist in this page"),
                ),
                _ => self.err(
                    Kind::WrongType,
                    path,
                    format!("{name} must be a campaign id"),
                ),
            },
            FieldKind::List { item, min, max } => match value.as_array() {
                Some(rows) => {
                    if rows.len() < min {
                        self.err(
                            Kind::Count,
                            path,
                            format!("{name} needs at least {min} rows"),
                        );
                    }
                    if rows.len() > max {
                        self.err(
                            Kind::TooLong,
                            path,
                            format!("{name} may have at most {max} rows"),
                        );
                    }
                    for (i, row) in rows.iter().enumerate() {
                        match row.as_object() {
                            Some(obj) => self.props(&format!("{path}/{i}"), obj, item, true),
                            None => self.err(
                                Kind::WrongType,
                                format!("{path}/{i}"),
                                "each row must be an object",
                            ),
                        }
                    }
                }
                None => self.err(Kind::WrongType, path, format!("{name} must be a list")),
            },
        }
    }

    pub(super) fn text(&mut self, path: &str, s: &str, name: &str, max: usize, required: bool) {
        if required && s.trim().is_empty() {
            self.err(Kind::Required, path, format!("{name} must not be empty"));
        }
        if s.chars().count() > max {
            self.err(
                Kind::TooLong,
                path,
                format!("{name} must be at most {max} characters"),
            );
        }
    }

    pub(super) fn colour(&mut self, path: &str, s: &str) {
        if !is_hex_colour(s) {
            self.err(
                Kind::Format,
                path,
                format!("'{s}' is not a colour: use #rgb or #rrggbb, e.g. #e85d75"),
            );
        }
    }

    pub(super) fn url(&mut self, path: &str, s: &str) {
        if !is_safe_url(s) {
            self.err(Kind::UnsafeLink, path, "links must start with http://, https:// or / (no javascript:, data: or other schemes)");
        }
    }

    pub(super) fn style(&mut self, path: &str, style: &Style) {
        for (key, spacing) in [("padding", style.padding), ("margin", style.margin)] {
            if spacing.is_some_and(|s| s.max_side() > MAX_SPACING) {
                self.err(
                    Kind::OutOfRange,
                    format!("{path}/{key}"),
                    format!("{key} must be at most {MAX_SPACING} px per side"),
                );
            }
        }
        if let Some(c) = &style.background {
            self.colour(&format!("{path}/background"), c);
        }
        if let Some(c) = &style.text_colour {
            self.colour(&format!("{path}/text_colour"), c);
        }
    }
}
