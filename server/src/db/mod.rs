//! The database: one pool over SQLite or PostgreSQL, with the same queries on both.
//!
//! Queries use `$1`-style parameters, which both backends accept, and portable types only
//! (integers, text, blobs); times are Unix milliseconds.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyConnection, AnyPool, ConnectOptions, Connection, Executor, Transaction};

pub mod values;
pub mod writes;

/// One migrations source for both backends: the SQL is portable (see the module doc), so the two
/// schemas cannot drift apart.
static MIGRATIONS: Migrator = sqlx::migrate!("./migrations");

/// Every SQLite connection's settings: the log synced at every commit, so anything answered as
/// saved survives a power cut.
const SQLITE_SETUP: &str = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; \
     PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16000;";

/// Which database engine a pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file (the default).
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The name `/api/health` reports.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A connected, migrated database.
#[derive(Clone, Debug)]
pub struct Db {
    /// The connection pool.
    pub pool: AnyPool,
    /// The engine behind the pool.
    pub backend: Backend,
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL (use sqlite:// or postgres://): {0}")]
    UnsupportedUrl(String),
    /// Connecting or querying failed.
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Db {
    /// Connects to `url`, tunes the connection (SQLite: WAL, busy timeout, foreign keys, pages read
    /// through a memory map, since every write elsewhere empties a connection's page cache) and
    /// runs the migrations. Every SQLite connection syncs the log at each commit
    /// (`synchronous = FULL`); draws commit on [`Db::connect_writer`]'s connection.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(DbError::UnsupportedUrl(url.to_owned()));
        };
        let options = AnyConnectOptions::from_str(url)?;
        let pool_options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            Backend::Sqlite => {
                pool_options
                    .max_connections(8)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(SQLITE_SETUP).await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            Backend::Postgres => {
                pool_options
                    .max_connections(32)
                    .connect_with(options)
                    .await?
            }
        };
        MIGRATIONS.run(&pool).await?;
        Ok(Db { pool, backend })
    }

    /// A connection of its own for the draw writer, outside the pool. On SQLite it syncs the log
    /// at every commit (`synchronous = FULL`): a draw answered 201 is on disk, so a power cut
    /// cannot take back a win already shown (nor, the log being sequential, any write committed
    /// before it). Draws commit in batches, so this costs one sync per batch, not per draw.
    pub async fn connect_writer(&self) -> Result<AnyConnection, sqlx::Error> {
        let mut options = (*self.pool.connect_options()).clone();
        if self.backend == Backend::Postgres {
            // Batch statements differ with the batch's size: keep many prepared, since each
            // one prepared anew costs PostgreSQL a round trip and a plan.
            options
                .database_url
                .query_pairs_mut()
                .append_pair("statement-cache-capacity", "1024");
        }
        let mut conn = options.connect().await?;
        if self.backend == Backend::Sqlite {
            conn.execute(SQLITE_SETUP).await?;
        }
        Ok(conn)
    }

    /// Begins a transaction that will write on `conn` (see [`Db::begin_write`]).
    pub async fn begin_write_on<'c>(
        &self,
        conn: &'c mut AnyConnection,
    ) -> Result<Transaction<'c, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => conn.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => conn.begin().await,
        }
    }

    /// Begins a transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads first and then writes fails with
    /// "database is locked" when another writer committed in between, instead of waiting.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Answers whether the database responds to a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}
