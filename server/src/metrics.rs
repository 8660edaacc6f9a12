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
    /// Answers per hour for the last 24 hours: slot `h % 24` counts hour
    /// `h` (unix hours), its tag says which hour it holds.
    hourly: [AtomicU64; 24],
    hourly_tag: [AtomicU64; 24],
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
        let hour = crate::now_ms().max(0) as u64 / 3_600_000;
        let slot = (hour % 24) as usize;
        if self.hourly_tag[slot].swap(hour, Ordering::Relaxed) != hour {
            self.hourly[slot].store(0, Ordering::Relaxed);
        }
        self.hourly[slot].fetch_add(1, Ordering::Relaxed);
    }

    /// Protocol answers per hour, oldest first, for the 24 hours up to
    /// `now` (unix ms): (hour start, count).
    pub fn per_hour(&self, now: i64) -> Vec<(i64, u64)> {
        let this = now.max(0) as u64 / 3_600_000;
        (0..24u64)
            .rev()
            .map(|back| {
                let h = this.saturating_sub(back);
                let slot = (h % 24) as usize;
                let n = if self.hourly_tag[slot].load(Ordering::Relaxed) == h {
                    self.hourly[slot].load(Ordering::Relaxed)
                } else {
                    0
                };
                ((h * 3_600_000) as i64, n)
            })
            .collect()
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
