//! Lazy pagination over cursor lists and usage pages, with a guard against endless listings.
//!
//! A server that repeats a cursor, or keeps reporting more pages past
//! [`ClientOptions::max_pages`](crate::ClientOptions::max_pages), stops the stream with
//! [`ErrorKind::Pagination`](crate::ErrorKind::Pagination) instead of looping forever.

use std::collections::HashSet;

use futures::stream::{self, Stream, TryStreamExt};
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::Error;
use crate::transport::Call;
use crate::types::{ListPage, UsageBucket, UsagePage};

const MAX_CURSOR_CHARS: usize = 80;

/// A list item whose id can serve as the `after` cursor.
pub(crate) trait Cursor {
    /// The id sent as `after` when the server gives no `last_id`.
    fn cursor(&self) -> &str;
}

/// How the next page is requested.
#[derive(Debug, Clone, Copy)]
enum Paging {
    /// `after=<last_id>` until `has_more` is false.
    After,
    /// `page=<next_page>` until `has_more` is false.
    Page,
}

struct State {
    client: Client,
    call: Call,
    paging: Paging,
    cursor: Option<String>,
    seen: HashSet<String>,
    pages: usize,
    finished: bool,
}

impl State {
    fn new(client: Client, call: Call, paging: Paging, start: Option<String>) -> State {
        let seen = start.iter().cloned().collect();
        State {
            client,
            call,
            paging,
            cursor: start,
            seen,
            pages: 0,
            finished: false,
        }
    }

    fn next_call(&self) -> Result<Call, Error> {
        let max_pages = self.client.inner.options.max_pages;
        if self.pages >= max_pages {
            return Err(self.stop(format!(
                "the server still reported more results after {max_pages} pages"
            )));
        }
        let mut call = self.call.clone();
        if let Some(cursor) = &self.cursor {
            let key = match self.paging {
                Paging::After => "after",
                Paging::Page => "page",
            };
            call.query = call.query.with(key, cursor);
        }
        Ok(call)
    }

    fn advance(&mut self, has_more: bool, next: Option<String>) -> Result<(), Error> {
        self.pages += 1;
        if !has_more {
            self.finished = true;
            return Ok(());
        }
        let Some(next) = next.filter(|cursor| !cursor.is_empty()) else {
            return Err(self.stop("the server reported more results but sent no cursor".into()));
        };
        if !self.seen.insert(next.clone()) {
            let shown: String = next.chars().take(MAX_CURSOR_CHARS).collect();
            return Err(self.stop(format!("the server repeated the cursor `{shown}`")));
        }
        self.cursor = Some(next);
        Ok(())
    }

    fn stop(&self, message: String) -> Error {
        Error::Pagination {
            operation: self.call.operation,
            message,
        }
    }
}

/// Streams every item of a cursor list, fetching pages lazily.
pub(crate) fn cursor_items<T>(
    client: Client,
    call: Call,
    after: Option<String>,
) -> impl Stream<Item = Result<T, Error>> + Send + 'static
where
    T: DeserializeOwned + Cursor + Send + 'static,
{
    let state = State::new(client, call, Paging::After, after);
    stream::try_unfold(state, |mut state| async move {
        if state.finished {
            return Ok(None);
        }
        let call = state.next_call()?;
        let page: ListPage<T> = state.client.execute(call).await?;
        let next = page
            .last_id
            .or_else(|| page.data.last().map(|item| item.cursor().to_owned()));
        state.advance(page.has_more, next)?;
        Ok(Some((stream::iter(page.data.into_iter().map(Ok)), state)))
    })
    .try_flatten()
}

/// Streams every time bucket of a usage or costs report, fetching pages lazily.
pub(crate) fn usage_buckets<R>(
    client: Client,
    call: Call,
    page: Option<String>,
) -> impl Stream<Item = Result<UsageBucket<R>, Error>> + Send + 'static
where
    R: DeserializeOwned + Send + 'static,
{
    let state = State::new(client, call, Paging::Page, page);
    stream::try_unfold(state, |mut state| async move {
        if state.finished {
            return Ok(None);
        }
        let call = state.next_call()?;
        let page: UsagePage<R> = state.client.execute(call).await?;
        state.advance(page.has_more, page.next_page)?;
        Ok(Some((stream::iter(page.data.into_iter().map(Ok)), state)))
    })
    .try_flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::ClientOptions;
    use secrecy::SecretString;

    fn state(max_pages: usize) -> State {
        let options = ClientOptions {
            max_pages,
            ..ClientOptions::default()
        };
        let client =
            Client::new("http://127.0.0.1:9/v1", SecretString::from("k"), options).unwrap();
        let call = Call::get("list projects", "/organization/projects", "p".into());
        State::new(client, call, Paging::After, None)
    }

    #[test]
    fn a_repeated_cursor_stops_the_listing() {
        let mut state = state(10);
        state.advance(true, Some("a".into())).unwrap();
        state.advance(true, Some("b".into())).unwrap();
        let error = state.advance(true, Some("a".into())).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Pagination);
        assert!(error.to_string().contains("repeated the cursor"), "{error}");
    }

    #[test]
    fn more_results_without_a_cursor_stop_the_listing() {
        let error = state(10).advance(true, None).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Pagination);
    }

    #[test]
    fn the_page_budget_stops_the_listing() {
        let mut state = state(2);
        assert!(state.next_call().is_ok());
        state.advance(true, Some("a".into())).unwrap();
        state.advance(true, Some("b".into())).unwrap();
        let error = state.next_call().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Pagination);
        assert!(error.to_string().contains("after 2 pages"), "{error}");
    }

    #[test]
    fn the_cursor_is_sent_as_after() {
        let mut state = state(10);
        state.advance(true, Some("proj_9".into())).unwrap();
        let call = state.next_call().unwrap();
        assert_eq!(
            call.query.pairs().collect::<Vec<_>>(),
            vec![("after", "proj_9")]
        );
    }
}
