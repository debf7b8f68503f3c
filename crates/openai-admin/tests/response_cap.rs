//! Response bodies are read only up to a cap (32 MiB by default): a larger one fails with
//! `ResponseTooLarge` — announced by `Content-Length` or only found out while streaming — is not
//! retried, and its error says what happened.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{canned_client, fake_options, start_with, Canned};
use openai_admin::{ErrorKind, ProjectListParams, DEFAULT_MAX_RESPONSE_BYTES};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A raw server that answers every connection 200 with a chunked body of 40 MiB (1 MiB chunks,
/// or until the client hangs up), and counts the connections. Nothing announces the body's
/// size, so only reading it can find out.
async fn forty_mib_body() -> Canned {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut head = vec![0_u8; 16 * 1024];
                let _ = stream.read(&mut head).await;
                let start = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                             transfer-encoding: chunked\r\n\r\n";
                if stream.write_all(start.as_bytes()).await.is_err() {
                    return;
                }
                let mut chunk = format!("{:x}\r\n", 1 << 20).into_bytes();
                chunk.extend(std::iter::repeat_n(b' ', 1 << 20));
                chunk.extend_from_slice(b"\r\n");
                for _ in 0..40 {
                    if stream.write_all(&chunk).await.is_err() {
                        return;
                    }
                }
                let _ = stream.write_all(b"0\r\n\r\n").await;
            });
        }
    });
    Canned {
        base_url,
        hits,
        heads: Arc::new(Mutex::new(Vec::new())),
    }
}

#[tokio::test]
async fn a_streamed_body_over_32_mib_fails_as_too_large_and_is_not_retried() {
    let server = forty_mib_body().await;
    let (client, sleeper) = canned_client(&server, |_| {});
    assert_eq!(
        client.options().max_response_bytes,
        DEFAULT_MAX_RESPONSE_BYTES
    );

    let error = client
        .projects()
        .list(&ProjectListParams::default())
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::ResponseTooLarge, "{error:?}");
    assert_eq!(
        error.to_string(),
        "failed to list projects: the server's response is larger than 32 MiB and was not read"
    );
    assert_eq!(server.hits(), 1, "a response over the cap is not retried");
    assert!(sleeper.delays().is_empty());
}

#[tokio::test]
async fn a_real_page_over_a_smaller_cap_fails_as_too_large_and_fits_under_the_default() {
    let harness = start_with(fake_options(), |options| {
        options.max_response_bytes = 512;
    })
    .await;
    let params = ProjectListParams {
        limit: Some(5),
        ..ProjectListParams::default()
    };

    let error = harness.client.projects().list(&params).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::ResponseTooLarge, "{error:?}");
    assert!(
        error.to_string().contains("larger than 512 bytes"),
        "{error}"
    );
    assert_eq!(harness.requests("GET", "/organization/projects").len(), 1);
    let default = harness.client_with(
        &harness.server.admin_key(),
        openai_admin::ClientOptions::default(),
    );
    let page = default.projects().list(&params).await.unwrap();
    assert!(!page.data.is_empty());
}
