//! Member interactions on a published club page: daily sign-in with streaks, quizzes checked on
//! the server, votes with daily limits, workspace isolation, and invites.

mod common;

use axum::http::{Method, StatusCode};
use chrono::Duration;
use common::club::{balance, earn, me, post, publish_club_page, put_settings, sign_in_path};
use cradle_model::ClubSettings;
use cradle_server::auth::Role;
use cradle_server::club::day;
use cradle_server::club::token::ProfileClaims;
use cradle_server::store::now_ms;
use serde_json::{json, Value};

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
            let request = axum::http::Request::post(sign_in_path("club"))
                .header("cookie", &m.cookie)
                .header("x-csrf-token", &m.csrf)
                .body(axum::body::Body::empty())
                .unwrap();
            let r = common::respond(router, request).await;
            (r.status, r.json())
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
    assert_eq!(
        right["answers"],
        json!([2, 1]),
        "the right answers, once answered"
    );
    let again = answer(json!([2, 1])).await.json();
    assert_eq!(again["already_rewarded"], true);
    assert_eq!(again["points"], 0);
    assert_eq!(balance(app, &m).await, 20);
    let r = answer(json!([2])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "invalid_answers");
    assert_eq!(r.json()["error"]["details"][0]["path"], "/answers");
    let r = answer(json!([2, 4])).await;
    assert_eq!(r.json()["error"]["details"][0]["path"], "/answers/1");
    // The page members get still hides the answers.
    let live = app.get("/api/published/club").await.text();
    assert!(!live.contains("\"answer\""));
});

// A quiz answered right once today's cap is used up credits nothing and keeps the reward: the
// member earns it when there is room again (here: the cap raised).
dual_test!(a_capped_quiz_reward_is_not_lost, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    let mut club = ClubSettings::default();
    club.points.daily_interaction_cap = 5;
    put_settings(app, &staff, &club).await;
    publish_club_page(app, &staff, "club").await;
    let m = app.member("Brand", "m-1").await;
    let r = app
        .call_member(&m, Method::POST, &sign_in_path("club"), None)
        .await;
    assert_eq!(r.json()["points"], 5, "the sign-in uses the day's cap");
    let path = "/api/published/club/blocks/quiz/quiz";
    let right = json!({"answers": [2, 1]});
    let capped = post(app, &m, path, right.clone()).await.json();
    assert_eq!(
        (capped["points"].clone(), capped["capped"].clone()),
        (json!(0), json!(true))
    );
    assert_eq!(capped["already_rewarded"], false);
    club.points.daily_interaction_cap = 50;
    put_settings(app, &staff, &club).await;
    let later = post(app, &m, path, right.clone()).await.json();
    assert_eq!(later["points"], 20, "{later}");
    assert_eq!(later["capped"], false);
    assert_eq!(
        post(app, &m, path, right).await.json()["already_rewarded"],
        true
    );
    assert_eq!(balance(app, &m).await, 25);
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
    assert_eq!(r.error_code(), "vote_limit");
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
    let code = |r: common::TestResponse| (r.status, r.error_code());

    // Not new to the club: a member who has points already, or who joined over a week ago.
    let old = app.member("Brand", "old").await;
    earn(app, &old, 5, now_ms()).await;
    let early = app.member("Brand", "early").await;
    sqlx::query("UPDATE members SET created_at = created_at - $1 WHERE id = $2")
        .bind(8 * 24 * 3600 * 1000_i64)
        .bind(&early.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    for m in [&old, &early] {
        let r = post(app, m, "/api/member/invite", json!({"code": &inviter.code})).await;
        assert_eq!(code(r), (StatusCode::CONFLICT, "invite_not_new".into()));
    }
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
        (StatusCode::UNPROCESSABLE_ENTITY, "self_invite".into())
    );
    assert_eq!(
        code(post(app, &inviter, "/api/member/invite", json!({"code": "nope"})).await),
        (StatusCode::NOT_FOUND, "invite_not_found".into())
    );

    // A newcomer who opens the invite in a second session (another phone) is still new.
    let token = app
        .member_token("Brand", "newcomer", ProfileClaims::default(), 1)
        .await;
    app.open_member(&token, None).await.unwrap();
    let newcomer = app.open_member(&token, None).await.unwrap();
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
        (StatusCode::CONFLICT, "already_invited".into())
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
        (StatusCode::CONFLICT, "invite_loop".into())
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
        (StatusCode::CONFLICT, "invite_loop".into())
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
        (StatusCode::NOT_FOUND, "invite_not_found".into())
    );
});

dual_test!(the_time_zone_decides_where_days_start, |app| {
    let editor = app.user("e@brand.com", Role::Editor, "Brand").await;
    let viewer = app.user("v@brand.com", Role::Viewer, "Brand").await;
    publish_club_page(app, &editor, "club").await;
    let put = |zone: &str| json!({ "time_zone": zone });
    // UTC-11 and UTC+14 are 25 hours apart: at any moment their dates differ.
    let r = app
        .call(
            &editor,
            Method::PUT,
            "/api/workspace/time-zone",
            Some(put("Pacific/Pago_Pago")),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let m = app.member("Brand", "m-1").await;
    let sign_in = || async {
        let r = app
            .call_member(&m, Method::POST, &sign_in_path("club"), None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        r.json()
    };
    let first = sign_in().await;
    assert_eq!(first["already_signed_in"], false);
    let behind = day::local_day(day::zone("Pacific/Pago_Pago"), now_ms());
    assert_eq!(first["day"], behind.to_string());
    assert_eq!(sign_in().await["already_signed_in"], true);

    let r = app
        .call(
            &editor,
            Method::PUT,
            "/api/workspace/time-zone",
            Some(put("Pacific/Kiritimati")),
        )
        .await;
    assert_eq!(r.json()["time_zone"], "Pacific/Kiritimati");
    let moved = sign_in().await;
    assert_eq!(
        moved["already_signed_in"], false,
        "a new day in the new zone"
    );
    assert_ne!(moved["day"], first["day"]);
    let r = app.call(&editor, Method::GET, "/api/auth/me", None).await;
    assert_eq!(r.json()["workspace"]["time_zone"], "Pacific/Kiritimati");

    // Not a zone: the field is named; a viewer may not change it; nothing changed.
    let r = app
        .call(
            &editor,
            Method::PUT,
            "/api/workspace/time-zone",
            Some(put("Mars/Olympus")),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["details"][0]["path"], "/time_zone");
    let r = app
        .call(
            &viewer,
            Method::PUT,
            "/api/workspace/time-zone",
            Some(put("UTC")),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.call(&editor, Method::GET, "/api/auth/me", None).await;
    assert_eq!(r.json()["workspace"]["time_zone"], "Pacific/Kiritimati");
});
