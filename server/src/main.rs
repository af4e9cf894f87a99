//! `cradle-server`: runs Cradle's API and serves the built app.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use cradle_server::db::Db;
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
    /// Folder for the SQLite database and uploaded assets.
    #[arg(long, default_value = "data", env = "CRADLE_DATA_DIR")]
    data_dir: PathBuf,
    /// PostgreSQL URL (postgres://…); without it Cradle uses SQLite in the data folder.
    #[arg(long, env = "DATABASE_URL")]
    database_url: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(args).await,
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
        data_dir: args.data_dir,
        database_url: args.database_url,
    };
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", config.data_dir.display()))?;
    let db = Db::connect(&config.resolved_database_url())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(db = db.backend.name(), "database ready");
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", config.host, config.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let app = router(AppState {
        db,
        config: Arc::new(config),
    });
    println!("Cradle is running at http://{address}/  (Ctrl-C stops it)");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
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
