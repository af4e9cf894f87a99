//! What a member receives of a published page: only the blocks whose audience admits them, so
//! targeted content (a coupon code for newborns' mothers, a tier's gift) never reaches anyone
//! outside its audience. A visitor without a session gets only untargeted blocks. Hidden blocks
//! go with everything inside them, and the rules themselves are not sent.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::audience::{admits, MemberProfile};
use crate::document::{Document, NodeId};

/// The page as `viewer` (a member's profile, or `None` for a visitor) receives it on `today`
/// (in the workspace's time zone): [`Document::for_members`] without the blocks the viewer is
/// not in the audience of.
pub fn for_viewer(doc: &Document, viewer: Option<&MemberProfile>, today: NaiveDate) -> Document {
    let mut out = doc.for_members();
    let hidden: Vec<NodeId> = out
        .blocks
        .values()
        .filter(|b| b.id != out.root)
        .filter(|b| match viewer {
            None => b.audience.is_some(),
            Some(member) => !admits(b.audience.as_ref(), member, today),
        })
        .map(|b| b.id.clone())
        .collect();
    let gone: HashSet<NodeId> = hidden.iter().flat_map(|id| out.subtree(id)).collect();
    out.blocks.retain(|id, _| !gone.contains(id));
    for block in out.blocks.values_mut() {
        block.audience = None;
        for children in block.slots.values_mut() {
            children.retain(|child| !gone.contains(child));
        }
    }
    out
}

/// Whether any block of the page is targeted: then what it sends depends on who asks.
pub fn is_targeted(doc: &Document) -> bool {
    doc.blocks.values().any(|b| b.audience.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn guide() -> Document {
        crate::templates::find("stage-guide")
            .unwrap()
            .instantiate("d", "T", "t", crate::Language::ZhCn, chrono::Utc::now())
            .unwrap()
    }

    fn ids(doc: &Document) -> Vec<String> {
        doc.in_order()
            .iter()
            .map(|id| id.as_str().to_owned())
            .collect()
    }

    #[test]
    fn a_member_gets_the_blocks_of_her_stage_only() {
        let today = day(2027, 3, 1);
        // Due in 20 weeks: week 20 of 40, mid pregnancy.
        let week_20 = MemberProfile {
            due_date: Some(today + chrono::Days::new(20 * 7)),
            ..MemberProfile::default()
        };
        let got = for_viewer(&guide(), Some(&week_20), today);
        let seen = ids(&got);
        assert!(
            seen.contains(&"mid".into()) && seen.contains(&"mid-text".into()),
            "{seen:?}"
        );
        assert!(!seen.iter().any(|id| id.starts_with("newborn")), "{seen:?}");
        assert!(got.blocks.values().all(|b| b.audience.is_none()));

        let mother = MemberProfile {
            baby_birth_date: Some(today - chrono::Days::new(40)),
            ..MemberProfile::default()
        };
        let seen = ids(&for_viewer(&guide(), Some(&mother), today));
        assert!(seen.contains(&"newborn-text".into()), "{seen:?}");
        assert!(!seen.iter().any(|id| id.starts_with("mid")), "{seen:?}");
    }

    #[test]
    fn a_visitor_gets_only_untargeted_blocks_and_no_dangling_children() {
        let doc = guide();
        assert!(is_targeted(&doc));
        let got = for_viewer(&doc, None, day(2027, 3, 1));
        assert_eq!(ids(&got), ["page", "hero", "tips"]);
        assert_eq!(got.blocks.len(), 3);
        let problems = crate::validate::validate(&got);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
