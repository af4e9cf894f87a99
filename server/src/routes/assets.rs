//! Pictures: upload (type checked by content, 5 MB, per-workspace quota), list, and serve with a
//! year-long cache (names are content hashes, so a file never changes).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use cradle_wire::ErrorCode;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::store::assets::{self, Asset, Dimensions, MAX_ASSET_BYTES, MAX_PIXELS, MAX_SIDE};

/// An uploaded picture's address.
#[derive(Debug, Serialize, ToSchema)]
pub struct Uploaded {
    /// Use this as the image URL.
    pub url: String,
    /// The stored picture.
    pub asset: Asset,
}

/// The workspace's pictures and quota.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssetList {
    /// Pictures, newest first.
    pub items: Vec<Asset>,
    /// Bytes used.
    pub used_bytes: i64,
    /// Bytes allowed.
    pub quota_bytes: i64,
}

fn too_large(message: String) -> ApiError {
    ApiError::new(ErrorCode::BodyTooLarge, message)
}

/// Uploads a picture (the raw bytes as the body).
#[utoipa::path(post, operation_id = "upload_asset", path = "/assets", tag = "assets",
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 201, body = Uploaded), (status = 200, description = "already uploaded", body = Uploaded),
              (status = 413, description = "over 5 MB or over the workspace quota", body = ErrorBody),
              (status = 415, description = "not PNG, JPEG, WebP or GIF, or damaged", body = ErrorBody),
              (status = 422, description = "over 8192 pixels on a side or 40 million pixels", body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    me: CurrentUser,
    body: Body,
) -> Result<(StatusCode, Json<Uploaded>), ApiError> {
    me.require_edit()?;
    let bytes = axum::body::to_bytes(body, MAX_ASSET_BYTES)
        .await
        .map_err(|_| {
            too_large(format!(
                "pictures may be at most {} MB",
                MAX_ASSET_BYTES / 1024 / 1024
            ))
        })?;
    let (ext, content_type) =
        assets::sniff(&bytes).map_err(|why| ApiError::new(ErrorCode::UnsupportedMediaType, why))?;
    assets::check_dimensions(&bytes).map_err(|refused| match refused {
        Dimensions::Unreadable => ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "the picture is damaged: its size cannot be read. Export it again",
        ),
        Dimensions::TooLarge { width, height } => ApiError::new(
            ErrorCode::PictureTooLarge,
            format!(
                "the picture is {width}×{height} pixels; at most {MAX_SIDE} on a side and \
                 {} million pixels are accepted: scale it down",
                MAX_PIXELS / 1_000_000
            ),
        )
        .with_details(serde_json::json!({ "width": width, "height": height,
            "max_side": MAX_SIDE, "max_pixels": MAX_PIXELS })),
    })?;
    let file_name = format!("{}.{ext}", hex::encode(Sha256::digest(&bytes)));
    let asset = Asset {
        file_name: file_name.clone(),
        content_type: content_type.into(),
        size: bytes.len() as i64,
        created_at: 0,
    };
    let workspace = &me.user.workspace_id;
    let url = format!("/api/assets/{file_name}");
    if assets::exists(&state.db, workspace, &file_name).await? {
        return Ok((StatusCode::OK, Json(Uploaded { url, asset })));
    }
    let used = assets::usage(&state.db, workspace).await?;
    let quota = state.config.asset_quota_bytes;
    if used + asset.size > quota {
        return Err(ApiError::new(
            ErrorCode::QuotaExceeded,
            format!(
                "this workspace's pictures would exceed its {} MB quota: delete unused ones first",
                quota / 1024 / 1024
            ),
        ));
    }
    let dir = state.config.data_dir.join("assets");
    let path = dir.join(&file_name);
    if tokio::fs::metadata(&path).await.is_err() {
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(ApiError::internal)?;
        // Write then rename, so a reader never sees half a file.
        let partial = dir.join(format!("{file_name}.{}.part", crate::store::new_id()));
        tokio::fs::write(&partial, &bytes)
            .await
            .map_err(ApiError::internal)?;
        tokio::fs::rename(&partial, &path)
            .await
            .map_err(ApiError::internal)?;
    }
    assets::record(&state.db, workspace, &asset).await?;
    Ok((StatusCode::CREATED, Json(Uploaded { url, asset })))
}

/// Lists the workspace's pictures and quota.
#[utoipa::path(get, operation_id = "list_assets", path = "/assets", tag = "assets", responses((status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 200, body = AssetList)))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<AssetList>, ApiError> {
    me.require_read()?;
    let workspace = &me.user.workspace_id;
    let items = assets::list(&state.db, workspace).await?;
    let used_bytes = assets::usage(&state.db, workspace).await?;
    Ok(Json(AssetList {
        items,
        used_bytes,
        quota_bytes: state.config.asset_quota_bytes,
    }))
}

/// Serves a picture (public: member pages show them).
#[utoipa::path(get, operation_id = "serve_asset", path = "/assets/{file}", tag = "assets", params(("file" = String, Path)),
    responses((status = 200, description = "the picture, cached for a year"), (status = 404, body = ErrorBody)))]
pub async fn serve(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let content_type = assets::served_type(&file).ok_or_else(|| ApiError::not_found("picture"))?;
    let bytes = tokio::fs::read(state.config.data_dir.join("assets").join(&file))
        .await
        .map_err(|_| ApiError::not_found("picture"))?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    ))
}
