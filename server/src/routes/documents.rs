//! `/api/documents`: a workspace's draft pages: list, create (blank or from a template), open,
//! save with a version check, delete to the bin, restore, duplicate.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use cradle_model::parse::decode_document;
use cradle_model::validate::Kind;
use cradle_model::{address, templates, validate, Document, Language, ValidationError};
use cradle_wire::documents::{
    AddressCheck, CreateRequest, DocumentResponse, ListResponse, SaveRequest, SaveResponse,
};
use cradle_wire::ErrorCode;
use serde::Deserialize;
use serde_json::{json, Value};
use utoipa::IntoParams;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::store::documents::{self, Saved};
use crate::store::new_id;

/// List filters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Words in the title.
    #[serde(default)]
    pub q: String,
    /// Page number from 1.
    #[serde(default = "first_page")]
    pub page: i64,
    /// Items per page, 1-100.
    #[serde(default = "default_per_page")]
    pub per_page: i64,
    /// List the bin instead.
    #[serde(default)]
    pub deleted: bool,
}

fn first_page() -> i64 {
    1
}
fn default_per_page() -> i64 {
    20
}

/// 422 listing every validation error.
pub fn invalid(errors: Vec<ValidationError>) -> ApiError {
    let n = errors.len();
    let message = if n == 1 {
        format!("the page has a problem: {}", errors[0])
    } else {
        format!("the page has {n} problems")
    };
    ApiError::new(ErrorCode::InvalidDocument, message).with_details(json!(errors))
}

/// A free address near `wanted` for page `id` of `workspace`.
async fn free_address(
    state: &AppState,
    workspace: &str,
    wanted: &str,
    id: &str,
) -> Result<String, ApiError> {
    let used = documents::addresses_in_use(&state.db, workspace, wanted, id).await?;
    Ok(address::first_free(wanted, |s| used.contains(s)))
}

/// Query of [`check_address`].
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AddressQuery {
    /// The page that would take the address (its own address counts as free).
    pub document: Option<String>,
}

/// Whether a member address is free for a page, with a free one close to it: what the editor
/// asks while the marketer types an address.
#[utoipa::path(get, path = "/addresses/{slug}", tag = "documents",
    params(("slug" = String, Path), AddressQuery),
    responses((status = 200, body = AddressCheck), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn check_address(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(slug): Path<String>,
    Query(query): Query<AddressQuery>,
) -> Result<Json<AddressCheck>, ApiError> {
    me.require_read()?;
    let document = query.document.unwrap_or_default();
    let valid = validate::is_valid_slug(&slug);
    let wanted = match valid {
        true => slug.clone(),
        false => address::from_title(&slug, &new_id()),
    };
    let suggestion = free_address(&state, &me.user.workspace_id, &wanted, &document).await?;
    Ok(Json(AddressCheck {
        available: valid && suggestion == slug,
        valid,
        slug,
        suggestion,
    }))
}

fn response(stored: documents::Stored) -> Result<DocumentResponse, ApiError> {
    let document = serde_json::from_str(&stored.body).map_err(ApiError::internal)?;
    Ok(DocumentResponse {
        id: stored.summary.id,
        version: stored.summary.version,
        updated_at: stored.summary.updated_at,
        document,
    })
}

/// Lists the workspace's documents.
#[utoipa::path(get, operation_id = "list_documents", path = "/documents", tag = "documents", params(ListQuery),
    responses((status = 200, body = ListResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<ListResponse>, ApiError> {
    me.require_read()?;
    if q.page < 1 || !(1..=100).contains(&q.per_page) {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            "page must be ≥ 1 and per_page 1-100",
        ));
    }
    let offset = (q.page - 1).saturating_mul(q.per_page);
    let (items, total) = documents::list(
        &state.db,
        &me.user.workspace_id,
        q.q.trim(),
        q.deleted,
        q.per_page,
        offset,
    )
    .await?;
    Ok(Json(ListResponse {
        items,
        total,
        page: q.page,
        per_page: q.per_page,
    }))
}

/// Creates a document, blank or from a template.
#[utoipa::path(post, operation_id = "create_document", path = "/documents", tag = "documents", request_body = CreateRequest,
    responses((status = 201, body = DocumentResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Json(req): Json<CreateRequest>,
) -> Result<(StatusCode, Json<DocumentResponse>), ApiError> {
    me.require_edit()?;
    let id = new_id();
    let template_id = req.template.as_deref().unwrap_or("blank");
    let template = templates::find(template_id).ok_or_else(|| {
        invalid(vec![ValidationError::in_english(
            "/template",
            Kind::UnknownReference,
            format!("there is no template '{template_id}'"),
        )])
    })?;
    let language = match req.language.as_deref() {
        None => Language::default(),
        Some(tag) => Language::from_tag(tag).ok_or_else(|| {
            invalid(vec![ValidationError::in_english(
                "/language",
                Kind::Format,
                format!("there is no page language '{tag}': use zh-CN or en"),
            )])
        })?,
    };
    let slug = match &req.slug {
        Some(slug) => slug.clone(),
        None => {
            let wanted = address::from_title(&req.title, &id);
            free_address(&state, &me.user.workspace_id, &wanted, &id).await?
        }
    };
    let doc = template
        .instantiate(&id, req.title.trim(), &slug, language, chrono::Utc::now())
        .map_err(invalid)?;
    let errors = validate(&doc);
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let summary = documents::insert(&state.db, &me.user.workspace_id, &me.user.id, &doc).await?;
    let document = serde_json::to_value(&doc).map_err(ApiError::internal)?;
    Ok((
        StatusCode::CREATED,
        Json(DocumentResponse {
            id,
            version: summary.version,
            updated_at: summary.updated_at,
            document,
        }),
    ))
}

/// Opens a document.
#[utoipa::path(get, operation_id = "get_document", path = "/documents/{id}", tag = "documents", params(("id" = String, Path)),
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 200, body = DocumentResponse), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<DocumentResponse>, ApiError> {
    me.require_read()?;
    let stored = documents::get(&state.db, &me.user.workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("page"))?;
    Ok(Json(response(stored)?))
}

/// Saves a draft over the version it started from: 409 with the current version when someone
/// saved in between, 422 with every validation error.
#[utoipa::path(put, operation_id = "save_document", path = "/documents/{id}", tag = "documents", params(("id" = String, Path)), request_body = SaveRequest,
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 200, body = SaveResponse), (status = 404, body = ErrorBody),
              (status = 409, description = "stale version; details.current_version", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn save(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    Json(req): Json<SaveRequest>,
) -> Result<Json<SaveResponse>, ApiError> {
    me.require_edit()?;
    let mut doc: Document = decode_document(&req.document).map_err(invalid)?;
    if doc.id != id {
        return Err(invalid(vec![ValidationError::in_english(
            "/document/id",
            Kind::Inconsistent,
            "the page's id does not match the address",
        )]));
    }
    doc.id = id;
    let errors = validate(&doc);
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    match documents::save(&state.db, &me.user.workspace_id, &me.user.id, req.version, &doc).await? {
        Saved::Ok(version) => Ok(Json(SaveResponse { version })),
        Saved::Conflict(current) => Err(ApiError::new(ErrorCode::VersionConflict,
            format!("someone saved this page meanwhile (version {current}); your version {} is out of date", req.version),
        )
        .with_details(json!({ "current_version": current }))),
        Saved::NotFound => Err(ApiError::not_found("page")),
    }
}

/// Moves a document to the bin.
#[utoipa::path(delete, operation_id = "delete_document", path = "/documents/{id}", tag = "documents", params(("id" = String, Path)),
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    me.require_edit()?;
    if documents::set_deleted(&state.db, &me.user.workspace_id, &id, true).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("page"))
    }
}

/// Brings a document back from the bin.
#[utoipa::path(post, operation_id = "restore_document", path = "/documents/{id}/restore", tag = "documents", params(("id" = String, Path)),
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 200, body = DocumentResponse), (status = 404, body = ErrorBody)))]
pub async fn restore(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<DocumentResponse>, ApiError> {
    me.require_edit()?;
    if !documents::set_deleted(&state.db, &me.user.workspace_id, &id, false).await? {
        return Err(ApiError::not_found("deleted page"));
    }
    let stored = documents::get(&state.db, &me.user.workspace_id, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("page"))?;
    Ok(Json(response(stored)?))
}

/// Copies a document under a new id, title "… (copy)" and slug "…-copy".
#[utoipa::path(post, operation_id = "duplicate_document", path = "/documents/{id}/duplicate", tag = "documents", params(("id" = String, Path)),
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 201, body = DocumentResponse), (status = 404, body = ErrorBody)))]
pub async fn duplicate(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<DocumentResponse>), ApiError> {
    me.require_edit()?;
    let stored = documents::get(&state.db, &me.user.workspace_id, &id)
        .await?
        .filter(|s| s.summary.deleted_at.is_none())
        .ok_or_else(|| ApiError::not_found("page"))?;
    let json: Value = serde_json::from_str(&stored.body).map_err(ApiError::internal)?;
    let mut doc = decode_document(&json).map_err(invalid)?;
    doc.id = new_id();
    doc.title = format!("{} (copy)", doc.title).chars().take(80).collect();
    let wanted = format!("{}-copy", doc.slug.chars().take(54).collect::<String>());
    doc.slug = free_address(&state, &me.user.workspace_id, &wanted, &doc.id).await?;
    let summary = documents::insert(&state.db, &me.user.workspace_id, &me.user.id, &doc).await?;
    let document = serde_json::to_value(&doc).map_err(ApiError::internal)?;
    Ok((
        StatusCode::CREATED,
        Json(DocumentResponse {
            id: doc.id,
            version: summary.version,
            updated_at: summary.updated_at,
            document,
        }),
    ))
}
