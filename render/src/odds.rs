//! The odds page of a game ("概率公示"): each prize's chance and what is left of it, the fallback
//! rule, the seed the draws are bound to and, once the campaign has ended, the revealed seed with
//! the result of checking every draw against it. The server fills it from the same odds function
//! the sampler uses.

use cradle_model::Language;
use leptos::prelude::*;

use crate::words::{fallback_rule, verified, words};

/// One prize's line.
#[derive(Clone, Debug)]
pub struct OddsRow {
    /// Prize name.
    pub name: String,
    /// Chance per draw, 0 to 1.
    pub probability: f64,
    /// What is left, `None` when unlimited.
    pub remaining: Option<i64>,
}

/// The seed, once revealed, and what checking the draws found.
#[derive(Clone, Debug)]
pub struct Reveal {
    /// The campaign's seed.
    pub seed: String,
    /// Draws checked.
    pub checked: usize,
    /// Draws that do not match.
    pub mismatches: usize,
}

/// Everything the odds page shows.
#[derive(Clone, Debug)]
pub struct Odds {
    /// Campaign name.
    pub campaign: String,
    /// The game page's address, to go back to.
    pub page_href: String,
    /// Prizes in game order.
    pub rows: Vec<OddsRow>,
    /// The fallback prize's name.
    pub fallback: String,
    /// SHA-256 of the seed, committed at publish.
    pub seed_hash: String,
    /// Present once the campaign has ended.
    pub reveal: Option<Reveal>,
}

/// A chance as a member reads it: `12.5%`, `0.01%`, `<0.01%`.
pub fn percent(probability: f64) -> String {
    let p = probability * 100.0;
    match p {
        p if p > 0.0 && p < 0.01 => "<0.01%".to_owned(),
        p if p >= 10.0 || p.fract() == 0.0 => format!("{}%", (p * 10.0).round() / 10.0),
        p => format!("{}%", (p * 100.0).round() / 100.0),
    }
}

/// The odds page's main content.
#[component]
pub fn OddsSheet(
    /// The page language.
    lang: Language,
    /// What to show.
    odds: Odds,
) -> impl IntoView {
    let w = words(lang);
    let Odds {
        campaign,
        page_href,
        rows,
        fallback,
        seed_hash,
        reveal,
    } = odds;
    view! {
        <main class="member cradle-odds">
            <h1>{format!("{} · {campaign}", w.odds_title)}</h1>
            <table class="cradle-odds__table">
                <thead>
                    <tr>
                        <th scope="col">{w.odds_prize}</th>
                        <th scope="col">{w.odds_chance}</th>
                        <th scope="col">{w.odds_left}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    <th scope="row">{row.name}</th>
                                    <td>{percent(row.probability)}</td>
                                    <td>
                                        {row
                                            .remaining
                                            .map_or(w.unlimited.to_owned(), |n| n.to_string())}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p>{fallback_rule(lang, &fallback)}</p>
            <h2>{w.seed_commitment}</h2>
            <p class="cradle-odds__hash">
                <code>{seed_hash}</code>
            </p>
            {match reveal {
                None => view! { <p>{w.seed_pending}</p> }.into_any(),
                Some(r) => {
                    view! {
                        <h2>{w.seed_revealed}</h2>
                        <p class="cradle-odds__hash">
                            <code>{r.seed}</code>
                        </p>
                        <p role="status">{verified(lang, r.checked, r.mismatches)}</p>
                    }
                        .into_any()
                }
            }}
            <p>
                <a href=page_href>{w.back_to_page}</a>
            </p>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn chances_read_as_members_expect() {
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(0.0123), "1.23%");
        assert_eq!(percent(0.00001), "<0.01%");
        assert_eq!(percent(0.0), "0%");
    }
}
