//! Benchmarks as plain functions returning result structs, so a CLI (`korpu bench`) can
//! run them and print or store the numbers. All timings are wall-clock on the calling
//! thread.

mod batch;
mod query;

pub use batch::{BatchBench, DenseBench, FullCheck, batch_bench, dense_bench, write_matrix};
pub use query::{MemoryReport, TopKBench, memory_report, top_k_bench, top_k_bench_with};

/// Summary statistics of a sample of durations, in microseconds.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Stats {
    /// Number of samples.
    pub n: usize,
    /// Median.
    pub median_us: f64,
    /// 99th percentile (nearest rank).
    pub p99_us: f64,
    /// Mean.
    pub mean_us: f64,
}

impl Stats {
    /// Statistics of `samples` (microseconds).
    pub fn of(mut samples: Vec<f64>) -> Self {
        samples.sort_by(f64::total_cmp);
        let n = samples.len();
        let at = |q: f64| {
            if n == 0 {
                0.0
            } else {
                samples[((q * n as f64).ceil() as usize).clamp(1, n) - 1]
            }
        };
        Self {
            n,
            median_us: at(0.5),
            p99_us: at(0.99),
            mean_us: if n == 0 {
                0.0
            } else {
                samples.iter().sum::<f64>() / n as f64
            },
        }
    }
}
