//! The HTTP application: shared state, the API routes, the app's static files, and the layers
//! every request passes (request id, tracing, timeout, body limit, JSON errors).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use cradle_wire::ErrorCode;
use tower_http::compression::predicate::{DefaultPredicate, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::auth::login_limit::LoginLimits;
use crate::config::Config;
use crate::db::Db;
use crate::draws::published::VersionCache;
use crate::draws::queue::DrawQueue;
use crate::draws::rate_limit::DrawLimits;
use crate::error::ApiError;
use crate::limits::Limiter;
use crate::{routes, security, spa};

/// Largest JSON body the API accepts.
pub const MAX_JSON_BODY: usize = 2 * 1024 * 1024;
/// Smallest answer compressed, in bytes.
const MIN_COMPRESSED: u16 = 1024;
/// Longest a request may take before the server answers 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The server's configuration.
    pub config: Arc<Config>,
    /// Failed-login limits.
    pub login_limits: LoginLimits,
    /// Draw rate limits.
    pub draw_limits: DrawLimits,
    /// Published versions decoded for draws.
    pub versions: Arc<VersionCache>,
    /// Where draws wait for their batch.
    pub draws: DrawQueue,
}

impl AppState {
    /// State for a connected database and a configuration; starts the draw writers and the
    /// webhook sender (call it inside a Tokio runtime).
    pub fn new(db: Db, config: Config) -> AppState {
        crate::webhooks::sender::start(&db);
        let limiter = Arc::new(Limiter::for_db(&db));
        AppState {
            draws: DrawQueue::start(&db),
            draw_limits: DrawLimits::new(
                limiter.clone(),
                config.draw_rate_per_member,
                config.draw_rate_per_ip,
            ),
            login_limits: LoginLimits::new(limiter),
            db,
            config: Arc::new(config),
            versions: Arc::default(),
        }
    }
}

/// The full router: `/api/…` and the app.
pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let (api, _spec) = routes::openapi::api();
    let api = api
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .layer(axum::middleware::from_fn(crate::nul::refuse_nul))
        .layer(axum::middleware::from_fn(
            crate::declared_length::refuse_oversized,
        ))
        .layer(axum::middleware::from_fn(json_errors))
        .layer(DefaultBodyLimit::max(MAX_JSON_BODY))
        // API answers are never cached unless a handler says so (those with a CSRF token must
        // not be), and are never documents to run.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(security::API_POLICY),
        ));
    let app = Router::new()
        .merge(api)
        .route("/c/{slug}", get(crate::member_page::serve))
        .route(
            "/c/{slug}/odds/{campaign}",
            get(crate::member_page::odds::serve),
        )
        .route("/preview/{token}", get(crate::member_page::preview))
        .merge(spa::router(state.config.dist.clone()));
    security::layers(app)
        .with_state(state)
        // JSON and the app's HTML compressed for browsers that ask (files come precompressed);
        // answers under 1 KB (a draw's) are sent as they are: too small to gain.
        .layer(
            CompressionLayer::new()
                .compress_when(DefaultPredicate::new().and(SizeAbove::new(MIN_COMPRESSED))),
        )
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                let id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                tracing::info_span!("request", method = %request.method(), uri = %request.uri(), id)
            }),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// Whether a request or response says its body is JSON.
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

async fn api_not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such API endpoint")
}

/// Turns any non-JSON error answer under `/api` (an extractor rejection, 405, 408, 413…) into the
/// one JSON error shape, keeping its status and its text as the message.
async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_json(response.headers()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&text).trim().to_owned();
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_lowercase()
    } else {
        text
    };
    let mut json = ApiError::new(ErrorCode::for_status(status.as_u16()), message)
        .with_status(status)
        .into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            json.headers_mut().insert(name.clone(), value.clone());
        }
    }
    json
}
