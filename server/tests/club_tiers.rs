//! Tier ladders and rights sharing: who may change club settings, which ladders are valid, and
//! how a member's benefits and a quarter of the points pass one level down.

mod common;

use axum::http::{Method, StatusCode};
use common::club::{balance, earn, me, post, put_settings, share};
use cradle_model::ClubSettings;
use cradle_server::auth::Role;
use cradle_server::store::now_ms;
use serde_json::json;

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
    assert_eq!(r.error_code(), "invalid_settings");
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

dual_test!(every_save_is_kept_as_a_version, |app| {
    let owner = app.user("own@brand.com", Role::Owner, "Brand").await;
    let editor = app.user("ed@brand.com", Role::Editor, "Brand").await;
    let other = app.user("o@other.com", Role::Owner, "Other").await;
    let versions = |who| async move {
        let r = app
            .call(who, Method::GET, "/api/club/settings/versions", None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        r.json()
    };
    assert_eq!(versions(&owner).await, json!([]));
    let mut club = ClubSettings::default();
    club.tiers[3].threshold = 4_000;
    put_settings(app, &owner, &club).await;
    club.points.share_points = 8;
    put_settings(app, &editor, &club).await;
    // A refused save leaves no version.
    let mut bad = club.clone();
    bad.tiers[3].threshold = 1;
    let r = app
        .call(&editor, Method::PUT, "/api/club/settings", Some(json!(bad)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let listed = versions(&owner).await;
    let summary: Vec<(u64, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_u64().unwrap(),
                v["saved_by"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary, [(1, "own@brand.com"), (2, "ed@brand.com")]);
    assert!(listed[0]["saved_at"].as_i64().unwrap() <= listed[1]["saved_at"].as_i64().unwrap());
    assert_eq!(versions(&other).await, json!([]));
    let r = app
        .call(&owner, Method::GET, "/api/club/settings", None)
        .await;
    assert_eq!(r.json()["points"]["share_points"], 8);
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
        let r = share(app, &a, &b).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(r.json()["sharer"], json!(a.code));
        assert_eq!(share(app, &b, &c).await.status, StatusCode::CREATED);

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

        let code = |r: common::TestResponse| (r.status, r.error_code());
        assert_eq!(
            code(share(app, &a, &a).await),
            (StatusCode::UNPROCESSABLE_ENTITY, "self_share".into())
        );
        // B already receives A's rights.
        let d = app.member("Brand", "d").await;
        assert_eq!(
            code(share(app, &d, &b).await),
            (StatusCode::CONFLICT, "already_shared".into())
        );
        // B shares with C, so C sharing back would be a circle.
        assert_eq!(
            code(share(app, &c, &b).await),
            (StatusCode::CONFLICT, "share_loop".into())
        );
        assert_eq!(
            code(share(app, &b, &a).await),
            (StatusCode::CONFLICT, "share_loop".into())
        );
        let r = post(app, &a, "/api/member/shares", json!({"token": "nobody"})).await;
        assert_eq!(code(r), (StatusCode::GONE, "offer_gone".into()));
    }
);

dual_test!(a_club_can_turn_rights_sharing_off, |app| {
    let staff = app.user("e@brand.com", Role::Editor, "Brand").await;
    let club = ClubSettings {
        rights_sharing: false,
        ..ClubSettings::default()
    };
    put_settings(app, &staff, &club).await;
    let a = app.member("Brand", "a").await;
    let b = app.member("Brand", "b").await;
    let r = app
        .call_member(&a, Method::POST, "/api/member/share-offers", None)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "sharing_off");
    put_settings(app, &staff, &ClubSettings::default()).await;
    let r = share(app, &a, &b).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
});

dual_test!(saves_at_the_same_moment_never_share_a_version, |app| {
    let owner = app.user("own@brand.com", Role::Owner, "Brand").await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..8 {
        let router = app.router.clone();
        let owner = owner.clone();
        let mut club = ClubSettings::default();
        club.points.share_points = i;
        tasks.spawn(async move {
            let request = axum::http::Request::put("/api/club/settings")
                .header("cookie", &owner.cookie)
                .header("x-csrf-token", &owner.csrf)
                .header("content-type", "application/json")
                .body(axum::body::Body::from(json!(club).to_string()))
                .unwrap();
            common::respond(router, request).await.status
        });
    }
    let mut statuses = Vec::new();
    while let Some(done) = tasks.join_next().await {
        statuses.push(done.unwrap());
    }
    let saved = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert!(saved >= 1, "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let r = app
        .call(&owner, Method::GET, "/api/club/settings/versions", None)
        .await;
    let numbers: Vec<u64> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, (1..=saved as u64).collect::<Vec<_>>());
});
