//! Who sees a block: the simple stage/tier/tag form, which writes the model's audience rule.

use cradle_model::audience::{Rule, Segment};
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
    tier: Option<u32>,
    segment: Option<Segment>,
    tag: String,
}

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

#[component]
pub(super) fn AudienceFields(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let Some(block) = editor.render.node(&id) else {
        return ().into_any();
    };
    let current =
        Signal::derive(move || block.with(|b| SimpleAudience::from_rule(b.audience.as_ref())));
    let set = move |f: &dyn Fn(&mut SimpleAudience)| {
        let mut a = current.get_untracked().unwrap_or_default();
        f(&mut a);
        editor.apply(Command::SetAudience {
            id: id.clone(),
            audience: a.to_rule(),
        });
    };
    let set = StoredValue::new_local(set);
    let tiers = move || editor.render.club.get().tiers;
    view! {
        <p class="hint">{move || i18n.t().audience_hint}</p>
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
            <div class="field">
                <label for="aud-tier">{move || i18n.t().tier_at_least}</label>
                <select
                    id="aud-tier"
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
                <label for="aud-segment">{move || i18n.t().segment}</label>
                <select
                    id="aud-segment"
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
                <label for="aud-tag">{move || i18n.t().tag}</label>
                <input
                    id="aud-tag"
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
