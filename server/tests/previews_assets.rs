//! Preview links (signed, expiring, revocable) and picture uploads (type by content, size limit,
//! quota, long cache).

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use cradle_server::auth::Role;
use cradle_server::store::previews::{self, PreviewError};
use serde_json::json;

dual_test!(preview_links_open_drafts_until_revoked_or_expired, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let id = app
        .create_page_with(&s, json!({"title": "Club", "template": "club-home"}))
        .await
        .id;
    let links = format!("/api/documents/{id}/preview-links");
    let created = app
        .call(&s, Method::POST, &links, Some(json!({"hours": 2})))
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let link = created.json();
    let url = link["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with("/preview/"));
    let token = url.trim_start_matches("/preview/").to_owned();

    // Anyone with the link, no login.
    let opened = app.get(&format!("/api/preview/{token}")).await;
    assert_eq!(opened.status, StatusCode::OK);
    assert_eq!(opened.header("cache-control"), Some("no-store"));
    assert_eq!(opened.json()["document"]["title"], "Club");
    assert_eq!(opened.json()["version"], 1);

    // Forged or altered tokens open nothing.
    let (link_id, sig) = token.split_once('.').unwrap();
    let first = if sig.starts_with('0') { '1' } else { '0' };
    let flipped = format!("{first}{}", &sig[1..]);
    for bad in [
        format!("{link_id}.{flipped}"),
        format!("{link_id}.zz"),
        "nodot".to_owned(),
        format!("other.{sig}"),
    ] {
        let r = app.get(&format!("/api/preview/{bad}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{bad}");
    }

    // Expiry: the same token two hours later.
    let later = cradle_server::store::now_ms() + 2 * 3600 * 1000 + 1;
    assert_eq!(
        previews::open(&app.db, &token, later).await.unwrap(),
        Err(PreviewError::Expired)
    );
    let hours = app
        .call(&s, Method::POST, &links, Some(json!({"hours": 0})))
        .await;
    assert_eq!(hours.status, StatusCode::UNPROCESSABLE_ENTITY);

    let listed = app.call(&s, Method::GET, &links, None).await.json();
    assert_eq!(listed[0]["url"], url.as_str());
    assert_eq!(listed[0]["revoked"], false);

    // Another workspace can neither list nor revoke it.
    let other = app.user("o@other.com", Role::Owner, "Other").await;
    assert_eq!(
        app.call(&other, Method::GET, &links, None).await.status,
        StatusCode::NOT_FOUND
    );
    let revoke = format!("/api/preview-links/{}", link["id"].as_str().unwrap());
    assert_eq!(
        app.call(&other, Method::DELETE, &revoke, None).await.status,
        StatusCode::NOT_FOUND
    );

    assert_eq!(
        app.call(&s, Method::DELETE, &revoke, None).await.status,
        StatusCode::NO_CONTENT
    );
    let gone = app.get(&format!("/api/preview/{token}")).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(gone.error_code(), "revoked");
    assert_eq!(
        app.call(&s, Method::GET, &links, None).await.json()[0]["revoked"],
        true
    );
});

/// A 64×64 PNG of `size` bytes (header, then filler that differs by `seed`).
fn png(size: usize, seed: u8) -> Vec<u8> {
    png_of(64, 64, size, seed)
}

/// A PNG whose header says `width`×`height`, padded to `size` bytes.
fn png_of(width: u32, height: u32, size: usize, seed: u8) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    let filler = size.saturating_sub(bytes.len());
    bytes.extend((0..filler).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
    bytes
}

async fn upload(
    app: &common::TestApp,
    s: &common::Session,
    bytes: Vec<u8>,
    declared: &str,
) -> common::TestResponse {
    let request = Request::post("/api/assets")
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .header("content-type", declared)
        .body(Body::from(bytes))
        .unwrap();
    app.send(request).await
}

dual_test!(
    pictures_are_checked_by_content_and_served_for_a_year,
    |app| {
        let s = app.user("e@brand.com", Role::Editor, "Brand").await;
        // Declared as SVG, but the bytes are a PNG: the content decides.
        let r = upload(app, &s, png(1000, 1), "image/svg+xml").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let uploaded = r.json();
        let url = uploaded["url"].as_str().unwrap().to_owned();
        assert!(url.starts_with("/api/assets/") && url.ends_with(".png"));
        assert_eq!(uploaded["asset"]["content_type"], "image/png");

        let served = app.get(&url).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.body, png(1000, 1));
        assert_eq!(served.header("content-type"), Some("image/png"));
        assert_eq!(
            served.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(served.header("x-content-type-options"), Some("nosniff"));

        // The same content again is the same file, counted once.
        assert_eq!(
            upload(app, &s, png(1000, 1), "image/png").await.status,
            StatusCode::OK
        );
        let list = app.call(&s, Method::GET, "/api/assets", None).await.json();
        assert_eq!(list["items"].as_array().unwrap().len(), 1);
        assert_eq!(list["used_bytes"], 1000);

        let svg = upload(
            app,
            &s,
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec(),
            "image/png",
        )
        .await;
        assert_eq!(svg.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(svg.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("SVG"));
        let exe = upload(app, &s, b"MZ\x90\0\x03".to_vec(), "image/png").await;
        assert_eq!(exe.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

        // 1.5 MB that a phone would decode into 1.6 GB of pixels; a header with no size.
        let bomb = upload(app, &s, png_of(20_000, 20_000, 1_500_000, 3), "image/png").await;
        assert_eq!(
            bomb.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            bomb.text()
        );
        assert_eq!(bomb.error_code(), "picture_too_large");
        assert_eq!(bomb.json()["error"]["details"]["width"], 20_000);
        let tall = upload(app, &s, png_of(100, 9000, 1000, 4), "image/png").await;
        assert_eq!(tall.error_code(), "picture_too_large");
        let phone_photo = upload(app, &s, png_of(4032, 3024, 1000, 5), "image/png").await;
        assert_eq!(
            phone_photo.status,
            StatusCode::CREATED,
            "{}",
            phone_photo.text()
        );
        let headless = upload(app, &s, b"\x89PNG\r\n\x1a\nno header".to_vec(), "image/png").await;
        assert_eq!(headless.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let assets = app.call(&s, Method::GET, "/api/assets", None).await.json();
        assert_eq!(assets["items"].as_array().unwrap().len(), 2, "{assets}");

        let huge = upload(app, &s, png(5 * 1024 * 1024 + 1, 2), "image/png").await;
        assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(huge.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("5 MB"));

        for path in [
            "/api/assets/../cradle.db",
            "/api/assets/nothing.png",
            &url.replace(".png", ".gif"),
        ] {
            assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
    }
);

dual_test!(pictures_count_toward_the_workspace_quota, |app| {
    let s = app.user("e@brand.com", Role::Editor, "Brand").await;
    let viewer = app.user("v@brand.com", Role::Viewer, "Brand").await;
    assert_eq!(
        upload(app, &viewer, png(100, 9), "image/png").await.status,
        StatusCode::FORBIDDEN
    );
    let four_mb = 4 * 1024 * 1024;
    assert_eq!(
        upload(app, &s, png(four_mb, 1), "image/png").await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        upload(app, &s, png(four_mb, 2), "image/png").await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        upload(app, &s, png(four_mb, 3), "image/png").await.status,
        StatusCode::CREATED
    );
    let over = upload(app, &s, png(100, 4), "image/png").await;
    assert_eq!(over.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(over.error_code(), "quota_exceeded");
    // Another workspace has its own quota.
    let other = app.user("o@other.com", Role::Editor, "Other").await;
    assert_eq!(
        upload(app, &other, png(100, 4), "image/png").await.status,
        StatusCode::CREATED
    );
    let list = app.call(&s, Method::GET, "/api/assets", None).await.json();
    assert_eq!(list["quota_bytes"], common::QUOTA_BYTES);
    assert_eq!(list["items"].as_array().unwrap().len(), 3);
});
