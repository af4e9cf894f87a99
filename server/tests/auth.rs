//! Accounts: login, sessions, CSRF, roles and the login limiter.

mod common;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use cradle_server::auth::Role;
use serde_json::json;

/// A login from the client at `peer`, presenting a known-device cookie if given.
async fn login_from(
    app: &common::TestApp,
    email: &str,
    password: &str,
    peer: &str,
    device: Option<&str>,
) -> common::TestResponse {
    let mut request = Request::post("/api/auth/login").header("content-type", "application/json");
    if let Some(device) = device {
        request = request.header("cookie", device);
    }
    let body = json!({ "email": email, "password": password }).to_string();
    let mut request = request.body(Body::from(body)).unwrap();
    let peer: SocketAddr = peer.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    app.send(request).await
}

/// The `cradle_device=…` pair a successful login set.
fn device_cookie(login: &common::TestResponse) -> String {
    assert_eq!(login.status, StatusCode::OK, "{}", login.text());
    login
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("cradle_device="))
        .and_then(|v| v.split(';').next())
        .expect("known-device cookie")
        .to_owned()
}

dual_test!(login_sets_an_http_only_lax_cookie_and_me_answers, |app| {
    let setup = app.get("/api/setup").await.json();
    assert_eq!(setup["has_users"], false);
    assert!(setup["hint"]
        .as_str()
        .unwrap()
        .contains("cradle-server user add"));

    let session = app
        .user("Owner@Brand.com", Role::Owner, "Little Sprouts")
        .await;
    let body = json!({"email": "owner@brand.com", "password": common::PASSWORD}).to_string();
    let login = app
        .send_raw(Method::POST, "/api/auth/login", "application/json", body)
        .await;
    let cookie = login.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );

    let me = app.call(&session, Method::GET, "/api/auth/me", None).await;
    assert_eq!(me.status, StatusCode::OK);
    let me = me.json();
    assert_eq!(me["user"]["email"], "owner@brand.com");
    assert_eq!(me["user"]["role"], "owner");
    assert_eq!(me["workspace"]["name"], "Little Sprouts");
    assert_eq!(me["workspace"]["time_zone"], "Asia/Shanghai");
    assert!(me["user"].get("password_hash").is_none());
    let state = app
        .call(&session, Method::GET, "/api/auth/session", None)
        .await;
    assert_eq!(state.json()["session"]["user"]["email"], "owner@brand.com");
    let anonymous = app.get("/api/auth/session").await;
    assert_eq!(anonymous.status, StatusCode::OK);
    assert!(anonymous.json()["session"].is_null());
    assert_eq!(app.get("/api/setup").await.json()["has_users"], true);
});

dual_test!(wrong_passwords_and_unknown_emails_get_the_same_401, |app| {
    app.user("a@brand.com", Role::Editor, "Brand").await;
    let wrong = app
        .login("a@brand.com", "not the password")
        .await
        .unwrap_err();
    let unknown = app
        .login("nobody@brand.com", "password123")
        .await
        .unwrap_err();
    for r in [&wrong, &unknown] {
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.error_code(), "invalid_credentials");
    }
    assert_eq!(
        wrong.json()["error"]["message"],
        unknown.json()["error"]["message"]
    );
});

dual_test!(logins_are_rate_limited_per_email, |app| {
    app.user("a@brand.com", Role::Editor, "Brand").await;
    for _ in 0..5 {
        assert_eq!(
            app.login("a@brand.com", "guess").await.unwrap_err().status,
            StatusCode::UNAUTHORIZED
        );
    }
    let limited = app
        .login("a@brand.com", common::PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        limited
            .header("retry-after")
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 0
    );
    assert_eq!(limited.error_code(), "rate_limited");
});

dual_test!(failed_logins_are_limited_per_client_address, |app| {
    let mut statuses = Vec::new();
    for i in 0..30 {
        let email = format!("user{i}@brand.com");
        let r = login_from(app, &email, "guess", "203.0.113.5:4000", None).await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(r.error_code(), "rate_limited");
            assert!(r.header("retry-after").is_some());
        }
        statuses.push(r.status.as_u16());
    }
    // Twenty failures per address, however many emails they are spread over.
    assert_eq!(statuses[..20], [401; 20]);
    assert_eq!(statuses[20..], [429; 10]);
    let elsewhere = login_from(app, "user0@brand.com", "guess", "198.51.100.1:4000", None).await;
    assert_eq!(
        elsewhere.status,
        StatusCode::UNAUTHORIZED,
        "another address"
    );
});

dual_test!(a_strangers_failures_do_not_lock_out_a_known_device, |app| {
    add_user(app, "owner@brand.com").await;
    let home = "198.51.100.7:1000";
    let known =
        device_cookie(&login_from(app, "owner@brand.com", common::PASSWORD, home, None).await);
    for _ in 0..5 {
        let r = login_from(app, "owner@brand.com", "guess", "203.0.113.9:5000", None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let stranger = login_from(app, "owner@brand.com", "guess", "203.0.113.9:5000", None).await;
    assert_eq!(stranger.status, StatusCode::TOO_MANY_REQUESTS);
    // The email is locked, even for the right password from a new browser…
    let new_browser = login_from(app, "owner@brand.com", common::PASSWORD, home, None).await;
    assert_eq!(new_browser.status, StatusCode::TOO_MANY_REQUESTS);
    // …but not for the owner's known device; nor for a device cookie signed for someone else.
    let back = login_from(app, "owner@brand.com", common::PASSWORD, home, Some(&known)).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.text());
    add_user(app, "other@brand.com").await;
    let theirs =
        device_cookie(&login_from(app, "other@brand.com", common::PASSWORD, home, None).await);
    let borrowed = login_from(
        app,
        "owner@brand.com",
        common::PASSWORD,
        home,
        Some(&theirs),
    )
    .await;
    assert_eq!(borrowed.status, StatusCode::TOO_MANY_REQUESTS);
});

dual_test!(
    wrong_passwords_from_a_known_device_are_still_limited,
    |app| {
        add_user(app, "owner@brand.com").await;
        let home = "198.51.100.7:1000";
        let known =
            device_cookie(&login_from(app, "owner@brand.com", common::PASSWORD, home, None).await);
        for _ in 0..5 {
            let r = login_from(app, "owner@brand.com", "guess", home, Some(&known)).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let limited = login_from(app, "owner@brand.com", "guess", home, Some(&known)).await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(limited.error_code(), "rate_limited");
        let right = login_from(app, "owner@brand.com", common::PASSWORD, home, Some(&known)).await;
        assert_eq!(
            right.status,
            StatusCode::TOO_MANY_REQUESTS,
            "the device waits"
        );
    }
);

async fn add_user(app: &common::TestApp, email: &str) {
    cradle_server::routes::auth::add_user(
        &app.db,
        email,
        common::PASSWORD,
        Role::Owner,
        "Brand",
        "Asia/Shanghai",
    )
    .await
    .expect("user added");
}

dual_test!(no_cookie_no_access_and_logout_ends_the_session, |app| {
    let anonymous = app.get("/api/documents").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.error_code(), "unauthorized");

    let session = app.user("a@brand.com", Role::Editor, "Brand").await;
    let out = app
        .call(&session, Method::POST, "/api/auth/logout", None)
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(
        app.call(&session, Method::GET, "/api/auth/me", None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
});

dual_test!(state_changes_need_the_csrf_header, |app| {
    let session = app.user("a@brand.com", Role::Editor, "Brand").await;
    let forged = common::Session {
        csrf: "wrong".into(),
        ..session.clone()
    };
    let r = app
        .call(
            &forged,
            Method::POST,
            "/api/documents",
            Some(json!({"title": "X"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error_code(), "csrf");
    // Reads need no CSRF token.
    assert_eq!(
        app.call(&forged, Method::GET, "/api/documents", None)
            .await
            .status,
        StatusCode::OK
    );
    let ok = app
        .call(
            &session,
            Method::POST,
            "/api/documents",
            Some(json!({"title": "X"})),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED);
});

dual_test!(roles_limit_what_users_do, |app| {
    let editor = app.user("e@brand.com", Role::Editor, "Brand").await;
    let viewer = app.user("v@brand.com", Role::Viewer, "Brand").await;
    let clerk = app.user("c@brand.com", Role::Clerk, "Brand").await;
    let created = app
        .call(
            &editor,
            Method::POST,
            "/api/documents",
            Some(json!({"title": "Club"})),
        )
        .await
        .json();
    let path = format!("/api/documents/{}", created["id"].as_str().unwrap());

    assert_eq!(
        app.call(&viewer, Method::GET, &path, None).await.status,
        StatusCode::OK
    );
    let save = json!({"version": 1, "document": created["document"]});
    for (method, uri, body) in [
        (
            Method::POST,
            "/api/documents".to_owned(),
            Some(json!({"title": "No"})),
        ),
        (Method::PUT, path.clone(), Some(save.clone())),
        (Method::DELETE, path.clone(), None),
    ] {
        let r = app.call(&viewer, method, &uri, body).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "viewer {uri}");
        assert_eq!(r.error_code(), "forbidden");
    }
    assert_eq!(
        app.call(&clerk, Method::GET, &path, None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(&clerk, Method::GET, "/api/documents", None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
});
