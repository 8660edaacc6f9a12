//! The accept loop: connection limits (in all and per address), a
//! header-read deadline against slowloris, an idle deadline against
//! sockets that never speak or never read, and a file-descriptor reserve
//! so the database can always open a file. A connection over a limit gets
//! an immediate `503` and is closed, instead of waiting in the kernel's
//! backlog where every client behind it would time out.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};

use crate::metrics::Metrics;

/// Descriptors kept free for the database, its WAL, logs and key files.
pub const FD_RESERVE: u64 = 64;

/// The accept loop's limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open connections at most.
    pub max_connections: usize,
    /// Open connections from one IP address at most.
    pub max_per_address: usize,
    /// A request's headers must arrive within this.
    pub header_timeout: Duration,
    /// A connection with no byte read or written for this long is closed.
    pub idle_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 4096,
            max_per_address: 256,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
        }
    }
}

/// Raise the soft descriptor limit to the hard one where allowed, and cap
/// `limits.max_connections` so that [`FD_RESERVE`] descriptors stay free.
/// Returns the descriptor limit in force.
pub fn fit_to_descriptors(limits: &mut Limits) -> u64 {
    let soft = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    let room = soft.saturating_sub(FD_RESERVE).max(16);
    limits.max_connections = limits.max_connections.min(room as usize);
    soft
}

const OVER_LIMIT_BODY: &str = r#"{"error":{"code":"too-many-connections","message":"connection limit reached; retry later"}}"#;

/// The whole answer written to a connection over a limit, before closing it.
fn over_limit() -> Vec<u8> {
    format!(
        "HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{OVER_LIMIT_BODY}",
        OVER_LIMIT_BODY.len()
    )
    .into_bytes()
}

/// Serve `app` on `listener` until `shutdown` resolves, then let open
/// connections finish their request (at most `drain`).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    metrics: Arc<Metrics>,
    shutdown: impl Future<Output = ()>,
    drain: Duration,
) {
    let refusal = over_limit();
    let open = Arc::new(AtomicUsize::new(0));
    let per_address: Arc<Mutex<HashMap<IpAddr, usize>>> = Arc::default();
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            _ = &mut shutdown => break,
            r = listener.accept() => match r {
                Ok(c) => c,
                Err(e) => {
                    // EMFILE and friends: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Some(guard) = Slot::take(&open, &per_address, peer.ip(), &limits) else {
            metrics.connection_refused();
            let _ = stream.try_write(&refusal);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let io = TokioIo::new(Idle::new(stream, limits.idle_timeout));
        // Handlers that rate-limit by address (console sign-in) read it here.
        let service = TowerToHyperService::new(tower::ServiceExt::map_request(
            app.clone(),
            move |mut r: hyper::Request<hyper::body::Incoming>| {
                r.extensions_mut().insert(axum::extract::ConnectInfo(peer));
                r
            },
        ));
        let mut stop = stop_rx.clone();
        let metrics = metrics.clone();
        tokio::spawn(async move {
            let _guard = guard;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .max_buf_size(64 * 1024)
                .keep_alive(true);
            let conn = builder.serve_connection(io, service);
            tokio::pin!(conn);
            let stopping = async move {
                let _ = stop.wait_for(|s| *s).await;
            };
            let result = tokio::select! {
                r = conn.as_mut() => r,
                () = stopping => {
                    conn.as_mut().graceful_shutdown();
                    conn.as_mut().await
                }
            };
            if let Err(e) = result {
                if e.is_timeout() || is_idle(&e) {
                    metrics.connection_timed_out();
                }
            }
        });
    }
    let _ = stop_tx.send(true);
    let deadline = Instant::now() + drain;
    while open.load(Ordering::Acquire) > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn is_idle(e: &hyper::Error) -> bool {
    std::error::Error::source(e)
        .and_then(|s| s.downcast_ref::<io::Error>())
        .is_some_and(|io| io.kind() == io::ErrorKind::TimedOut)
}

/// One counted connection; released on drop.
struct Slot {
    open: Arc<AtomicUsize>,
    per_address: Arc<Mutex<HashMap<IpAddr, usize>>>,
    ip: IpAddr,
}

impl Slot {
    fn take(
        open: &Arc<AtomicUsize>,
        per_address: &Arc<Mutex<HashMap<IpAddr, usize>>>,
        ip: IpAddr,
        limits: &Limits,
    ) -> Option<Slot> {
        let mut map = per_address.lock().unwrap_or_else(|p| p.into_inner());
        let mine = map.entry(ip).or_insert(0);
        if *mine >= limits.max_per_address || open.load(Ordering::Acquire) >= limits.max_connections
        {
            if *mine == 0 {
                map.remove(&ip);
            }
            return None;
        }
        *mine += 1;
        open.fetch_add(1, Ordering::AcqRel);
        Some(Slot {
            open: open.clone(),
            per_address: per_address.clone(),
            ip,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut map = self.per_address.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = map.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.ip);
            }
        }
        self.open.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A socket closed when no byte moves either way for `idle`: a client
/// that connects and says nothing, stops reading our answer, or keeps a
/// connection open without using it.
struct Idle {
    io: TcpStream,
    idle: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl Idle {
    fn new(io: TcpStream, idle: Duration) -> Self {
        Idle {
            io,
            idle,
            deadline: Box::pin(tokio::time::sleep(idle)),
        }
    }

    fn progress(&mut self) {
        let next = Instant::now() + self.idle;
        self.deadline.as_mut().reset(next);
    }

    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        self.deadline.as_mut().poll(cx).is_ready()
    }
}

fn timed_out() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "connection idle for too long")
}

impl AsyncRead for Idle {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.io).poll_read(cx, buf) {
            Poll::Ready(r) => {
                if buf.filled().len() > before {
                    self.progress();
                }
                Poll::Ready(r)
            }
            Poll::Pending if self.expired(cx) => Poll::Ready(Err(timed_out())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Idle {
    /// A write's result: progress resets the deadline; a write still
    /// pending when it has passed fails.
    fn wrote(
        &mut self,
        cx: &mut Context<'_>,
        r: Poll<io::Result<usize>>,
    ) -> Poll<io::Result<usize>> {
        match r {
            Poll::Ready(r) => {
                if matches!(r, Ok(n) if n > 0) {
                    self.progress();
                }
                Poll::Ready(r)
            }
            Poll::Pending if self.expired(cx) => Poll::Ready(Err(timed_out())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncWrite for Idle {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.io).poll_write(cx, buf);
        self.wrote(cx, r)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        self.wrote(cx, r)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_over_limit_answer_declares_its_exact_length() {
        let raw = String::from_utf8(super::over_limit()).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(serde_json::from_str::<serde_json::Value>(body).is_ok());
    }
}
