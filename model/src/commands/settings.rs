//! Page-level commands: title, address, language, theme, schedule and campaigns. Like block
//! commands they return their inverse, so every settings change is one undo step, and they report
//! the [`Part`] they changed so the editor refreshes only what reads it.

use serde::{Deserialize, Serialize};

use super::{Applied, Command, CommandError};
use crate::campaign::Campaign;
use crate::document::Document;

/// A page-level part of a document that a command changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// `title`.
    Title,
    /// `slug`.
    Slug,
    /// `language`.
    Language,
    /// `theme`.
    Theme,
    /// `campaigns`.
    Campaigns,
    /// `schedule`.
    Schedule,
}

impl Part {
    /// Every part (what a whole-document replacement changes).
    pub const ALL: [Part; 6] = [
        Part::Title,
        Part::Slug,
        Part::Language,
        Part::Theme,
        Part::Campaigns,
        Part::Schedule,
    ];
}

/// Replaces one page-level field, returning the command that puts the old value back.
pub(super) fn set<T>(
    field: &mut T,
    value: T,
    part: Part,
    inverse: impl FnOnce(T) -> Command,
) -> Result<Applied, CommandError> {
    let old = std::mem::replace(field, value);
    Ok(Applied {
        inverse: inverse(old),
        changed: Vec::new(),
        parts: vec![part],
    })
}

/// Replaces the campaign with the same id in place, or inserts it at `index` (the end when
/// `None` or past it).
pub(super) fn put_campaign(
    doc: &mut Document,
    campaign: &Campaign,
    index: Option<usize>,
) -> Applied {
    let inverse = match doc.campaigns.iter().position(|c| c.id == campaign.id) {
        Some(i) => Command::PutCampaign {
            campaign: std::mem::replace(&mut doc.campaigns[i], campaign.clone()),
            index: Some(i),
        },
        None => {
            let at = index.unwrap_or(usize::MAX).min(doc.campaigns.len());
            doc.campaigns.insert(at, campaign.clone());
            Command::RemoveCampaign {
                id: campaign.id.clone(),
            }
        }
    };
    Applied {
        inverse,
        changed: Vec::new(),
        parts: vec![Part::Campaigns],
    }
}

pub(super) fn remove_campaign(doc: &mut Document, id: &str) -> Result<Applied, CommandError> {
    let i = doc
        .campaigns
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| CommandError::UnknownCampaign(id.to_owned()))?;
    let campaign = doc.campaigns.remove(i);
    Ok(Applied {
        inverse: Command::PutCampaign {
            campaign,
            index: Some(i),
        },
        changed: Vec::new(),
        parts: vec![Part::Campaigns],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::apply as run;
    use crate::document::Theme;
    use crate::language::Language;
    use crate::templates;

    fn wheel() -> Document {
        templates::find("wheel-campaign")
            .unwrap()
            .instantiate(
                "d1",
                "转盘",
                "wheel",
                crate::Language::ZhCn,
                chrono::Utc::now(),
            )
            .unwrap()
    }

    /// Applies `command`, checks the part it reports, then its inverse restores the page.
    fn round_trip(command: Command, part: Part) -> Document {
        let before = wheel();
        let mut doc = before.clone();
        let applied = run(&mut doc, &command).unwrap();
        assert_eq!(applied.parts, vec![part]);
        assert!(applied.changed.is_empty());
        let after = doc.clone();
        run(&mut doc, &applied.inverse).unwrap();
        assert_eq!(doc, before, "{command:?} undone");
        after
    }

    #[test]
    fn every_setting_undoes_and_reports_its_part() {
        let doc = round_trip(
            Command::SetTitle {
                title: "双11抽奖".into(),
            },
            Part::Title,
        );
        assert_eq!(doc.title, "双11抽奖");
        let doc = round_trip(
            Command::SetSlug {
                slug: "double-11".into(),
            },
            Part::Slug,
        );
        assert_eq!(doc.slug, "double-11");
        let doc = round_trip(
            Command::SetLanguage {
                language: Language::En,
            },
            Part::Language,
        );
        assert_eq!(doc.language, Language::En);
        let theme = Theme {
            primary: "#b83b5e".into(),
            ..Theme::default()
        };
        let doc = round_trip(Command::SetTheme { theme }, Part::Theme);
        assert_eq!(doc.theme.primary, "#b83b5e");
        let start = chrono::DateTime::parse_from_rfc3339("2027-06-01T10:00:00+08:00").unwrap();
        let schedule = crate::document::PageSchedule {
            start: Some(start),
            end: None,
        };
        let doc = round_trip(Command::SetSchedule { schedule }, Part::Schedule);
        assert_eq!(doc.schedule.start, Some(start));
    }

    #[test]
    fn campaigns_are_replaced_in_place_added_and_removed() {
        let first = wheel().campaigns[0].clone();
        let mut renamed = first.clone();
        renamed.name = "新年转盘".into();
        let doc = round_trip(
            Command::PutCampaign {
                campaign: renamed,
                index: None,
            },
            Part::Campaigns,
        );
        assert_eq!(doc.campaigns[0].name, "新年转盘");
        let mut second = first.clone();
        second.id = "second".into();
        let doc = round_trip(
            Command::PutCampaign {
                campaign: second,
                index: Some(0),
            },
            Part::Campaigns,
        );
        assert_eq!(doc.campaigns[0].id, "second");
        let doc = round_trip(
            Command::RemoveCampaign {
                id: first.id.clone(),
            },
            Part::Campaigns,
        );
        assert!(doc.campaign(&first.id).is_none());
        assert_eq!(
            run(&mut wheel(), &Command::RemoveCampaign { id: "nope".into() }),
            Err(CommandError::UnknownCampaign("nope".into()))
        );
    }
}
