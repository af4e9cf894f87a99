//! The one renderer: block components shared by the editor canvas, the member runtime and the
//! server, which draws member pages to HTML with them (Leptos `ssr`), so the preview is exactly
//! what members get. The editor adds its chrome through [`Chrome`]; members get the same
//! components without it.
//!
//! Each block is one reactive value ([`ArcRwSignal<Block>`]) keyed by id: editing a prop re-runs
//! that block's view only, and containers render children with keyed `<For>`, so a move moves one
//! DOM element.

pub mod benefits;
mod club;
pub mod club_texts;
pub mod club_words;
pub mod codes;
mod commerce;
mod content;
mod coupons;
pub mod game_board;
pub mod game_words;
mod games;
mod layout;
mod mall;
mod marks;
mod medals;
pub mod member_card;
pub mod motion;
pub mod odds;
pub mod play;
mod props;
pub mod quiz;
pub mod result_dialog;
mod rights_share;
pub mod shell;
pub mod sign_in;
mod tasks;
pub mod vote;
pub mod words;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use cradle_model::catalogue::BlockKind;
use cradle_model::document::Device;
use cradle_model::style::{Align, Spacing};
use cradle_model::{Block, Campaign, ClubSettings, Document, Language, NodeId, Part, Theme};
use cradle_wire::member::ClubCard;
use leptos::prelude::*;

pub use marks::{Mark, Marks};
pub use props::Props;

/// Editing chrome hooks (selection outline, labels, click to select). `None` on member pages.
#[derive(Clone, Copy)]
pub struct Chrome {
    /// Each block's place in the selection.
    pub marks: Marks,
    /// Called with (block, extend selection?) when a block is clicked (or, focused, gets Enter or
    /// Space): see [`Chrome::select_from`].
    pub on_select: Callback<(NodeId, bool)>,
    /// The language the builder speaks (not the page's): block labels and hints follow it.
    pub language: Signal<Language>,
}

impl Chrome {
    /// Selects the innermost block around a click's or key's target, if any; true when it did.
    /// The canvas listens once for all its blocks, instead of each block holding two listeners
    /// (a 500-block page would add a thousand while it loads).
    pub fn select_from(&self, target: Option<web_sys::EventTarget>, extend: bool) -> bool {
        use leptos::wasm_bindgen::JsCast;
        let block = target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".blk[data-id]").ok().flatten());
        let Some(id) = block.and_then(|b| b.get_attribute("data-id")) else {
            return false;
        };
        self.on_select.run((NodeId::new(id), extend));
        true
    }

    /// A block's name for screen readers, e.g. "Heading block" / "标题组件".
    fn block_name(language: Language, label: &str) -> String {
        match language {
            Language::ZhCn => format!("{label}组件"),
            Language::En => format!("{label} block"),
        }
    }

    /// The hint in an empty slot.
    fn empty_slot(language: Language) -> &'static str {
        match language {
            Language::ZhCn => "将组件拖到这里",
            Language::En => "Drop blocks here",
        }
    }
}

/// What the renderer reads: one signal per block, the document-level theme and campaigns, the
/// device being shown, and the editor chrome if any.
#[derive(Clone, Copy)]
pub struct RenderCtx {
    /// Block signals by id.
    pub nodes: StoredValue<HashMap<NodeId, ArcRwSignal<Block>>>,
    /// The page block's id.
    pub root: StoredValue<NodeId>,
    /// The language members read the page in.
    pub language: RwSignal<Language>,
    /// The page's member address (`/c/{slug}`), for links to its own pages (a game's odds).
    pub slug: RwSignal<String>,
    /// Theme.
    pub theme: RwSignal<Theme>,
    /// Campaigns the games play.
    pub campaigns: RwSignal<Vec<Campaign>>,
    /// The workspace's tier ladder and points rules: the caller sets them (the server from the
    /// workspace, the editor once fetched); the defaults until then.
    pub club: RwSignal<ClubSettings>,
    /// The signed-in member's standing, for the club blocks (the server sets it when it draws
    /// the page for her); `None` for visitors, previews and the editor.
    pub member: RwSignal<Option<ClubCard>>,
    /// Points-mall units taken, by `(block id, item name)` (the server sets them; none taken in
    /// the editor).
    pub taken: StoredValue<HashMap<(String, String), i64>>,
    /// Device whose overrides apply.
    pub device: RwSignal<Device>,
    /// Editor chrome, when editing.
    pub chrome: Option<Chrome>,
    /// The instant countdowns count from (the server's clock when it draws a page).
    pub now: DateTime<Utc>,
}

impl RenderCtx {
    /// A context holding `doc`'s blocks.
    pub fn new(doc: &Document, chrome: Option<Chrome>) -> RenderCtx {
        let nodes = doc
            .blocks
            .iter()
            .map(|(id, b)| (id.clone(), ArcRwSignal::new(b.clone())))
            .collect();
        RenderCtx {
            nodes: StoredValue::new(nodes),
            root: StoredValue::new(doc.root.clone()),
            language: RwSignal::new(doc.language),
            slug: RwSignal::new(doc.slug.clone()),
            theme: RwSignal::new(doc.theme.clone()),
            campaigns: RwSignal::new(doc.campaigns.clone()),
            club: RwSignal::new(ClubSettings::default()),
            member: RwSignal::new(None),
            taken: StoredValue::new(HashMap::new()),
            device: RwSignal::new(Device::Phone),
            chrome,
            now: Utc::now(),
        }
    }

    /// The signal of block `id`.
    pub fn node(&self, id: &NodeId) -> Option<ArcRwSignal<Block>> {
        self.nodes.with_value(|n| n.get(id).cloned())
    }

    /// Brings the signals of `changed` blocks in line with `doc` (new blocks get a signal,
    /// removed ones lose theirs). Only those blocks' views re-run.
    pub fn sync(&self, doc: &Document, changed: &[NodeId]) {
        for id in changed {
            match (doc.blocks.get(id), self.node(id)) {
                (Some(block), Some(signal)) => {
                    if signal.with_untracked(|b| b != block) {
                        signal.set(block.clone());
                    }
                }
                (Some(block), None) => self.nodes.update_value(|n| {
                    n.insert(id.clone(), ArcRwSignal::new(block.clone()));
                }),
                (None, Some(_)) => self.nodes.update_value(|n| {
                    n.remove(id);
                }),
                (None, None) => {}
            }
        }
    }

    /// Brings the page-level signals of `parts` in line with `doc`, so a settings change re-runs
    /// only the views that read that part.
    pub fn sync_parts(&self, doc: &Document, parts: &[Part]) {
        for part in parts {
            match part {
                Part::Language => self.language.set(doc.language),
                Part::Theme => self.theme.set(doc.theme.clone()),
                Part::Campaigns => self.campaigns.set(doc.campaigns.clone()),
                Part::Slug => self.slug.set(doc.slug.clone()),
                // The renderer does not draw the title.
                Part::Title | Part::Schedule => {}
            }
        }
    }

    /// The campaign with `id`.
    pub fn campaign(&self, id: &str) -> Option<Campaign> {
        self.campaigns
            .with(|c| c.iter().find(|c| c.id == id).cloned())
    }
}

/// The light surfaces the renderer's CSS draws over a page (cards, tiles, calendar days): text in
/// brand colours must read on them too (`style/member.css`).
const SURFACES: [&str; 3] = ["#ffffff", "#fff8f3", "#fff4f8"];

/// Provides the render context to the components below.
pub fn provide_render(ctx: RenderCtx) {
    provide_context(ctx);
}

fn use_render() -> RenderCtx {
    expect_context::<RenderCtx>()
}

/// The whole page: the root block with the theme applied.
#[component]
pub fn RenderPage() -> impl IntoView {
    let ctx = use_render();
    let style = move || {
        let t = ctx.theme.get();
        let font = match t.font {
            cradle_model::document::Font::System => "system-ui, -apple-system, sans-serif",
            cradle_model::document::Font::Rounded => {
                "\"Nunito\", \"PingFang SC\", system-ui, sans-serif"
            }
            cradle_model::document::Font::Serif => "Georgia, \"Songti SC\", serif",
        };
        // Text drawn in brand colours is shifted just enough to read at AA (the model's rule) on
        // the page and, on a light page, on the tinted cards drawn over it.
        let surfaces = |bg: &str| -> Vec<String> {
            let mut all = vec![bg.to_owned()];
            if cradle_model::contrast::ratio(bg, "#000000").is_some_and(|r| r > 4.6) {
                all.extend(SURFACES.iter().map(|s| s.to_string()));
            }
            all
        };
        let ink = |c: &str, on: &str| {
            let on = surfaces(on);
            cradle_model::contrast::readable(c, &on.iter().map(String::as_str).collect::<Vec<_>>())
        };
        format!(
            "--primary:{};--accent:{};--text:{};--bg:{};--radius:{}px;--primary-ink:{};\
             --primary-fill:{};--accent-ink:{};font-family:{font};",
            t.primary,
            t.accent,
            ink(&t.text, &t.background),
            t.background,
            t.radius,
            ink(&t.primary, &t.background),
            cradle_model::contrast::readable(&t.primary, &["#ffffff"]),
            ink(&t.accent, &t.background),
        )
    };
    view! {
        <div class="cradle-page" style=style>
            <RenderBlock id=ctx.root.get_value() />
        </div>
    }
}

fn spacing_css(property: &str, s: Option<Spacing>) -> String {
    s.map(|s| {
        format!(
            "{property}:{}px {}px {}px {}px;",
            s.top, s.right, s.bottom, s.left
        )
    })
    .unwrap_or_default()
}

fn style_css(block: &Block, device: Device) -> String {
    let style = block.style_on(Some(device));
    let mut css = spacing_css("padding", style.padding) + &spacing_css("margin", style.margin);
    if let Some(bg) = style
        .background
        .filter(|c| cradle_model::style::is_hex_colour(c))
    {
        css += &format!("background:{bg};");
    }
    if let Some(c) = style
        .text_colour
        .filter(|c| cradle_model::style::is_hex_colour(c))
    {
        css += &format!("color:{c};");
    }
    if let Some(align) = style.align {
        let a = match align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        };
        css += &format!("text-align:{a};");
    }
    css
}

/// One block, by id: its kind's view inside a wrapper carrying its style (and, when editing, its
/// selection outline and label).
#[component]
pub fn RenderBlock(id: NodeId) -> impl IntoView {
    let ctx = use_render();
    let Some(block) = ctx.node(&id) else {
        return ().into_any();
    };
    let kind = block.with_untracked(|b| b.kind);
    let inner = kind_view(kind, block.clone(), ctx);
    if kind == BlockKind::Page {
        return inner;
    }
    // Most blocks have no style of their own: they get no `style` attribute (an empty one would
    // still cost a call, and an element with inline style shares no computed style).
    let style = {
        let block = block.clone();
        move || Some(style_css(&block.get(), ctx.device.get())).filter(|css| !css.is_empty())
    };
    let class = format!(
        "blk blk--{}",
        serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    );
    match ctx.chrome {
        None => view! {
            <div class=class style=style>
                {inner}
            </div>
        }
        .into_any(),
        Some(chrome) => {
            let label = move || kind.spec().label.get(chrome.language.get());
            let mark = chrome.marks.of(&id);
            let selected = {
                let mark = mark.clone();
                move || mark.get() != Mark::None
            };
            let primary = move || mark.get() == Mark::Primary;
            view! {
                <div
                    class=class
                    class:blk--selected=selected
                    style=style
                    data-id=id.to_string()
                    tabindex="0"
                    role="button"
                    aria-label=move || Chrome::block_name(chrome.language.get(), label())
                    aria-pressed=move || if primary() { "true" } else { "false" }
                >
                    <span class="blk__label" aria-hidden="true">{label}</span>
                    {inner}
                </div>
            }
            .into_any()
        }
    }
}

fn kind_view(kind: BlockKind, block: ArcRwSignal<Block>, ctx: RenderCtx) -> AnyView {
    use BlockKind::*;
    match kind {
        Page | Section | Columns => layout::container(kind, block, ctx),
        Spacer | Divider => layout::leaf(kind, block, ctx),
        Heading | RichText | Image | Button | Carousel | Countdown | NoticeBar => {
            content::view(kind, block, ctx)
        }
        MemberCard | TierBenefits | SignInCalendar | Tasks | RedemptionGrid | MedalsWall
        | InviteCard | RightsShareCard | LifecycleTips => club::view(kind, block, ctx),
        Wheel | NineGrid | ScratchCard | SmashEgg | SlotMachine | Quiz | Vote => {
            games::view(kind, block, ctx)
        }
        CouponList | ProductGrid => commerce::view(kind, block, ctx),
    }
}

/// The children of one slot of a container, keyed by id.
#[component]
fn Slot(block: ArcRwSignal<Block>, name: &'static str) -> impl IntoView {
    let ctx = use_render();
    let parent = block.with_untracked(|b| b.id.to_string());
    let ids = {
        let block = block.clone();
        move || block.with(|b| b.slots.get(name).cloned().unwrap_or_default())
    };
    let empty = {
        let block = block.clone();
        move || ctx.chrome.is_some() && block.with(|b| b.slots.get(name).is_none_or(Vec::is_empty))
    };
    view! {
        <div class="slot" data-parent=parent data-slot=name>
            <For each=ids key=|id| id.clone() let:child>
                <RenderBlock id=child />
            </For>
            <Show when=empty>
                <p class="slot__empty">
                    {move || ctx.chrome.map(|c| Chrome::empty_slot(c.language.get()))}
                </p>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cradle_model::catalogue::BlockKind;
    use cradle_model::{apply, Command, Fragment};
    use leptos::tachys::view::RenderHtml;

    /// Every block kind draws from its catalogue defaults. Tests run with debug assertions, so a
    /// renderer reading a prop the catalogue does not have (a renamed key) fails here.
    #[test]
    fn every_kind_draws_from_catalogue_keys() {
        let mut doc = Document::blank("d1", "全部组件", "all");
        for (i, spec) in BlockKind::palette().enumerate() {
            let fragment = Fragment::single(
                NodeId::new(format!("b{i}")),
                spec.kind,
                doc.language,
                chrono::Utc::now(),
            );
            let insert = Command::Insert {
                parent: doc.root.clone(),
                slot: "main".into(),
                index: i,
                fragment,
            };
            apply(&mut doc, &insert).expect("the page holds every palette kind");
        }
        let owner = Owner::new();
        let html = owner.with(|| {
            provide_render(RenderCtx::new(&doc, None));
            view! { <RenderPage /> }.to_html()
        });
        let drawn = html.matches("class=\"blk blk--").count();
        assert_eq!(drawn, doc.blocks.len() - 1, "one element per block");
        assert!(html.contains("全部组件") || html.contains("cradle-page"));
    }

    /// A wheel segment and a nine-grid cell show their prize's picture beside its name; a picture
    /// at an unsafe address is left out.
    #[test]
    fn games_show_prize_pictures() {
        for (template, class) in [
            ("wheel-campaign", "cradle-wheel__img"),
            ("nine-grid-party", "cradle-ninegrid__img"),
        ] {
            let mut doc = cradle_model::templates::find(template)
                .unwrap()
                .instantiate(
                    "d",
                    "t",
                    "s",
                    cradle_model::Language::ZhCn,
                    chrono::Utc::now(),
                )
                .unwrap();
            doc.campaigns[0].prizes[0].image = Some("/prize.png".into());
            doc.campaigns[0].prizes[1].image = Some("javascript:alert(1)".into());
            let owner = Owner::new();
            let html = owner.with(|| {
                provide_render(RenderCtx::new(&doc, None));
                view! { <RenderPage /> }.to_html()
            });
            assert_eq!(
                html.matches(&format!("class=\"{class}\"")).count(),
                1,
                "{template}"
            );
            assert!(html.contains("src=\"/prize.png\""));
            assert!(!html.contains("javascript:"));
        }
    }

    /// Tier blocks draw the workspace's ladder the caller sets, and the rights-sharing card says
    /// so when the club has sharing off.
    #[test]
    fn club_blocks_draw_the_ladder_they_are_given() {
        let doc = cradle_model::templates::find("club-home")
            .unwrap()
            .instantiate(
                "d",
                "t",
                "s",
                cradle_model::Language::ZhCn,
                chrono::Utc::now(),
            )
            .unwrap();
        let draw = |club: ClubSettings| {
            Owner::new().with(|| {
                let ctx = RenderCtx::new(&doc, None);
                ctx.club.set(club);
                provide_render(ctx);
                view! { <RenderPage /> }.to_html()
            })
        };
        let mut club = ClubSettings::default();
        club.tiers[0].name = "萌新妈妈".into();
        let html = draw(club.clone());
        assert!(html.contains("萌新妈妈"));
        assert!(!html.contains(words::words(cradle_model::Language::ZhCn).sharing_off));
        club.rights_sharing = false;
        assert!(draw(club).contains(words::words(cradle_model::Language::ZhCn).sharing_off));
    }
}
