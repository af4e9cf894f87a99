//! The member club engine over HTTP (and the ledger through the library), on SQLite and
//! PostgreSQL: member tokens and sessions, CSRF, sign-in, quizzes, votes, invites, rights sharing,
//! points expiry and caps, club settings, staff adjustments and the member profile.

mod common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use cradle_model::club::Expiry;
use cradle_model::ClubSettings;
use cradle_server::auth::Role;
use cradle_server::club::day;
use cradle_server::club::ledger::{self, Entry};
use cradle_server::club::token::ProfileClaims;
use cradle_server::store::now_ms;
use cradle_server::{router, AppState, Config};
use serde_json::{json, Value};

const DAY_MS: i64 = 24 * 3600 * 1000;

/// Publishes `/c/{slug}` with a sign-in calendar (5 a day, +10 on day 3, +50 on day 7), a
/// two-question quiz (answers 2 then 1, 20 points) and a vote (3 options, 2 votes a day).
async fn publish_club_page(app: &common::TestApp, staff: &common::Session, slug: &str) {
    let r = app
        .call(
            staff,
            Method::POST,
            "/api/documents",
            Some(json!({"title": "Club", "slug": slug, "template": "blank"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let created = r.json();
    let id = created["id"].as_str().unwrap().to_owned();
    let mut doc = created["document"].clone();
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
    let path = format!("/api/documents/{id}");
    let r = app
        .call(
            staff,
            Method::PUT,
            &path,
            Some(json!({"version": 1, "document": doc})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = app
        .call(
            staff,
            Method::POST,
            &format!("{path}/publish"),
            Some(json!({"version": 2})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

async fn me(app: &common::TestApp, m: &common::MemberSession) -> Value {
    let r = app
        .call_member(m, Method::GET, "/api/member/me", None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

async fn balance(app: &common::TestApp, m: &common::MemberSession) -> i64 {
    ledger::balance(&app.db, &m.id).await.unwrap()
}

async fn put_settings(app: &common::TestApp, staff: &common::Session, club: &ClubSettings) {
    let r = app
        .call(staff, Method::PUT, "/api/club/settings", Some(json!(club)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

/// Earns `amount` through the library (as a points prize would).
async fn earn(app: &common::TestApp, m: &common::MemberSession, amount: i64, at: i64) {
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

async fn post(
    app: &common::TestApp,
    who: &common::MemberSession,
    path: &str,
    body: Value,
) -> common::TestResponse {
    app.call_member(who, Method::POST, path, Some(body)).await
}

fn sign_in_path(slug: &str) -> String {
    format!("/api/published/{slug}/blocks/sign/sign-in")
}

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

        let code = |r: common::TestResponse| (r.status, r.json()["error"]["code"].clone());
        let expired = app
            .member_token("Brand A", "m-1", ProfileClaims::default(), -1)
            .await;
        assert_eq!(
            code(app.open_member(&expired, None).await.unwrap_err()),
            (StatusCode::UNAUTHORIZED, json!("member_token_expired"))
        );
        // Claims changed without the secret.
        let (payload, signature) = token.split_once('.').unwrap();
        let mut claims: Value = serde_json::from_slice(&hex::decode(payload).unwrap()).unwrap();
        claims["member"] = json!("someone-else");
        let forged = format!("{}.{signature}", hex::encode(claims.to_string()));
        assert_eq!(
            code(app.open_member(&forged, None).await.unwrap_err()),
            (StatusCode::UNAUTHORIZED, json!("member_token_forged"))
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
            (StatusCode::UNAUTHORIZED, json!("member_token_forged"))
        );
        // A genuine Brand B token on Brand A's page.
        assert_eq!(
            code(app.open_member(&b_token, Some("club-a")).await.unwrap_err()),
            (StatusCode::FORBIDDEN, json!("member_token_wrong_workspace"))
        );
        assert_eq!(
            code(app.open_member("not-a-token", None).await.unwrap_err()),
            (StatusCode::UNAUTHORIZED, json!("member_token_invalid"))
        );

        // No cookie, or a made-up one.
        let r = app.get("/api/member/me").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.json()["error"]["code"], "member_unauthorized");
        let fake = common::MemberSession {
            cookie: "cradle_member=00".into(),
            ..first.clone()
        };
        let r = app
            .call_member(&fake, Method::GET, "/api/member/me", None)
            .await;
        assert_eq!(r.json()["error"]["code"], "member_unauthorized");
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
    assert_eq!(r.json()["error"]["code"], "csrf");
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
    assert_eq!(r.json()["error"]["code"], "csrf");
    assert_eq!(balance(app, &m).await, 0);
    // GET needs no header.
    let r = app
        .call_member(&missing, Method::GET, "/api/member/me", None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
});

dual_test!(sign_in_once_a_day_with_streak_rewards, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    publish_club_page(app, &staff, "club").await;
    let m = app.member("Brand", "m-1").await;
    let r = app
        .call_member(&m, Method::POST, &sign_in_path("club"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let first = r.json();
    assert_eq!(first["already_signed_in"], false);
    assert_eq!(
        (first["streak"].clone(), first["points"].clone()),
        (json!(1), json!(5))
    );
    assert_eq!(first["balance"], 5);
    let today = day::local_day(day::zone("Asia/Shanghai"), now_ms());
    assert_eq!(first["day"], today.to_string());

    let r = app
        .call_member(&m, Method::POST, &sign_in_path("club"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let second = r.json();
    assert_eq!(second["already_signed_in"], true);
    assert_eq!(second["points"], 0);
    assert_eq!(second["streak"], 1);
    assert_eq!(balance(app, &m).await, 5);

    // Signed in the last two days: today is day 3 of the streak (5 + 10).
    let n = app.member("Brand", "m-2").await;
    for (days_ago, streak) in [(2, 1), (1, 2)] {
        sqlx::query(
            "INSERT INTO sign_ins (member_id, day, streak, points, document_id, created_at) \
                     SELECT $1, $2, $3, 5, document_id, $4 FROM live_pages WHERE slug = 'club'",
        )
        .bind(&n.id)
        .bind((today - Duration::days(days_ago)).to_string())
        .bind(streak)
        .bind(now_ms())
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    let r = app
        .call_member(&n, Method::POST, &sign_in_path("club"), None)
        .await;
    assert_eq!(
        (r.json()["streak"].clone(), r.json()["points"].clone()),
        (json!(3), json!(15))
    );

    // Not a sign-in block, or no such block.
    let r = app
        .call_member(
            &m,
            Method::POST,
            "/api/published/club/blocks/quiz/sign-in",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .call_member(
            &m,
            Method::POST,
            "/api/published/nope/blocks/sign/sign-in",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let ledger = me(app, &m).await["points"]["recent"].clone();
    assert_eq!(ledger.as_array().unwrap().len(), 1);
    assert_eq!(ledger[0]["kind"], "earn");
    assert_eq!(ledger[0]["reason"], "sign_in");
    assert_eq!(ledger[0]["amount"], 5);
});

dual_test!(fifty_parallel_sign_ins_reward_once, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    publish_club_page(app, &staff, "club").await;
    let m = app.member("Brand", "m-1").await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let router = app.router.clone();
        let m = m.clone();
        tasks.spawn(async move {
            use tower::ServiceExt;
            let request = axum::http::Request::post(sign_in_path("club"))
                .header("cookie", &m.cookie)
                .header("x-csrf-token", &m.csrf)
                .body(axum::body::Body::empty())
                .unwrap();
            let response = router.oneshot(request).await.unwrap();
            let status = response.status();
            let body = http_body_util::BodyExt::collect(response.into_body())
                .await
                .unwrap()
                .to_bytes();
            (status, serde_json::from_slice::<Value>(&body).unwrap())
        });
    }
    let mut rewarded = 0;
    while let Some(done) = tasks.join_next().await {
        let (status, body) = done.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
        if body["already_signed_in"] == false {
            rewarded += 1;
            assert_eq!(body["points"], 5);
        }
    }
    assert_eq!(rewarded, 1);
    assert_eq!(balance(app, &m).await, 5);
    let (entries,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM points_ledger WHERE member_id = $1")
            .bind(&m.id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(entries, 1);
});

dual_test!(quiz_is_checked_on_the_server_and_rewards_once, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    publish_club_page(app, &staff, "club").await;
    let m = app.member("Brand", "m-1").await;
    let path = "/api/published/club/blocks/quiz/quiz";
    let answer =
        |answers: Value| app.call_member(&m, Method::POST, path, Some(json!({"answers": answers})));
    let wrong = answer(json!([1, 1])).await.json();
    assert_eq!(wrong["correct"], json!([false, true]));
    assert_eq!(wrong["all_correct"], false);
    assert_eq!(wrong["points"], 0);
    let right = answer(json!([2, 1])).await.json();
    assert_eq!(right["all_correct"], true);
    assert_eq!(right["points"], 20);
    assert_eq!(right["already_rewarded"], false);
    let again = answer(json!([2, 1])).await.json();
    assert_eq!(again["already_rewarded"], true);
    assert_eq!(again["points"], 0);
    assert_eq!(balance(app, &m).await, 20);
    let r = answer(json!([2])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["code"], "invalid_answers");
    assert_eq!(r.json()["error"]["details"][0]["path"], "/answers");
    let r = answer(json!([2, 4])).await;
    assert_eq!(r.json()["error"]["details"][0]["path"], "/answers/1");
    // The page members get still hides the answers.
    let live = app.get("/api/published/club").await.text();
    assert!(!live.contains("\"answer\""));
});

dual_test!(votes_are_limited_per_day_and_counted_per_option, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    publish_club_page(app, &staff, "club").await;
    let m = app.member("Brand", "m-1").await;
    let n = app.member("Brand", "m-2").await;
    let path = "/api/published/club/blocks/vote/vote";
    let r = post(app, &m, path, json!({"option": 1})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["counts"], json!([1, 0, 0]));
    assert_eq!(r.json()["votes_left_today"], 1);
    assert_eq!(
        post(app, &m, path, json!({"option": 3})).await.json()["counts"],
        json!([1, 0, 1])
    );
    let r = post(app, &m, path, json!({"option": 2})).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.json()["error"]["code"], "vote_limit");
    assert_eq!(
        post(app, &n, path, json!({"option": 3})).await.json()["counts"],
        json!([1, 0, 2])
    );
    let r = post(app, &n, path, json!({"option": 4})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["details"][0]["path"], "/option");
    let counts = app
        .call_member(
            &m,
            Method::GET,
            "/api/published/club/blocks/vote/votes",
            None,
        )
        .await
        .json();
    assert_eq!(counts, json!({"counts": [1, 0, 2], "votes_left_today": 0}));
});

dual_test!(members_act_only_on_their_own_workspace_pages, |app| {
    let staff = app.user("e@brand-a.com", Role::Editor, "Brand A").await;
    app.user("e@brand-b.com", Role::Editor, "Brand B").await;
    publish_club_page(app, &staff, "club-a").await;
    let outsider = app.member("Brand B", "m-1").await;
    for path in [
        sign_in_path("club-a"),
        "/api/published/club-a/blocks/vote/vote".into(),
        "/api/published/club-a/share".into(),
    ] {
        let r = app
            .call_member(&outsider, Method::POST, &path, Some(json!({"option": 1})))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    let r = app
        .call_member(
            &outsider,
            Method::GET,
            "/api/published/club-a/blocks/vote/votes",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
});

dual_test!(invites_reward_the_inviter_and_refuse_abuse, |app| {
    app.user("e@brand.com", Role::Editor, "Brand").await;
    let inviter = app.member("Brand", "inviter").await;
    let code = |r: common::TestResponse| (r.status, r.json()["error"]["code"].clone());

    // A member who existed before this session.
    let old_token = app
        .member_token("Brand", "old", ProfileClaims::default(), 1)
        .await;
    app.open_member(&old_token, None).await.unwrap();
    let old = app.open_member(&old_token, None).await.unwrap();
    assert_eq!(
        code(
            post(
                app,
                &old,
                "/api/member/invite",
                json!({"code": &inviter.code})
            )
            .await
        ),
        (StatusCode::CONFLICT, json!("invite_not_new"))
    );
    assert_eq!(
        code(
            post(
                app,
                &inviter,
                "/api/member/invite",
                json!({"code": &inviter.code})
            )
            .await
        ),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("self_invite"))
    );
    assert_eq!(
        code(post(app, &inviter, "/api/member/invite", json!({"code": "nope"})).await),
        (StatusCode::NOT_FOUND, json!("invite_not_found"))
    );

    let newcomer = app.member("Brand", "newcomer").await;
    let r = post(
        app,
        &newcomer,
        "/api/member/invite",
        json!({"code": &inviter.code}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["inviter_reward"], 100);
    assert_eq!(balance(app, &inviter).await, 100);
    assert_eq!(
        code(
            post(
                app,
                &newcomer,
                "/api/member/invite",
                json!({"code": &inviter.code})
            )
            .await
        ),
        (StatusCode::CONFLICT, json!("already_invited"))
    );

    // The inviter (still in the session that created them) cannot join through the newcomer:
    // that would be a circle.
    assert_eq!(
        code(
            post(
                app,
                &inviter,
                "/api/member/invite",
                json!({"code": &newcomer.code})
            )
            .await
        ),
        (StatusCode::CONFLICT, json!("invite_loop"))
    );
    // Nor through someone the newcomer invited.
    let third = app.member("Brand", "third").await;
    assert_eq!(
        post(
            app,
            &third,
            "/api/member/invite",
            json!({"code": &newcomer.code})
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        code(
            post(
                app,
                &inviter,
                "/api/member/invite",
                json!({"code": &third.code})
            )
            .await
        ),
        (StatusCode::CONFLICT, json!("invite_loop"))
    );
    assert_eq!(balance(app, &inviter).await, 100);
    assert_eq!(balance(app, &newcomer).await, 100);

    // Codes are per workspace.
    app.user("e@other.com", Role::Editor, "Other").await;
    let elsewhere = app.member("Other", "x").await;
    assert_eq!(
        code(
            post(
                app,
                &elsewhere,
                "/api/member/invite",
                json!({"code": &inviter.code})
            )
            .await
        ),
        (StatusCode::NOT_FOUND, json!("invite_not_found"))
    );
});

dual_test!(
    rights_sharing_passes_benefits_one_level_and_quarter_points,
    |app| {
        let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
        let mut club = ClubSettings::default();
        for tier in &mut club.tiers {
            tier.benefits = vec![format!("{} gift", tier.id)];
        }
        put_settings(app, &staff, &club).await;
        let a = app.member("Brand", "a").await;
        let b = app.member("Brand", "b").await;
        let c = app.member("Brand", "c").await;
        app.grant_points(&a, 30_000).await; // diamond
        app.grant_points(&b, 600).await; // bronze
        let r = post(app, &a, "/api/member/shares", json!({"code": b.code})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(
            post(app, &b, "/api/member/shares", json!({"code": c.code}))
                .await
                .status,
            StatusCode::CREATED
        );

        // Rule 1: B enjoys diamond rights, B's tier stays bronze.
        let profile = me(app, &b).await;
        assert_eq!(profile["tier"]["id"], "bronze");
        assert_eq!(profile["tier"]["rank"], 1);
        assert_eq!(profile["benefits"]["tier"]["id"], "diamond");
        assert_eq!(profile["benefits"]["benefits"], json!(["diamond gift"]));
        assert_eq!(profile["benefits"]["shared_by"], json!(a.code));
        // Rule 2: C gets B's own bronze rights, never A's.
        let profile = me(app, &c).await;
        assert_eq!(profile["tier"]["id"], "fan");
        assert_eq!(profile["benefits"]["tier"]["id"], "bronze");
        assert_eq!(profile["benefits"]["benefits"], json!(["bronze gift"]));
        // A's own profile is untouched.
        assert_eq!(me(app, &a).await["benefits"]["tier"]["id"], "diamond");

        // Rule 3: B earns 1, 1, 1, 1 → A gets 1 point after the fourth.
        let a_before = balance(app, &a).await;
        for i in 1..=4 {
            earn(app, &b, 1, now_ms()).await;
            let expected = if i < 4 { 0 } else { 1 };
            assert_eq!(
                balance(app, &a).await - a_before,
                expected,
                "after B's earning #{i}"
            );
        }
        // 10 more → 2.5 more: 2 paid, the half carried.
        earn(app, &b, 10, now_ms()).await;
        assert_eq!(balance(app, &a).await - a_before, 3);
        // C's earnings credit B, and do not cascade to A.
        earn(app, &c, 8, now_ms()).await;
        assert_eq!(balance(app, &b).await, 600 + 14 + 2);
        assert_eq!(balance(app, &a).await - a_before, 3);
        let recent = me(app, &a).await["points"]["recent"].clone();
        assert_eq!(recent[0]["reason"], "rights_sharing");

        let code = |r: common::TestResponse| (r.status, r.json()["error"]["code"].clone());
        assert_eq!(
            code(post(app, &a, "/api/member/shares", json!({"code": a.code})).await),
            (StatusCode::UNPROCESSABLE_ENTITY, json!("self_share"))
        );
        // B already receives A's rights.
        let d = app.member("Brand", "d").await;
        assert_eq!(
            code(post(app, &d, "/api/member/shares", json!({"code": b.code})).await),
            (StatusCode::CONFLICT, json!("already_shared"))
        );
        // B shares with C, so C sharing back would be a circle.
        assert_eq!(
            code(post(app, &c, "/api/member/shares", json!({"code": b.code})).await),
            (StatusCode::CONFLICT, json!("share_loop"))
        );
        assert_eq!(
            code(post(app, &b, "/api/member/shares", json!({"code": a.code})).await),
            (StatusCode::CONFLICT, json!("share_loop"))
        );
        let r = app
            .call_member(
                &a,
                Method::POST,
                "/api/member/shares",
                Some(json!({"code": "nobody"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
);

dual_test!(points_expire_lazily_oldest_first, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    let mut club = ClubSettings::default();
    club.points.expiry = Expiry::AfterDays(1);
    put_settings(app, &staff, &club).await;
    let m = app.member("Brand", "m-1").await;
    let now = now_ms();
    earn(app, &m, 100, now - 3 * DAY_MS).await; // lapsed 2 days ago
    let mut conn = app.db.pool.acquire().await.unwrap();
    let spend = |amount: i64, at: i64| Entry {
        workspace_id: &m.workspace_id,
        member_id: &m.id,
        amount,
        reason: "redeem",
        source: "test",
        now_ms: at,
    };
    assert!(ledger::spend(&mut conn, &spend(30, now - 5 * DAY_MS / 2))
        .await
        .unwrap());
    earn(app, &m, 50, now - DAY_MS / 2).await; // still valid for half a day
                                               // The 70 unspent points of the first lot lapsed; the 50 of the second remain.
    assert_eq!(balance(app, &m).await, 50);
    assert!(!ledger::spend(&mut conn, &spend(60, now)).await.unwrap());
    assert_eq!(balance(app, &m).await, 50, "a refused spend writes nothing");
    let profile = me(app, &m).await;
    let recent = profile["points"]["recent"].as_array().unwrap().clone();
    let expired: Vec<&Value> = recent.iter().filter(|e| e["kind"] == "expire").collect();
    assert_eq!(expired.len(), 1, "applied once: {recent:?}");
    assert_eq!(expired[0]["amount"], -70);
    // Growth counts everything earned; expiry and spending never lower it.
    assert_eq!(profile["points"]["growth"], 150);
    assert!(ledger::spend(&mut conn, &spend(50, now)).await.unwrap());
    assert_eq!(me(app, &m).await["points"]["growth"], 150);
    assert_eq!(balance(app, &m).await, 0);
});

dual_test!(concurrent_spends_never_overdraw, |app| {
    app.user("e@brand.com", Role::Editor, "Brand").await;
    let m = app.member("Brand", "m-1").await;
    app.grant_points(&m, 100).await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..25 {
        let db = app.db.clone();
        let m = m.clone();
        tasks.spawn(async move {
            let mut tx = db.pool.begin().await.unwrap();
            let entry = Entry {
                workspace_id: &m.workspace_id,
                member_id: &m.id,
                amount: 10,
                reason: "draw",
                source: "test",
                now_ms: now_ms(),
            };
            let spent = ledger::spend(&mut tx, &entry).await.unwrap();
            tx.commit().await.unwrap();
            spent
        });
    }
    let mut spent = 0;
    while let Some(done) = tasks.join_next().await {
        spent += i64::from(done.unwrap());
    }
    assert_eq!(spent, 10);
    assert_eq!(balance(app, &m).await, 0);
});

dual_test!(interaction_points_are_capped_per_day, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    let mut club = ClubSettings::default();
    club.points.daily_interaction_cap = 12;
    club.points.share_points = 5;
    put_settings(app, &staff, &club).await;
    publish_club_page(app, &staff, "club").await;
    let m = app.member("Brand", "m-1").await;
    let mut credited = Vec::new();
    for _ in 0..4 {
        let r = app
            .call_member(&m, Method::POST, "/api/published/club/share", None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        credited.push(r.json()["points"].as_i64().unwrap());
    }
    assert_eq!(credited, [5, 5, 2, 0]);
    // Non-interaction earnings (a prize) are not capped.
    earn(app, &m, 100, now_ms()).await;
    assert_eq!(balance(app, &m).await, 112);
    // Another day has its own cap.
    let mut conn = app.db.pool.acquire().await.unwrap();
    let entry = Entry {
        workspace_id: &m.workspace_id,
        member_id: &m.id,
        amount: 30,
        reason: "game",
        source: "test",
        now_ms: now_ms(),
    };
    let tomorrow = day::local_day(day::zone("Asia/Shanghai"), now_ms()) + Duration::days(1);
    assert_eq!(
        ledger::earn_interaction(&mut conn, &entry, 12, tomorrow)
            .await
            .unwrap(),
        12
    );
});

dual_test!(club_settings_need_roles_and_valid_ladders, |app| {
    let editor = app.user("e@brand.com", Role::Editor, "Brand").await;
    let viewer = app.user("v@brand.com", Role::Viewer, "Brand").await;
    let clerk = app.user("c@brand.com", Role::Clerk, "Brand").await;
    let other = app.user("o@other.com", Role::Owner, "Other").await;
    let r = app
        .call(&viewer, Method::GET, "/api/club/settings", None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!(ClubSettings::default()));
    assert_eq!(
        app.call(&clerk, Method::GET, "/api/club/settings", None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut club = ClubSettings::default();
    club.tiers[1].threshold = 800;
    let r = app
        .call(
            &viewer,
            Method::PUT,
            "/api/club/settings",
            Some(json!(club)),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    put_settings(app, &editor, &club).await;
    let r = app
        .call(&viewer, Method::GET, "/api/club/settings", None)
        .await;
    assert_eq!(r.json()["tiers"][1]["threshold"], 800);
    // Other workspaces keep their own (default) ladder.
    let r = app
        .call(&other, Method::GET, "/api/club/settings", None)
        .await;
    assert_eq!(r.json()["tiers"][1]["threshold"], 500);

    let mut bad = club.clone();
    bad.tiers[2].threshold = 800;
    let r = app
        .call(&editor, Method::PUT, "/api/club/settings", Some(json!(bad)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["code"], "invalid_settings");
    assert_eq!(
        r.json()["error"]["details"][0]["path"],
        "/tiers/2/threshold"
    );
    let mut bad = club.clone();
    bad.tiers[0].threshold = 1;
    let r = app
        .call(&editor, Method::PUT, "/api/club/settings", Some(json!(bad)))
        .await;
    assert_eq!(
        r.json()["error"]["details"][0]["path"],
        "/tiers/0/threshold"
    );
    let r = app
        .call(
            &editor,
            Method::PUT,
            "/api/club/settings",
            Some(json!({"tiers": 1})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Unchanged by the refused saves.
    let r = app
        .call(&viewer, Method::GET, "/api/club/settings", None)
        .await;
    assert_eq!(r.json()["tiers"][2]["threshold"], 2_000);
});

dual_test!(staff_adjust_points_and_tiers_survive_spending, |app| {
    let editor = app.user("e@brand.com", Role::Editor, "Brand").await;
    let viewer = app.user("v@brand.com", Role::Viewer, "Brand").await;
    let other = app.user("o@other.com", Role::Owner, "Other").await;
    let m = app.member("Brand", "m-1").await;
    let path = format!("/api/members/{}/adjust", m.id);
    let r = app
        .call(
            &editor,
            Method::POST,
            &path,
            Some(json!({"amount": 600, "reason": "store purchase"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["balance"], 600);
    assert_eq!(me(app, &m).await["tier"]["id"], "bronze");
    let r = app
        .call(
            &editor,
            Method::POST,
            &path,
            Some(json!({"amount": -601, "reason": "correction"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["error"]["code"], "insufficient_points");
    assert_eq!(
        app.call(
            &editor,
            Method::POST,
            &path,
            Some(json!({"amount": -100, "reason": "correction"}))
        )
        .await
        .json()["balance"],
        500
    );
    let r = app
        .call(
            &editor,
            Method::POST,
            &path,
            Some(json!({"amount": 0, "reason": " "})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let paths: Vec<Value> = r.json()["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].clone())
        .collect();
    assert_eq!(paths, [json!("/amount"), json!("/reason")]);
    assert_eq!(
        app.call(
            &viewer,
            Method::POST,
            &path,
            Some(json!({"amount": 5, "reason": "x"}))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(
            &other,
            Method::POST,
            &path,
            Some(json!({"amount": 5, "reason": "x"}))
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // Spending everything keeps the tier: tiers are for life.
    let mut conn = app.db.pool.acquire().await.unwrap();
    let entry = Entry {
        workspace_id: &m.workspace_id,
        member_id: &m.id,
        amount: 500,
        reason: "redeem",
        source: "test",
        now_ms: now_ms(),
    };
    assert!(ledger::spend(&mut conn, &entry).await.unwrap());
    let profile = me(app, &m).await;
    assert_eq!(profile["points"]["balance"], 0);
    assert_eq!(profile["tier"]["id"], "bronze");
    let kinds: Vec<Value> = profile["points"]["recent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].clone())
        .collect();
    assert!(kinds.contains(&json!("adjust")) && kinds.contains(&json!("spend")));
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
        assert_eq!(r.json()["error"]["code"], "demo_members_off");
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
