//! The campaign editor: everything behind a game (name, window, who may play, cost, limits,
//! prizes, fallback) with its economics beside it. Every change is one `PutCampaign` command,
//! merged while the marketer types in one field; the model validates the page after each and its
//! errors show on the field they belong to.

mod inputs;
mod outlook;
mod prizes;
mod words;

use cradle_model::audience::Rule;
use cradle_model::campaign::{Campaign, MAX_DRAWS, MAX_POINTS};
use cradle_model::commands::give_campaign;
use cradle_model::{Command, NodeId};
use leptos::prelude::*;

use super::inspector::RuleForm;
use super::local_time::{from_input, to_input};
use super::Editor;
use crate::i18n::use_i18n;
use inputs::{Errors, NumberInput, TextInput};
pub(crate) use outlook::figure;
use outlook::{Figures, Outlook, OutlookBar};
use prizes::Prizes;
pub use words::words;

/// The campaign a game names, and how to change it.
#[derive(Clone, Copy)]
struct Edit {
    editor: Editor,
    /// The campaign's index in the page and the campaign, while the game names one it has.
    current: Memo<Option<(usize, Campaign)>>,
}

impl Edit {
    /// Reads the campaign (tracked); `None` while there is none.
    fn get<R>(&self, f: impl FnOnce(&Campaign) -> R) -> Option<R> {
        self.current.with(|c| c.as_ref().map(|(_, c)| f(c)))
    }

    /// Changes the campaign as one undo step, merged with the previous change of `field`.
    fn set(&self, field: &str, f: impl FnOnce(&mut Campaign)) {
        let Some((_, mut campaign)) = self.current.get_untracked() else {
            return;
        };
        f(&mut campaign);
        let group = format!("campaign:{}:{field}", campaign.id);
        self.editor.apply_grouped(
            Command::PutCampaign {
                campaign,
                index: None,
            },
            &group,
        );
    }

    /// Ends the current typing run (on blur).
    fn seal(&self) {
        self.editor.seal();
    }

    /// The errors at `suffix` under this campaign's path (`/prizes/0/weight`…), in the builder's
    /// language.
    fn errors(&self, suffix: impl Into<String>) -> Signal<Vec<String>> {
        let suffix = suffix.into();
        let this = *self;
        Signal::derive(move || {
            let Some(i) = this.current.with(|c| c.as_ref().map(|(i, _)| *i)) else {
                return Vec::new();
            };
            let path = format!("/campaigns/{i}{suffix}");
            let ui = this.editor.ui.get();
            this.editor.errors.with(|errors| {
                errors
                    .iter()
                    .filter(|e| e.path == path)
                    .map(|e| e.message_in(ui))
                    .collect()
            })
        })
    }
}

/// Largest "spend over" amount a marketer types, in yuan.
const MAX_SPEND_YUAN: u32 = 1_000_000;

/// The campaign tab of a game block.
#[component]
pub fn CampaignEditor(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let Some(block) = editor.render.node(&id) else {
        return ().into_any();
    };
    let current = Memo::new(move |_| {
        let name = block.with(|b| {
            b.props
                .get("campaign")
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        })?;
        editor.render.campaigns.with(|all| {
            all.iter()
                .enumerate()
                .find(|(_, c)| c.id == name)
                .map(|(i, c)| (i, c.clone()))
        })
    });
    let edit = Edit { editor, current };
    let figures = Figures::new(edit);
    let missing_id = id.clone();
    let audience_errors = edit.errors("/audience");
    view! {
        <Show
            when=move || current.with(Option::is_some)
            fallback=move || view! { <Missing editor id=missing_id.clone() /> }
        >
            <div class="campaign-editor">
                <TextInput
                    label=Signal::derive(move || w().name)
                    value=Signal::derive(move || edit.get(|c| c.name.clone()).unwrap_or_default())
                    on_input=Callback::new(move |v: String| edit.set("name", |c| c.name = v))
                    errors=edit.errors("/name")
                    on_blur=Callback::new(move |()| edit.seal())
                    dom_id="campaign-name"
                />
                <Window edit />
                <fieldset class="campaign-editor__group">
                    <legend>{move || w().cost}</legend>
                    <div class="campaign-editor__row">
                        <NumberInput
                            label=Signal::derive(move || w().points_per_draw)
                            value=Signal::derive(move || {
                                edit.get(|c| Some(c.cost.points_per_draw)).flatten()
                            })
                            on_input=Callback::new(move |n: Option<u32>| {
                                edit.set("cost", |c| c.cost.points_per_draw = n.unwrap_or(0))
                            })
                            errors=edit.errors("/cost/points_per_draw")
                            max=MAX_POINTS
                            dom_id="campaign-points-per-draw"
                            on_blur=Callback::new(move |()| edit.seal())
                        />
                        <NumberInput
                            label=Signal::derive(move || w().free_per_day)
                            value=Signal::derive(move || {
                                edit.get(|c| Some(c.cost.free_draws_per_day)).flatten()
                            })
                            on_input=Callback::new(move |n: Option<u32>| {
                                edit.set("free", |c| c.cost.free_draws_per_day = n.unwrap_or(0))
                            })
                            errors=edit.errors("/cost/free_draws_per_day")
                            max=MAX_DRAWS
                            dom_id="campaign-free-per-day"
                            on_blur=Callback::new(move |()| edit.seal())
                        />
                        <NumberInput
                            label=Signal::derive(move || w().spend_over)
                            value=Signal::derive(move || {
                                edit.get(|c| c.spend_over_cents.map(|cents| (cents / 100) as u32))
                                    .flatten()
                            })
                            on_input=Callback::new(move |yuan: Option<u32>| {
                                edit.set(
                                    "spend",
                                    |c| c.spend_over_cents = yuan.map(|y| u64::from(y) * 100),
                                )
                            })
                            errors=edit.errors("/spend_over_cents")
                            max=MAX_SPEND_YUAN
                            dom_id="campaign-spend-over"
                            on_blur=Callback::new(move |()| edit.seal())
                        />
                    </div>
                </fieldset>
                <Limits edit />
                <Prizes edit />
                <Outlook figures />
                <fieldset class="campaign-editor__group">
                    <legend>{move || w().who}</legend>
                    <RuleForm
                        editor
                        rule=Signal::derive(move || edit.get(|c| c.audience.clone()).flatten())
                        set=Callback::new(move |rule: Option<Rule>| {
                            edit.set("audience", |c| c.audience = rule)
                        })
                        prefix="campaign-aud"
                    />
                    <Errors errors=audience_errors id="campaign-audience-err".to_owned() />
                </fieldset>
                <OutlookBar figures />
            </div>
        </Show>
    }
    .into_any()
}

/// A game without a campaign (a page saved before games came with one): says so and makes one.
#[component]
fn Missing(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let create = move |_: leptos::ev::MouseEvent| {
        if let Some(command) = editor.with_doc(|doc| give_campaign(doc, &id, chrono::Utc::now())) {
            editor.apply(command);
        }
    };
    view! {
        <p class="hint" role="status">
            {move || w().missing}
        </p>
        <button type="button" class="primary" on:click=create>
            {move || w().create}
        </button>
    }
}

/// The window's start and end, as China-time date and time.
#[component]
fn Window(edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let bound = move |end: bool| {
        let errors = edit.errors(if end { "/window/end" } else { "/window/start" });
        let dom_id = if end {
            "campaign-ends"
        } else {
            "campaign-starts"
        };
        let err_id = format!("{dom_id}-err");
        let value = move || {
            edit.get(|c| to_input(if end { c.window.end } else { c.window.start }))
                .unwrap_or_default()
        };
        view! {
            <div class="field">
                <label for=dom_id>{move || if end { w().ends } else { w().starts }}</label>
                <input
                    id=dom_id
                    type="datetime-local"
                    prop:value=value
                    aria-invalid=move || (!errors.get().is_empty()).to_string()
                    aria-describedby=err_id.clone()
                    on:change=move |ev| {
                        let typed = event_target_value(&ev);
                        edit.set(
                            dom_id,
                            |c| {
                                let at = if end { &mut c.window.end } else { &mut c.window.start };
                                if let Some(t) = from_input(&typed, *at.offset()) {
                                    *at = t;
                                }
                            },
                        );
                        edit.seal();
                    }
                />
                <ul class="field__errors" id=err_id role="alert">
                    {move || {
                        errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()
                    }}
                </ul>
            </div>
        }
    };
    view! {
        <fieldset class="campaign-editor__group">
            <legend>{move || w().window}</legend>
            <div class="campaign-editor__row">{bound(false)} {bound(true)}</div>
        </fieldset>
    }
}

/// Per-member limits (empty = no limit).
#[component]
fn Limits(edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    type Label = fn(&'static words::Words) -> &'static str;
    type Pick = fn(&mut cradle_model::campaign::Limits) -> &mut Option<u32>;
    let limit = move |key: &'static str, label: Label, pick: Pick| {
        view! {
            <NumberInput
                label=Signal::derive(move || label(w()))
                value=Signal::derive(move || edit.get(|c| *pick(&mut { c.limits })).flatten())
                on_input=Callback::new(move |n: Option<u32>| {
                    edit.set(key, |c| *pick(&mut c.limits) = n)
                })
                errors=edit.errors(format!("/limits/{key}"))
                max=MAX_DRAWS
                placeholder=Signal::derive(move || w().no_limit)
                dom_id=format!("campaign-{}", key.replace('_', "-"))
                on_blur=Callback::new(move |()| edit.seal())
            />
        }
    };
    view! {
        <fieldset class="campaign-editor__group">
            <legend>{move || w().limits}</legend>
            <div class="campaign-editor__row campaign-editor__row--three">
                {limit("per_member_per_day", |w| w.per_day, |l| &mut l.per_member_per_day)}
                {limit("per_member_total", |w| w.total, |l| &mut l.per_member_total)}
                {limit("max_wins_per_member", |w| w.wins, |l| &mut l.max_wins_per_member)}
            </div>
        </fieldset>
    }
}
