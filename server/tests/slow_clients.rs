//! Slow and idle clients against the real accept loop over TCP: a connection dripping header
//! lines is closed at the header timeout, an idle kept-alive connection too, and at the
//! connection cap a new client waits for a slot instead of the server running out of files.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use cradle_server::listen::{self, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

const REQUEST: &[u8] = b"GET /api/health HTTP/1.1\r\nHost: cradle.test\r\n\r\n";

/// Serves the app with `limits` on a free port; the server stops when the sender drops.
async fn start(app: &common::TestApp, limits: Limits) -> (SocketAddr, oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(listen::serve(listener, app.router.clone(), limits, async {
        let _ = stopped.await;
    }));
    (address, stop)
}

/// Reads until the server closes the connection or `within` passes: what was read, and whether
/// the connection was closed.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> (String, bool) {
    let mut read = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return (String::from_utf8_lossy(&read).into_owned(), false),
            Ok(Ok(0) | Err(_)) => return (String::from_utf8_lossy(&read).into_owned(), true),
            Ok(Ok(n)) => read.extend_from_slice(&buf[..n]),
        }
    }
}

fn limits(header_timeout: Duration, max_connections: usize) -> Limits {
    Limits {
        header_timeout,
        max_connections,
        drain_timeout: Duration::from_secs(2),
    }
}

dual_test!(a_client_dripping_headers_is_cut_off, |app| {
    let (address, _stop) = start(app, limits(Duration::from_secs(1), 100)).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\n")
        .await
        .unwrap();
    // One header line every 200 ms: never a whole header, always some bytes.
    let mut closed = false;
    for i in 0..25 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        if stream
            .write_all(format!("X-Drip-{i}: x\r\n").as_bytes())
            .await
            .is_err()
        {
            closed = true;
            break;
        }
    }
    let (answer, eof) = read_until_closed(&mut stream, Duration::from_secs(1)).await;
    assert!(closed || eof, "still open after {:?}", started.elapsed());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(!answer.contains("200 OK"), "{answer}");
});

dual_test!(an_idle_kept_alive_connection_is_closed, |app| {
    let (address, _stop) = start(app, limits(Duration::from_secs(1), 100)).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(REQUEST).await.unwrap();
    let started = Instant::now();
    let (answer, closed) = read_until_closed(&mut stream, Duration::from_secs(4)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(closed, "an idle connection stayed open 4 s");
    assert!(started.elapsed() >= Duration::from_millis(900));
});

dual_test!(at_the_connection_cap_a_new_client_waits_for_a_slot, |app| {
    let (address, _stop) = start(app, limits(Duration::from_secs(30), 2)).await;
    let idle_one = TcpStream::connect(address).await.unwrap();
    let _idle_two = TcpStream::connect(address).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    // The kernel completes the handshake (backlog), but the server does not take the client.
    let mut third = TcpStream::connect(address).await.unwrap();
    third.write_all(REQUEST).await.unwrap();
    let (answer, _) = read_until_closed(&mut third, Duration::from_millis(700)).await;
    assert_eq!(answer, "", "answered beyond the cap");
    drop(idle_one);
    let (answer, _) = read_until_closed(&mut third, Duration::from_secs(3)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
});

dual_test!(shutdown_lets_an_open_request_finish, |app| {
    let (address, stop) = start(app, limits(Duration::from_secs(5), 100)).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(REQUEST).await.unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    drop(stop);
    let (answer, closed) = read_until_closed(&mut stream, Duration::from_secs(3)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(closed, "kept open after shutdown");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        TcpStream::connect(address).await.is_err(),
        "still accepting after shutdown"
    );
});
