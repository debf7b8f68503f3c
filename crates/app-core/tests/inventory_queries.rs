//! Bad queries of the cached inventory get a clear error and change nothing: offsets past the
//! end, page sizes of 0 or 501, an unknown organization or project, a 10,000-character search,
//! and text that looks like SQL (matched literally, never run).

mod support;

use app_core::inventory_store::{KeyQuery, ProjectQuery};
use app_core::{Error, Org, OrgId};

#[allow(clippy::expect_used)]
async fn refreshed_demo() -> (support::Harness, Org, u64) {
    let h = support::harness().await;
    let demo = support::demo_org(&h.keywarden);
    let status = demo.refresh_inventory(|_| {}).await.expect("refreshed");
    (h, demo, status.key_count)
}

fn keys(offset: u64, limit: u32) -> KeyQuery {
    KeyQuery {
        offset,
        limit,
        ..KeyQuery::default()
    }
}

#[tokio::test]
async fn an_offset_past_the_end_gives_no_rows_and_the_same_total() {
    let (_h, demo, total) = refreshed_demo().await;
    for offset in [total, total + 1, 10_000, u64::MAX] {
        let page = demo.query_keys(keys(offset, 50)).await.unwrap();
        assert_eq!((page.total, page.rows.len()), (total, 0), "offset {offset}");
    }
    let projects = ProjectQuery {
        offset: 1_000_000,
        ..ProjectQuery::default()
    };
    let page = demo.query_projects(projects).await.unwrap();
    assert!(page.rows.is_empty() && page.total > 0);
}

#[tokio::test]
async fn a_page_of_0_or_501_rows_is_refused_and_500_is_served() {
    let (_h, demo, total) = refreshed_demo().await;
    for limit in [0, 501, u32::MAX] {
        let error = demo.query_keys(keys(0, limit)).await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidInput(_)),
            "{limit}: {error:?}"
        );
        assert!(error.to_string().contains("1 to 400"), "{error}");
        let projects = ProjectQuery {
            limit,
            ..ProjectQuery::default()
        };
        let error = demo.query_projects(projects).await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidInput(_)),
            "{limit}: {error:?}"
        );
    }
    let page = demo.query_keys(keys(0, 400)).await.unwrap();
    assert_eq!(page.rows.len() as u64, total.min(400));
    assert_eq!(demo.inventory_status().await.unwrap().key_count, total);
}

#[tokio::test]
async fn an_unknown_organization_or_project_is_not_found() {
    let (h, demo, _) = refreshed_demo().await;
    let error = h.keywarden.org(&OrgId::new("org-nope")).unwrap_err();
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("org-nope"), "{error}");
    let query = KeyQuery {
        project_id: Some("proj_does_not_exist".into()),
        ..KeyQuery::default()
    };
    let error = demo.query_keys(query).await.unwrap_err();
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("refresh"), "{error}");
}

#[tokio::test]
async fn a_search_of_10_000_characters_is_refused_with_the_limit() {
    let (_h, demo, _) = refreshed_demo().await;
    let long = "k".repeat(10_000);
    let query = KeyQuery {
        text: Some(long.clone()),
        ..KeyQuery::default()
    };
    let error = demo.query_keys(query).await.unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("at most 200 characters"), "{message}");
    assert!(message.len() < 200, "the text is not echoed: {message}");
    let projects = ProjectQuery {
        text: Some(long),
        ..ProjectQuery::default()
    };
    assert!(demo.query_projects(projects).await.is_err());
}

#[tokio::test]
async fn text_that_looks_like_sql_is_matched_literally_and_changes_nothing() {
    let (_h, demo, total) = refreshed_demo().await;
    for text in [
        "'; DROP TABLE keys; --",
        "\" OR 1=1 --",
        "%",
        "%_%",
        "\\",
        "key' OR 'a'='a",
    ] {
        let query = KeyQuery {
            text: Some(text.into()),
            ..KeyQuery::default()
        };
        let page = demo.query_keys(query).await.unwrap();
        assert_eq!(page.total, 0, "{text} matched as a pattern");
        let projects = ProjectQuery {
            text: Some(text.into()),
            ..ProjectQuery::default()
        };
        assert_eq!(demo.query_projects(projects).await.unwrap().total, 0);
    }
    assert_eq!(demo.inventory_status().await.unwrap().key_count, total);
    assert_eq!(demo.query_keys(keys(0, 400)).await.unwrap().total, total);
}
