//! Test support: a Cradle app on a fresh database (SQLite in a temp folder, or a fresh schema in
//! PostgreSQL), driven in-process through its router.
#![allow(dead_code)] // each test binary uses a different part of this module

pub mod club;
pub mod pages;
pub mod wheel;

use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use cradle_server::auth::Role;
use cradle_server::club::ledger::{self, Entry};
use cradle_server::club::token::{self, ProfileClaims};
use cradle_server::db::Db;
use cradle_server::routes::auth::add_user;
use cradle_server::store::{now_ms, workspaces};
use cradle_server::{router, AppState, Config};
use http_body_util::BodyExt;
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt;

/// A running app on its own database.
pub struct TestApp {
    pub router: Router,
    pub db: Db,
    /// The app's state (its draw queue, caches and configuration).
    pub state: AppState,
    dir: TempDir,
    pg_schema: Option<(String, String)>,
}

/// A response, read in full.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    /// The body as JSON (panics with the body when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The machine-readable `error.code` of an error answer: what tests compare, since the
    /// English message may be reworded.
    pub fn error_code(&self) -> String {
        match self.json()["error"]["code"].as_str() {
            Some(code) => code.to_owned(),
            None => panic!("no error code ({}): {}", self.status, self.text()),
        }
    }

    /// The `path` of each problem in an error answer's `details`, in order (panics with the body
    /// when there are none).
    pub fn error_paths(&self) -> Vec<String> {
        let body = self.json();
        let Some(details) = body["error"]["details"].as_array() else {
            panic!("no error details ({}): {}", self.status, self.text());
        };
        details
            .iter()
            .map(|d| d["path"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// A header's value, if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Picture quota of test workspaces: 12 MB.
pub const QUOTA_BYTES: i64 = 12 * 1024 * 1024;

/// The password test users get.
pub const PASSWORD: &str = "password123";

/// A logged-in user's cookie and CSRF token.
#[derive(Clone, Debug)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// A member's session: cookie, CSRF token and who they are.
#[derive(Clone, Debug)]
pub struct MemberSession {
    pub cookie: String,
    pub csrf: String,
    /// Internal member id.
    pub id: String,
    /// Id in the brand's system.
    pub external_id: String,
    /// Their invite / sharing code.
    pub code: String,
    pub workspace_id: String,
}

/// The editor's index.html the test app serves.
pub const EDITOR_HTML: &str = "<!doctype html><title>Cradle editor test</title><body></body>";

/// The office's index.html (`o/index.html`) the test app serves.
pub const OFFICE_HTML: &str = "<!doctype html><title>Cradle office test</title><body></body>";

impl TestApp {
    /// An app on a new SQLite file.
    pub async fn sqlite() -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("cradle.db").display()
        );
        TestApp::start(dir, &url, None).await
    }

    /// An app on a new schema of the PostgreSQL at `DATABASE_URL` (default: the local one).
    /// `None` unless `CRADLE_TEST_POSTGRES=1`; then an unreachable server fails the test.
    pub async fn postgres() -> Option<TestApp> {
        if std::env::var("CRADLE_TEST_POSTGRES").as_deref() != Ok("1") {
            eprintln!("PostgreSQL test skipped: set CRADLE_TEST_POSTGRES=1 (scripts/test does)");
            return None;
        }
        let base = std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let schema = unique_schema();
        sqlx::any::install_default_drivers();
        let admin = sqlx::AnyPool::connect(&base)
            .await
            .expect("PostgreSQL reachable");
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&admin)
            .await
            .expect("create schema");
        admin.close().await;
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
        let dir = tempfile::tempdir().expect("temp dir");
        Some(TestApp::start(dir, &url, Some((base, schema))).await)
    }

    async fn start(dir: TempDir, url: &str, pg_schema: Option<(String, String)>) -> TestApp {
        sqlx::any::install_default_drivers();
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), EDITOR_HTML).unwrap();
        std::fs::create_dir_all(dist.join("o")).unwrap();
        std::fs::write(dist.join("o/index.html"), OFFICE_HTML).unwrap();
        std::fs::write(dist.join("cradle-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
        let db = Db::connect(url)
            .await
            .expect("database connects and migrates");
        let config = Config {
            host: "127.0.0.1".into(),
            port: 0,
            dist,
            data_dir: dir.path().to_path_buf(),
            database_url: Some(url.to_owned()),
            secure_cookies: false,
            asset_quota_bytes: QUOTA_BYTES,
            ..Config::default()
        };
        let state = AppState::new(db.clone(), config);
        let router = router(state.clone());
        TestApp {
            router,
            db,
            state,
            dir,
            pg_schema,
        }
    }

    /// A second server on this app's database, as another process behind a balancer: its own
    /// pool, caches, rate-limit store and draw writer, configured as this one after `adjust`.
    pub async fn peer(&self, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = (*self.state.config).clone();
        adjust(&mut config);
        let url = config
            .database_url
            .clone()
            .expect("test apps name their database");
        let db = Db::connect(&url)
            .await
            .expect("database connects and migrates");
        let state = AppState::new(db.clone(), config);
        TestApp {
            router: router(state.clone()),
            db,
            state,
            dir: tempfile::tempdir().expect("temp dir"),
            pg_schema: None,
        }
    }

    /// Sends a request through the router.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        respond(self.router.clone(), request).await
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// A request with a raw body and content type.
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: impl Into<Body>,
    ) -> TestResponse {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", content_type)
            .body(body.into())
            .unwrap();
        self.send(request).await
    }

    /// Adds a user (password `password123`) to `workspace` and logs them in.
    pub async fn user(&self, email: &str, role: Role, workspace: &str) -> Session {
        add_user(&self.db, email, PASSWORD, role, workspace, "Asia/Shanghai")
            .await
            .expect("user added");
        self.login(email, PASSWORD).await.expect("login works")
    }

    /// Logs in; the response when it fails.
    pub async fn login(&self, email: &str, password: &str) -> Result<Session, TestResponse> {
        let body = serde_json::json!({ "email": email, "password": password }).to_string();
        let response = self
            .send_raw(Method::POST, "/api/auth/login", "application/json", body)
            .await;
        if response.status != StatusCode::OK {
            return Err(response);
        }
        let cookie = response
            .header("set-cookie")
            .expect("session cookie")
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let csrf = response.json()["csrf_token"].as_str().unwrap().to_owned();
        Ok(Session { cookie, csrf })
    }

    /// A request as `session` (cookie and CSRF header), with an optional JSON body.
    pub async fn call(
        &self,
        session: &Session,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> TestResponse {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("cookie", &session.cookie)
            .header("x-csrf-token", &session.csrf);
        let body = match body {
            Some(json) => {
                request = request.header("content-type", "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }

    /// A token for member `external_id` of `workspace` (created in Asia/Shanghai if missing).
    pub async fn member_token(
        &self,
        workspace: &str,
        external_id: &str,
        profile: ProfileClaims,
        hours: i64,
    ) -> String {
        workspaces::find_or_create(&self.db, workspace, "Asia/Shanghai")
            .await
            .expect("workspace");
        token::mint(&self.db, workspace, external_id, profile, hours)
            .await
            .expect("token minted")
    }

    /// Opens a member session with `token` (on the page at `slug`, if given).
    pub async fn open_member(
        &self,
        token: &str,
        slug: Option<&str>,
    ) -> Result<MemberSession, TestResponse> {
        let body = serde_json::json!({ "token": token, "slug": slug }).to_string();
        let response = self
            .send_raw(
                Method::POST,
                "/api/member/session",
                "application/json",
                body,
            )
            .await;
        if response.status != StatusCode::OK {
            return Err(response);
        }
        Ok(member_session(&response))
    }

    /// Member `external_id` of `workspace` with an open session (token minted by the server's
    /// own signing function).
    pub async fn member(&self, workspace: &str, external_id: &str) -> MemberSession {
        let token = self
            .member_token(workspace, external_id, ProfileClaims::default(), 1)
            .await;
        self.open_member(&token, None)
            .await
            .expect("member session opens")
    }

    /// `n` members of `workspace` (`bulk-0`, `bulk-1`, …) with open sessions, written in one
    /// transaction: the load tests' crowd, made in milliseconds rather than one request each.
    pub async fn many_members(&self, workspace: &str, n: usize) -> Vec<MemberSession> {
        use sha2::Digest;
        let ws = workspaces::find_or_create(&self.db, workspace, "Asia/Shanghai")
            .await
            .expect("workspace");
        let now = now_ms();
        let made: Vec<MemberSession> = (0..n)
            .map(|i| MemberSession {
                cookie: String::new(),
                csrf: cradle_server::store::random_hex(16),
                id: cradle_server::store::new_id(),
                external_id: format!("bulk-{i}"),
                code: cradle_server::store::random_hex(5),
                workspace_id: ws.id.clone(),
            })
            .collect();
        let mut tx = self.db.begin_write().await.expect("transaction");
        let mut with_cookies = Vec::with_capacity(n);
        for chunk in made.chunks(200) {
            let rows = cradle_server::db::values::tuples(1, chunk.len(), 5);
            let sql = format!(
                "INSERT INTO members (id, workspace_id, external_id, code, created_at, profile, \
                 updated_at) SELECT v.column1, v.column2, v.column3, v.column4, v.column5, '{{}}', \
                 v.column5 FROM (VALUES {rows}) AS v"
            );
            let mut query = sqlx::query(&sql);
            for m in chunk {
                query = query
                    .bind(&m.id)
                    .bind(&m.workspace_id)
                    .bind(&m.external_id)
                    .bind(&m.code)
                    .bind(now);
            }
            query.execute(&mut *tx).await.expect("members");
            let rows = cradle_server::db::values::tuples(1, chunk.len(), 4);
            let sql = format!(
                "INSERT INTO member_sessions (token_hash, member_id, csrf_token, joined, \
                 expires_at) SELECT v.column1, v.column2, v.column3, 1, v.column4 \
                 FROM (VALUES {rows}) AS v"
            );
            let mut query = sqlx::query(&sql);
            for m in chunk {
                let token = cradle_server::store::random_hex(32);
                let hash = hex::encode(sha2::Sha256::digest(token.as_bytes()));
                query = query
                    .bind(hash)
                    .bind(&m.id)
                    .bind(&m.csrf)
                    .bind(now + 3_600_000);
                with_cookies.push(MemberSession {
                    cookie: format!("{}={token}", cradle_server::club::member::MEMBER_COOKIE),
                    ..m.clone()
                });
            }
            query.execute(&mut *tx).await.expect("sessions");
        }
        tx.commit().await.expect("commit");
        with_cookies
    }

    /// Gives `member` `amount` points (a staff `adjust` entry, through the library).
    pub async fn grant_points(&self, member: &MemberSession, amount: i64) {
        let mut conn = self.db.pool.acquire().await.expect("connection");
        let entry = Entry {
            workspace_id: &member.workspace_id,
            member_id: &member.id,
            amount,
            reason: "test grant",
            source: "test",
            now_ms: now_ms(),
        };
        assert!(ledger::adjust(&mut conn, &entry).await.expect("adjust"));
    }

    /// A request as `member` (cookie and CSRF header), with an optional JSON body.
    pub async fn call_member(
        &self,
        member: &MemberSession,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> TestResponse {
        let session = Session {
            cookie: member.cookie.clone(),
            csrf: member.csrf.clone(),
        };
        self.call(&session, method, path, body).await
    }

    /// Drops the PostgreSQL schema (SQLite's folder goes with the app).
    pub async fn finish(self) {
        self.db.pool.close().await;
        if let Some((base, schema)) = &self.pg_schema {
            let admin = sqlx::AnyPool::connect(base)
                .await
                .expect("PostgreSQL reachable");
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&admin)
                .await
                .expect("drop schema");
            admin.close().await;
        }
        drop(self.dir);
    }
}

/// Sends a request through `router`, reading the response in full.
pub async fn respond(router: Router, request: Request<Body>) -> TestResponse {
    let response = router.oneshot(request).await.expect("infallible");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("body").to_bytes().to_vec();
    TestResponse {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// The member session a `POST /api/member/session` (or demo) response opened.
pub fn member_session(response: &TestResponse) -> MemberSession {
    let cookie = response
        .header("set-cookie")
        .expect("member cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let json = response.json();
    let text = |v: &Value| v.as_str().unwrap().to_owned();
    let member = &json["member"];
    MemberSession {
        cookie,
        csrf: text(&json["csrf"]),
        id: text(&member["id"]),
        external_id: text(&member["external_id"]),
        code: text(&member["code"]),
        workspace_id: text(&member["workspace_id"]),
    }
}

fn unique_schema() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "cradle_t_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Declares a test that runs once on SQLite (`<name>::sqlite_db`) and once on PostgreSQL
/// (`<name>::postgres_db`, run by scripts/test when PostgreSQL is reachable).
#[macro_export]
macro_rules! dual_test {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite_db() {
                let owned = common::TestApp::sqlite().await;
                {
                    let $app = &owned;
                    $body
                }
                owned.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres_db() {
                if let Some(owned) = common::TestApp::postgres().await {
                    {
                        let $app = &owned;
                        $body
                    }
                    owned.finish().await;
                }
            }
        }
    };
}
