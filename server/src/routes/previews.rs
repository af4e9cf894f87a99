//! Preview links: editors create, list and revoke them; anyone with a valid token sees the draft
//! (as members would) without logging in.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use cradle_model::parse::decode_document;
use cradle_model::Document;
use cradle_wire::publishing::CreatePreview;
use cradle_wire::ErrorCode;
use serde::Serialize;
use serde_json::{json, Value};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::store::documents;
use crate::store::previews::{self, PreviewError, PreviewLink};

/// Longest a preview link may live, in hours (30 days).
pub const MAX_PREVIEW_HOURS: i64 = 720;

/// A draft opened through a preview link.
#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewResponse {
    /// Draft version shown.
    pub version: i64,
    /// The draft as members would get it.
    #[schema(value_type = Object)]
    pub document: Value,
}

async fn live_document(state: &AppState, me: &CurrentUser, id: &str) -> Result<(), ApiError> {
    documents::get(&state.db, &me.user.workspace_id, id)
        .await?
        .filter(|s| s.summary.deleted_at.is_none())
        .map(|_| ())
        .ok_or_else(|| ApiError::not_found("page"))
}

/// Creates a signed, expiring preview link for a draft.
#[utoipa::path(post, operation_id = "create_preview_link", path = "/documents/{id}/preview-links", tag = "previews", params(("id" = String, Path)),
    request_body = CreatePreview,
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 201, body = PreviewLink), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    Json(req): Json<CreatePreview>,
) -> Result<(StatusCode, Json<PreviewLink>), ApiError> {
    me.require_edit()?;
    live_document(&state, &me, &id).await?;
    let hours = req.hours.unwrap_or(72);
    if !(1..=MAX_PREVIEW_HOURS).contains(&hours) {
        return Err(
            ApiError::new(ErrorCode::InvalidBody, "a preview link lasts 1-720 hours")
                .with_details(json!([{"path": "/hours", "message": "must be 1-720"}])),
        );
    }
    let link = previews::create(&state.db, &me.user.workspace_id, &id, &me.user.id, hours).await?;
    Ok((StatusCode::CREATED, Json(link)))
}

/// Lists a draft's preview links.
#[utoipa::path(get, operation_id = "list_preview_links", path = "/documents/{id}/preview-links", tag = "previews", params(("id" = String, Path)),
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 200, body = Vec<PreviewLink>), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<PreviewLink>>, ApiError> {
    me.require_read()?;
    live_document(&state, &me, &id).await?;
    Ok(Json(
        previews::list(&state.db, &me.user.workspace_id, &id).await?,
    ))
}

/// Revokes a preview link at once.
#[utoipa::path(delete, operation_id = "revoke_preview_link", path = "/preview-links/{id}", tag = "previews", params(("id" = String, Path)),
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    me.require_edit()?;
    if previews::revoke(&state.db, &me.user.workspace_id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("preview link"))
    }
}

/// Opens a draft through a preview token: 404 unknown or forged, 410 expired or revoked.
#[utoipa::path(get, operation_id = "open_preview", path = "/preview/{token}", tag = "previews", params(("token" = String, Path)),
    responses((status = 200, body = PreviewResponse), (status = 404, body = ErrorBody), (status = 410, body = ErrorBody)))]
pub async fn open(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let (version, doc, _) = open_draft(&state, &token).await?;
    let document = serde_json::to_value(doc.for_members()).map_err(ApiError::internal)?;
    let body = PreviewResponse { version, document };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)))
}

/// The draft a preview token opens, with its version: 404 unknown or forged, 410 expired or
/// revoked. The JSON answer and the server-drawn preview page both open drafts here.
pub async fn open_draft(
    state: &AppState,
    token: &str,
) -> Result<(i64, Document, String), ApiError> {
    let (workspace, id) = match previews::open(&state.db, token, crate::store::now_ms()).await? {
        Ok(found) => found,
        Err(PreviewError::NotFound) => return Err(ApiError::not_found("preview link")),
        Err(PreviewError::Expired) => {
            return Err(ApiError::new(
                ErrorCode::Expired,
                "this preview link has expired: ask for a new one",
            ))
        }
        Err(PreviewError::Revoked) => {
            return Err(ApiError::new(
                ErrorCode::Revoked,
                "this preview link was turned off: ask for a new one",
            ))
        }
    };
    let stored = documents::get(&state.db, &workspace, &id)
        .await?
        .filter(|s| s.summary.deleted_at.is_none())
        .ok_or_else(|| ApiError::not_found("page"))?;
    let json: Value = serde_json::from_str(&stored.body).map_err(ApiError::internal)?;
    let doc =
        decode_document(&json).map_err(|_| ApiError::internal("stored draft no longer decodes"))?;
    Ok((stored.summary.version, doc, workspace))
}
