//! Prometheus metrics of the server: validations by outcome, a latency
//! histogram, and registered devices (read at scrape time).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use licensewarden_guest::protocol::Verdict;

/// Answers counted per verdict, plus one slot for storage failures (503).
const SLOTS: usize = Verdict::ALL.len() + 1;

/// Latency bucket bounds, seconds.
const BUCKETS: [f64; 10] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0,
];

/// Counters shared by every request.
#[derive(Default)]
pub struct Metrics {
    outcomes: [AtomicU64; SLOTS],
    buckets: [AtomicU64; 10],
    count: AtomicU64,
    sum_micros: AtomicU64,
    database_down: AtomicBool,
    connections_refused: AtomicU64,
    connections_timed_out: AtomicU64,
}

impl Metrics {
    /// Count one answer: a verdict, or `None` for a storage failure.
    pub fn count(&self, v: Option<Verdict>) {
        let i = v.map_or(SLOTS - 1, |v| {
            Verdict::ALL
                .iter()
                .position(|x| *x == v)
                .unwrap_or(SLOTS - 1)
        });
        self.outcomes[i].fetch_add(1, Ordering::Relaxed);
    }

    /// The database answered.
    pub fn database_up(&self) {
        self.database_down.store(false, Ordering::Relaxed);
    }

    /// The database did not answer.
    pub fn database_down(&self) {
        self.database_down.store(true, Ordering::Relaxed);
    }

    /// Whether the last database call failed.
    pub fn is_database_down(&self) -> bool {
        self.database_down.load(Ordering::Relaxed)
    }

    /// A connection was closed at accept (over a connection limit).
    pub fn connection_refused(&self) {
        self.connections_refused.fetch_add(1, Ordering::Relaxed);
    }

    /// A connection was closed for sending too slowly or idling.
    pub fn connection_timed_out(&self) {
        self.connections_timed_out.fetch_add(1, Ordering::Relaxed);
    }

    /// Record one request's latency.
    pub fn observe(&self, d: Duration) {
        let s = d.as_secs_f64();
        for (i, b) in BUCKETS.iter().enumerate() {
            if s <= *b {
                self.buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros.fetch_add(
            d.as_micros().min(u128::from(u64::MAX)) as u64,
            Ordering::Relaxed,
        );
    }

    /// Prometheus text exposition.
    pub fn render(&self, devices: Option<i64>) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "# HELP licensewarden_server_validations_total Protocol answers by result."
        );
        let _ = writeln!(o, "# TYPE licensewarden_server_validations_total counter");
        let names = Verdict::ALL
            .iter()
            .map(|v| v.as_str())
            .chain(["server-error"]);
        for (name, n) in names.zip(&self.outcomes) {
            let n = n.load(Ordering::Relaxed);
            let _ = writeln!(
                o,
                "licensewarden_server_validations_total{{result=\"{name}\"}} {n}"
            );
        }
        let _ = writeln!(
            o,
            "# HELP licensewarden_server_request_duration_seconds Protocol request latency."
        );
        let _ = writeln!(
            o,
            "# TYPE licensewarden_server_request_duration_seconds histogram"
        );
        for (i, b) in BUCKETS.iter().enumerate() {
            let n = self.buckets[i].load(Ordering::Relaxed);
            let _ = writeln!(
                o,
                "licensewarden_server_request_duration_seconds_bucket{{le=\"{b}\"}} {n}"
            );
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(
            o,
            "licensewarden_server_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(o, "licensewarden_server_request_duration_seconds_sum {sum}");
        let _ = writeln!(
            o,
            "licensewarden_server_request_duration_seconds_count {count}"
        );
        let up = u8::from(!self.is_database_down());
        let _ = writeln!(
            o,
            "# HELP licensewarden_server_database_up Whether the database answered the last call (1) or not (0)."
        );
        let _ = writeln!(o, "# TYPE licensewarden_server_database_up gauge");
        let _ = writeln!(o, "licensewarden_server_database_up {up}");
        for (name, help, n) in [
            (
                "connections_refused_total",
                "Connections closed at accept: over the total or per-address limit.",
                &self.connections_refused,
            ),
            (
                "connections_timed_out_total",
                "Connections closed for slow headers or idling.",
                &self.connections_timed_out,
            ),
        ] {
            let _ = writeln!(o, "# HELP licensewarden_server_{name} {help}");
            let _ = writeln!(o, "# TYPE licensewarden_server_{name} counter");
            let _ = writeln!(
                o,
                "licensewarden_server_{name} {}",
                n.load(Ordering::Relaxed)
            );
        }
        if let Some(d) = devices {
            let _ = writeln!(
                o,
                "# HELP licensewarden_server_devices Registered devices across all licenses."
            );
            let _ = writeln!(o, "# TYPE licensewarden_server_devices gauge");
            let _ = writeln!(o, "licensewarden_server_devices {d}");
        }
        o
    }
}
