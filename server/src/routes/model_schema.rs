//! OpenAPI schemas for the model's own types, made from the model's JSON Schema (schemars): the
//! API document describes exactly what the model reads, with no second copy of the shape to keep
//! in step by hand.

use std::borrow::Cow;
use std::marker::PhantomData;

use schemars::JsonSchema;
use serde_json::Value;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;

/// The model type `T` as an OpenAPI schema. utoipa's macros read generic arguments as schemas of
/// their own, so handlers name an alias ([`ClubSettingsSchema`]).
pub struct Modelled<T>(PhantomData<T>);

/// The workspace's club settings.
pub type ClubSettingsSchema = Modelled<cradle_model::ClubSettings>;

/// `T`'s JSON Schema with its definitions taken out and its references pointed at the API
/// document's components.
fn parts<T: JsonSchema>() -> (Value, Vec<(String, Value)>) {
    let mut root = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
    let defs = root
        .as_object_mut()
        .and_then(|o| {
            o.remove("$schema");
            o.remove("$defs")
        })
        .and_then(|d| d.as_object().cloned())
        .unwrap_or_default();
    retarget(&mut root);
    let defs = defs
        .into_iter()
        .map(|(name, mut schema)| {
            retarget(&mut schema);
            (name, schema)
        })
        .collect();
    (root, defs)
}

/// Rewrites `#/$defs/X` references to `#/components/schemas/X`, and `const` (which utoipa's
/// schema type does not keep) as a one-value `enum`, so unit variants stay distinguishable.
fn retarget(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get_mut("$ref") {
                if let Some(name) = target.strip_prefix("#/$defs/") {
                    *target = format!("#/components/schemas/{name}");
                }
            }
            if let Some(only) = map.remove("const") {
                map.insert("enum".into(), Value::Array(vec![only]));
            }
            map.values_mut().for_each(retarget);
        }
        Value::Array(items) => items.iter_mut().for_each(retarget),
        _ => {}
    }
}

fn schema(value: Value) -> RefOr<Schema> {
    serde_json::from_value(value).expect("the model's JSON Schema is an OpenAPI 3.1 schema")
}

impl<T: JsonSchema> utoipa::PartialSchema for Modelled<T> {
    fn schema() -> RefOr<Schema> {
        schema(parts::<T>().0)
    }
}

impl<T: JsonSchema> utoipa::ToSchema for Modelled<T> {
    fn name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.extend(
            parts::<T>()
                .1
                .into_iter()
                .map(|(name, value)| (name, schema(value))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cradle_model::ClubSettings;

    #[test]
    fn references_point_at_the_documents_components() {
        let (root, defs) = parts::<ClubSettings>();
        let text = serde_json::to_string(&root).unwrap();
        assert!(text.contains("#/components/schemas/Tier"), "{text}");
        assert!(!text.contains("$defs"));
        let names: Vec<&str> = defs.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Expiry", "PointsRules", "Tier"]);
    }

    /// Unit variants keep their one value through utoipa's schema type (a lost `const` would let
    /// `"never"` match every string branch of `Expiry`).
    #[test]
    fn unit_variants_keep_their_value() {
        use utoipa::ToSchema;
        let mut schemas = Vec::new();
        <Modelled<ClubSettings> as ToSchema>::schemas(&mut schemas);
        let (_, expiry) = schemas.iter().find(|(n, _)| n == "Expiry").unwrap();
        let text = serde_json::to_string(expiry).unwrap();
        assert!(text.contains(r#""enum":["never"]"#), "{text}");
        assert!(
            text.contains(r#""enum":["end_of_following_year"]"#),
            "{text}"
        );
    }
}
