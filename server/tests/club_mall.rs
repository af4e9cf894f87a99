//! The club comes alive, over HTTP on both databases: the points mall (atomic, idempotent, never
//! oversold), rights sharing only by consent, task progress and medals drawn for the member, and
//! a clerk redeeming a mall code once.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::club::{balance, offer, post, share};
use common::{MemberSession, Session, TestApp, TestResponse};
use cradle_server::auth::Role;
use serde_json::json;

/// Publishes `/c/{slug}` with a points mall (`mall`: a 300-point teether, one left; 50-point
/// wipes, plenty), tasks, a medals wall, a sign-in calendar, a rights-sharing card and a coupon
/// list (one new-member coupon left).
async fn publish_mall(app: &TestApp, staff: &Session, slug: &str) {
    let mut page = app.create_page(staff, "会员商城", slug, "blank").await;
    let doc = &mut page.document;
    doc["language"] = json!("zh-CN");
    doc["blocks"]["mall"] = json!({"id": "mall", "kind": "redemption_grid", "version": 2, "props": {
        "title": "积分兑好礼", "columns": 2, "items": [
            {"name": "牙胶", "image": "", "alt": "", "points": 300, "stock": 1, "valid_days": 30},
            {"name": "湿巾", "image": "", "alt": "", "points": 50, "stock": 100, "valid_days": 7}]}});
    doc["blocks"]["tasks"] = json!({"id": "tasks", "kind": "tasks", "version": 2, "props": {
        "title": "做任务", "tasks": [
            {"name": "连续签到 7 天", "points": 5, "action": "sign_in", "target": 7, "url": ""},
            {"name": "积分兑换一次", "points": 0, "action": "visit", "target": 1, "url": "/c/help"},
            {"name": "邀请一位好友", "points": 100, "action": "invite", "target": 1, "url": ""}]}});
    doc["blocks"]["medals"] = json!({"id": "medals", "kind": "medals_wall", "version": 2, "props": {
        "title": "我的勋章", "medals": [
            {"name": "初来乍到", "image": "", "alt": "", "description": "第一次签到", "rule": "first_sign_in"},
            {"name": "兑换达人", "image": "", "alt": "", "description": "第一次兑换", "rule": "first_redeem"}]}});
    doc["blocks"]["sign"] = json!({"id": "sign", "kind": "sign_in_calendar", "props": {
        "title": "签到", "daily_points": 5, "rewards": [], "streak_days": 7, "streak_bonus": 0}});
    doc["blocks"]["share"] = json!({"id": "share", "kind": "rights_share_card", "props": {
        "title": "权益共享", "description": "家人也能享受你的会员等级权益。", "button_label": "邀请家人"}});
    doc["blocks"]["coupons"] = json!({"id": "coupons", "kind": "coupon_list", "version": 2, "props": {
        "title": "专属优惠券", "coupons": [
            {"name": "新人券", "value": "¥20", "condition": "满 99 元可用", "stock": 1, "valid_days": 14}]}});
    let main = doc["blocks"]["page"]["slots"]["main"]
        .as_array_mut()
        .unwrap();
    main.extend(["mall", "tasks", "medals", "sign", "share", "coupons"].map(|id| json!(id)));
    app.save_draft(staff, &mut page).await;
    let r = app.publish(staff, &page, json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

/// Redeems item `item` of the mall on `/c/{slug}` with idempotency key `key`.
async fn redeem(
    app: &TestApp,
    m: &MemberSession,
    slug: &str,
    item: u32,
    key: &str,
) -> TestResponse {
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!("/api/published/{slug}/blocks/mall/redeem"))
        .header("cookie", &m.cookie)
        .header("x-csrf-token", &m.csrf)
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(json!({ "item": item }).to_string()))
        .unwrap();
    app.send(request).await
}

async fn page(app: &TestApp, m: &MemberSession, slug: &str) -> String {
    app.call_member(m, Method::GET, &format!("/c/{slug}"), None)
        .await
        .text()
}

// A redemption spends, takes stock and issues a code at once; the same key replays it; too few
// points says how many are missing; the last unit goes to exactly one of many members; a clerk
// redeems the code once.
dual_test!(the_mall_spends_once_and_never_oversells, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    publish_mall(app, &owner, "mall").await;
    let mum = app.member("Brand", "mum").await;
    app.grant_points(&mum, 120).await;

    let html = page(app, &mum, "mall").await;
    assert!(
        html.contains("还差 180 积分") && html.contains("剩余 100 件"),
        "{html}"
    );
    let short = redeem(app, &mum, "mall", 0, "k-short").await;
    assert_eq!(short.status, StatusCode::CONFLICT, "{}", short.text());
    assert_eq!(short.error_code(), "insufficient_points");
    assert_eq!(short.json()["error"]["details"]["missing"], 180);
    assert_eq!(balance(app, &mum).await, 120, "nothing spent");

    let first = redeem(app, &mum, "mall", 1, "k-1").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let body = first.json();
    assert_eq!(
        (
            body["item"].clone(),
            body["points"].clone(),
            body["balance"].clone()
        ),
        (json!("湿巾"), json!(50), json!(70))
    );
    let code = body["code"].as_str().unwrap().to_owned();
    let again = redeem(app, &mum, "mall", 1, "k-1").await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        again.json()["code"],
        json!(code),
        "the same key, the same code"
    );
    assert_eq!(balance(app, &mum).await, 70, "spent once");
    let html = page(app, &mum, "mall").await;
    assert!(
        html.contains(&code) && html.contains("我的兑换码"),
        "her code on the page"
    );
    assert!(html.contains("剩余 99 件") && html.contains("兑换达人"));
    let qr = html
        .find("class=\"cradle-code__qr\"")
        .map(|i| &html[i.saturating_sub(40)..i + 300]);
    assert!(
        qr.is_some_and(|q| q.contains("<svg") && q.contains("QR ")),
        "with its QR: {qr:?}"
    );

    let bad = redeem(app, &mum, "mall", 9, "k-9").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["error"]["details"][0]["path"], "/item");
    let keyless = post(
        app,
        &mum,
        "/api/published/mall/blocks/mall/redeem",
        json!({"item": 1}),
    )
    .await;
    assert_eq!(keyless.error_code(), "idempotency_key_required");

    // Eight members with enough points race for the one teether, each tapping twice.
    let crowd = app.many_members("Brand", 8).await;
    for m in &crowd {
        app.grant_points(m, 300).await;
    }
    let mut racing = tokio::task::JoinSet::new();
    for (i, m) in crowd.iter().enumerate() {
        for _ in 0..2 {
            let (router, m) = (app.router.clone(), m.clone());
            racing.spawn(async move {
                let request = Request::builder()
                    .method(Method::POST)
                    .uri("/api/published/mall/blocks/mall/redeem")
                    .header("cookie", &m.cookie)
                    .header("x-csrf-token", &m.csrf)
                    .header("content-type", "application/json")
                    .header("idempotency-key", format!("race-{i}"))
                    .body(Body::from(r#"{"item":0}"#))
                    .unwrap();
                let r = common::respond(router, request).await;
                let code = (r.status == StatusCode::CONFLICT).then(|| r.error_code());
                (m.id.clone(), r.status, code)
            });
        }
    }
    let mut won = std::collections::HashSet::new();
    while let Some(done) = racing.join_next().await {
        let (member, status, code) = done.unwrap();
        match status {
            StatusCode::CREATED | StatusCode::OK => {
                won.insert(member);
            }
            StatusCode::CONFLICT => assert_eq!(code.as_deref(), Some("sold_out")),
            other => panic!("{other}: {code:?}"),
        }
    }
    assert_eq!(won.len(), 1, "one teether, one member");
    let mut spent = 0;
    for m in &crowd {
        spent += 300 - balance(app, m).await;
    }
    assert_eq!(spent, 300, "only the winner paid");
    assert!(page(app, &mum, "mall").await.contains("已兑完"));

    // The clerk redeems her code once.
    let clerk = app.user("clerk@brand.com", Role::Clerk, "Brand").await;
    let path = format!("/api/redemptions/{code}/redeem");
    let ok = app.call(&clerk, Method::POST, &path, None).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    assert_eq!(ok.json()["prize_name"], "湿巾");
    assert_eq!(ok.json()["member"], "mum");
    let twice = app.call(&clerk, Method::POST, &path, None).await;
    assert_eq!(twice.error_code(), "already_redeemed");
    assert!(page(app, &mum, "mall").await.contains("已使用"));
});

// Rights are shared only when the receiver accepts the sharer's offer; an offer works once;
// either side can end the sharing; the page draws the offer, the sharing and the bonus.
dual_test!(rights_are_shared_only_by_consent, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    publish_mall(app, &owner, "club").await;
    let (mum, gran, aunt) = (
        app.member("Brand", "mum").await,
        app.member("Brand", "gran").await,
        app.member("Brand", "aunt").await,
    );
    app.grant_points(&mum, 30_000).await;
    let token = offer(app, &mum).await;
    // Until gran accepts, nothing is shared.
    let before = page(app, &gran, &format!("club?share={token}")).await;
    assert!(
        before.contains(&format!("会员 {} 邀请您共享TA的钻石 Diamond权益", mum.code)),
        "{before}"
    );
    assert!(before.contains("接受共享"));
    assert_eq!(
        common::club::me(app, &gran).await["benefits"]["shared_by"],
        json!(null)
    );
    let r = post(app, &gran, "/api/member/shares", json!({ "token": token })).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // Used once: aunt cannot take it, and gran sees why on the page.
    let r = post(app, &aunt, "/api/member/shares", json!({ "token": token })).await;
    assert_eq!(
        (r.status, r.error_code()),
        (StatusCode::GONE, "offer_gone".into())
    );
    assert!(page(app, &aunt, &format!("club?share={token}"))
        .await
        .contains("已被使用或已过期"));
    let shared = page(app, &gran, "club").await;
    assert!(shared.contains(&format!("您正在享受会员 {} 共享的权益", mum.code)));
    // Gran earns 40 points: 10 to mum, shown on her card.
    common::club::earn(app, &gran, 40, cradle_server::store::now_ms()).await;
    let hers = page(app, &mum, "club").await;
    assert!(
        hers.contains(&format!("与会员 {} 共享中", gran.code))
            && hers.contains("共享已为您带来 10 积分"),
        "{hers}"
    );
    // An expired offer cannot be accepted.
    let late = offer(app, &mum).await;
    sqlx::query("UPDATE share_offers SET expires_at = 0 WHERE token = $1")
        .bind(&late)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let r = post(app, &aunt, "/api/member/shares", json!({ "token": late })).await;
    assert_eq!(r.error_code(), "offer_gone");
    // Gran ends it; then mum's next offer can be accepted by her again, and mum ends that one.
    let end = |who: &MemberSession, other: &MemberSession| {
        let path = format!("/api/member/shares/{}", other.code);
        let who = who.clone();
        async move {
            app.call_member(&who, Method::DELETE, &path, None)
                .await
                .status
        }
    };
    assert_eq!(end(&gran, &mum).await, StatusCode::NO_CONTENT);
    assert_eq!(end(&gran, &mum).await, StatusCode::NOT_FOUND);
    assert_eq!(
        common::club::me(app, &gran).await["benefits"]["shared_by"],
        json!(null)
    );
    assert_eq!(share(app, &mum, &gran).await.status, StatusCode::CREATED);
    assert_eq!(end(&mum, &gran).await, StatusCode::NO_CONTENT);
    assert_eq!(
        common::club::me(app, &gran).await["benefits"]["shared_by"],
        json!(null)
    );
});

// Task progress and medals are drawn from what she did: a sign-in starts the 7-day task and
// earns the first-sign-in medal, dated today; a friend joining completes the invite task.
dual_test!(tasks_and_medals_follow_what_she_did, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    publish_mall(app, &owner, "club").await;
    let mum = app.member("Brand", "mum").await;
    let html = page(app, &mum, "club").await;
    assert!(
        html.contains("0/7") && html.contains("未获得") && !html.contains("已完成"),
        "{html}"
    );
    assert!(html.contains("href=\"/c/help\""), "a visit task links");
    let r = app
        .call_member(
            &mum,
            Method::POST,
            "/api/published/club/blocks/sign/sign-in",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let html = page(app, &mum, "club").await;
    assert!(html.contains("1/7"), "{html}");
    assert!(
        html.contains(&format!("{today} 获得")),
        "the first-sign-in medal, dated"
    );
    // A friend joins through her invite: the invite task is done.
    let token = app
        .member_token("Brand", "friend", Default::default(), 1)
        .await;
    let friend = app.open_member(&token, None).await.unwrap();
    let r = post(
        app,
        &friend,
        "/api/member/invite",
        json!({ "code": mum.code }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(page(app, &mum, "club").await.contains("已完成"));
    // A visitor sees the tasks and medals, and no one's progress.
    let visitor = app.get("/c/club").await.text();
    assert!(
        visitor.contains("连续签到 7 天")
            && !visitor.contains("0/7")
            && !visitor.contains("未获得")
    );
});

// A coupon is claimed free, once per member: a second claim answers her code again; when the
// codes are gone, the next member is told so and the page says so.
dual_test!(a_coupon_is_claimed_once_per_member, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    publish_mall(app, &owner, "club").await;
    let (mum, aunt) = (
        app.member("Brand", "mum").await,
        app.member("Brand", "aunt").await,
    );
    let claim = |m: &MemberSession| {
        let m = m.clone();
        async move {
            post(
                app,
                &m,
                "/api/published/club/blocks/coupons/claim",
                json!({"item": 0}),
            )
            .await
        }
    };
    let first = claim(&mum).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    assert_eq!(first.json()["points"], 0);
    let again = claim(&mum).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        again.json()["code"],
        first.json()["code"],
        "once per member"
    );
    let late = claim(&aunt).await;
    assert_eq!(
        (late.status, late.error_code()),
        (StatusCode::CONFLICT, "sold_out".into())
    );
    let hers = page(app, &mum, "club").await;
    assert!(hers.contains("已领取") && hers.contains(first.json()["code"].as_str().unwrap()));
    assert!(page(app, &aunt, "club").await.contains("已兑完"));
    // A free coupon is no points-mall redemption: no medal for it.
    assert!(!hers.contains("cradle-medal--earned\""), "{hers}");
});
