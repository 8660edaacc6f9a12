//! Serving an axum app on 127.0.0.1 for the HTTP tests.

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
