//! Saved sections: save, list, delete, checks with paths, limits, roles, CSRF and workspace
//! isolation.

mod common;

use axum::http::{Method, StatusCode};
use cradle_server::auth::Role;
use serde_json::{json, Value};

/// A section block holding a heading, as the editor copies it.
fn hero() -> Value {
    json!([{
        "root": "s",
        "blocks": {
            "s": {"id": "s", "kind": "section", "slots": {"children": ["h"]}},
            "h": {"id": "h", "kind": "heading", "props": {"text": "Welcome, mums"}}
        }
    }])
}

async fn save(app: &common::TestApp, s: &common::Session, body: Value) -> common::TestResponse {
    app.call(s, Method::POST, "/api/sections", Some(body)).await
}

dual_test!(save_list_and_delete, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let r = save(app, &s, json!({"name": "  Hero  ", "fragments": hero()})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let created = r.json();
    assert_eq!(created["name"], "Hero");
    assert_eq!(
        created["fragments"][0]["blocks"]["h"]["props"]["text"],
        "Welcome, mums"
    );
    // Missing props were filled with defaults.
    assert_eq!(
        created["fragments"][0]["blocks"]["h"]["props"]["level"],
        "h2"
    );

    let r = save(app, &s, json!({"name": "Second", "fragments": hero()})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let listed = app.call(&s, Method::GET, "/api/sections", None).await;
    assert_eq!(listed.status, StatusCode::OK);
    let names: Vec<_> = listed
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].clone())
        .collect();
    assert_eq!(names, [json!("Hero"), json!("Second")]);
    assert_eq!(listed.json()[0]["fragments"], created["fragments"]);

    let path = format!("/api/sections/{}", created["id"].as_str().unwrap());
    let r = app.call(&s, Method::DELETE, &path, None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = app.call(&s, Method::DELETE, &path, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let listed = app
        .call(&s, Method::GET, "/api/sections", None)
        .await
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "Second");
});

dual_test!(invalid_sections_answer_with_the_path, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let mut bad_kind = hero();
    bad_kind[0]["blocks"]["h"]["kind"] = json!("hologram");
    let r = save(app, &s, json!({"name": "X", "fragments": bad_kind})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "invalid_section");
    assert_eq!(
        r.json()["error"]["details"][0]["path"],
        "/fragments/0/blocks/h/kind"
    );

    let mut nested = hero();
    nested[0]["blocks"]["h"] = json!({"id": "h", "kind": "section"});
    let r = save(app, &s, json!({"name": "X", "fragments": nested})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json()["error"]["details"][0]["path"],
        "/fragments/0/blocks/s/slots/children/0"
    );

    let r = save(app, &s, json!({"name": "X", "fragments": "<b>hi</b>"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["details"][0]["path"], "/fragments");

    let r = save(app, &s, json!({"name": "X", "fragments": []})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["details"][0]["path"], "/fragments");

    for name in ["   ", &"名".repeat(61)] {
        let r = save(app, &s, json!({"name": name, "fragments": hero()})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert_eq!(r.json()["error"]["details"][0]["path"], "/name");
    }
    let r = save(
        app,
        &s,
        json!({"name": "名".repeat(60), "fragments": hero()}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "60 characters are fine");
});

dual_test!(a_workspace_keeps_at_most_a_hundred, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    for i in 0..100 {
        let r = save(
            app,
            &s,
            json!({"name": format!("S{i}"), "fragments": hero()}),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{i}");
    }
    let r = save(
        app,
        &s,
        json!({"name": "One too many", "fragments": hero()}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "too_many_sections");
});

dual_test!(sections_belong_to_their_workspace, |app| {
    let mine = app.user("e@brand.com", Role::Editor, "Brand").await;
    let theirs = app.user("x@other.com", Role::Owner, "Other").await;
    let created = save(app, &mine, json!({"name": "Hero", "fragments": hero()}))
        .await
        .json();
    let listed = app.call(&theirs, Method::GET, "/api/sections", None).await;
    assert_eq!(listed.json(), json!([]));
    let path = format!("/api/sections/{}", created["id"].as_str().unwrap());
    let r = app.call(&theirs, Method::DELETE, &path, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let listed = app
        .call(&mine, Method::GET, "/api/sections", None)
        .await
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 1, "still there");
});

dual_test!(viewers_read_and_changes_need_session_and_csrf, |app| {
    let editor = app.user("e@brand.com", Role::Editor, "Brand").await;
    let viewer = app.user("v@brand.com", Role::Viewer, "Brand").await;
    save(app, &editor, json!({"name": "Hero", "fragments": hero()})).await;
    let listed = app.call(&viewer, Method::GET, "/api/sections", None).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.json().as_array().unwrap().len(), 1);
    let r = save(app, &viewer, json!({"name": "Mine", "fragments": hero()})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let forged = common::Session {
        cookie: editor.cookie.clone(),
        csrf: "wrong".into(),
    };
    let r = save(app, &forged, json!({"name": "Forged", "fragments": hero()})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error_code(), "csrf");
    let r = app.get("/api/sections").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
});
