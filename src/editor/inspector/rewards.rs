//! The rewards tab of the club's own games (sign-in calendar, quiz, vote): the fields that decide
//! what a member earns, beside what that comes to under the club's daily cap on interaction
//! points (the model's [`cradle_model::economics::rewards`], the cap the server applies).

use cradle_model::catalogue::BlockKind;
use cradle_model::facts::{Facts, Quiz, SignIn};
use cradle_model::NodeId;
use leptos::prelude::*;

use super::fields::PropField;
use crate::editor::campaign::figure;
use crate::editor::Editor;
use crate::i18n::{use_i18n, Lang};

/// The reward fields of `kind`, in the order shown; empty for kinds without a rewards tab.
pub(super) fn reward_keys(kind: BlockKind) -> &'static [&'static str] {
    match kind {
        BlockKind::SignInCalendar => &["daily_points", "streak_days", "rewards", "streak_bonus"],
        BlockKind::Quiz => &["reward_points"],
        BlockKind::Vote => &["votes_per_day"],
        _ => &[],
    }
}

#[allow(missing_docs)] // the field names say what each string is
struct Words {
    tab: &'static str,
    outlook: &'static str,
    cap: [&'static str; 2],
    day: [&'static str; 3],
    capped: &'static str,
    cycle: [&'static str; 3],
    per_thousand: [&'static str; 2],
    quiz: [&'static str; 2],
    vote: &'static str,
    when_who: &'static str,
}

const ZH: Words = Words {
    tab: "奖励",
    outlook: "会员能得到多少积分",
    cap: [
        "每位会员每天的互动积分（签到、答题、分享、游戏）最多 ",
        " 分（会员俱乐部设置）。",
    ],
    day: ["第 ", " 天：", " 分"],
    capped: "（超出每日上限的部分不发放）",
    cycle: ["连续签满一轮（", " 天）每人最多 ", " 分"],
    per_thousand: ["1,000 名会员：", " 分"],
    quiz: ["全部答对每人得 ", " 分"],
    vote: "投票不发放积分；每人每天可投的票数如上。",
    when_who: "何时可参与跟随页面时间（页面设置），谁可参与见“受众”标签。",
};

const EN: Words = Words {
    tab: "Rewards",
    outlook: "What members can earn",
    cap: [
        "A member earns at most ",
        " interaction points a day (sign-in, quiz, sharing, games; club settings).",
    ],
    day: ["Day ", ": ", " pts"],
    capped: " (above the daily cap: not credited)",
    cycle: ["A full calendar (", " days): up to ", " pts per member"],
    per_thousand: ["1,000 members: ", " pts"],
    quiz: ["All answers right: ", " pts per member"],
    vote: "Votes earn no points; the votes a member has each day are set above.",
    when_who: "Open while the page is (page settings); who may take part is on the Audience tab.",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

/// The tab's name.
pub(super) fn tab_name(lang: Lang) -> &'static str {
    words(lang).tab
}

/// The reward fields and what they pay.
#[component]
pub(super) fn RewardsFields(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let Some(block) = editor.render.node(&id) else {
        return ().into_any();
    };
    let kind = block.with_untracked(|b| b.kind);
    let keys = reward_keys(kind);
    let fields = kind
        .spec()
        .fields
        .iter()
        .filter(|f| keys.contains(&f.key))
        .map(|field| view! { <PropField editor id=id.clone() field /> })
        .collect_view();
    let cap = move || editor.render.club.with(|c| c.points.daily_interaction_cap);
    let points = |n: i64| figure(n as f64);
    let pays = move || match kind {
        BlockKind::SignInCalendar => {
            let days = block.with(SignIn::of).pay_by_day(cap());
            let total: i64 = days.iter().map(|d| d.points).sum();
            let [d1, d2, d3] = w().day;
            let [c1, c2, c3] = w().cycle;
            let [t1, t2] = w().per_thousand;
            let count = days.len();
            view! {
                <ul class="rewards__days">
                    {days
                        .into_iter()
                        .map(|d| {
                            let capped = d.capped.then_some(w().capped);
                            view! {
                                <li class:rewards__capped=d
                                    .capped>
                                    {format!("{d1}{}{d2}{}{d3}", d.day, points(d.points))} {capped}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p class="rewards__total">{format!("{c1}{count}{c2}{}{c3}", points(total))}</p>
                <p class="rewards__total">{format!("{t1}{}{t2}", points(total * 1_000))}</p>
            }
            .into_any()
        }
        BlockKind::Quiz => {
            let (paid, capped) = block.with(Quiz::of).pay(cap());
            let [q1, q2] = w().quiz;
            let [t1, t2] = w().per_thousand;
            view! {
                <p class="rewards__total" class:rewards__capped=capped>
                    {format!("{q1}{}{q2}", points(paid))}
                    {capped.then_some(w().capped)}
                </p>
                <p class="rewards__total">{format!("{t1}{}{t2}", points(paid * 1_000))}</p>
            }
            .into_any()
        }
        _ => view! { <p class="hint">{w().vote}</p> }.into_any(),
    };
    view! {
        {fields}
        <section class="outlook" aria-labelledby="rewards-heading">
            <h3 id="rewards-heading" class="outlook__title">
                {move || w().outlook}
            </h3>
            {(kind != BlockKind::Vote)
                .then(|| {
                    view! {
                        <p class="hint">
                            {move || {
                                let [a, b] = w().cap;
                                format!("{a}{}{b}", points(i64::from(cap())))
                            }}
                        </p>
                    }
                })}
            {pays}
        </section>
        <p class="hint">{move || w().when_who}</p>
    }
    .into_any()
}
