//! Publishing: `POST …/publish` makes the draft an immutable numbered version and puts it live at
//! `/c/{slug}`; versions can be listed and rolled back (republished as a new number);
//! `GET /api/published/{slug}` serves the live version to members with ETag and schedule checks.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, FixedOffset, Utc};
use cradle_model::parse::decode_document;
use cradle_model::validate::Kind;
use cradle_model::{validate, visibility, Document, ValidationError};
use cradle_wire::publishing::{LiveResponse, PublishRequest, Published};
use cradle_wire::ErrorCode;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::club::member::CurrentMember;
use crate::club::settings;
use crate::error::{ApiError, ErrorBody};
use crate::routes::documents::invalid;
use crate::store::documents;
use crate::store::publishing::{self, PublishError, VersionInfo};

fn publish_error(e: PublishError) -> ApiError {
    match e {
        PublishError::SlugTaken(slug) => ApiError::new(
            ErrorCode::SlugTaken,
            format!("another page is already live at /c/{slug}: choose another address"),
        )
        .with_details(json!([{"path": "/slug", "message": "this address is taken"}])),
        PublishError::StockBelowIssued(errors) => invalid(errors),
        PublishError::Concurrent => ApiError::new(
            ErrorCode::PublishConflict,
            "someone published this page at the same moment: reload and try again",
        ),
        PublishError::Db(e) => ApiError::internal(e),
    }
}

async fn publish_document(
    state: &AppState,
    me: &CurrentUser,
    doc: &Document,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
) -> Result<(StatusCode, Json<Published>), ApiError> {
    if let (Some(start), Some(end)) = (starts_at, ends_at) {
        if end <= start {
            return Err(invalid(vec![ValidationError::in_english(
                "/ends_at",
                Kind::Inconsistent,
                "the page must close after it opens",
            )]));
        }
    }
    let errors = validate(doc);
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let number = publishing::publish(
        &state.db,
        &me.user.workspace_id,
        &me.user.id,
        doc,
        starts_at,
        ends_at,
    )
    .await
    .map_err(publish_error)?;
    state.versions.forget_live();
    Ok((
        StatusCode::CREATED,
        Json(Published {
            number,
            url: format!("/c/{}", doc.slug),
        }),
    ))
}

/// Publishes the draft as a new immutable version and puts it live.
#[utoipa::path(post, path = "/documents/{id}/publish", tag = "publishing", params(("id" = String, Path)),
    request_body = PublishRequest,
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 201, body = Published), (status = 404, body = ErrorBody),
              (status = 409, description = "stale draft version, slug taken or concurrent publish", body = ErrorBody),
              (status = 422, description = "invalid page, schedule or stock below issued", body = ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    Json(req): Json<PublishRequest>,
) -> Result<(StatusCode, Json<Published>), ApiError> {
    me.require_edit()?;
    let stored = documents::get(&state.db, &me.user.workspace_id, &id)
        .await?
        .filter(|s| s.summary.deleted_at.is_none())
        .ok_or_else(|| ApiError::not_found("page"))?;
    if stored.summary.version != req.version {
        return Err(ApiError::new(
            ErrorCode::VersionConflict,
            format!(
                "the draft changed (now version {}): review it before publishing",
                stored.summary.version
            ),
        )
        .with_details(json!({ "current_version": stored.summary.version })));
    }
    let json: Value = serde_json::from_str(&stored.body).map_err(ApiError::internal)?;
    let doc = decode_document(&json).map_err(invalid)?;
    // Times sent with the request win over the page's own schedule.
    let ms = |t: Option<DateTime<FixedOffset>>| t.map(|t| t.timestamp_millis());
    let starts_at = ms(req.starts_at.or(doc.schedule.start));
    let ends_at = ms(req.ends_at.or(doc.schedule.end));
    publish_document(&state, &me, &doc, starts_at, ends_at).await
}

/// Lists a document's published versions, newest first.
#[utoipa::path(get, path = "/documents/{id}/versions", tag = "publishing", params(("id" = String, Path)),
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 200, body = Vec<VersionInfo>), (status = 404, body = ErrorBody)))]
pub async fn versions(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<VersionInfo>>, ApiError> {
    me.require_read()?;
    documents::get(&state.db, &me.user.workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("page"))?;
    Ok(Json(
        publishing::versions(&state.db, &me.user.workspace_id, &id).await?,
    ))
}

/// Publishes an old version again, as a new version number (stock rules apply as for any publish).
#[utoipa::path(post, path = "/documents/{id}/versions/{number}/rollback", tag = "publishing",
    params(("id" = String, Path), ("number" = i64, Path)),
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 201, body = Published), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn rollback(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((id, number)): Path<(String, i64)>,
) -> Result<(StatusCode, Json<Published>), ApiError> {
    me.require_edit()?;
    let (body, starts_at, ends_at) =
        publishing::version_body(&state.db, &me.user.workspace_id, &id, number)
            .await?
            .ok_or_else(|| ApiError::not_found("version"))?;
    let json: Value = serde_json::from_str(&body).map_err(ApiError::internal)?;
    let doc = decode_document(&json).map_err(invalid)?;
    publish_document(&state, &me, &doc, starts_at, ends_at).await
}

/// The live page at `/c/{slug}`: 304 when `If-None-Match` matches, 403 `not_started` before the
/// schedule opens, 410 `ended` after it closes.
#[utoipa::path(get, path = "/published/{slug}", tag = "members", params(("slug" = String, Path)),
    responses((status = 200, body = LiveResponse, headers(("ETag" = String), ("Cache-Control" = String))),
              (status = 304, description = "unchanged"),
              (status = 403, description = "not open yet; details.starts_at", body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 410, description = "closed; details.ended_at", body = ErrorBody)))]
pub async fn live(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let page = state
        .versions
        .live(&state.db, &slug)
        .await?
        .ok_or_else(|| ApiError::not_found("page"))?;
    let now = Utc::now();
    page.schedule.check(now).map_err(ApiError::closed)?;
    // A page with targeted blocks is drawn for whoever asks: a member of the page's brand sees
    // what her audience admits, anyone else only the untargeted blocks.
    let targeted = page.for_everyone.is_none();
    let (document, etag) = match &page.for_everyone {
        Some(document) => (document.clone(), format!("\"{}\"", page.content_hash)),
        None => {
            let viewer = CurrentMember::from_cookie(&headers, &state)
                .await?
                .filter(|m| m.workspace_id == page.workspace_id);
            let zone = settings::zone(&state.db, &page.workspace_id).await?;
            let today = now.with_timezone(&zone).date_naive();
            let seen =
                visibility::for_viewer(&page.doc, viewer.as_ref().map(|m| &m.profile), today);
            let json = serde_json::to_vec(&seen).map_err(ApiError::internal)?;
            let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&json)[..16]));
            (
                serde_json::from_slice(&json).map_err(ApiError::internal)?,
                etag,
            )
        }
    };
    // Short cache, never past the scheduled end; private when it depends on the member.
    let max_age = page
        .schedule
        .seconds_to_change(now)
        .map_or(60, |s| s.clamp(0, 60));
    let cache = match targeted {
        false => format!("public, max-age={max_age}, must-revalidate"),
        true => "private, no-cache".to_owned(),
    };
    let mut response_headers = HeaderMap::new();
    response_headers.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(ApiError::internal)?,
    );
    response_headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_str(&cache).map_err(ApiError::internal)?,
    );
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if targeted {
        response_headers.insert(header::VARY, HeaderValue::from_static("Cookie"));
    }
    if matches {
        return Ok((StatusCode::NOT_MODIFIED, response_headers).into_response());
    }
    let body = LiveResponse {
        number: page.number,
        published_at: page.published_at,
        document,
    };
    Ok((response_headers, Json(body)).into_response())
}
