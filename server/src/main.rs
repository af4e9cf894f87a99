//! `cradle-server`: runs Cradle's API and serves the built app.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cradle_server::auth::Role;
use cradle_server::config::DEFAULT_ASSET_QUOTA_BYTES;
use cradle_server::db::Db;
use cradle_server::routes::auth::{add_user, ADD_USER_HINT};
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
    /// Serve the API and the app until SIGTERM or Ctrl-C.
    Serve(ServeArgs),
    /// Print the API's OpenAPI 3.1 document.
    Openapi,
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
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
}

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::User(UserCommand::Add(args)) => user_add(args).await,
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
    let app = router(AppState::new(db, config));
    println!("Cradle is running at http://{address}/  (Ctrl-C stops it)");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
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
        host: String::new(),
        port: 0,
        dist: PathBuf::new(),
        data_dir: args.db.data_dir,
        database_url: args.db.database_url,
        secure_cookies: false,
        asset_quota_bytes: DEFAULT_ASSET_QUOTA_BYTES,
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
