use serde_json::{json, Value};

use super::*;
use crate::document::NodeId;
use crate::parse::parse_document;
use crate::templates;

fn template(id: &str) -> Value {
    let doc = templates::find(id)
        .unwrap()
        .instantiate(
            "d1",
            "Page",
            "page",
            crate::Language::ZhCn,
            chrono::Utc::now(),
        )
        .unwrap();
    serde_json::to_value(doc).unwrap()
}

fn errors_of(json: &Value) -> Vec<ValidationError> {
    parse_document(json).err().unwrap_or_default()
}

fn has(errors: &[ValidationError], path: &str, kind: Kind) -> bool {
    errors.iter().any(|e| e.path == path && e.kind == kind)
}

#[test]
fn blank_page_is_valid() {
    assert_eq!(validate(&Document::blank("d1", "Club", "club")), vec![]);
}

#[test]
fn prize_weight_error_reads_like_the_issue() {
    let mut doc = template("wheel-campaign");
    doc["campaigns"][0]["prizes"][1]["weight"] = json!(0);
    let errors = errors_of(&doc);
    assert!(
        errors
            .iter()
            .any(|e| e.to_string() == "/campaigns/0/prizes/1/weight: weight must be at least 1"),
        "{errors:?}"
    );
}

#[test]
fn every_problem_speaks_chinese_too_and_json_stays_english() {
    let mut doc = template("wheel-campaign");
    doc["campaigns"][0]["prizes"][1]["weight"] = json!(0);
    doc["title"] = json!("");
    let errors = errors_of(&doc);
    let weight = errors
        .iter()
        .find(|e| e.path == "/campaigns/0/prizes/1/weight")
        .unwrap();
    assert_eq!(weight.message_in(Language::ZhCn), "权重不能小于 1");
    assert_eq!(weight.message_in(Language::En), weight.message);
    let title = errors.iter().find(|e| e.path == "/title").unwrap();
    assert_eq!(title.message_in(Language::ZhCn), "请填写标题");
    assert!(errors.iter().all(|e| e.reason.is_some()));
    assert_eq!(
        serde_json::to_value(weight).unwrap(),
        json!({"path": "/campaigns/0/prizes/1/weight", "kind": "out_of_range",
               "message": "weight must be at least 1"})
    );
}

#[test]
fn prize_counts_per_game() {
    let mut wheel = template("wheel-campaign");
    let prize = wheel["campaigns"][0]["prizes"][4].clone();
    for i in 0..7 {
        let mut p = prize.clone();
        p["id"] = json!(format!("extra-{i}"));
        wheel["campaigns"][0]["prizes"]
            .as_array_mut()
            .unwrap()
            .push(p);
    }
    assert!(has(&errors_of(&wheel), "/campaigns/0/prizes", Kind::Count));

    let mut grid = template("nine-grid-party");
    grid["campaigns"][0]["prizes"].as_array_mut().unwrap().pop();
    assert!(has(&errors_of(&grid), "/campaigns/0/prizes", Kind::Count));

    // A slot machine needs a second symbol to show a losing line.
    let mut slot = template("wheel-campaign");
    slot["blocks"]["wheel"]["kind"] = json!("slot_machine");
    slot["campaigns"][0]["game"] = json!("slot_machine");
    let fallback = slot["campaigns"][0]["fallback_prize"].clone();
    let prizes = slot["campaigns"][0]["prizes"].as_array_mut().unwrap();
    prizes.retain(|p| p["id"] == fallback);
    assert!(has(&errors_of(&slot), "/campaigns/0/prizes", Kind::Count));
    let thanks = slot["campaigns"][0]["prizes"][0].clone();
    let mut other = thanks.clone();
    other["id"] = json!("other");
    slot["campaigns"][0]["prizes"]
        .as_array_mut()
        .unwrap()
        .push(other);
    assert!(!has(&errors_of(&slot), "/campaigns/0/prizes", Kind::Count));
}

#[test]
fn campaign_references_and_games_must_match() {
    let mut doc = template("wheel-campaign");
    doc["blocks"]["wheel"]["props"]["campaign"] = json!("nope");
    assert!(has(
        &errors_of(&doc),
        "/blocks/wheel/props/campaign",
        Kind::UnknownReference
    ));

    let mut doc = template("wheel-campaign");
    doc["campaigns"][0]["game"] = json!("scratch_card");
    assert!(has(
        &errors_of(&doc),
        "/blocks/wheel/props/campaign",
        Kind::Inconsistent
    ));

    let mut doc = template("wheel-campaign");
    doc["blocks"]["wheel"]["props"]["campaign"] = Value::Null;
    assert!(has(
        &errors_of(&doc),
        "/blocks/wheel/props/campaign",
        Kind::Required
    ));
}

#[test]
fn window_fallback_and_limits() {
    let mut doc = template("wheel-campaign");
    doc["campaigns"][0]["window"]["end"] = doc["campaigns"][0]["window"]["start"].clone();
    doc["campaigns"][0]["fallback_prize"] = json!("blanket");
    doc["campaigns"][0]["limits"]["per_member_total"] = json!(2);
    let errors = errors_of(&doc);
    assert!(has(&errors, "/campaigns/0/window/end", Kind::Inconsistent));
    assert!(has(
        &errors,
        "/campaigns/0/fallback_prize",
        Kind::Inconsistent
    ));
    assert!(has(
        &errors,
        "/campaigns/0/limits/per_member_per_day",
        Kind::Inconsistent
    ));
}

#[test]
fn unsafe_links_are_refused_everywhere() {
    let mut doc = template("nine-grid-party");
    doc["blocks"]["left"]["props"]["action"] = json!("link");
    doc["blocks"]["left"]["props"]["url"] = json!("javascript:alert(1)");
    doc["blocks"]["banner"]["props"]["slides"][0]["link"] = json!("data:text/html,x");
    let mut wheel = template("wheel-campaign");
    wheel["blocks"]["intro"]["props"]["text"][0][1]["link"] = json!("vbscript:x");
    let errors = errors_of(&doc);
    assert!(has(&errors, "/blocks/left/props/url", Kind::UnsafeLink));
    assert!(has(
        &errors,
        "/blocks/banner/props/slides/0/link",
        Kind::UnsafeLink
    ));
    assert!(has(
        &errors_of(&wheel),
        "/blocks/intro/props/text/0/1/link",
        Kind::UnsafeLink
    ));
}

#[test]
fn pictures_need_alt_text() {
    let mut doc = template("club-home");
    doc["blocks"]["redeem"]["props"]["items"][0]["image"] = json!("/assets/wipes.png");
    assert!(has(
        &errors_of(&doc),
        "/blocks/redeem/props/items/0/alt",
        Kind::Required
    ));
    let mut doc = template("nine-grid-party");
    doc["blocks"]["banner"]["props"]["slides"][0]["alt"] = json!(" ");
    assert!(has(
        &errors_of(&doc),
        "/blocks/banner/props/slides/0/alt",
        Kind::Required
    ));
}

#[test]
fn text_limits_types_and_unknown_props() {
    let mut doc = template("wheel-campaign");
    doc["blocks"]["hero"]["props"]["text"] = json!("x".repeat(81));
    doc["blocks"]["hero"]["props"]["level"] = json!("h9");
    doc["blocks"]["hero"]["props"]["wieght"] = json!(1);
    doc["blocks"]["coupons"]["props"]["coupons"] = json!([]);
    let errors = errors_of(&doc);
    assert!(has(&errors, "/blocks/hero/props/text", Kind::TooLong));
    assert!(has(&errors, "/blocks/hero/props/level", Kind::Format));
    assert!(has(
        &errors,
        "/blocks/hero/props/wieght",
        Kind::UnknownReference
    ));
    assert!(has(&errors, "/blocks/coupons/props/coupons", Kind::Count));
    assert!(
        errors.len() >= 4,
        "every error is reported at once: {errors:?}"
    );
}

#[test]
fn tree_shape_errors() {
    let mut doc = template("club-home");
    doc["blocks"]["page"]["slots"]["main"]
        .as_array_mut()
        .unwrap()
        .push(json!("card")); // twice
    doc["blocks"]["page"]["slots"]["main"]
        .as_array_mut()
        .unwrap()
        .push(json!("ghost")); // missing
    doc["blocks"]["lost"] = json!({"id": "lost", "kind": "spacer"}); // orphan
    let errors = errors_of(&doc);
    assert!(has(&errors, "/blocks/page/slots/main/8", Kind::Duplicate));
    assert!(has(
        &errors,
        "/blocks/page/slots/main/9",
        Kind::UnknownReference
    ));
    assert!(has(&errors, "/blocks/lost", Kind::Placement));
}

#[test]
fn loops_and_nesting_rules() {
    let mut doc = template("nine-grid-party");
    doc["blocks"]["a"] = json!({"id": "a", "kind": "section", "slots": {"children": ["b"]}});
    doc["blocks"]["b"] = json!({"id": "b", "kind": "section", "slots": {"children": ["a"]}});
    doc["blocks"]["cols"]["slots"]["col1"]
        .as_array_mut()
        .unwrap()
        .push(json!("grid2"));
    doc["blocks"]["grid2"] = doc["blocks"]["grid"].clone();
    doc["blocks"]["grid2"]["id"] = json!("grid2");
    let errors = errors_of(&doc);
    assert!(has(&errors, "/blocks/a", Kind::Placement));
    assert!(has(&errors, "/blocks/cols/slots/col1/1", Kind::Placement));
}

#[test]
fn hidden_columns_must_be_empty() {
    let mut doc = template("nine-grid-party");
    doc["blocks"]["cols"]["props"]["count"] = json!(1);
    assert!(has(
        &errors_of(&doc),
        "/blocks/cols/props/count",
        Kind::OutOfRange
    ));
    let mut doc = template("nine-grid-party");
    doc["blocks"]["cols"]["slots"]["col3"] = json!(["left"]);
    doc["blocks"]["cols"]["slots"]["col1"] = json!([]);
    assert!(has(
        &errors_of(&doc),
        "/blocks/cols/slots/col3",
        Kind::Placement
    ));
}

#[test]
fn depth_limit() {
    let mut doc = serde_json::to_value(Document::blank("d1", "Deep", "deep")).unwrap();
    // page > section > columns; then sections may not nest, so build depth through a fake chain.
    doc["blocks"]["page"]["slots"]["main"] = json!(["s"]);
    doc["blocks"]["s"] = json!({"id": "s", "kind": "section", "slots": {"children": ["c"]}});
    doc["blocks"]["c"] = json!({"id": "c", "kind": "columns", "slots": {"col1": ["h"]}});
    doc["blocks"]["h"] = json!({"id": "h", "kind": "heading"});
    assert_eq!(errors_of(&doc), vec![]);
}

#[test]
fn audience_rules_are_checked() {
    let mut doc = template("club-home");
    doc["blocks"]["card"]["audience"] =
        json!({"all": [{"tier_at_least": 10}, {"pregnancy_week": {"min": 30, "max": 20}}]});
    let errors = errors_of(&doc);
    assert!(has(
        &errors,
        "/blocks/card/audience/all/0/tier_at_least",
        Kind::UnknownReference
    ));
    assert!(has(
        &errors,
        "/blocks/card/audience/all/1/pregnancy_week",
        Kind::OutOfRange
    ));
}

#[test]
fn header_and_theme() {
    let mut doc = template("club-home");
    doc["slug"] = json!("Spring Club!");
    doc["title"] = json!("  ");
    doc["theme"]["primary"] = json!("pink");
    let errors = errors_of(&doc);
    assert!(has(&errors, "/slug", Kind::Format));
    assert!(has(&errors, "/title", Kind::Required));
    assert!(has(&errors, "/theme/primary", Kind::Format));
}

#[test]
fn a_page_schedule_ends_after_it_starts() {
    let mut doc = template("club-home");
    doc["schedule"] = json!({"start": "2027-06-18T20:00:00+08:00", "end": "2027-06-18T12:00:00Z"});
    assert!(has(&errors_of(&doc), "/schedule/end", Kind::Inconsistent));
    doc["schedule"] = json!({"start": "2027-06-18T20:00:00+08:00"});
    assert_eq!(errors_of(&doc), vec![]);
}

#[test]
fn club_settings_are_checked_on_their_own() {
    let mut club = crate::ClubSettings::default();
    assert_eq!(crate::validate::club_settings(&club), vec![]);
    club.tiers[0].threshold = 10;
    club.tiers[2].threshold = club.tiers[1].threshold;
    let paths: Vec<String> = crate::validate::club_settings(&club)
        .into_iter()
        .map(|e| e.path)
        .collect();
    assert_eq!(paths, ["/tiers/0/threshold", "/tiers/2/threshold"]);
    club.tiers.clear();
    assert_eq!(crate::validate::club_settings(&club)[0].path, "/tiers");
}

/// A page saved before the club moved to the workspace still opens: its own ladder is dropped.
#[test]
fn a_page_with_its_own_club_migrates() {
    let mut doc = template("club-home");
    doc["schema_version"] = json!(2);
    doc["club"] = serde_json::to_value(crate::ClubSettings::default()).unwrap();
    let page = parse_document(&doc).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(page.schema_version, crate::migrate::CURRENT_SCHEMA_VERSION);
    doc["schema_version"] = json!(3);
    assert!(
        parse_document(&doc).is_err(),
        "a current page has no club of its own"
    );
}

#[test]
fn older_fixture_migrates_to_the_current_schema() {
    let v1: Value =
        serde_json::from_str(include_str!("../../tests/fixtures/page-v1.json")).unwrap();
    let doc = parse_document(&v1).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(doc.schema_version, crate::migrate::CURRENT_SCHEMA_VERSION);
    assert_eq!(doc.theme.primary, "#d9485f");
    let button = &doc.blocks[&NodeId::new("join")];
    assert_eq!(button.version, 2);
    assert_eq!(button.props["action"], "link");
    assert_eq!(button.props["url"], "https://shop.example.com/join");
    assert_eq!(
        doc.blocks[&doc.root].slots["main"],
        vec![NodeId::new("hello"), NodeId::new("join")]
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            "[a-z#/:_ -]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Every JSON pointer into `v`.
    fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m
                .iter()
                .for_each(|(k, c)| pointers(c, format!("{at}/{}", segment(k)), out)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, c)| pointers(c, format!("{at}/{i}"), out)),
            _ => {}
        }
        out.push(at);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn on_arbitrary_json(json in arb_json()) {
            let _ = parse_document(&json);
        }

        #[test]
        fn on_any_one_value_replaced(pick in any::<prop::sample::Index>(), t in 0usize..3, replacement in arb_json()) {
            let mut doc = template(["club-home", "wheel-campaign", "nine-grid-party"][t]);
            let mut all = Vec::new();
            pointers(&doc, String::new(), &mut all);
            let target = pick.get(&all).clone();
            if let Some(slot) = doc.pointer_mut(&target) {
                *slot = replacement;
            }
            // Whatever happens, no panic, and any error names a path inside the document's shape.
            if let Err(errors) = parse_document(&doc) {
                prop_assert!(!errors.is_empty());
                prop_assert!(errors.iter().all(|e| e.path.is_empty() || e.path.starts_with('/')));
            }
        }
    }
}
