//! The OpenAPI document: valid 3.1, lists exactly the API the router serves.

mod common;

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use cradle_wire::ErrorCode;

/// Every endpoint, as the router serves it.
const ENDPOINTS: &[(&str, &str)] = &[
    ("GET", "/api/health"),
    ("GET", "/api/openapi.json"),
    ("GET", "/api/setup"),
    ("POST", "/api/auth/login"),
    ("POST", "/api/auth/logout"),
    ("GET", "/api/auth/me"),
    ("GET", "/api/auth/session"),
    ("GET", "/api/documents"),
    ("POST", "/api/documents"),
    ("GET", "/api/documents/{id}"),
    ("PUT", "/api/documents/{id}"),
    ("DELETE", "/api/documents/{id}"),
    ("POST", "/api/documents/{id}/restore"),
    ("POST", "/api/documents/{id}/duplicate"),
    ("POST", "/api/documents/{id}/publish"),
    ("GET", "/api/documents/{id}/versions"),
    ("POST", "/api/documents/{id}/versions/{number}/rollback"),
    ("GET", "/api/published/{slug}"),
    ("POST", "/api/documents/{id}/preview-links"),
    ("GET", "/api/documents/{id}/preview-links"),
    ("DELETE", "/api/preview-links/{id}"),
    ("GET", "/api/preview/{token}"),
    ("POST", "/api/assets"),
    ("GET", "/api/assets"),
    ("GET", "/api/assets/{file}"),
    ("GET", "/api/sections"),
    ("POST", "/api/sections"),
    ("DELETE", "/api/sections/{id}"),
    ("POST", "/api/member/session"),
    ("POST", "/api/member/demo"),
    ("GET", "/api/member/me"),
    ("POST", "/api/member/invite"),
    ("POST", "/api/member/share-offers"),
    ("POST", "/api/member/shares"),
    ("DELETE", "/api/member/shares/{code}"),
    ("POST", "/api/published/{slug}/blocks/{block_id}/redeem"),
    ("POST", "/api/published/{slug}/blocks/{block_id}/claim"),
    ("POST", "/api/published/{slug}/blocks/{block_id}/sign-in"),
    ("POST", "/api/published/{slug}/blocks/{block_id}/quiz"),
    ("POST", "/api/published/{slug}/blocks/{block_id}/vote"),
    ("GET", "/api/published/{slug}/blocks/{block_id}/votes"),
    ("POST", "/api/published/{slug}/share"),
    ("GET", "/api/club/settings"),
    ("PUT", "/api/club/settings"),
    ("GET", "/api/club/settings/versions"),
    ("GET", "/api/addresses/{slug}"),
    ("GET", "/api/workspace/framing"),
    ("PUT", "/api/workspace/framing"),
    ("PUT", "/api/workspace/time-zone"),
    ("POST", "/api/members/{id}/adjust"),
    ("POST", "/api/published/{slug}/campaigns/{campaign}/draws"),
    ("GET", "/api/published/{slug}/campaigns/{campaign}/odds"),
    ("GET", "/api/published/{slug}/campaigns/{campaign}/standing"),
    (
        "GET",
        "/api/published/{slug}/campaigns/{campaign}/verification",
    ),
    ("GET", "/api/member/prizes"),
    ("GET", "/api/redemptions/{code}"),
    ("POST", "/api/redemptions/{code}/redeem"),
    ("GET", "/api/integration/member-secret"),
    ("POST", "/api/integration/member-secret/rotate"),
    ("GET", "/api/integration/api-keys"),
    ("POST", "/api/integration/api-keys"),
    ("DELETE", "/api/integration/api-keys/{id}"),
    ("GET", "/api/brand-members/{member}"),
    ("POST", "/api/brand-members/{member}/adjust"),
    ("POST", "/api/orders"),
    ("POST", "/api/orders/{order_id}/refund"),
    ("GET", "/api/brand-campaigns"),
    ("GET", "/api/integration/webhooks"),
    ("POST", "/api/integration/webhooks"),
    ("DELETE", "/api/integration/webhooks/{id}"),
    ("GET", "/api/integration/webhooks/{id}/deliveries"),
];

dual_test!(openapi_lists_every_route_and_nothing_else, |app| {
    let r = app.get("/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let spec = r.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(spec["info"]["title"], "Cradle API");
    assert!(spec["components"]["schemas"]["ErrorBody"].is_object());
    let codes: Vec<&str> = spec["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .expect("the error-code table is in the document")
        .iter()
        .filter_map(|c| c.as_str())
        .collect();
    assert_eq!(codes.len(), ErrorCode::ALL.len());
    // The club settings are typed from the model's own schema.
    let schemas = &spec["components"]["schemas"];
    assert!(schemas["Tier"]["properties"]["threshold"].is_object());
    let put = &spec["paths"]["/api/club/settings"]["put"];
    assert_eq!(
        put["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ClubSettings"
    );
    assert!(
        schemas["ClubSettings"]["properties"]["tiers"]["items"]["$ref"]
            .as_str()
            .is_some_and(|r| r == "#/components/schemas/Tier")
    );

    let mut documented = BTreeSet::new();
    let mut operation_ids = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or_default();
            assert!(
                operation_ids.insert(id.to_owned()),
                "operationId {id} is not unique"
            );
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let expected: BTreeSet<_> = ENDPOINTS
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented, expected);

    // Each documented operation is really served: not the API's 404 nor 405.
    for (method, path) in &documented {
        let uri = path
            .replace("{id}", "some-id")
            .replace("{number}", "1")
            .replace("{slug}", "club")
            .replace("{token}", "t.00")
            .replace("{file}", "x.png")
            .replace("{block_id}", "block-1")
            .replace("{campaign}", "spring-wheel")
            .replace("{code}", "AAAA-BBBB-CCCC");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let r = app
            .send_raw(method.clone(), &uri, "application/json", "{}")
            .await;
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        let unknown = r.status == StatusCode::NOT_FOUND
            && r.json()["error"]["message"] == "no such API endpoint";
        assert!(!unknown, "{method} {uri} is documented but not served");
        // Every error answer's code is a row of the one table, documented in the API document.
        if !r.status.is_success() && r.status != StatusCode::NOT_MODIFIED {
            let code = r.json()["error"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            assert!(
                ErrorCode::ALL.iter().any(|c| c.as_str() == code),
                "{method} {uri} answered an undocumented code '{code}'"
            );
            assert!(
                codes.contains(&code.as_str()),
                "'{code}' missing from the API document"
            );
        }
    }
    // And an undocumented path is not.
    let r = app.get("/api/nope").await;
    assert_eq!(r.json()["error"]["message"], "no such API endpoint");
});
