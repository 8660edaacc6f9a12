//! Serving an axum app on 127.0.0.1 for the HTTP tests, and calling it.
#![allow(dead_code)] // each test file uses its own part

/// Serves `app` on a free 127.0.0.1 port; returns the runtime (keep it
/// alive for as long as the server is needed) and the base URL.
pub fn serve(app: axum::Router) -> (tokio::runtime::Runtime, String) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    rt.spawn(async move { axum::serve(listener, app).await.unwrap() });
    (rt, base)
}

/// `method url` with one optional header: the status and the body, for
/// any status.
pub fn call(method: &str, url: &str, header: Option<(&str, &str)>) -> (u16, String) {
    let mut req = ureq::request(method, url);
    if let Some((k, v)) = header {
        req = req.set(k, v);
    }
    match req.call() {
        Ok(r) => (r.status(), r.into_string().unwrap()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap()),
        Err(e) => panic!("{e}"),
    }
}

/// Log output captured by a `tracing` subscriber, for the logging tests.
#[derive(Clone, Default)]
pub struct Captured(pub std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
