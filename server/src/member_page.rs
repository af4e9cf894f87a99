//! Member pages drawn by the server with the renderer's own components (Leptos `ssr`):
//! `/c/{slug}` for members (and each game's odds, [`odds`]) and `/preview/{token}` for designers. A member reads the page before
//! any wasm arrives; the member runtime (`dist/m/`) then makes the member bar and countdowns live.
//! What is drawn is what this viewer may see: the audience rules run here, with the member's
//! profile and today in the workspace's time zone, so targeted blocks never reach anyone else.

mod html;
pub mod odds;
mod runtime;

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use cradle_model::document::Device;
use cradle_model::lifecycle::week_of;
use cradle_model::share::{share_card, ShareCard};
use cradle_model::{
    framing, stage_of, visibility, BlockKind, Closed, ClubSettings, Document, Language,
};
use cradle_render::club_texts::club_texts;
use cradle_render::codes::my_codes;
use cradle_render::shell::{BarState, ClosedNotice, MemberBar, NotFoundNotice};
use cradle_render::words::words;
use cradle_render::{provide_render, RenderCtx, RenderPage};
use cradle_wire::member::{ClubCard, PrizeCode};
use cradle_wire::ErrorCode;
use leptos::prelude::*;
use serde::Deserialize;

use crate::app::AppState;
use crate::club::member::CurrentMember;
use crate::club::share_offers::{self, Receiver};
use crate::club::{card, mall, members, settings};
use crate::routes::previews::open_draft;
use crate::store::workspaces;

use html::{document, draw, Head};

/// What the address may carry.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    /// A member token the brand signed: the runtime turns it into a session.
    #[serde(default)]
    t: Option<String>,
    /// An offer to share rights (its token), for the signed-in member to answer.
    #[serde(default)]
    share: Option<String>,
    /// Preview size: `phone` (default), `tablet` or `desktop`.
    #[serde(default)]
    size: Option<Device>,
}

/// `/c/{slug}`: the live page as this viewer may see it, framable only by the brand's sites.
pub async fn serve(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Response {
    let url = page_url(&state, &headers, &format!("/c/{slug}"));
    let runtime = runtime::tags(&state.config.dist).await;
    let visitor_lang = visitor_language(&headers);
    let page = match state.versions.live(&state.db, &slug).await {
        Ok(Some(page)) => page,
        Ok(None) => return not_found(visitor_lang, &url),
        Err(e) => {
            tracing::error!(error = %e, "member page: database");
            return trouble(visitor_lang, &url);
        }
    };
    let frame_ancestors = framing::frame_ancestors(
        &workspaces::framing(&state.db, &page.workspace_id)
            .await
            .unwrap_or_default(),
    );
    let lang = page.doc.language;
    let Ok(zone) = settings::zone(&state.db, &page.workspace_id).await else {
        return trouble(lang, &url);
    };
    let now = Utc::now();
    if let Err(closed) = page.schedule.check(now) {
        let description = match closed {
            Closed::NotStarted(_) => words(lang).not_started,
            Closed::Ended(_) => words(lang).ended,
        };
        let card = ShareCard {
            title: page.doc.title.clone(),
            description: description.into(),
            image: None,
        };
        let (status, body) = closed_body(closed, lang, zone, now);
        let head = Head {
            lang,
            card,
            url: &url,
            robots: None,
            runtime: &runtime,
        };
        return respond(status, document(head, &body), &frame_ancestors);
    }
    let viewer = match CurrentMember::from_cookie(&headers, &state).await {
        Ok(viewer) => viewer.filter(|m| m.workspace_id == page.workspace_id),
        Err(_) => return trouble(lang, &url),
    };
    let member = match &viewer {
        Some(m) => match members::get(&state.db, &m.id).await {
            Ok(member) => member,
            Err(_) => return trouble(lang, &url),
        },
        None => None,
    };
    let today = now.with_timezone(&zone).date_naive();
    let public = visibility::for_viewer(&page.doc, None, today);
    let seen = match &viewer {
        Some(m) => visibility::for_viewer(&page.doc, Some(&m.profile), today),
        None => public.clone(),
    };
    let bar = match (&member, query.t.is_some()) {
        (_, true) => BarState::SigningIn,
        (Some(member), false) => BarState::Member {
            code: member.code.clone(),
        },
        (None, false) => BarState::Visitor {
            demo: state.config.demo_members,
        },
    };
    // The runtime sends the session's CSRF token with each draw (the page is private, no-cache).
    let csrf = matches!(bar, BarState::Member { .. })
        .then(|| viewer.as_ref().map(|m| m.csrf.clone()))
        .flatten();
    let club = match settings::get(&state.db, &page.workspace_id).await {
        Ok(club) => club,
        Err(_) => return trouble(lang, &url),
    };
    let card = match (&viewer, &member, &csrf) {
        (Some(m), Some(member), Some(_)) => {
            let life = (stage_of(&m.profile, today), week_of(&m.profile, today));
            match card::of(&state.db, member, life, &page.document_id, zone).await {
                Ok(mut card) => {
                    if let Some(token) = &query.share {
                        let receiver = Receiver {
                            id: &member.id,
                            workspace_id: &member.workspace_id,
                        };
                        match share_offers::view(&state.db, token, receiver).await {
                            Ok(offer) => card.offer = offer,
                            Err(_) => return trouble(lang, &url),
                        }
                    }
                    Some(card)
                }
                Err(e) => {
                    tracing::error!(error = %e, "member page: her card");
                    return trouble(lang, &url);
                }
            }
        }
        _ => None,
    };
    // Stock is read only for a page with a points mall or coupons.
    let stocked = seen
        .blocks
        .values()
        .any(|b| matches!(b.kind, BlockKind::RedemptionGrid | BlockKind::CouponList));
    let taken = match stocked {
        true => match mall::taken(&state.db, &page.document_id).await {
            Ok(taken) => taken,
            Err(_) => return trouble(lang, &url),
        },
        false => HashMap::new(),
    };
    let session = Session {
        bar,
        csrf,
        card,
        taken,
    };
    let body = member_body(&seen, club, &slug, session, now);
    let head = Head {
        lang,
        card: share_card(&public),
        url: &url,
        robots: None,
        runtime: &runtime,
    };
    respond(StatusCode::OK, document(head, &body), &frame_ancestors)
}

/// `/preview/{token}`: a draft as members would see it, sized for a phone (or, on a large screen,
/// a tablet or desktop), never indexed and never framed.
pub async fn preview(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Response {
    let size = query.size.unwrap_or(Device::Phone);
    let url = page_url(&state, &headers, &format!("/preview/{token}"));
    let (_, doc, workspace) = match open_draft(&state, &token).await {
        Ok(found) => found,
        Err(e) if e.code == ErrorCode::Internal => {
            return trouble(visitor_language(&headers), &url)
        }
        Err(e) => {
            let lang = visitor_language(&headers);
            let w = words(lang);
            let text = match e.code {
                ErrorCode::Expired | ErrorCode::Revoked => w.preview_gone,
                _ => w.not_found_text,
            };
            let body = draw(move || {
                view! {
                    <main class="member member--closed">
                        <h1>{w.not_found}</h1>
                        <p>{text}</p>
                    </main>
                }
            });
            return respond(
                e.status,
                notice_document(lang, w.not_found, &url, &body),
                "'none'",
            );
        }
    };
    let lang = doc.language;
    let club = match settings::get(&state.db, &workspace).await {
        Ok(club) => club,
        Err(_) => return trouble(lang, &url),
    };
    let Ok(zone) = settings::zone(&state.db, &workspace).await else {
        return trouble(lang, &url);
    };
    let seen = visibility::for_viewer(&doc, None, Utc::now().with_timezone(&zone).date_naive());
    let body = preview_body(&seen, club, &token, size);
    // The runtime ticks the draft's countdowns as members will see them.
    let runtime = runtime::tags(&state.config.dist).await;
    let head = Head {
        lang,
        card: share_card(&seen),
        url: &url,
        robots: Some("noindex"),
        runtime: &runtime,
    };
    respond(StatusCode::OK, document(head, &body), "'none'")
}

/// Who the page is drawn for.
struct Session {
    /// What the member bar shows.
    bar: BarState,
    /// The member session's CSRF token, which the runtime sends with each action.
    csrf: Option<String>,
    /// The member's standing, for the club blocks.
    card: Option<ClubCard>,
    /// Points-mall units taken, by block and item.
    taken: HashMap<(String, String), i64>,
}

/// The member bar and the page, drawn.
fn member_body(
    doc: &Document,
    club: ClubSettings,
    slug: &str,
    session: Session,
    now: DateTime<Utc>,
) -> String {
    let Session {
        bar,
        csrf,
        card,
        taken,
    } = session;
    let lang = doc.language;
    let (state_attr, code_attr) = match &bar {
        BarState::Member { code } => ("member", Some(code.clone())),
        BarState::SigningIn => ("signing-in", None),
        _ => ("visitor", None),
    };
    let demo = matches!(bar, BarState::Visitor { demo: true }).then_some("");
    let slug = slug.to_owned();
    // Codes no block of this page shows (prizes won, other pages' points malls).
    let prizes: Vec<PrizeCode> = card
        .iter()
        .flat_map(|c| c.codes.iter().filter(|c| c.block.is_none()).cloned())
        .collect();
    let prizes = (!prizes.is_empty()).then(|| {
        let title = club_texts(lang).my_prizes;
        view! {
            <section class="cradle-card member-prizes" aria-label=title>
                {my_codes(lang, title, prizes)}
            </section>
        }
    });
    let mut ctx = RenderCtx::new(doc, None);
    ctx.now = now;
    ctx.club.set(club);
    ctx.member.set(card);
    ctx.taken.set_value(taken);
    draw(move || {
        provide_render(ctx);
        view! {
            <div
                id="member-bar"
                data-slug=slug
                data-state=state_attr
                data-code=code_attr
                data-csrf=csrf
                data-demo=demo
            >
                <MemberBar lang state=Signal::stored(bar) />
            </div>
            <div class="member">
                <RenderPage />
                {prizes}
            </div>
        }
    })
}

/// The draft in a frame of the chosen size, with the size links (shown on large screens).
fn preview_body(doc: &Document, club: ClubSettings, token: &str, size: Device) -> String {
    let w = words(doc.language);
    let ctx = RenderCtx::new(doc, None);
    ctx.club.set(club);
    ctx.device.set(size);
    let sizes = [
        (Device::Phone, "phone", w.phone),
        (Device::Tablet, "tablet", w.tablet),
        (Device::Desktop, "desktop", w.desktop),
    ];
    let name = sizes
        .iter()
        .find(|(device, ..)| *device == size)
        .map_or("phone", |(_, name, _)| *name);
    let token = token.to_owned();
    draw(move || {
        provide_render(ctx);
        view! {
            <div class="preview">
                <p class="preview__banner" role="note">
                    {w.draft_preview}
                </p>
                <nav class="preview__sizes" aria-label=w.preview_size>
                    {sizes
                        .into_iter()
                        .map(|(device, name, label)| {
                            view! {
                                <a
                                    href=format!("/preview/{token}?size={name}")
                                    aria-current=(device == size).then_some("page")
                                >
                                    {label}
                                </a>
                            }
                        })
                        .collect_view()}
                </nav>
                <div class=format!("preview__frame preview__frame--{name}")>
                    <div class="member">
                        <RenderPage />
                    </div>
                </div>
            </div>
        }
    })
}

/// The not-started or ended notice: 200 with a countdown before the page opens (the runtime
/// reloads it at zero), 410 after it closed. Times read in the workspace's zone.
fn closed_body(
    closed: Closed,
    lang: Language,
    zone: Tz,
    now: DateTime<Utc>,
) -> (StatusCode, String) {
    let (opening, at, status) = match closed {
        Closed::NotStarted(at) => (true, at, StatusCode::OK),
        Closed::Ended(at) => (false, at, StatusCode::GONE),
    };
    let local = at.with_timezone(&zone);
    let shown = match lang {
        Language::ZhCn => local.format("%Y年%-m月%-d日 %H:%M").to_string(),
        Language::En => local.format("%-d %b %Y, %H:%M").to_string(),
    };
    let until = opening.then(|| at.to_rfc3339());
    let left = (at - now).num_seconds();
    let body = draw(move || view! { <ClosedNotice lang opening at=shown until left /> });
    (status, body)
}

/// 404 with a page that says so.
fn not_found(lang: Language, url: &str) -> Response {
    let body = draw(move || view! { <NotFoundNotice lang /> });
    respond(
        StatusCode::NOT_FOUND,
        notice_document(lang, words(lang).not_found, url, &body),
        "'none'",
    )
}

/// 503 when the database does not answer: the member can try again shortly.
fn trouble(lang: Language, url: &str) -> Response {
    let w = words(lang);
    let body = draw(move || {
        view! {
            <main class="member member--closed">
                <h1>{w.went_wrong}</h1>
            </main>
        }
    });
    respond(
        StatusCode::SERVICE_UNAVAILABLE,
        notice_document(lang, w.went_wrong, url, &body),
        "'none'",
    )
}

/// A document for a notice (nothing to share, not indexed).
fn notice_document(lang: Language, title: &str, url: &str, body: &str) -> String {
    let head = Head {
        lang,
        card: ShareCard {
            title: title.to_owned(),
            description: title.to_owned(),
            image: None,
        },
        url,
        robots: Some("noindex"),
        runtime: "",
    };
    document(head, body)
}

/// The answer: HTML, its inline scripts allowed by hash, never stored by shared caches (it can
/// name the member), framable by `frame_ancestors`.
fn respond(status: StatusCode, html: String, frame_ancestors: &str) -> Response {
    let policy = crate::security::page_policy(&html, frame_ancestors);
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CONTENT_SECURITY_POLICY, policy),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
            (header::VARY, HeaderValue::from_static("Cookie")),
        ],
        html,
    )
        .into_response()
}

/// This page's absolute address, for link previews (`https` when the server sets secure cookies,
/// i.e. runs behind TLS).
fn page_url(state: &AppState, headers: &HeaderMap, path: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| h.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or("localhost");
    let scheme = match state.config.secure_cookies {
        true => "https",
        false => "http",
    };
    format!("{scheme}://{host}{path}")
}

/// The language a visitor's browser prefers, for pages that have none of their own.
fn visitor_language(headers: &HeaderMap) -> Language {
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("zh-CN");
    Language::preferred(
        accepted
            .split(',')
            .map(|l| l.split(';').next().unwrap_or("").trim()),
    )
}
