//! Drafts and publishing through the staff API, shared by every test that needs a page: one
//! place that knows the request shapes, so the tests only say what they change.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use super::{Session, TestApp, TestResponse};

/// A draft as a test holds it: its id, the version the next save or publish must name, and the
/// document to edit.
#[derive(Clone, Debug)]
pub struct Page {
    pub id: String,
    pub version: i64,
    pub document: Value,
}

impl Page {
    /// `/api/documents/{id}`.
    pub fn path(&self) -> String {
        format!("/api/documents/{}", self.id)
    }

    fn from_json(json: &Value) -> Page {
        Page {
            id: json["id"].as_str().expect("document id").to_owned(),
            version: json["version"].as_i64().expect("draft version"),
            document: json["document"].clone(),
        }
    }
}

impl TestApp {
    /// Creates the page `title` at `slug` from `template`.
    pub async fn create_page(&self, s: &Session, title: &str, slug: &str, template: &str) -> Page {
        let body = json!({"title": title, "slug": slug, "template": template});
        self.create_page_with(s, body).await
    }

    /// Creates a page from a raw request body, for tests that leave out the slug or template.
    pub async fn create_page_with(&self, s: &Session, body: Value) -> Page {
        let r = self
            .call(s, Method::POST, "/api/documents", Some(body))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        Page::from_json(&r.json())
    }

    /// The draft as stored now.
    pub async fn open_page(&self, s: &Session, id: &str) -> Page {
        let r = self
            .call(s, Method::GET, &format!("/api/documents/{id}"), None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        Page::from_json(&r.json())
    }

    /// Saves `document` over the draft `id`, claiming to be at `version`; the raw answer, for
    /// tests of refused saves.
    pub async fn put_draft(
        &self,
        s: &Session,
        id: &str,
        version: i64,
        document: &Value,
    ) -> TestResponse {
        let body = json!({"version": version, "document": document});
        self.call(s, Method::PUT, &format!("/api/documents/{id}"), Some(body))
            .await
    }

    /// Saves `page`, which must succeed, and moves it to the new version.
    pub async fn save_draft(&self, s: &Session, page: &mut Page) {
        let r = self
            .put_draft(s, &page.id, page.version, &page.document)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        page.version = r.json()["version"].as_i64().expect("new version");
    }

    /// Publishes `page` at its version, with `extra` fields (a schedule) merged into the body;
    /// the raw answer, since many tests expect a refusal.
    pub async fn publish(&self, s: &Session, page: &Page, extra: Value) -> TestResponse {
        let mut body = json!({"version": page.version});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        self.call(
            s,
            Method::POST,
            &format!("{}/publish", page.path()),
            Some(body),
        )
        .await
    }
}
