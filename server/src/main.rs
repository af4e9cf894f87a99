//! `cradle-server`: runs Cradle's API and serves the built app.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use cradle_server::auth::Role;
use cradle_server::club::token::{self, ProfileClaims};
use cradle_server::config::{
    DEFAULT_CLIENT_IP_HEADER, DEFAULT_DRAW_RATE_PER_IP, DEFAULT_DRAW_RATE_PER_MEMBER,
};
use cradle_server::db::Db;
use cradle_server::limits::client::TrustedProxy;
use cradle_server::listen::{self, Limits};
use cradle_server::routes::auth::{add_user, ADD_USER_HINT};
use cradle_server::routes::draws::verify_campaign;
use cradle_server::store::users;
use cradle_server::{router, telemetry, AppState, Config};

/// Cradle's server: the JSON API and the built app, from one origin.
#[derive(Parser)]
#[command(name = "cradle-server", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the app until SIGTERM or Ctrl-C (then stop accepting, answer every
    /// request and play every queued draw before exiting).
    Serve(ServeArgs),
    /// Print the API's OpenAPI 3.1 document.
    Openapi,
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Member tools for local use.
    #[command(subcommand)]
    Member(MemberCommand),
    /// Recompute every logged draw of a campaign from its seed and report mismatches (exits 1
    /// when any draw does not match).
    VerifyDraws(VerifyArgs),
}

#[derive(clap::Args)]
struct VerifyArgs {
    /// Member address of the live page (`/c/{page}`).
    #[arg(long)]
    page: String,
    /// Campaign id within the page.
    #[arg(long)]
    campaign: String,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user (the password is read from stdin, or asked for on a terminal).
    Add(UserAddArgs),
}

#[derive(clap::Args)]
struct UserAddArgs {
    /// Login email.
    #[arg(long)]
    email: String,
    /// owner, editor, viewer or clerk.
    #[arg(long, default_value = "owner")]
    role: String,
    /// Workspace (brand) name; created if it does not exist.
    #[arg(long)]
    workspace: String,
    /// IANA time zone of a new workspace (day boundaries for sign-in and limits).
    #[arg(long, default_value = "Asia/Shanghai")]
    time_zone: String,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(Subcommand)]
enum MemberCommand {
    /// Print a member token signed with the workspace's secret, as a brand's system would make
    /// (open a member session with `POST /api/member/session {"token": …}`).
    Token(MemberTokenArgs),
}

#[derive(clap::Args)]
struct MemberTokenArgs {
    /// Workspace (brand) name.
    #[arg(long)]
    workspace: String,
    /// The member's id in the brand's system.
    #[arg(long)]
    member: String,
    /// Expected due date (YYYY-MM-DD).
    #[arg(long)]
    due_date: Option<chrono::NaiveDate>,
    /// Baby's birth date (YYYY-MM-DD).
    #[arg(long)]
    baby_birth_date: Option<chrono::NaiveDate>,
    /// Preparing for pregnancy.
    #[arg(long)]
    preparing: bool,
    /// A tag (repeat for more).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Hours the token is valid.
    #[arg(long, default_value_t = 24)]
    hours: i64,
    #[command(flatten)]
    db: DbArgs,
}

#[derive(clap::Args)]
struct DbArgs {
    /// Folder for the SQLite database and uploaded assets.
    #[arg(long, default_value = "data", env = "CRADLE_DATA_DIR")]
    data_dir: PathBuf,
    /// PostgreSQL URL (postgres://…); without it Cradle uses SQLite in the data folder.
    #[arg(long, env = "DATABASE_URL")]
    database_url: Option<String>,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1", env = "HOST")]
    host: String,
    /// Port to bind (0 picks a free one).
    #[arg(long, default_value_t = 8080, env = "PORT")]
    port: u16,
    /// Folder holding the app trunk built.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    #[command(flatten)]
    db: DbArgs,
    /// Mark the session cookie Secure (serve over HTTPS).
    #[arg(long, env = "CRADLE_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Megabytes of pictures each workspace may store.
    #[arg(long, default_value_t = 200, env = "CRADLE_ASSET_QUOTA_MB")]
    asset_quota_mb: i64,
    /// Draws one member may make per minute (0 = no limit).
    #[arg(long, default_value_t = DEFAULT_DRAW_RATE_PER_MEMBER, env = "CRADLE_DRAW_RATE_MEMBER")]
    draw_rate_member: u32,
    /// Draws one client address may make per minute (0 = no limit).
    #[arg(long, default_value_t = DEFAULT_DRAW_RATE_PER_IP, env = "CRADLE_DRAW_RATE_IP")]
    draw_rate_ip: u32,
    /// Proxy or balancer (address or network, e.g. 10.0.0.0/8; repeat or separate by commas)
    /// whose client address header is believed, so rate limits apply per client, not per proxy.
    #[arg(
        long = "trusted-proxy",
        env = "CRADLE_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<TrustedProxy>,
    /// The header trusted proxies put the client's address in.
    #[arg(long, default_value = DEFAULT_CLIENT_IP_HEADER, env = "CRADLE_CLIENT_IP_HEADER")]
    client_ip_header: String,
    /// Abort right after a draw commits, before answering: only for the crash test.
    #[arg(long, hide = true)]
    crash_after_draw_commit: bool,
    /// Let `POST /api/member/demo` open sessions for a demo member (local try-outs only).
    #[arg(long, env = "CRADLE_DEMO_MEMBERS")]
    demo_members: bool,
    /// Seconds a client has to send a request's headers (and to start its next request on an
    /// idle connection).
    #[arg(long = "header-timeout", default_value_t = listen::HEADER_TIMEOUT.as_secs(), env = "CRADLE_HEADER_TIMEOUT")]
    header_timeout_secs: u64,
    /// Connections open at once (lowered to fit the open-file limit); more wait their turn.
    #[arg(long, default_value_t = listen::MAX_CONNECTIONS, env = "CRADLE_MAX_CONNECTIONS")]
    max_connections: usize,
}

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::User(UserCommand::Add(args)) => user_add(args).await,
        Command::Member(MemberCommand::Token(args)) => member_token(args).await,
        Command::VerifyDraws(args) => verify_draws(args).await,
        Command::Openapi => serde_json::to_string_pretty(cradle_server::routes::openapi::spec())
            .map(|json| println!("{json}"))
            .map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("cradle-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    let config = Config {
        host: args.host,
        port: args.port,
        dist: args.dist,
        data_dir: args.db.data_dir,
        database_url: args.db.database_url,
        secure_cookies: args.secure_cookies,
        asset_quota_bytes: args.asset_quota_mb.saturating_mul(1024 * 1024),
        draw_rate_per_member: args.draw_rate_member,
        draw_rate_per_ip: args.draw_rate_ip,
        trusted_proxies: args.trusted_proxies,
        client_ip_header: args.client_ip_header.to_ascii_lowercase(),
        crash_after_draw_commit: args.crash_after_draw_commit,
        demo_members: args.demo_members,
    };
    let db = open_db(&config).await?;
    tracing::info!(db = db.backend.name(), "database ready");
    if users::count(&db).await.map_err(|e| e.to_string())? == 0 {
        println!("{ADD_USER_HINT}");
    }
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", config.host, config.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let state = AppState::new(db, config);
    let app = router(state.clone());
    let limits = Limits {
        header_timeout: Duration::from_secs(args.header_timeout_secs.max(1)),
        max_connections: listen::fit_to_file_limit(args.max_connections),
        ..Limits::default()
    };
    tracing::info!(max_connections = limits.max_connections, "accepting");
    println!("Cradle is running at http://{address}/  (Ctrl-C stops it)");
    listen::serve(listener, app, limits, shutdown_signal()).await;
    // Every request is answered; draws whose callers left are still queued: play them too.
    state.draws.drain().await;
    tracing::info!("stopped");
    Ok(())
}

async fn open_db(config: &Config) -> Result<Db, String> {
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", config.data_dir.display()))?;
    Db::connect(&config.resolved_database_url())
        .await
        .map_err(|e| e.to_string())
}

async fn user_add(args: UserAddArgs) -> Result<(), String> {
    let role = Role::parse(&args.role).ok_or("role must be owner, editor, viewer or clerk")?;
    let password = read_password()?;
    let config = Config {
        data_dir: args.db.data_dir,
        database_url: args.db.database_url,
        ..Config::default()
    };
    let db = open_db(&config).await?;
    let user = add_user(
        &db,
        &args.email,
        &password,
        role,
        &args.workspace,
        &args.time_zone,
    )
    .await?;
    println!(
        "added {} ({}) to workspace \"{}\"",
        user.email,
        user.role.as_str(),
        args.workspace
    );
    Ok(())
}

async fn verify_draws(args: VerifyArgs) -> Result<(), String> {
    let config = Config {
        data_dir: args.db.data_dir,
        database_url: args.db.database_url,
        ..Config::default()
    };
    let state = AppState::new(open_db(&config).await?, config);
    let page = state
        .versions
        .live(&state.db, &args.page)
        .await
        .map_err(|e| e.to_string())?
        .filter(|page| page.campaign(&args.campaign).is_some())
        .ok_or_else(|| {
            format!(
                "no live page /c/{} with campaign {}",
                args.page, args.campaign
            )
        })?;
    let report = verify_campaign(&state, &page, &args.campaign)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "{}",
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
    );
    match (report.seed_matches_hash, report.mismatches.len()) {
        (true, 0) => {
            println!("all {} draws verified", report.draws_checked);
            Ok(())
        }
        (matches, n) => Err(format!(
            "{n} of {} draws do not match their seed{}",
            report.draws_checked,
            if matches {
                ""
            } else {
                "; the seed does not match its published hash"
            }
        )),
    }
}

async fn member_token(args: MemberTokenArgs) -> Result<(), String> {
    let config = Config {
        data_dir: args.db.data_dir,
        database_url: args.db.database_url,
        ..Config::default()
    };
    let db = open_db(&config).await?;
    let profile = ProfileClaims {
        due_date: args.due_date,
        baby_birth_date: args.baby_birth_date,
        preparing: args.preparing,
        tags: args.tags,
        ..ProfileClaims::default()
    };
    let token = token::mint(&db, &args.workspace, &args.member, profile, args.hours).await?;
    println!("{token}");
    Ok(())
}

/// The password: asked for without echo on a terminal, else the first line of stdin.
fn read_password() -> Result<String, String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("Again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the passwords differ".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

/// Resolves on Ctrl-C or SIGTERM, letting in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
