//! A published wheel campaign to draw on, for the draw tests.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::{Duration, Utc};
use cradle_server::auth::Role;
use serde_json::{json, Value};

use super::{MemberSession, Session, TestApp, TestResponse};

/// A campaign open now (or as `window` says) with `prizes`; every other setting from `extra`.
pub fn campaign(prizes: Value, fallback: &str, extra: Value) -> Value {
    let mut c = json!({
        "id": "spring-wheel",
        "name": "Spring wheel",
        "game": "wheel",
        "window": {
            "start": (Utc::now() - Duration::days(1)).to_rfc3339(),
            "end": (Utc::now() + Duration::days(1)).to_rfc3339(),
        },
        "prizes": prizes,
        "fallback_prize": fallback,
    });
    if let (Some(c), Some(e)) = (c.as_object_mut(), extra.as_object()) {
        c.extend(e.clone());
    }
    c
}

pub fn prize(id: &str, kind: Value, weight: u32, stock: Value) -> Value {
    json!({"id": id, "name": id, "kind": kind, "weight": weight, "stock": stock})
}

/// Two "thanks" prizes: the smallest prize list a wheel accepts.
pub fn only_thanks() -> Value {
    json!([
        thanks(1),
        prize("again", json!({"type": "thanks"}), 1, json!("unlimited"))
    ])
}

pub fn thanks(weight: u32) -> Value {
    prize(
        "thanks",
        json!({"type": "thanks"}),
        weight,
        json!("unlimited"),
    )
}

/// Publishes the wheel template at `slug` with `campaign` in place of its own; returns the
/// editor's session and the document id.
pub async fn publish(
    app: &TestApp,
    workspace: &str,
    slug: &str,
    campaign: Value,
) -> (Session, String) {
    let email = format!("editor@{slug}.test");
    let s = app.user(&email, Role::Owner, workspace).await;
    let page = app.create_page(&s, "Wheel", slug, "wheel-campaign").await;
    republish(app, &s, &page.id, campaign).await;
    (s, page.id)
}

/// Saves `campaign` into the draft and publishes it as the next version.
pub async fn republish(app: &TestApp, s: &Session, id: &str, campaign: Value) {
    let mut page = app.open_page(s, id).await;
    page.document["campaigns"] = json!([campaign]);
    app.save_draft(s, &mut page).await;
    let r = app.publish(s, &page, json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

/// One draw by `member` with idempotency key `key` (no key when empty).
pub async fn draw(app: &TestApp, member: &MemberSession, slug: &str, key: &str) -> TestResponse {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(format!(
            "/api/published/{slug}/campaigns/spring-wheel/draws"
        ))
        .header("cookie", &member.cookie)
        .header("x-csrf-token", &member.csrf);
    if !key.is_empty() {
        request = request.header("idempotency-key", key);
    }
    app.send(request.body(Body::empty()).unwrap()).await
}

pub async fn balance(app: &TestApp, member: &MemberSession) -> i64 {
    let me = app
        .call_member(member, Method::GET, "/api/member/me", None)
        .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text());
    me.json()["points"]["balance"].as_i64().unwrap()
}
