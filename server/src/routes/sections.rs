//! `/api/sections`: the workspace's saved sections (blocks kept for reuse in any page): list,
//! save, delete. Saved blocks are checked with the model like pasted ones.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use cradle_model::parse::parse_fragments;
use cradle_model::validate::Kind;
use cradle_model::Language;
use cradle_model::ValidationError;
use cradle_wire::sections::{CreateRequest, Section};
use cradle_wire::ErrorCode;
use serde_json::json;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::store::new_id;
use crate::store::sections::{self, Stored};

/// Longest section name, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// Most sections a workspace keeps.
pub const MAX_SECTIONS: i64 = 100;

fn section(stored: Stored) -> Result<Section, ApiError> {
    Ok(Section {
        fragments: serde_json::from_str(&stored.body).map_err(ApiError::internal)?,
        id: stored.id,
        name: stored.name,
        created_at: stored.created_at,
    })
}

fn invalid(errors: Vec<ValidationError>) -> ApiError {
    let message = format!("the section has a problem: {}", errors[0]);
    ApiError::new(ErrorCode::InvalidSection, message).with_details(json!(errors))
}

/// Lists the workspace's saved sections, oldest first.
#[utoipa::path(get, operation_id = "list_sections", path = "/sections", tag = "sections",
    responses((status = 200, body = Vec<Section>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<Section>>, ApiError> {
    me.require_read()?;
    let stored = sections::list(&state.db, &me.user.workspace_id).await?;
    Ok(Json(
        stored.into_iter().map(section).collect::<Result<_, _>>()?,
    ))
}

/// Saves blocks as a named section: 422 with the path of a bad field, 409 when the workspace
/// already keeps the most sections it may.
#[utoipa::path(post, operation_id = "create_section", path = "/sections", tag = "sections", request_body = CreateRequest,
    responses((status = 201, body = Section), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "too many sections", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Json(req): Json<CreateRequest>,
) -> Result<(StatusCode, Json<Section>), ApiError> {
    me.require_edit()?;
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(invalid(vec![ValidationError::in_english(
            "/name",
            Kind::TooLong,
            format!("the name must be 1-{MAX_NAME_CHARS} characters"),
        )]));
    }
    // Sections serve pages of either language; blocks missing props (none the builder sends)
    // read as on a page of the default language.
    let fragments = parse_fragments(&req.fragments, Language::default()).map_err(|errors| {
        invalid(
            errors
                .into_iter()
                .map(|e| ValidationError {
                    path: format!("/fragments{}", e.path),
                    ..e
                })
                .collect(),
        )
    })?;
    if fragments.is_empty() {
        return Err(invalid(vec![ValidationError::in_english(
            "/fragments",
            Kind::Required,
            "a section holds at least one block",
        )]));
    }
    let workspace = &me.user.workspace_id;
    if sections::count(&state.db, workspace).await? >= MAX_SECTIONS {
        return Err(ApiError::new(
            ErrorCode::TooManySections,
            format!("a workspace keeps at most {MAX_SECTIONS} sections; delete one first"),
        ));
    }
    let body = serde_json::to_string(&fragments).map_err(ApiError::internal)?;
    let stored =
        sections::insert(&state.db, workspace, &me.user.id, &new_id(), name, &body).await?;
    Ok((StatusCode::CREATED, Json(section(stored)?)))
}

/// Deletes a saved section.
#[utoipa::path(delete, operation_id = "delete_section", path = "/sections/{id}", tag = "sections", params(("id" = String, Path)),
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 204), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    me.require_edit()?;
    if sections::delete(&state.db, &me.user.workspace_id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("section"))
    }
}
