//! The brand's systems connect, over HTTP on both databases: member tokens signed by the
//! documented Python and Node examples, the secret rotated with a grace period, API keys with
//! scopes (403 without, 401 revoked), and purchases that credit with the tier's multiplier, pay
//! the sharer, count once and can be refunded.

mod common;

use std::path::Path;
use std::process::Command;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::club::{balance, share};
use common::{Session, TestApp, TestResponse};
use cradle_server::auth::Role;
use serde_json::{json, Value};

/// Runs a documented signing example (`python3` or `node`) with the workspace's secret.
fn example(program: &str, script: &str, workspace: &str, secret: &str, member: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../docs/integration")
        .join(script);
    let out = Command::new(program)
        .arg(path)
        .args([
            "--workspace",
            workspace,
            "--secret",
            secret,
            "--member",
            member,
        ])
        .output()
        .expect("the example runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// A call with `Authorization: Bearer {key}` (no cookie, no CSRF token).
async fn bearer(
    app: &TestApp,
    key: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> TestResponse {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {key}"))
        .header("content-type", "application/json");
    let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
    app.send(request.body(body).unwrap()).await
}

/// Refunds order `id` with `key`.
async fn refund(app: &TestApp, key: &str, id: &str) -> TestResponse {
    let path = format!("/api/orders/{id}/refund");
    bearer(app, key, Method::POST, &path, None).await
}

/// A new API key with `scopes`, made by `owner`.
async fn key(app: &TestApp, owner: &Session, scopes: &[&str]) -> (String, String) {
    let r = app
        .call(
            owner,
            Method::POST,
            "/api/integration/api-keys",
            Some(json!({"name": "CRM", "scopes": scopes})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let body = r.json();
    (
        body["key"].as_str().unwrap().to_owned(),
        body["view"]["id"].as_str().unwrap().to_owned(),
    )
}

async fn session(app: &TestApp, token: &str) -> StatusCode {
    app.send_raw(
        Method::POST,
        "/api/member/session",
        "application/json",
        json!({"token": token}).to_string(),
    )
    .await
    .status
}

// Tokens signed by the README's Python and Node examples open sessions; after a rotation the old
// secret still works for its grace period, a stranger's never; only the owner sees the secret.
dual_test!(
    documented_examples_sign_tokens_and_the_secret_rotates,
    |app| {
        let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
        let editor = app.user("e@brand.com", Role::Editor, "Brand").await;
        let r = app
            .call(&editor, Method::GET, "/api/integration/member-secret", None)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let got = app
            .call(&owner, Method::GET, "/api/integration/member-secret", None)
            .await
            .json();
        let (ws, old) = (
            got["workspace_id"].as_str().unwrap(),
            got["secret"].as_str().unwrap(),
        );
        let by_python = example("python3", "sign_member_token.py", ws, old, "py-1");
        assert_eq!(session(app, &by_python).await, StatusCode::OK);
        let by_node = example("node", "sign-member-token.mjs", ws, old, "node-1");
        assert_eq!(session(app, &by_node).await, StatusCode::OK);
        let forged = example(
            "python3",
            "sign_member_token.py",
            ws,
            "not-the-secret",
            "py-1",
        );
        assert_eq!(session(app, &forged).await, StatusCode::UNAUTHORIZED);

        let rotated = app
            .call(
                &owner,
                Method::POST,
                "/api/integration/member-secret/rotate",
                None,
            )
            .await
            .json();
        let new = rotated["secret"].as_str().unwrap();
        assert_ne!(new, old);
        assert!(rotated["previous_valid_until"].as_i64().unwrap() > cradle_server::store::now_ms());
        assert_eq!(
            session(
                app,
                &example("python3", "sign_member_token.py", ws, new, "py-2")
            )
            .await,
            StatusCode::OK
        );
        assert_eq!(
            session(app, &by_python).await,
            StatusCode::OK,
            "the old secret's grace period"
        );
        // Once the grace period is over, the old secret opens nothing.
        sqlx::query("UPDATE workspaces SET previous_member_secret_until = 0")
            .execute(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(session(app, &by_python).await, StatusCode::UNAUTHORIZED);
    }
);

// A key with `orders:write` reports a purchase: ×1.1 for a silver member, 0.25 per point to her
// sharer, the same order once, a refund reverses it; a key without the scope gets 403, a revoked
// key 401; the member is looked up by the brand's id with her last purchase.
dual_test!(orders_credit_with_the_tier_and_count_once, |app| {
    let owner = app.user("o@brand.com", Role::Owner, "Brand").await;
    let (orders_key, orders_id) = key(app, &owner, &["orders:write", "members:read"]).await;
    let (reader, _) = key(app, &owner, &["members:read"]).await;
    let mum = app.member("Brand", "mum").await;
    let gran = app.member("Brand", "gran").await;
    app.grant_points(&mum, 2_000).await; // silver: ×1.1
    assert_eq!(share(app, &gran, &mum).await.status, StatusCode::CREATED);
    let (mum_before, gran_before) = (balance(app, &mum).await, balance(app, &gran).await);

    let order = json!({"order_id": "T-1001", "member": "mum", "amount_cents": 10_050,
        "items": [{"sku": "WIPES-80", "quantity": 2, "price_cents": 5_025}], "channel": "store:SH-01"});
    let r = bearer(
        app,
        &reader,
        Method::POST,
        "/api/orders",
        Some(order.clone()),
    )
    .await;
    assert_eq!(
        (r.status, r.error_code()),
        (StatusCode::FORBIDDEN, "forbidden".into())
    );
    let r = bearer(
        app,
        &orders_key,
        Method::POST,
        "/api/orders",
        Some(order.clone()),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["points"], 110, "¥100 × 1.1");
    assert_eq!(balance(app, &mum).await, mum_before + 110);
    assert_eq!(
        balance(app, &gran).await,
        gran_before + 27,
        "0.25 per point, fractions kept"
    );
    let again = bearer(app, &orders_key, Method::POST, "/api/orders", Some(order)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        balance(app, &mum).await,
        mum_before + 110,
        "the same order counts once"
    );

    let looked = bearer(app, &reader, Method::GET, "/api/brand-members/mum", None)
        .await
        .json();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    assert_eq!(looked["last_purchase"], json!(today.to_string()));
    assert_eq!(looked["tier"], "silver");
    assert_eq!(looked["ledger"][0]["reason"], "purchase");
    let r = bearer(app, &reader, Method::GET, "/api/brand-members/nobody", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let refunded = refund(app, &orders_key, "T-1001").await;
    assert_eq!(refunded.status, StatusCode::OK, "{}", refunded.text());
    assert_eq!(refunded.json()["refunded_points"], 110);
    assert_eq!(balance(app, &mum).await, mum_before);
    let twice = refund(app, &orders_key, "T-1001").await;
    assert_eq!(twice.json()["refunded_points"], 110);
    assert_eq!(balance(app, &mum).await, mum_before, "refunded once");
    let looked = bearer(app, &reader, Method::GET, "/api/brand-members/mum", None)
        .await
        .json();
    assert_eq!(looked["ledger"][0]["reason"], "refund");
    assert_eq!(looked["ledger"][0]["amount"], -110);

    // A refund never takes her below zero: she spent the points before the refund came.
    let r = bearer(
        app,
        &orders_key,
        Method::POST,
        "/api/orders",
        Some(json!({"order_id": "T-1002",
        "member": "newcomer", "amount_cents": 5_000, "channel": "online"})),
    )
    .await;
    assert_eq!(r.json()["points"], 50, "a member first named by an order");
    let newcomer = app.member("Brand", "newcomer").await;
    assert_eq!(balance(app, &newcomer).await, 50);
    let spend = json!({"amount": -30, "reason": "gift"});
    let r = bearer(
        app,
        &orders_key,
        Method::POST,
        "/api/brand-members/newcomer/adjust",
        Some(spend.clone()),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "members:write is another scope"
    );
    let (writer, _) = key(app, &owner, &["members:write"]).await;
    let r = bearer(
        app,
        &writer,
        Method::POST,
        "/api/brand-members/newcomer/adjust",
        Some(spend),
    )
    .await;
    assert_eq!(r.json()["balance"], 20, "{}", r.text());
    let r = refund(app, &orders_key, "T-1002").await;
    assert_eq!(r.json()["refunded_points"], 20);
    assert_eq!(balance(app, &newcomer).await, 0);

    // Bad input says where; no key, a made-up key and a revoked key get 401.
    let r = bearer(
        app,
        &orders_key,
        Method::POST,
        "/api/orders",
        Some(json!({"order_id": "",
        "member": "mum", "amount_cents": 100, "channel": "shop"})),
    )
    .await;
    let paths: Vec<String> = r.json()["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths, ["/order_id", "/channel"]);
    let r = app
        .send_raw(Method::POST, "/api/orders", "application/json", "{}")
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        bearer(
            app,
            "crk_made_up",
            Method::GET,
            "/api/brand-members/mum",
            None
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    let r = app
        .call(
            &owner,
            Method::DELETE,
            &format!("/api/integration/api-keys/{orders_id}"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = refund(app, &orders_key, "T-1001").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let listed = app
        .call(&owner, Method::GET, "/api/integration/api-keys", None)
        .await
        .json();
    let revoked = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == json!(orders_id))
        .unwrap();
    assert!(revoked["revoked_at"].is_i64() && revoked["last_used_at"].is_i64());
    assert!(
        !listed.to_string().contains(&orders_key),
        "keys are shown once, never listed"
    );
});
