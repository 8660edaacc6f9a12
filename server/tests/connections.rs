//! The server under a connection flood: 1,000 idle sockets and 200
//! slowloris senders from one address, while a normal client on another
//! loopback address (127.0.0.2) keeps being answered. Its own test binary,
//! so nothing else shares the machine while it runs.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::{Backend, Server};

/// One `GET /health` on a new connection from `source`; its latency.
fn health_from(source: &str, server: SocketAddr) -> Duration {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let started = Instant::now();
        let sock = tokio::net::TcpSocket::new_v4().unwrap();
        sock.bind(format!("{source}:0").parse().unwrap()).unwrap();
        let mut s = sock.connect(server).await.unwrap();
        s.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut answer = Vec::new();
        s.read_to_end(&mut answer).await.unwrap();
        let text = String::from_utf8_lossy(&answer);
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        started.elapsed()
    })
}

#[test]
fn idle_and_slowloris_floods_are_closed_and_a_normal_client_is_still_served() {
    // The flood needs about 1,300 descriptors in this process.
    let _ = rlimit::increase_nofile_limit(8192);
    let s = Server::start_with(
        "flood",
        &Backend::Sqlite,
        // Every flood socket is accepted, so the deadlines (not the
        // per-address limit) must close them.
        &[
            "--header-timeout",
            "2",
            "--idle-timeout",
            "3",
            "--max-connections-per-address",
            "5000",
        ],
    );
    let addr: SocketAddr = s.url.trim_start_matches("http://").parse().unwrap();

    let mut idle = Vec::new();
    for _ in 0..1000 {
        if let Ok(c) = TcpStream::connect(addr) {
            idle.push(c);
        }
    }
    let mut slow = Vec::new();
    for _ in 0..200 {
        if let Ok(mut c) = TcpStream::connect(addr) {
            let _ = c.write_all(b"POST /v1/validate HTTP/1.1\r\nhost: x\r\n");
            slow.push(c);
        }
    }
    // Slowloris: one more header byte every 500 ms, never finishing.
    let dripping = std::thread::spawn(move || {
        let until = Instant::now() + Duration::from_secs(6);
        let mut closed = 0;
        while Instant::now() < until {
            closed = 0;
            for c in &mut slow {
                if c.write_all(b"x").is_err() {
                    closed += 1;
                }
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        (closed, slow.len())
    });

    let mut latencies: Vec<Duration> = (0..200)
        .map(|_| {
            let d = health_from("127.0.0.2", addr);
            std::thread::sleep(Duration::from_millis(10));
            d
        })
        .collect();
    latencies.sort();
    let p99 = latencies[latencies.len() * 99 / 100 - 1];
    eprintln!(
        "normal client during the flood: p50 {:?}, p99 {:?}",
        latencies[latencies.len() / 2],
        p99
    );
    assert!(
        p99 < Duration::from_millis(100),
        "a normal client waited {p99:?} (p99) during the flood"
    );

    // Every flood socket has been closed by the server.
    let (closed, total) = dripping.join().unwrap();
    assert_eq!(closed, total, "slowloris connections left open");
    let mut open = 0;
    for c in &mut idle {
        c.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        let mut buf = [0u8; 512];
        let still_open = |r: std::io::Result<usize>| match r {
            Ok(0) => false,
            Ok(_) => true,
            Err(e) => matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
        };
        let first = c.read(&mut buf);
        // A refused connection got a 503 first, then the close.
        let open_now = match first {
            Ok(n) if n > 0 => still_open(c.read(&mut buf)),
            r => still_open(r),
        };
        if open_now {
            open += 1;
        }
    }
    assert_eq!(open, 0, "idle connections left open");
    let m = ureq::get(&format!("{}/metrics", s.url))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    let timed_out: u64 = m
        .lines()
        .find_map(|l| l.strip_prefix("licensewarden_server_connections_timed_out_total "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(timed_out >= 1100, "{m}");
}

#[test]
fn connections_over_the_per_address_limit_get_an_immediate_503() {
    let s = Server::start_with(
        "peraddr",
        &Backend::Sqlite,
        &["--max-connections-per-address", "4"],
    );
    let addr: SocketAddr = s.url.trim_start_matches("http://").parse().unwrap();
    let held: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut fifth = TcpStream::connect(addr).unwrap();
    fifth
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut answer = String::new();
    let _ = fifth.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
    assert!(answer.contains("too-many-connections"), "{answer}");
    // Another address is not affected.
    health_from("127.0.0.2", addr);
    drop(held);
}
