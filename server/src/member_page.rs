//! `/c/{slug}`: the member page's HTML, framable only by the sites its brand lists.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use cradle_model::framing;

use crate::app::AppState;
use crate::spa;
use crate::store::workspaces;

/// The app's page for a member page; a page that is not live, or a database that does not
/// answer, gets no framing (the page itself then says what is wrong).
pub async fn serve(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let origins = match state.versions.live(&state.db, &slug).await {
        Ok(Some(page)) => workspaces::framing(&state.db, &page.workspace_id)
            .await
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    spa::index(
        &state.config.dist,
        StatusCode::OK,
        &framing::frame_ancestors(&origins),
    )
    .await
}
