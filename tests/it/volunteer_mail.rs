//! Real mail through a real SMTP server started by the test (a tiny one written here with
//! tokio), including a server that goes away mid-way: queued mail is delivered after it comes
//! back, none lost, none twice.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::http::{Method, StatusCode};
use korpu::config::{Config, MailTransportKind, SmtpTls};
use korpu::mail::transport::Transport;
use korpu::mail::worker;
use sea_orm::EntityTrait;
use sea_orm::sea_query::Expr;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::{JoinHandle, JoinSet};

use crate::support::TestApp;
use crate::volunteer_support::json_application;

/// Messages the server accepted (the DATA of each, as received).
type Inbox = Arc<Mutex<Vec<String>>>;

/// A minimal SMTP server: 220 greeting; EHLO/HELO, MAIL, RCPT, RSET, NOOP 250; DATA 354 and
/// 250 after "\r\n.\r\n"; QUIT 221. With `stop_after`, it shuts down (listener and every
/// connection) right after accepting that many messages in total.
struct SmtpServer {
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl SmtpServer {
    async fn start(addr: SocketAddr, inbox: Inbox, stop_after: Option<usize>) -> SmtpServer {
        let listener = TcpListener::bind(addr).await.expect("bind SMTP port");
        let addr = listener.local_addr().unwrap();
        let limit = Arc::new(Notify::new());
        let task = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            loop {
                tokio::select! {
                    accepted = listener.accept() => {
                        let Ok((stream, _)) = accepted else { return };
                        connections.spawn(session(stream, inbox.clone(), stop_after, limit.clone()));
                    }
                    // Dropping the listener and the connections closes everything.
                    () = limit.notified() => return,
                }
            }
        });
        SmtpServer { addr, task }
    }

    async fn stopped(self) {
        let _ = self.task.await;
    }
}

async fn session(stream: TcpStream, inbox: Inbox, stop_after: Option<usize>, limit: Arc<Notify>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    if write.write_all(b"220 korpu-test ESMTP\r\n").await.is_err() {
        return;
    }
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-korpu-test\r\n250 8BITMIME\r\n"
        } else if command.starts_with("HELO")
            || command.starts_with("MAIL FROM")
            || command.starts_with("RCPT TO")
            || command.starts_with("RSET")
            || command.starts_with("NOOP")
        {
            b"250 OK\r\n"
        } else if command == "DATA" {
            if write
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await
                .is_err()
            {
                return;
            }
            let mut data = String::new();
            loop {
                let mut part = String::new();
                if lines.read_line(&mut part).await.unwrap_or(0) == 0 {
                    return;
                }
                if part == ".\r\n" {
                    break;
                }
                data.push_str(&part);
            }
            let total = {
                let mut inbox = inbox.lock().unwrap();
                inbox.push(data);
                inbox.len()
            };
            if write.write_all(b"250 OK: queued\r\n").await.is_err() {
                return;
            }
            if stop_after.is_some_and(|n| total >= n) {
                let _ = write.flush().await;
                limit.notify_one();
                return;
            }
            continue;
        } else if command == "QUIT" {
            let _ = write.write_all(b"221 Bye\r\n").await;
            return;
        } else {
            b"502 Command not implemented\r\n"
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}

fn smtp_config(addr: SocketAddr) -> Config {
    Config {
        mail_transport: MailTransportKind::Smtp,
        smtp_host: addr.ip().to_string(),
        smtp_port: addr.port(),
        smtp_tls: SmtpTls::None,
        ..Config::default()
    }
}

/// Sends `n` sign-ups through the JSON API, each queuing one verification e-mail.
async fn sign_ups(app: &TestApp, n: usize) {
    for i in 0..n {
        let response = app
            .client()
            .json(
                Method::POST,
                "/api/v1/volunteer-applications",
                &json_application(&format!("v{i}@example.az"), "Şəhla Qasımova"),
            )
            .await;
        assert_eq!(response.status, StatusCode::ACCEPTED);
    }
}

fn message_id(data: &str) -> String {
    data.lines()
        .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
        .map(|l| l[11..].trim().to_owned())
        .expect("a Message-ID header")
}

#[tokio::test]
async fn a_verification_email_goes_through_a_real_smtp_server() {
    let app = TestApp::spawn().await;
    let inbox = Inbox::default();
    let server = SmtpServer::start("127.0.0.1:0".parse().unwrap(), inbox.clone(), None).await;
    sign_ups(&app, 1).await;
    let config = smtp_config(server.addr);
    let transport = Transport::from_config(&config).unwrap();
    let round = worker::run_once(&app.db, &transport, &config.mail_from)
        .await
        .unwrap();
    assert_eq!(round, worker::Round { sent: 1, failed: 0 });
    let row = app.outbox().await.remove(0);
    assert_eq!(row.status, "sent");
    let received = inbox.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(message_id(&received[0]), row.message_id);
    assert!(received[0].contains("v0@example.az"));
    assert!(received[0].contains("multipart/alternative"));
    // Nothing is left to send.
    let again = worker::run_once(&app.db, &transport, &config.mail_from)
        .await
        .unwrap();
    assert_eq!(again, worker::Round::default());
    assert_eq!(inbox.lock().unwrap().len(), 1);
    server.task.abort();
}

#[tokio::test]
async fn mail_queued_while_the_smtp_server_is_down_is_delivered_once_when_it_returns() {
    let app = TestApp::spawn().await;
    let inbox = Inbox::default();
    sign_ups(&app, 5).await;
    // The server accepts two messages, then goes away mid-round.
    let server = SmtpServer::start("127.0.0.1:0".parse().unwrap(), inbox.clone(), Some(2)).await;
    let addr = server.addr;
    let config = smtp_config(addr);
    let transport = Transport::from_config(&config).unwrap();
    let first = worker::run_once(&app.db, &transport, &config.mail_from)
        .await
        .unwrap();
    server.stopped().await;
    assert_eq!(first, worker::Round { sent: 2, failed: 3 });
    let rows = app.outbox().await;
    assert_eq!(rows.iter().filter(|r| r.status == "sent").count(), 2);
    let waiting: Vec<_> = rows.iter().filter(|r| r.status == "pending").collect();
    assert_eq!(waiting.len(), 3);
    assert!(
        waiting
            .iter()
            .all(|r| r.attempts == 1 && r.last_error.is_some())
    );
    // Nothing is due yet: the failed messages wait for their back-off.
    let early = worker::run_once(&app.db, &transport, &config.mail_from)
        .await
        .unwrap();
    assert_eq!(early, worker::Round::default());

    // The server comes back on the same address; the back-off has passed.
    let server = SmtpServer::start(addr, inbox.clone(), None).await;
    entity::mail_outbox::Entity::update_many()
        .col_expr(
            entity::mail_outbox::Column::NextAttemptAt,
            Expr::value(chrono::Utc::now()),
        )
        .exec(&app.db)
        .await
        .unwrap();
    let mut sent = 0;
    for _ in 0..3 {
        sent += worker::run_once(&app.db, &transport, &config.mail_from)
            .await
            .unwrap()
            .sent;
    }
    assert_eq!(sent, 3);
    let rows = app.outbox().await;
    assert!(rows.iter().all(|r| r.status == "sent"), "{rows:?}");
    let received = inbox.lock().unwrap().clone();
    assert_eq!(received.len(), 5, "none lost");
    let mut ids: Vec<String> = received.iter().map(|d| message_id(d)).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "none twice");
    let mut expected: Vec<String> = rows.iter().map(|r| r.message_id.clone()).collect();
    expected.sort();
    assert_eq!(ids, expected);
    server.task.abort();
}
