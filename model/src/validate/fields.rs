//! Block props against their catalogue fields: types, lengths, bounds, links, colours, and the
//! block style.

use serde_json::{Map, Value};

use super::{name, segment, Reason, Shape, Validator};
use crate::fields::{Field, FieldKind, Label};
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
                    format!("{path}/{}", segment(key)),
                    Reason::UnknownSetting(key.clone()),
                );
            }
        }
        for field in fields {
            let fpath = format!("{path}/{}", field.key);
            match props.get(field.key) {
                Some(value) => self.field(&fpath, field, value, props),
                None if complete => self.err(fpath, Reason::Missing(field.label)),
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
        let name = field.label;
        let wrong = |shape| Reason::WrongType(name, shape);
        match field.kind {
            FieldKind::Text { max, required } => match value.as_str() {
                Some(s) => self.text(path, s, name, max, required),
                None => self.err(path, wrong(Shape::Text)),
            },
            FieldKind::Multiline { max } => match value.as_str() {
                Some(s) => self.text(path, s, name, max, false),
                None => self.err(path, wrong(Shape::Text)),
            },
            FieldKind::RichText { max } => {
                match serde_json::from_value::<RichText>(value.clone()) {
                    Ok(text) => {
                        if plain_text(&text).chars().count() > max {
                            self.err(path, Reason::TextTooLong(name, max));
                        }
                        for (p, para) in text.iter().enumerate() {
                            for (s, span) in para.iter().enumerate() {
                                if let Some(link) = &span.link {
                                    if !is_safe_url(link) {
                                        self.err(
                                            format!("{path}/{p}/{s}/link"),
                                            Reason::UnsafeLink,
                                        );
                                    }
                                }
                            }
                        }
                    }
                    Err(_) => self.err(path, wrong(Shape::RichText)),
                }
            }
            FieldKind::Number { min, max } => match value.as_i64() {
                Some(n) if n < min => self.err(path, Reason::AtLeast(name, min)),
                Some(n) if n > max => self.err(path, Reason::AtMost(name, max)),
                Some(_) => {}
                None => self.err(path, wrong(Shape::WholeNumber)),
            },
            FieldKind::Toggle => {
                if !value.is_boolean() {
                    self.err(path, wrong(Shape::Toggle));
                }
            }
            FieldKind::Select(choices) => match value.as_str() {
                Some(s) if choices.iter().any(|c| c.value == s) => {}
                _ => self.err(path, Reason::NotOneOf(name, choices)),
            },
            FieldKind::Colour => match value.as_str() {
                Some(s) => self.colour(path, s),
                None => self.err(path, wrong(Shape::Colour)),
            },
            FieldKind::Url => match value.as_str() {
                Some(s) => self.url(path, s),
                None => self.err(path, wrong(Shape::Link)),
            },
            FieldKind::Image { required, alt } => match value.as_str() {
                Some(s) if s.trim().is_empty() => {
                    if required {
                        self.err(path, Reason::PictureRequired(name));
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
                        self.err(alt_path, Reason::NoAltText);
                    }
                }
                None => self.err(path, wrong(Shape::PictureLink)),
            },
            FieldKind::DateTime => {
                let ok = value
                    .as_str()
                    .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok());
                if !ok {
                    self.err(path, wrong(Shape::DateTime));
                }
            }
            FieldKind::Campaign { required } => match value {
                Value::Null if required => self.err(path, Reason::NoCampaign),
                Value::Null => {}
                Value::String(id) if self.doc.campaign(id).is_some() => {}
                Value::String(id) => self.err(path, Reason::NoSuchCampaign(id.clone())),
                _ => self.err(path, wrong(Shape::CampaignId)),
            },
            FieldKind::List { item, min, max } => match value.as_array() {
                Some(rows) => {
                    if rows.len() < min {
                        self.err(path, Reason::TooFewRows(name, min));
                    }
                    if rows.len() > max {
                        self.err(path, Reason::TooManyRows(name, max));
                    }
                    for (i, row) in rows.iter().enumerate() {
                        match row.as_object() {
                            Some(obj) => self.props(&format!("{path}/{i}"), obj, item, true),
                            None => self.err(
                                format!("{path}/{i}"),
                                Reason::WrongType(name::ROW, Shape::Row),
                            ),
                        }
                    }
                }
                None => self.err(path, wrong(Shape::List)),
            },
        }
    }

    pub(super) fn text(&mut self, path: &str, s: &str, name: Label, max: usize, required: bool) {
        if required && s.trim().is_empty() {
            self.err(path, Reason::Empty(name));
        }
        if s.chars().count() > max {
            self.err(path, Reason::TextTooLong(name, max));
        }
    }

    pub(super) fn colour(&mut self, path: &str, s: &str) {
        if !is_hex_colour(s) {
            self.err(path, Reason::NotAColour(s.to_owned()));
        }
    }

    pub(super) fn url(&mut self, path: &str, s: &str) {
        if !is_safe_url(s) {
            self.err(path, Reason::UnsafeLink);
        }
    }

    pub(super) fn style(&mut self, path: &str, style: &Style) {
        for (key, name, spacing) in [
            ("padding", name::PADDING, style.padding),
            ("margin", name::MARGIN, style.margin),
        ] {
            if spacing.is_some_and(|s| s.max_side() > MAX_SPACING) {
                self.err(
                    format!("{path}/{key}"),
                    Reason::SpacingTooWide(name, MAX_SPACING),
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
