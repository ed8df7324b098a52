//! `korpu bench http`: a small constant-rate load generator (HTTP/1.1 keep-alive over plain
//! TCP). Requests are scheduled at fixed intervals whatever the server does, and latency is
//! measured from the scheduled instant, so a slow server cannot hide its queueing
//! ("coordinated omission").

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use rand::RngExt;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::{Mutex, mpsc};

/// Options of `korpu bench http`.
#[derive(Debug, Args)]
pub struct HttpArgs {
    /// Server address (host:port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Request path; `{id}` becomes a random client id.
    #[arg(long, default_value = "/api/v1/clients/{id}/suggestions?kind=site")]
    pub path: String,
    /// Client ids are drawn uniformly from 1..=max-id.
    #[arg(long, default_value_t = 250_000)]
    pub max_id: i64,
    /// Requests per second.
    #[arg(long, default_value_t = 200)]
    pub rate: u32,
    /// Seconds to run.
    #[arg(long, default_value_t = 30)]
    pub seconds: u64,
    /// Connections kept open.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// API token [env: KORPU_TOKEN] (issue one with `korpu token issue`).
    #[arg(long, env = "KORPU_TOKEN", hide_env_values = true)]
    pub token: String,
}

/// One finished request: latency in microseconds, or an error.
type Outcome = Result<f64, String>;

/// Runs the load and prints the latency percentiles.
pub async fn run(args: &HttpArgs) -> anyhow::Result<()> {
    let total = u64::from(args.rate) * args.seconds;
    let (jobs_tx, jobs_rx) = mpsc::channel::<(Instant, String)>(total.max(1) as usize);
    let jobs_rx = Arc::new(Mutex::new(jobs_rx));
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<Outcome>();
    let mut workers = Vec::new();
    for _ in 0..args.connections.max(1) {
        let jobs = jobs_rx.clone();
        let done = done_tx.clone();
        let addr = args.addr.clone();
        let token = args.token.clone();
        workers.push(tokio::spawn(async move {
            let mut conn: Option<BufReader<TcpStream>> = None;
            loop {
                let job = jobs.lock().await.recv().await;
                let Some((due, path)) = job else { break };
                let outcome = request(&mut conn, &addr, &token, &path).await;
                let outcome = outcome.map(|()| due.elapsed().as_secs_f64() * 1e6);
                if outcome.is_err() {
                    conn = None;
                }
                let _ = done.send(outcome);
            }
        }));
    }
    drop(done_tx);
    let interval = Duration::from_secs_f64(1.0 / f64::from(args.rate.max(1)));
    let start = Instant::now() + Duration::from_millis(100);
    let mut rng = rand::rng();
    for i in 0..total {
        let due = start + interval.mul_f64(i as f64);
        tokio::time::sleep_until(due.into()).await;
        let id = rng.random_range(1..=args.max_id.max(1));
        let path = args.path.replace("{id}", &id.to_string());
        if jobs_tx.send((due, path)).await.is_err() {
            break;
        }
    }
    drop(jobs_tx);
    let mut latencies = Vec::with_capacity(total as usize);
    let mut errors: std::collections::BTreeMap<String, usize> = Default::default();
    while let Some(outcome) = done_rx.recv().await {
        match outcome {
            Ok(us) => latencies.push(us),
            Err(e) => *errors.entry(e).or_default() += 1,
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let n = latencies.len();
        if n == 0 {
            return 0.0;
        }
        latencies[((q * n as f64).ceil() as usize).clamp(1, n) - 1] / 1000.0
    };
    println!(
        "{} requests in {elapsed:.1} s ({:.0}/s offered) to {}{}: {} ok, {} errors",
        total,
        f64::from(args.rate),
        args.addr,
        args.path,
        latencies.len(),
        errors.values().sum::<usize>()
    );
    println!(
        "latency ms: p50 {:.2}, p95 {:.2}, p99 {:.2}, max {:.2}",
        at(0.5),
        at(0.95),
        at(0.99),
        latencies.last().copied().unwrap_or(0.0) / 1000.0
    );
    for (e, n) in errors {
        println!("  error {e}: {n}");
    }
    Ok(())
}

/// Sends one GET on the kept-alive connection (opening one if needed) and reads the whole
/// response; a status other than 200 is an error.
async fn request(
    conn: &mut Option<BufReader<TcpStream>>,
    addr: &str,
    token: &str,
    path: &str,
) -> Result<(), String> {
    if conn.is_none() {
        let stream = TcpStream::connect(addr)
            .await
            .map_err(|e| format!("connect: {}", e.kind()))?;
        let _ = stream.set_nodelay(true);
        *conn = Some(BufReader::new(stream));
    }
    let Some(stream) = conn.as_mut() else {
        return Err("no connection".into());
    };
    let head = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nAccept: application/json\r\n\r\n"
    );
    let io = |e: std::io::Error| format!("io: {}", e.kind());
    stream
        .get_mut()
        .write_all(head.as_bytes())
        .await
        .map_err(io)?;
    let mut line = String::new();
    if stream.read_line(&mut line).await.map_err(io)? == 0 {
        return Err("closed".into());
    }
    let status = line.split_whitespace().nth(1).unwrap_or("").to_owned();
    let (mut length, mut chunked, mut close) = (0usize, false, false);
    loop {
        line.clear();
        if stream.read_line(&mut line).await.map_err(io)? == 0 {
            return Err("closed".into());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or((header, ""));
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.parse().map_err(|_| "bad length")?,
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "connection" => close = value.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    if chunked {
        loop {
            line.clear();
            stream.read_line(&mut line).await.map_err(io)?;
            let size = usize::from_str_radix(line.trim(), 16).map_err(|_| "bad chunk")?;
            let mut skip = vec![0; size + 2];
            stream.read_exact(&mut skip).await.map_err(io)?;
            if size == 0 {
                break;
            }
        }
    } else {
        let mut body = vec![0; length];
        stream.read_exact(&mut body).await.map_err(io)?;
    }
    if close {
        *conn = None;
    }
    if status != "200" {
        return Err(format!("status {status}"));
    }
    Ok(())
}
