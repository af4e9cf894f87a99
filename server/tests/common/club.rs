//! A published club page and the member-side calls the club tests share.

use axum::http::{Method, StatusCode};
use cradle_model::ClubSettings;
use cradle_server::club::ledger::{self, Entry};
use serde_json::{json, Value};

use super::{MemberSession, Session, TestApp, TestResponse};

/// Publishes `/c/{slug}` with a sign-in calendar (5 a day, +10 on day 3, +50 on day 7), a
/// two-question quiz (answers 2 then 1, 20 points) and a vote (3 options, 2 votes a day).
pub async fn publish_club_page(app: &TestApp, staff: &Session, slug: &str) {
    let mut page = app.create_page(staff, "Club", slug, "blank").await;
    let doc = &mut page.document;
    doc["blocks"]["sign"] = json!({"id": "sign", "kind": "sign_in_calendar", "props": {
        "title": "Daily", "daily_points": 5, "rewards": [{"day": 3, "points": 10}],
        "streak_days": 7, "streak_bonus": 50}});
    doc["blocks"]["quiz"] = json!({"id": "quiz", "kind": "quiz", "props": {
        "title": "Quiz", "reward_points": 20, "questions": [
            {"question": "Q1", "options": [{"text": "a"}, {"text": "b"}], "answer": 2},
            {"question": "Q2", "options": [{"text": "a"}, {"text": "b"}, {"text": "c"}], "answer": 1}]}});
    doc["blocks"]["vote"] = json!({"id": "vote", "kind": "vote", "props": {
        "title": "Which box?", "votes_per_day": 2, "options": [
            {"label": "A", "image": "", "alt": ""}, {"label": "B", "image": "", "alt": ""},
            {"label": "C", "image": "", "alt": ""}]}});
    let main = doc["blocks"]["page"]["slots"]["main"]
        .as_array_mut()
        .unwrap();
    main.extend([json!("sign"), json!("quiz"), json!("vote")]);
    app.save_draft(staff, &mut page).await;
    let r = app.publish(staff, &page, json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

/// The member's own profile (`GET /api/member/me`).
pub async fn me(app: &TestApp, m: &MemberSession) -> Value {
    let r = app
        .call_member(m, Method::GET, "/api/member/me", None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

/// The ledger's balance, read through the library so it does not depend on the profile route.
pub async fn balance(app: &TestApp, m: &MemberSession) -> i64 {
    ledger::balance(&app.db, &m.id).await.unwrap()
}

/// Saves the workspace's club settings as `staff`, which must succeed.
pub async fn put_settings(app: &TestApp, staff: &Session, club: &ClubSettings) {
    let r = app
        .call(staff, Method::PUT, "/api/club/settings", Some(json!(club)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

/// Earns `amount` through the library (as a points prize would).
pub async fn earn(app: &TestApp, m: &MemberSession, amount: i64, at: i64) {
    let mut conn = app.db.pool.acquire().await.unwrap();
    let entry = Entry {
        workspace_id: &m.workspace_id,
        member_id: &m.id,
        amount,
        reason: "prize",
        source: "test",
        now_ms: at,
    };
    ledger::earn(&mut conn, &entry).await.unwrap();
}

/// `POST path` as `who` with a JSON body.
pub async fn post(app: &TestApp, who: &MemberSession, path: &str, body: Value) -> TestResponse {
    app.call_member(who, Method::POST, path, Some(body)).await
}

/// The sign-in route of the calendar on the page at `slug`.
pub fn sign_in_path(slug: &str) -> String {
    format!("/api/published/{slug}/blocks/sign/sign-in")
}

/// `sharer` offers to share rights and `receiver` accepts the offer: the acceptance's answer.
pub async fn share(
    app: &TestApp,
    sharer: &MemberSession,
    receiver: &MemberSession,
) -> TestResponse {
    let token = offer(app, sharer).await;
    post(
        app,
        receiver,
        "/api/member/shares",
        json!({ "token": token }),
    )
    .await
}

/// A new offer from `sharer` to share rights: its token.
pub async fn offer(app: &TestApp, sharer: &MemberSession) -> String {
    let r = app
        .call_member(sharer, Method::POST, "/api/member/share-offers", None)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["token"].as_str().expect("token").to_owned()
}
