//! The inspector: controls generated from the selected block's field descriptors (text, number,
//! toggle, select, colour, picture, link, date-time, campaign, lists), a campaign tab for draw
//! games, a rewards tab for the club's own (sign-in, quiz, vote), a style tab, an audience tab
//! and "Move to…". Validation errors from the model show next to their field as you type.

use cradle_model::fields::Label;
use cradle_model::NodeId;
use leptos::prelude::*;

use super::campaign::{words as campaign_words, CampaignEditor};
use super::keyboard::{duplicate_selected, remove_selected};
use super::later::{later, Later, PanelLoading};
use super::Editor;
use crate::i18n::{use_i18n, Lang};

mod address;
mod audience;
mod fields;
mod move_to;
mod page_language;
mod page_schedule;
mod page_theme;
mod page_title;
mod rewards;
mod style;

use address::PageAddress;
use audience::AudienceFields;
pub use audience::RuleForm;
use fields::PropField;
use move_to::MoveTo;
use page_language::PageLanguage;
use page_schedule::PageScheduleFields;
use page_theme::PageTheme;
use page_title::PageTitle;
use rewards::{reward_keys, tab_name as rewards_tab, RewardsFields};
use style::StyleFields;

fn label(l: Label) -> impl Fn() -> &'static str + Copy {
    let i18n = use_i18n();
    move || {
        if i18n.lang() == Lang::ZhCn {
            l.zh
        } else {
            l.en
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Content,
    Campaign,
    Rewards,
    Style,
    Audience,
}

/// The inspector panel for the primary selection. Its heading is there from the first paint; what
/// it shows comes in a chunk of its own (`later`).
#[component]
pub fn Inspector(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <aside class="inspector" aria-labelledby="inspector-heading">
            <h2 id="inspector-heading" class="panel__title">
                {move || i18n.t().inspector}
            </h2>
            <Later load=move || contents(editor) fallback=PanelLoading />
        </aside>
    }
}

later!(
    inspector,
    fn contents(editor: Editor) {
        view! { <Contents editor /> }
    }
);

/// The selected block's inspector, or the page's settings when none is selected.
#[component]
fn Contents(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    move || match editor.primary() {
        Some(id) if editor.render.node(&id).is_some() => {
            view! { <BlockInspector editor id /> }.into_any()
        }
        _ => view! {
            <p class="panel__empty">{move || i18n.t().select_a_block}</p>
            <section class="page-panel" aria-labelledby="page-panel-heading">
                <h3 id="page-panel-heading" class="page-panel__title">
                    {move || i18n.t().page_settings}
                </h3>
                <PageTitle editor />
                <PageAddress editor />
                <PageLanguage editor />
                <PageScheduleFields editor />
                <PageTheme editor />
            </section>
        }
        .into_any(),
    }
}

#[component]
fn BlockInspector(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let Some(block) = editor.render.node(&id) else {
        return ().into_any();
    };
    let kind = block.with_untracked(|b| b.kind);
    let spec = kind.spec();
    let is_game = kind.game().is_some();
    let rewarded = reward_keys(kind);
    let tab = RwSignal::new(Tab::Content);
    let name = label(spec.label);
    let tab_button = move |t: Tab, text: Box<dyn Fn() -> &'static str + Send + Sync>| {
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                aria-selected=move || (tab.get() == t).to_string()
                on:click=move |_| tab.set(t)
            >
                {move || text()}
            </button>
        }
    };
    let id_content = id.clone();
    let id_style = id.clone();
    let id_audience = id.clone();
    let id_campaign = id.clone();
    let id_rewards = id.clone();
    let id_move = id.clone();
    view! {
        <div class="inspector__block">
            <p class="inspector__kind">
                <strong>{name}</strong>
                " "
                <code>{id.to_string()}</code>
            </p>
            <div class="inspector__actions">
                <button type="button" on:click=move |_| duplicate_selected(&editor)>
                    {move || i18n.t().duplicate}
                </button>
                <button type="button" class="danger" on:click=move |_| remove_selected(&editor)>
                    {move || i18n.t().delete}
                </button>
            </div>
            <div role="tablist" aria-label=move || i18n.t().inspector class="tabs">
                {tab_button(Tab::Content, Box::new(move || i18n.t().content_tab))}
                {is_game
                    .then(|| tab_button(
                        Tab::Campaign,
                        Box::new(move || campaign_words(i18n.lang()).tab),
                    ))}
                {(!rewarded.is_empty())
                    .then(|| tab_button(Tab::Rewards, Box::new(move || rewards_tab(i18n.lang()))))}
                {tab_button(Tab::Style, Box::new(move || i18n.t().style_tab))}
                {tab_button(Tab::Audience, Box::new(move || i18n.t().audience_tab))}
            </div>
            <div role="tabpanel">
                {move || match tab.get() {
                    Tab::Content => {
                        view! {
                            {spec
                                .fields
                                .iter()
                                .filter(|field| !rewarded.contains(&field.key))
                                .map(|field| {
                                    view! { <PropField editor id=id_content.clone() field /> }
                                })
                                .collect_view()}
                            <MoveTo editor id=id_move.clone() />
                        }
                            .into_any()
                    }
                    Tab::Campaign => {
                        view! { <CampaignEditor editor id=id_campaign.clone() /> }.into_any()
                    }
                    Tab::Rewards => {
                        view! { <RewardsFields editor id=id_rewards.clone() /> }.into_any()
                    }
                    Tab::Style => view! { <StyleFields editor id=id_style.clone() /> }.into_any(),
                    Tab::Audience => {
                        view! { <AudienceFields editor id=id_audience.clone() /> }.into_any()
                    }
                }}
            </div>
        </div>
    }
    .into_any()
}

/// Errors at `path` (exactly, or below it when `below`).
fn errors_at(editor: Editor, path: String, below: bool) -> impl Fn() -> Vec<String> {
    move || {
        let ui = editor.ui.get();
        editor.errors.with(|errors| {
            errors
                .iter()
                .filter(|e| e.path == path || (below && e.path.starts_with(&format!("{path}/"))))
                .map(|e| e.message_in(ui))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cradle_model::{templates, Document, Language};

    fn wheel_page() -> Document {
        let template = templates::find("wheel-campaign").unwrap();
        let now = chrono::Utc::now();
        template
            .instantiate("d1", "转盘", "wheel", Language::ZhCn, now)
            .unwrap()
    }

    /// A field's error speaks the builder's language and follows it when it changes.
    #[wasm_bindgen_test::wasm_bindgen_test]
    async fn field_errors_speak_the_builders_language() {
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let owner = Owner::new();
        let (editor, ui, path) = owner.with(|| {
            let mut doc = wheel_page();
            let wheel = doc
                .blocks
                .values_mut()
                .find(|b| b.kind.game().is_some())
                .unwrap();
            wheel.props.insert("campaign".into(), "nope".into());
            let path = format!("/blocks/{}/props/campaign", wheel.id);
            let ui = RwSignal::new(Language::ZhCn);
            let editor = Editor::new(doc, ui.into());
            editor.revalidate();
            (editor, ui, path)
        });
        // The rules run in a task of their own (a chunk of their own in the release build).
        any_spawner::Executor::tick().await;
        owner.with(|| {
            let errors = errors_at(editor, path, false);
            assert_eq!(errors(), vec!["本页面没有活动“nope”"]);
            ui.set(Language::En);
            assert_eq!(
                errors(),
                vec!["campaign 'nope' does not exist in this page"]
            );
        });
    }
}
