//! Who sees a block or may play a campaign: the simple form (stages, pregnancy weeks, baby age,
//! tier, segment, recency of the last purchase, tag), which writes the model's audience rule.

use cradle_model::audience::{Rule, Segment, RECENCY_WINDOWS};
use cradle_model::commands::Command;
use cradle_model::lifecycle::Stage;
use cradle_model::NodeId;
use leptos::prelude::*;

use crate::editor::Editor;
use crate::i18n::{use_i18n, Lang};

/// The simple audience a marketer sets with the form: all of these that are set.
#[derive(Clone, Default, PartialEq)]
struct SimpleAudience {
    stages: Vec<Stage>,
    pregnancy_weeks: Option<(u32, u32)>,
    baby_months: Option<(u32, u32)>,
    tier: Option<u32>,
    segment: Option<Segment>,
    recency: Option<(u32, u32)>,
    tag: String,
}

/// The widest pregnancy-week and baby-age ranges, for a range typed at one end only.
const WEEKS: (u32, u32) = (1, 42);
const MONTHS: (u32, u32) = (0, 72);

impl SimpleAudience {
    /// Reads a rule made by this form; `None` for rules it cannot show.
    fn from_rule(rule: Option<&Rule>) -> Option<SimpleAudience> {
        let mut a = SimpleAudience::default();
        let parts: Vec<&Rule> = match rule {
            None => return Some(a),
            Some(Rule::All(parts)) => parts.iter().collect(),
            Some(single) => vec![single],
        };
        for part in parts {
            match part {
                Rule::Stage(stages) => a.stages = stages.clone(),
                Rule::PregnancyWeek { min, max } => a.pregnancy_weeks = Some((*min, *max)),
                Rule::BabyAgeMonths { min, max } => a.baby_months = Some((*min, *max)),
                Rule::RecencyDays { min, max } => a.recency = Some((*min, *max)),
                Rule::TierAtLeast(n) => a.tier = Some(*n),
                Rule::Segment(s) => a.segment = Some(*s),
                Rule::Tag(t) => a.tag = t.clone(),
                _ => return None,
            }
        }
        Some(a)
    }

    fn to_rule(&self) -> Option<Rule> {
        let mut parts = Vec::new();
        if !self.stages.is_empty() {
            parts.push(Rule::Stage(self.stages.clone()));
        }
        if let Some((min, max)) = self.pregnancy_weeks {
            parts.push(Rule::PregnancyWeek { min, max });
        }
        if let Some((min, max)) = self.baby_months {
            parts.push(Rule::BabyAgeMonths { min, max });
        }
        if let Some((min, max)) = self.recency {
            parts.push(Rule::RecencyDays { min, max });
        }
        if let Some(t) = self.tier.filter(|t| *t > 0) {
            parts.push(Rule::TierAtLeast(t));
        }
        if let Some(s) = self.segment {
            parts.push(Rule::Segment(s));
        }
        if !self.tag.trim().is_empty() {
            parts.push(Rule::Tag(self.tag.trim().to_owned()));
        }
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Rule::All(parts)),
        }
    }
}

/// A block's audience tab.
#[component]
pub(super) fn AudienceFields(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let Some(block) = editor.render.node(&id) else {
        return ().into_any();
    };
    let rule = Signal::derive(move || block.with(|b| b.audience.clone()));
    let set = Callback::new(move |audience: Option<Rule>| {
        editor.apply(Command::SetAudience {
            id: id.clone(),
            audience,
        });
    });
    view! {
        <p class="hint">{move || i18n.t().audience_hint}</p>
        <RuleForm editor rule set prefix="aud" />
    }
    .into_any()
}

/// The simple audience form over `rule`; each change calls `set` with the new rule (`None` =
/// everyone). Ids start with `prefix`, so two forms can share a page.
#[component]
pub fn RuleForm(
    editor: Editor,
    rule: Signal<Option<Rule>>,
    set: Callback<Option<Rule>>,
    prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = Signal::derive(move || rule.with(|r| SimpleAudience::from_rule(r.as_ref())));
    let set = move |f: &dyn Fn(&mut SimpleAudience)| {
        let mut a = current.get_untracked().unwrap_or_default();
        f(&mut a);
        set.run(a.to_rule());
    };
    let set = StoredValue::new_local(set);
    let tiers = move || editor.render.club.get().tiers;
    let id = move |name: &str| format!("{prefix}-{name}");
    let range = move |name: &'static str,
                      label: fn(&'static crate::i18n::Strings) -> &'static str,
                      widest: (u32, u32),
                      pick: fn(&mut SimpleAudience) -> &mut Option<(u32, u32)>| {
        let end = move |upper: bool| {
            let shown = move || {
                current
                    .get()
                    .and_then(|mut a| *pick(&mut a))
                    .map(|(lo, hi)| if upper { hi } else { lo }.to_string())
                    .unwrap_or_default()
            };
            view! {
                <input
                    type="number"
                    inputmode="numeric"
                    min=widest.0
                    max=widest.1
                    aria-label=move || {
                        format!(
                            "{} {}",
                            label(i18n.t()),
                            if upper { i18n.t().range_to } else { i18n.t().range_from },
                        )
                    }
                    placeholder=move || if upper { widest.1 } else { widest.0 }.to_string()
                    prop:value=shown
                    on:change=move |ev| {
                        let typed = event_target_value(&ev).trim().parse::<u32>().ok();
                        set.with_value(|s| s(
                            &|a: &mut SimpleAudience| {
                                let (mut lo, mut hi) = pick(a).unwrap_or(widest);
                                match (typed, upper) {
                                    (Some(n), true) => hi = n,
                                    (Some(n), false) => lo = n,
                                    (None, true) => hi = widest.1,
                                    (None, false) => lo = widest.0,
                                }
                                *pick(a) = Some((lo, hi)).filter(|r| *r != widest);
                            },
                        ))
                    }
                />
            }
        };
        view! {
            <fieldset class="field audience__range" id=id(name)>
                <legend>{move || label(i18n.t())}</legend>
                <div class="audience__ends">
                    {end(false)} <span aria-hidden="true">"–"</span> {end(true)}
                </div>
            </fieldset>
        }
    };
    view! {
        <Show
            when=move || current.get().is_some()
            fallback=move || view! { <p class="hint">{move || i18n.t().custom_audience}</p> }
        >
            <fieldset class="field">
                <legend>{move || i18n.t().stages}</legend>
                {Stage::ALL
                    .into_iter()
                    .filter(|s| *s != Stage::Graduated)
                    .map(|stage| {
                        let checked = move || {
                            current.get().is_some_and(|a| a.stages.contains(&stage))
                        };
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        set.with_value(|s| s(
                                            &|a: &mut SimpleAudience| {
                                                a.stages.retain(|x| *x != stage);
                                                if on {
                                                    a.stages.push(stage)
                                                }
                                            },
                                        ))
                                    }
                                />
                                {move || {
                                    if i18n.lang() == Lang::ZhCn {
                                        stage.label_zh()
                                    } else {
                                        stage.label_en()
                                    }
                                }}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {range("weeks", |t| t.pregnancy_weeks, WEEKS, |a| &mut a.pregnancy_weeks)}
            {range("months", |t| t.baby_age_months, MONTHS, |a| &mut a.baby_months)}
            <div class="field">
                <label for=id("tier")>{move || i18n.t().tier_at_least}</label>
                <select
                    id=id("tier")
                    prop:value=move || current.get().and_then(|a| a.tier).unwrap_or(0).to_string()
                    on:change=move |ev| {
                        let t = event_target_value(&ev).parse::<u32>().ok();
                        set.with_value(|s| s(&|a: &mut SimpleAudience| a.tier = t))
                    }
                >
                    {move || {
                        tiers()
                            .into_iter()
                            .enumerate()
                            .map(|(i, t)| view! { <option value=i.to_string()>{t.name}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for=id("segment")>{move || i18n.t().segment}</label>
                <select
                    id=id("segment")
                    prop:value=move || {
                        current
                            .get()
                            .and_then(|a| a.segment)
                            .map(|s| format!("{s:?}"))
                            .unwrap_or_default()
                    }
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let seg = Segment::ALL.into_iter().find(|s| format!("{s:?}") == v);
                        set.with_value(|s| s(&|a: &mut SimpleAudience| a.segment = seg))
                    }
                >
                    <option value="">"—"</option>
                    {Segment::ALL
                        .into_iter()
                        .map(|s| {
                            view! { <option value=format!("{s:?}")>{format!("{s:?}")}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=id("recency")>{move || i18n.t().last_purchase}</label>
                <select
                    id=id("recency")
                    prop:value=move || {
                        current
                            .get()
                            .and_then(|a| a.recency)
                            .map(|(lo, hi)| format!("{lo}-{hi}"))
                            .unwrap_or_default()
                    }
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let window = v
                            .split_once('-')
                            .and_then(|(lo, hi)| Some((lo.parse().ok()?, hi.parse().ok()?)));
                        set.with_value(|s| s(&|a: &mut SimpleAudience| a.recency = window))
                    }
                >
                    <option value="">"—"</option>
                    {move || {
                        let own = current
                            .get()
                            .and_then(|a| a.recency)
                            .filter(|r| !RECENCY_WINDOWS.contains(r));
                        RECENCY_WINDOWS
                            .into_iter()
                            .chain(own)
                            .map(|(lo, hi)| {
                                let text = recency_label(i18n.t(), lo, hi);
                                view! { <option value=format!("{lo}-{hi}")>{text}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for=id("tag")>{move || i18n.t().tag}</label>
                <input
                    id=id("tag")
                    type="text"
                    prop:value=move || current.get().map(|a| a.tag).unwrap_or_default()
                    on:change=move |ev| {
                        let t = event_target_value(&ev);
                        set.with_value(|s| s(&|a: &mut SimpleAudience| a.tag = t.clone()))
                    }
                />
            </div>
        </Show>
    }
    .into_any()
}

/// A recency window in words: `45 天内`, `46-90 天`, `360 天以上`.
fn recency_label(t: &crate::i18n::Strings, lo: u32, hi: u32) -> String {
    if lo == 0 {
        format!("{}{hi}{}", t.within_days.0, t.within_days.1)
    } else if hi >= 36_500 {
        format!("{}{}{}", t.over_days.0, lo - 1, t.over_days.1)
    } else {
        format!("{lo}-{hi}{}", t.days)
    }
}
