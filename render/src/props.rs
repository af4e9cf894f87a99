//! Reading a block's props for one device, with safe fallbacks: a renderer never panics on a
//! prop of the wrong type (the inspector shows the validation error instead).

use cradle_model::document::Device;
use cradle_model::facts;
use cradle_model::url::is_safe_url;
use cradle_model::Block;
use serde_json::Value;

/// A block's props as seen on one device.
pub struct Props<'a> {
    block: &'a Block,
    device: Device,
}

impl<'a> Props<'a> {
    /// The props of `block` on `device`.
    pub fn new(block: &'a Block, device: Device) -> Props<'a> {
        Props { block, device }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        // A key the catalogue does not know is a renderer bug (a renamed field): the render tests
        // draw every kind with debug assertions on, so it fails there, not on a member's phone.
        debug_assert!(
            self.block.kind.spec().field(key).is_some(),
            "{:?} has no field '{key}'",
            self.block.kind
        );
        self.block.prop_on(key, Some(self.device))
    }

    /// Text (empty when missing).
    pub fn text(&self, key: &str) -> String {
        self.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    }

    /// A whole number within the catalogue's bounds (its default when missing).
    pub fn int(&self, key: &str) -> i64 {
        let number = facts::number(self.block, key, Some(self.device));
        debug_assert!(
            number.is_some(),
            "{:?} has no number field '{key}'",
            self.block.kind
        );
        number.unwrap_or_default()
    }

    /// On/off (false when missing).
    pub fn flag(&self, key: &str) -> bool {
        self.get(key).and_then(Value::as_bool).unwrap_or_default()
    }

    /// A link, only if it is http(s) or relative.
    pub fn url(&self, key: &str) -> Option<String> {
        Some(self.text(key)).filter(|u| !u.is_empty() && is_safe_url(u))
    }

    /// List rows.
    pub fn rows(&self, key: &str) -> Vec<serde_json::Map<String, Value>> {
        self.get(key)
            .and_then(Value::as_array)
            .map(|rows| rows.iter().filter_map(|r| r.as_object().cloned()).collect())
            .unwrap_or_default()
    }

    /// The raw value.
    pub fn raw(&self, key: &str) -> Value {
        self.get(key).cloned().unwrap_or(Value::Null)
    }
}

/// Text of a list row's field.
pub fn cell(row: &serde_json::Map<String, Value>, key: &str) -> String {
    match row.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A row's link or picture, only if it is http(s) or relative.
pub fn safe(row: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    Some(cell(row, key)).filter(|u| !u.is_empty() && is_safe_url(u))
}
