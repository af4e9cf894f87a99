//! Content blocks: headings, rich text, pictures, buttons, carousels, countdowns, notice bars.
//! Text is always inserted as text nodes, never as HTML; links only when http(s) or relative.

use cradle_model::catalogue::BlockKind;
use cradle_model::rich_text::RichText;
use cradle_model::url::is_safe_url;
use cradle_model::Block;
use leptos::prelude::*;

use super::props::{cell, safe};
use super::{words, Props, RenderCtx};

/// The view of a content block.
pub fn view(kind: BlockKind, block: ArcRwSignal<Block>, ctx: RenderCtx) -> AnyView {
    (move || {
        let b = block.get();
        let p = Props::new(&b, ctx.device.get());
        match kind {
            BlockKind::Heading => {
                let text = p.text("text");
                match p.text("level").as_str() {
                    "h1" => view! { <h1 class="cradle-h">{text}</h1> }.into_any(),
                    "h3" => view! { <h3 class="cradle-h">{text}</h3> }.into_any(),
                    _ => view! { <h2 class="cradle-h">{text}</h2> }.into_any(),
                }
            }
            BlockKind::RichText => {
                let text: RichText = serde_json::from_value(p.raw("text")).unwrap_or_default();
                rich_text(text)
            }
            BlockKind::Image => {
                let src = p.url("src").unwrap_or_else(|| "/placeholder.svg".into());
                let img =
                    view! { <img class="cradle-img" src=src alt=p.text("alt") loading="lazy" /> };
                match p.url("link") {
                    Some(href) => view! {
                        <a class="cradle-img-link" href=href>
                            {img}
                        </a>
                    }
                    .into_any(),
                    None => img.into_any(),
                }
            }
            BlockKind::Button => {
                let class = format!("cradle-btn cradle-btn--{}", p.text("variant"));
                let label = p.text("label");
                match (p.text("action").as_str(), p.url("url")) {
                    ("link", Some(href)) => view! {
                        <a class=class href=href>
                            {label}
                        </a>
                    }
                    .into_any(),
                    _ => view! {
                        <button type="button" class=class>
                            {label}
                        </button>
                    }
                    .into_any(),
                }
            }
            BlockKind::Carousel => {
                let slides = p.rows("slides");
                let count = slides.len();
                view! {
                    <div
                        class="cradle-carousel"
                        role="region"
                        aria-roledescription="carousel"
                        aria-label=words::words(ctx.language.get()).banners
                    >
                        {slides
                            .into_iter()
                            .enumerate()
                            .map(|(i, s)| {
                                let img = view! {
                                    <img
                                        src=safe(&s, "image").unwrap_or_default()
                                        alt=cell(&s, "alt")
                                        loading="lazy"
                                    />
                                };
                                let label = format!("{} / {count}", i + 1);
                                match safe(&s, "link") {
                                    Some(href) => {
                                        view! {
                                            <a class="cradle-slide" href=href aria-label=label>
                                                {img}
                                            </a>
                                        }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            <div class="cradle-slide" aria-label=label>
                                                {img}
                                            </div>
                                        }
                                            .into_any()
                                    }
                                }
                            })
                            .collect_view()}
                    </div>
                }
                .into_any()
            }
            BlockKind::Countdown => {
                let target = chrono::DateTime::parse_from_rfc3339(&p.text("target")).ok();
                let left = target.map(|t| t.to_utc().signed_duration_since(ctx.now).num_seconds());
                let ended = p.text("ended_text");
                let body = match left {
                    Some(s) if s > 0 => words::countdown(s, ctx.language.get()),
                    _ => ended.clone(),
                };
                // The member runtime ticks the time on from these attributes.
                view! {
                    <div class="cradle-countdown">
                        <p class="cradle-countdown__title">{p.text("title")}</p>
                        <p
                            class="cradle-countdown__time"
                            role="timer"
                            data-until=target.map(|t| t.to_utc().to_rfc3339())
                            data-ended=ended
                        >
                            {body}
                        </p>
                    </div>
                }
                .into_any()
            }
            _ => {
                let text = p.text("text");
                let bar = view! {
                    <span aria-hidden="true" class="cradle-notice__icon">
                        "!"
                    </span>
                    <span>{text}</span>
                };
                match p.url("link") {
                    Some(href) => view! {
                        <a class="cradle-notice" href=href>
                            {bar}
                        </a>
                    }
                    .into_any(),
                    None => view! { <p class="cradle-notice">{bar}</p> }.into_any(),
                }
            }
        }
    })
    .into_any()
}

/// Paragraphs of spans: bold/italic as elements, links only when safe, text as text.
pub fn rich_text(text: RichText) -> AnyView {
    text.into_iter()
        .map(|para| {
            view! {
                <p class="cradle-p">
                    {para
                        .into_iter()
                        .map(|span| {
                            let inner = match (span.bold, span.italic) {
                                (true, true) => {
                                    view! {
                                        <strong>
                                            <em>{span.text}</em>
                                        </strong>
                                    }
                                        .into_any()
                                }
                                (true, false) => view! { <strong>{span.text}</strong> }.into_any(),
                                (false, true) => view! { <em>{span.text}</em> }.into_any(),
                                (false, false) => span.text.into_any(),
                            };
                            match span.link.filter(|l| is_safe_url(l) && !l.is_empty()) {
                                Some(href) => view! { <a href=href>{inner}</a> }.into_any(),
                                None => inner,
                            }
                        })
                        .collect_view()}
                </p>
            }
        })
        .collect_view()
        .into_any()
}
