//! Member tokens and sessions: signed tokens (expired, forged, wrong workspace), the member
//! cookie, the CSRF header on member posts, the member profile and demo members.

mod common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use common::club::{balance, me, publish_club_page, sign_in_path};
use cradle_server::auth::Role;
use cradle_server::club::day;
use cradle_server::club::token::ProfileClaims;
use cradle_server::store::now_ms;
use cradle_server::{router, AppState, Config};
use serde_json::{json, Value};

dual_test!(
    member_tokens_open_sessions_and_bad_ones_are_refused,
    |app| {
        let staff = app.user("e@brand-a.com", Role::Editor, "Brand A").await;
        app.user("e@brand-b.com", Role::Editor, "Brand B").await;
        publish_club_page(app, &staff, "club-a").await;

        let profile = ProfileClaims {
            tags: vec!["vip".into()],
            ..ProfileClaims::default()
        };
        let token = app.member_token("Brand A", "m-1", profile, 1).await;
        let body = json!({"token": token, "slug": "club-a"}).to_string();
        let r = app
            .send_raw(
                Method::POST,
                "/api/member/session",
                "application/json",
                body,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let cookie = r.header("set-cookie").unwrap();
        assert!(cookie.starts_with("cradle_member="), "{cookie}");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        let first = common::member_session(&r);
        assert_eq!(r.json()["member"]["joined"], true);
        assert_eq!(me(app, &first).await["profile"]["tags"], json!(["vip"]));

        // Same member again: not a new member, profile refreshed from the new token.
        let refreshed = ProfileClaims {
            tags: vec!["new-tag".into()],
            ..ProfileClaims::default()
        };
        let token = app.member_token("Brand A", "m-1", refreshed, 1).await;
        let again = app.open_member(&token, Some("club-a")).await.unwrap();
        assert_eq!(again.id, first.id);
        let profile = me(app, &again).await;
        assert_eq!(profile["profile"]["tags"], json!(["new-tag"]));
        assert_eq!(profile["member"]["joined"], false);

        let code = |r: common::TestResponse| (r.status, r.error_code());
        let expired = app
            .member_token("Brand A", "m-1", ProfileClaims::default(), -1)
            .await;
        assert_eq!(
            code(app.open_member(&expired, None).await.unwrap_err()),
            (StatusCode::UNAUTHORIZED, "member_token_expired".into())
        );
        // Claims changed without the secret.
        let (payload, signature) = token.split_once('.').unwrap();
        let mut claims: Value = serde_json::from_slice(&hex::decode(payload).unwrap()).unwrap();
        claims["member"] = json!("someone-else");
        let forged = format!("{}.{signature}", hex::encode(claims.to_string()));
        assert_eq!(
            code(app.open_member(&forged, None).await.unwrap_err()),
            (StatusCode::UNAUTHORIZED, "member_token_forged".into())
        );
        // Brand B's secret signing a token that claims Brand A.
        let b_token = app
            .member_token("Brand B", "m-1", ProfileClaims::default(), 1)
            .await;
        let (b_payload, b_signature) = b_token.split_once('.').unwrap();
        let mut b_claims: Value = serde_json::from_slice(&hex::decode(b_payload).unwrap()).unwrap();
        b_claims["workspace_id"] = json!(first.workspace_id);
        let cross = format!("{}.{b_signature}", hex::encode(b_claims.to_string()));
        assert_eq!(
            code(app.open_member(&cross, None).await.unwrap_err()),
            (StatusCode::UNAUTHORIZED, "member_token_forged".into())
        );
        // A genuine Brand B token on Brand A's page.
        assert_eq!(
            code(app.open_member(&b_token, Some("club-a")).await.unwrap_err()),
            (StatusCode::FORBIDDEN, "member_token_wrong_workspace".into())
        );
        assert_eq!(
            code(app.open_member("not-a-token", None).await.unwrap_err()),
            (StatusCode::UNAUTHORIZED, "member_token_invalid".into())
        );

        // No cookie, or a made-up one.
        let r = app.get("/api/member/me").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.error_code(), "member_unauthorized");
        let fake = common::MemberSession {
            cookie: "cradle_member=00".into(),
            ..first.clone()
        };
        let r = app
            .call_member(&fake, Method::GET, "/api/member/me", None)
            .await;
        assert_eq!(r.error_code(), "member_unauthorized");
        // A staff session is not a member session.
        let r = app.call(&staff, Method::GET, "/api/member/me", None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
);

dual_test!(member_posts_need_the_csrf_header, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    publish_club_page(app, &staff, "club").await;
    let m = app.member("Brand", "m-1").await;
    let missing = common::MemberSession {
        csrf: String::new(),
        ..m.clone()
    };
    let r = app
        .call_member(&missing, Method::POST, &sign_in_path("club"), None)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error_code(), "csrf");
    let wrong = common::MemberSession {
        csrf: "0".repeat(32),
        ..m.clone()
    };
    let r = app
        .call_member(
            &wrong,
            Method::POST,
            "/api/member/invite",
            Some(json!({"code": "x"})),
        )
        .await;
    assert_eq!(r.error_code(), "csrf");
    assert_eq!(balance(app, &m).await, 0);
    // GET needs no header.
    let r = app
        .call_member(&missing, Method::GET, "/api/member/me", None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
});

dual_test!(
    profile_shows_stage_and_demo_mode_opens_a_demo_member,
    |app| {
        let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
        publish_club_page(app, &staff, "club").await;
        let today = day::local_day(day::zone("Asia/Shanghai"), now_ms());
        let profile = ProfileClaims {
            baby_birth_date: Some(today - Duration::days(200)),
            ..ProfileClaims::default()
        };
        let token = app.member_token("Brand", "mum", profile, 1).await;
        let m = app.open_member(&token, Some("club")).await.unwrap();
        let profile = me(app, &m).await;
        assert_eq!(profile["stage"], "infant");
        assert_eq!(
            profile["tier"],
            json!({"id": "fan", "name": "粉丝 Fan", "rank": 0})
        );
        assert_eq!(profile["points"]["balance"], 0);
        assert_eq!(profile["member"]["external_id"], "mum");

        // Demo mode is off unless the server is started with it.
        let body = json!({"slug": "club"}).to_string();
        let r = app
            .send_raw(
                Method::POST,
                "/api/member/demo",
                "application/json",
                body.clone(),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.error_code(), "demo_members_off");
        let demo_router = router(AppState::new(
            app.db.clone(),
            Config {
                demo_members: true,
                ..Config::default()
            },
        ));
        let demo = |body: String| {
            let request = axum::http::Request::post("/api/member/demo")
                .header("content-type", "application/json")
                .body(axum::body::Body::from(body))
                .unwrap();
            common::respond(demo_router.clone(), request)
        };
        let r = demo(body).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let member = common::member_session(&r);
        assert_eq!(member.external_id, "demo");
        assert_eq!(me(app, &member).await["stage"], "mid_pregnancy");
        let r = demo(json!({"slug": "nope"}).to_string()).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
);
