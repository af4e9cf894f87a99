//! Member pages drawn by the server (`/c/{slug}`, `/preview/{token}`): the page's text is in the
//! HTML before any wasm runs, drawn for this viewer (audience rules applied over HTTP), with share
//! metadata, the page language, the states a member can meet and the member runtime's tags.

mod common;

use axum::http::{Method, StatusCode};
use chrono::{Days, Duration, Utc};
use cradle_server::auth::Role;
use cradle_server::club::token::ProfileClaims;
use serde_json::json;

dual_test!(pages_arrive_drawn_for_this_member, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    let page = app
        .create_page(&owner, "孕育指南", "guide", "stage-guide")
        .await;
    assert!(app
        .publish(&owner, &page, json!({}))
        .await
        .status
        .is_success());
    let today = Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();

    let visitor = app.get("/c/guide").await;
    assert_eq!(visitor.status, StatusCode::OK);
    let html = visitor.text();
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"),
        "{html}"
    );
    assert!(html.contains("<title>孕育指南</title>"));
    assert!(html.contains("<meta property=\"og:title\" content=\"孕育指南\">"));
    assert!(html.contains("og:url\" content=\"http://"));
    assert!(html.contains("<style>"), "the page's CSS comes inline");
    assert!(html.contains("data-state=\"visitor\""));
    assert!(html.contains("您正在以访客身份浏览"));
    assert!(!html.contains("大排畸") && !html.contains("宝宝出生头几个月"));
    assert_eq!(visitor.header("cache-control"), Some("private, no-cache"));
    assert!(visitor.header("vary").is_some_and(|v| v.contains("Cookie")));
    assert!(visitor
        .header("content-type")
        .is_some_and(|v| v.starts_with("text/html")));

    let week_20 = ProfileClaims {
        due_date: Some(today + Days::new(20 * 7)),
        ..ProfileClaims::default()
    };
    let token = app.member_token("Brand", "mum-20w", week_20, 1).await;
    let pregnant = app.open_member(&token, Some("guide")).await.unwrap();
    let html = app
        .call_member(&pregnant, Method::GET, "/c/guide", None)
        .await
        .text();
    assert!(html.contains("大排畸"), "the mid-pregnancy block");
    assert!(!html.contains("宝宝出生头几个月"), "not the newborn one");
    assert!(html.contains("data-state=\"member\""));
    assert!(html.contains(&pregnant.code), "the bar names the member");

    let newborn = ProfileClaims {
        baby_birth_date: Some(today - Days::new(30)),
        ..ProfileClaims::default()
    };
    let token = app.member_token("Brand", "mum-newborn", newborn, 1).await;
    let mother = app.open_member(&token, Some("guide")).await.unwrap();
    let html = app
        .call_member(&mother, Method::GET, "/c/guide", None)
        .await
        .text();
    assert!(html.contains("宝宝出生头几个月") && !html.contains("大排畸"));

    // A sign-in link: the page says it is signing in (the runtime opens the session).
    let signing = app.get("/c/guide?t=abc").await.text();
    assert!(signing.contains("data-state=\"signing-in\"") && signing.contains("正在登录"));
});

dual_test!(closed_and_missing_pages_say_so, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let now = Utc::now();
    let later = app.create_page(&s, "双11抽奖", "s11", "blank").await;
    let opens = now + Duration::hours(2);
    let r = app
        .publish(&s, &later, json!({"starts_at": opens.to_rfc3339()}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let early = app.get("/c/s11").await;
    assert_eq!(early.status, StatusCode::OK);
    let html = early.text();
    assert!(
        html.contains("活动尚未开始") && html.contains("距开始还有"),
        "{html}"
    );
    assert!(html.contains("data-until=") && html.contains("data-reload"));
    // Local time in the workspace's zone (Asia/Shanghai by default).
    let local = opens.with_timezone(&chrono_tz::Asia::Shanghai);
    assert!(html.contains(&local.format("%H:%M").to_string()), "{html}");

    let over = app.create_page(&s, "Over", "over", "blank").await;
    let window = json!({"starts_at": (now - Duration::hours(2)).to_rfc3339(), "ends_at": (now - Duration::seconds(1)).to_rfc3339()});
    assert_eq!(
        app.publish(&s, &over, window).await.status,
        StatusCode::CREATED
    );
    let ended = app.get("/c/over").await;
    assert_eq!(ended.status, StatusCode::GONE);
    assert!(ended.text().contains("活动已结束"));

    let missing = app.get("/c/nothing-here").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text().contains("页面不存在"));
    assert!(missing.text().contains("noindex"));
});

dual_test!(the_runtime_is_loaded_from_its_build, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let page = app.create_page(&s, "Club", "club", "club-home").await;
    assert!(app.publish(&s, &page, json!({})).await.status.is_success());
    assert!(!app.get("/c/club").await.text().contains("modulepreload"));

    let runtime = app.state.config.dist.join("m");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::write(
        runtime.join("index.html"),
        "<html><head>\n<meta charset=\"utf-8\" />\n<link rel=\"modulepreload\" href=\"/m/cradle-member-0123456789abcdef.js\">\n<script type=\"module\">import init from '/m/cradle-member-0123456789abcdef.js'; init();</script>\n</head><body></body></html>",
    )
    .unwrap();
    let page = app.get("/c/club").await;
    let html = page.text();
    assert!(
        html.contains("<link rel=\"modulepreload\" href=\"/m/cradle-member-0123456789abcdef.js\">")
    );
    // The start-up script is allowed by its hash; scripts are otherwise the site's own files.
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{csp}"
    );
});

dual_test!(preview_links_open_a_server_drawn_draft, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let id = app
        .create_page_with(&s, json!({"title": "会员俱乐部", "template": "club-home"}))
        .await
        .id;
    let links = format!("/api/documents/{id}/preview-links");
    let created = app
        .call(&s, Method::POST, &links, Some(json!({"hours": 2})))
        .await;
    let url = created.json()["url"].as_str().unwrap().to_owned();

    let opened = app.get(&url).await;
    assert_eq!(opened.status, StatusCode::OK);
    let html = opened.text();
    assert!(html.contains("<title>会员俱乐部</title>"));
    assert!(html.contains("草稿预览"));
    assert!(html.contains("noindex"));
    assert!(html.contains("preview__frame--phone"));
    assert!(html.contains("?size=desktop"));
    let desktop = app.get(&format!("{url}?size=desktop")).await.text();
    assert!(desktop.contains("preview__frame--desktop"));
    assert_eq!(
        app.get(&format!("{url}?size=huge")).await.status,
        StatusCode::BAD_REQUEST
    );

    let forged = app.get("/preview/not-a-token").await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert!(forged.text().contains("页面不存在"));
});

dual_test!(
    every_game_links_to_its_odds_and_the_seed_is_checked_after_the_end,
    |app| {
        use chrono::Duration;
        use common::wheel;
        let prizes = json!([
            wheel::prize(
                "gift",
                json!({"type": "physical"}),
                1,
                json!({"limited": 3})
            ),
            wheel::thanks(7),
        ]);
        let open = wheel::campaign(prizes.clone(), "thanks", json!({}));
        let (s, id) = wheel::publish(app, "Brand", "wheel", open).await;
        let game = app.get("/c/wheel").await.text();
        assert!(
            game.contains("href=\"/c/wheel/odds/spring-wheel\""),
            "{game}"
        );

        let odds = app.get("/c/wheel/odds/spring-wheel").await;
        assert_eq!(odds.status, StatusCode::OK);
        let html = odds.text();
        assert!(html.contains("概率公示"), "{html}");
        assert!(html.contains("12.5%") && html.contains("87.5%"), "{html}");
        assert!(
            html.contains("<td>3</td>") && html.contains("不限"),
            "stock left"
        );
        assert!(
            html.contains("将获得“thanks”"),
            "the fallback rule names the prize"
        );
        assert!(html.contains("活动结束后将公开随机种子"));
        let hash = app
            .get("/api/published/wheel/campaigns/spring-wheel/odds")
            .await
            .json()["seed_hash"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(html.contains(&hash), "the commitment is shown");

        let member = app.member("Brand", "m1").await;
        for key in ["k1", "k2"] {
            assert!(wheel::draw(app, &member, "wheel", key)
                .await
                .status
                .is_success());
        }
        let ended = json!({
            "start": (Utc::now() - Duration::days(2)).to_rfc3339(),
            "end": (Utc::now() - Duration::seconds(1)).to_rfc3339(),
        });
        let closed = wheel::campaign(prizes, "thanks", json!({ "window": ended }));
        wheel::republish(app, &s, &id, closed).await;
        let html = app.get("/c/wheel/odds/spring-wheel").await.text();
        assert!(html.contains("已公开的随机种子"), "{html}");
        assert!(html.contains("核验全部 2 次抽奖：结果全部一致"), "{html}");

        assert_eq!(
            app.get("/c/wheel/odds/nope").await.status,
            StatusCode::NOT_FOUND
        );
    }
);

dual_test!(games_arrive_ready_to_play, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    let page = app
        .create_page(&owner, "转盘", "spin", "wheel-campaign")
        .await;
    assert!(app
        .publish(&owner, &page, json!({}))
        .await
        .status
        .is_success());

    // The game is drawn at rest with what the runtime needs to play it: its campaign, its
    // prizes in game order and its play time.
    let visitor = app.get("/c/spin").await.text();
    assert!(visitor.contains("class=\"cradle-wheel__disc"), "{visitor}");
    assert!(visitor.contains("data-play=\"{&quot;kind&quot;:&quot;wheel&quot;,&quot;campaign&quot;:&quot;spring-wheel&quot;"));
    assert!(visitor.contains("&quot;seconds&quot;:3"));
    assert!(!visitor.contains("data-csrf"), "a visitor has no session");

    // A member's page carries her session's CSRF token, which her draws must send.
    let token = app
        .member_token("Brand", "mum", ProfileClaims::default(), 1)
        .await;
    let mum = app.open_member(&token, Some("spin")).await.unwrap();
    let html = app
        .call_member(&mum, Method::GET, "/c/spin", None)
        .await
        .text();
    assert!(html.contains(&format!("data-csrf=\"{}\"", mum.csrf)));
});

dual_test!(pages_draw_the_workspaces_one_ladder, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    let mut page = app.create_page(&owner, "会员", "club", "blank").await;
    let doc = &mut page.document;
    doc["blocks"]["tiers"] = json!({"id": "tiers", "kind": "tier_benefits"});
    doc["blocks"]["gold"] = json!({"id": "gold", "kind": "heading",
        "props": {"text": "青铜会员专享礼"}, "audience": {"tier_at_least": 1}});
    doc["blocks"]["page"]["slots"]["main"] = json!(["tiers", "gold"]);
    app.save_draft(&owner, &mut page).await;
    let r = app.publish(&owner, &page, json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let token = app
        .member_token("Brand", "mum", ProfileClaims::default(), 1)
        .await;
    let mum = app.open_member(&token, Some("club")).await.unwrap();
    common::club::earn(app, &mum, 300, cradle_server::store::now_ms()).await;
    let seen = || async {
        app.call_member(&mum, Method::GET, "/c/club", None)
            .await
            .text()
    };
    let html = seen().await;
    assert!(html.contains("青铜 Bronze"), "the default ladder");
    assert!(
        !html.contains("青铜会员专享礼"),
        "300 of 500: not bronze yet"
    );

    // The workspace renames a tier and lowers bronze to 200: the page and her tier follow.
    let mut club = cradle_model::ClubSettings::default();
    club.tiers[1].name = "铜牌妈妈".into();
    club.tiers[1].threshold = 200;
    common::club::put_settings(app, &owner, &club).await;
    let html = seen().await;
    assert!(
        html.contains("铜牌妈妈") && !html.contains("青铜 Bronze"),
        "{html}"
    );
    assert!(html.contains("青铜会员专享礼"), "300 of 200: bronze now");
    assert!(
        html.contains("class=\"cradle-tiers__own\"><strong>铜牌妈妈</strong>")
            && html.contains("（我的等级）"),
        "her own tier is marked"
    );
    assert!(html.contains("您享有的权益"));
    // A diamond member shares her rights: the block says whose benefits she enjoys.
    let rich = app.member("Brand", "rich").await;
    app.grant_points(&rich, 30_000).await;
    let r = common::club::share(app, &rich, &mum).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let html = seen().await;
    assert!(
        html.contains(&format!("会员 {} 与您共享的钻石 Diamond权益", rich.code)),
        "{html}"
    );
    let links = format!("{}/preview-links", page.path());
    let created = app
        .call(&owner, Method::POST, &links, Some(json!({"hours": 2})))
        .await;
    let url = created.json()["url"].as_str().unwrap().to_owned();
    assert!(
        app.get(&url).await.text().contains("铜牌妈妈"),
        "previews too"
    );
});

// The club blocks arrive drawn for the member: her tier, balance, growth to the next tier,
// points lapsing soon and her sign-in streak, drawn again after she signs in.
dual_test!(club_blocks_arrive_with_her_standing, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    let mut club = cradle_model::ClubSettings::default();
    club.points.expiry = cradle_model::club::Expiry::AfterDays(10);
    common::club::put_settings(app, &owner, &club).await;
    let page = app
        .create_page(&owner, "每日签到", "daily", "daily-sign-in")
        .await;
    let r = app.publish(&owner, &page, json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let token = app
        .member_token("Brand", "mum", ProfileClaims::default(), 1)
        .await;
    let mum = app.open_member(&token, Some("daily")).await.unwrap();
    let now = cradle_server::store::now_ms();
    common::club::earn(app, &mum, 300, now - Duration::days(1).num_milliseconds()).await;
    let html = app
        .call_member(&mum, Method::GET, "/c/daily", None)
        .await
        .text();
    assert!(
        html.contains("class=\"cradle-member__points\">300 积分"),
        "her balance"
    );
    assert!(
        html.contains("再获得 200 成长值即可升级为青铜 Bronze"),
        "{html}"
    );
    let lapse = Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive()
        + Days::new(9);
    assert!(
        html.contains(&format!("300 积分将于 {lapse} 过期")),
        "points lapsing soon"
    );
    assert!(!html.contains("已连续签到"), "no streak yet");

    let signed = app
        .call_member(
            &mum,
            Method::POST,
            "/api/published/daily/blocks/signin/sign-in",
            None,
        )
        .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.text());
    let html = app
        .call_member(&mum, Method::GET, "/c/daily", None)
        .await
        .text();
    assert!(html.contains("今日签到获得 5 积分，已连续签到 1 天") && html.contains("今日已签到"));
    // A visitor sees no one's points.
    let visitor = app.get("/c/daily").await.text();
    assert!(
        visitor.contains("登录后查看您的等级和积分")
            && !visitor.contains("class=\"cradle-member__points\"")
    );
});

// The lifecycle tips show a member the tips for her stage and week today; a visitor sees them
// all.
dual_test!(tips_follow_her_stage, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    let page = app
        .create_page(&owner, "会员中心", "home", "club-home")
        .await;
    let r = app.publish(&owner, &page, json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let visitor = app.get("/c/home").await.text();
    assert!(visitor.contains("孕 17 周：孕妇课堂") && visitor.contains("产后恢复"));
    let today = Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let week_20 = ProfileClaims {
        due_date: Some(today + Days::new(20 * 7)),
        ..ProfileClaims::default()
    };
    let token = app.member_token("Brand", "mum-20w", week_20, 1).await;
    let mum = app.open_member(&token, Some("home")).await.unwrap();
    let html = app
        .call_member(&mum, Method::GET, "/c/home", None)
        .await
        .text();
    assert!(html.contains("孕 17 周：孕妇课堂"), "her stage's tip");
    assert!(!html.contains("产后恢复") && !html.contains("备孕：提前 3 个月补充叶酸"));
    assert!(!html.contains("孕 24 周：糖耐检查"), "not her week yet");
    // Four weeks on, the tip for her week.
    let week_24 = ProfileClaims {
        due_date: Some(today + Days::new(16 * 7)),
        ..ProfileClaims::default()
    };
    let token = app.member_token("Brand", "mum-24w", week_24, 1).await;
    let later = app.open_member(&token, Some("home")).await.unwrap();
    let html = app
        .call_member(&later, Method::GET, "/c/home", None)
        .await
        .text();
    assert!(html.contains("孕 24 周：糖耐检查") && !html.contains("孕 17 周：孕妇课堂"));
});
