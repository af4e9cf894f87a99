//! The accept loop: HTTP/1.1 and HTTP/2 on a TCP listener with limits that keep slow or idle
//! clients from holding the server. A client gets [`Limits::header_timeout`] to send a request's
//! headers, and a kept-alive connection the same time to start its next request (hyper starts
//! the header timer as soon as the connection is idle); bodies and handlers are bounded by the
//! router's request timeout. At most [`Limits::max_connections`] connections are open at once:
//! further clients wait in the kernel's backlog until one closes, instead of the process running
//! out of files and refusing everyone.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::Request;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long clients may be slow, and how many may be connected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Time to send a request's headers, and to start the next request on an idle connection.
    pub header_timeout: Duration,
    /// Connections open at once.
    pub max_connections: usize,
    /// Time open requests get to finish once shutdown begins.
    pub drain_timeout: Duration,
}

/// Default header (and idle) timeout: long enough for a phone on a weak network, short enough
/// that a connection dripping one header line every few seconds is dropped.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Default connection cap (lowered to fit the process's file limit, see [`fit_to_file_limit`]).
pub const MAX_CONNECTIONS: usize = 10_000;
/// Files kept for the database, uploads and logs when fitting the cap to the file limit.
const FILES_HELD_BACK: u64 = 256;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: HEADER_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
            drain_timeout: crate::app::REQUEST_TIMEOUT + Duration::from_secs(5),
        }
    }
}

/// Raises the process's open-file limit to its hard limit where allowed and returns `wanted`
/// lowered to what the limit leaves for connections, so the cap, not `EMFILE`, is what a flood
/// of connections meets.
pub fn fit_to_file_limit(wanted: usize) -> usize {
    let files = rlimit::increase_nofile_limit(u64::MAX)
        .or_else(|_| rlimit::getrlimit(rlimit::Resource::NOFILE).map(|(soft, _)| soft))
        .unwrap_or(1024);
    let room = usize::try_from(files.saturating_sub(FILES_HELD_BACK).max(16)).unwrap_or(usize::MAX);
    wanted.min(room)
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting and gives open
/// requests [`Limits::drain_timeout`] to finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(limits.header_timeout)
        .keep_alive_timeout(limits.header_timeout);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            () = &mut shutdown => break,
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of files or a connection reset before accept: wait, then go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone().map_request(
            move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request.map(Body::new)
            },
        ));
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, %peer, "connection ended");
            }
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.drain_timeout, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("open requests did not finish in time");
    }
}
