//! The OpenAPI 3.1 document, generated from the handlers' annotations by utoipa. Routes are
//! registered only through [`api`], so the document and the router cannot drift apart.

use std::sync::OnceLock;

use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi as Spec, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::SESSION_COOKIE;
use crate::error::ErrorBody;
use crate::routes::{
    assets, auth, club, documents, draws, health, integration, interactions, member, previews,
    publishing, redemptions, sections, standing, workspace,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cradle API",
        description = "Drafts, publishing, members and draws for Cradle pages. \
        Every error answers `{\"error\": {\"code\", \"message\", \"details\"}}`. State-changing requests \
        need the session cookie and the `X-CSRF-Token` header, except the brand's server-to-server \
        calls, which send `Authorization: Bearer {API key}` (no CSRF token)."
    ),
    components(schemas(ErrorBody)),
    modifiers(&SecuritySchemes)
)]
struct ApiDoc;

/// How callers prove who they are: staff with the session cookie, the brand's systems with an
/// API key.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, spec: &mut Spec) {
        let components = spec.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API key an owner created, with the scopes the operation names",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(SESSION_COOKIE))),
        );
    }
}

/// The API's routes (under `/api`) and their OpenAPI document.
pub fn api() -> (axum::Router<AppState>, Spec) {
    let inner = OpenApiRouter::new()
        .routes(routes!(health::health))
        .routes(routes!(openapi_json))
        .routes(routes!(auth::setup))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::session))
        .routes(routes!(documents::list, documents::create))
        .routes(routes!(documents::get, documents::save, documents::delete))
        .routes(routes!(documents::restore))
        .routes(routes!(documents::duplicate))
        .routes(routes!(documents::check_address))
        .routes(routes!(publishing::publish))
        .routes(routes!(publishing::versions))
        .routes(routes!(publishing::rollback))
        .routes(routes!(publishing::live))
        .routes(routes!(previews::create, previews::list))
        .routes(routes!(previews::revoke))
        .routes(routes!(previews::open))
        .routes(routes!(assets::upload, assets::list))
        .routes(routes!(assets::serve))
        .routes(routes!(sections::list, sections::create))
        .routes(routes!(sections::delete))
        .routes(routes!(draws::draw))
        .routes(routes!(draws::odds))
        .routes(routes!(standing::standing))
        .routes(routes!(draws::verification))
        .routes(routes!(draws::my_prizes))
        .routes(routes!(redemptions::lookup))
        .routes(routes!(redemptions::redeem))
        .routes(routes!(member::session))
        .routes(routes!(member::demo))
        .routes(routes!(member::me))
        .routes(routes!(member::invite))
        .routes(routes!(member::offer_share))
        .routes(routes!(member::accept_share))
        .routes(routes!(member::end_share))
        .routes(routes!(interactions::sign_in))
        .routes(routes!(interactions::quiz))
        .routes(routes!(interactions::vote))
        .routes(routes!(interactions::vote_counts))
        .routes(routes!(interactions::share))
        .routes(routes!(interactions::redeem))
        .routes(routes!(interactions::claim))
        .routes(routes!(club::get_settings, club::put_settings))
        .routes(routes!(club::settings_versions))
        .routes(routes!(club::adjust))
        .routes(routes!(workspace::get_framing, workspace::put_framing))
        .routes(routes!(workspace::put_time_zone))
        .routes(routes!(integration::member_secret))
        .routes(routes!(integration::rotate_member_secret))
        .routes(routes!(integration::list_keys, integration::create_key))
        .routes(routes!(integration::revoke_key))
        .routes(routes!(integration::brand_member))
        .routes(routes!(integration::adjust_brand_member))
        .routes(routes!(integration::report_order))
        .routes(routes!(integration::refund_order))
        .routes(routes!(integration::brand_campaigns))
        .routes(routes!(
            integration::list_webhooks,
            integration::create_webhook
        ))
        .routes(routes!(integration::remove_webhook))
        .routes(routes!(integration::webhook_deliveries));
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api", inner)
        .split_for_parts()
}

/// The OpenAPI document (built once).
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| with_edge_answers(api().1))
}

/// Adds to each operation the answers the layers in front of every handler give, so the
/// document lists everything the server may answer: 400 for a malformed address (`%00`, a bad
/// query) and, where there is a body, 400 (not JSON), 413 (too large), 415 (not the declared
/// content type) and 422 (JSON of the wrong shape, or a NUL character).
fn with_edge_answers(mut spec: Spec) -> Spec {
    let error = |description: &str| {
        let body = ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("ErrorBody")))
            .build();
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content("application/json", body)
                .build(),
        )
    };
    let always = [("400", "malformed address, query or body")];
    let with_body = [
        ("413", "the body is too large"),
        ("415", "the body is not of the declared content type"),
        (
            "422",
            "the body does not fit: `details` lists `{path, kind, message}`",
        ),
    ];
    for item in spec.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            let has_body = operation.request_body.is_some();
            let answers = &mut operation.responses.responses;
            for (status, description) in always.iter().chain(with_body.iter().filter(|_| has_body))
            {
                answers
                    .entry((*status).to_owned())
                    .or_insert_with(|| error(description));
            }
        }
    }
    spec
}

/// This API's OpenAPI 3.1 document.
#[utoipa::path(get, path = "/openapi.json", tag = "meta", responses((status = 200, description = "OpenAPI 3.1 JSON")))]
pub async fn openapi_json() -> Json<&'static Spec> {
    Json(spec())
}
