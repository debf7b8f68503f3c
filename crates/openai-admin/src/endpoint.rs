//! The URL boundary: which base URLs the admin key may be sent to, and how ids become path
//! segments.
//!
//! The admin key must only travel over TLS, except to loopback hosts (the fake server and local
//! proxies). Ids are percent-encoded so that no id (`/`, `..`, `?`, `%`, spaces) can change the
//! route; the dot segments `.` and `..` are rejected because URL parsing would collapse them
//! even when percent-encoded.

use std::net::IpAddr;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use url::{Host, Url};

use crate::error::Error;
use crate::query::Query;

const CONFIGURE: &str = "configure the client";
const MAX_ID_CHARS: usize = 512;

/// Everything except RFC 3986 unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Validates a base URL such as `https://api.openai.com/v1`.
pub(crate) fn parse_base_url(raw: &str) -> Result<Url, Error> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Error::invalid(CONFIGURE, "the base URL is empty"));
    }
    let url = Url::parse(raw).map_err(|_| {
        Error::invalid(
            CONFIGURE,
            "the base URL must be an absolute https URL, e.g. https://api.openai.com/v1",
        )
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(Error::invalid(
                CONFIGURE,
                "the base URL must use https (plain http is allowed only for loopback hosts)",
            ))
        }
        other => {
            return Err(Error::invalid(
                CONFIGURE,
                format!("the base URL scheme `{other}` is not supported; use https"),
            ))
        }
    }
    if url.host().is_none() {
        return Err(Error::invalid(CONFIGURE, "the base URL has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid(
            CONFIGURE,
            "the base URL must not contain a user name or password",
        ));
    }
    if url.query().is_some() {
        return Err(Error::invalid(
            CONFIGURE,
            "the base URL must not contain a query (`?…`)",
        ));
    }
    if url.fragment().is_some() {
        return Err(Error::invalid(
            CONFIGURE,
            "the base URL must not contain a fragment (`#…`)",
        ));
    }
    Ok(url)
}

/// Whether the URL's host is this machine (`localhost`, 127.0.0.0/8, `::1`).
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Validates an id and percent-encodes it as one path segment.
pub(crate) fn id_segment(operation: &'static str, what: &str, id: &str) -> Result<String, Error> {
    if id.trim().is_empty() {
        return Err(Error::invalid(
            operation,
            format!("the {what} must not be empty"),
        ));
    }
    if id == "." || id == ".." {
        return Err(Error::invalid(
            operation,
            format!("`{id}` is not a valid {what}"),
        ));
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(Error::invalid(
            operation,
            format!("the {what} is longer than {MAX_ID_CHARS} characters"),
        ));
    }
    Ok(utf8_percent_encode(id, SEGMENT).to_string())
}

/// Joins the base URL with an already-encoded relative path and a query.
pub(crate) fn join(base: &Url, path: &str, query: &Query) -> Result<Url, url::ParseError> {
    let mut text = base.as_str().trim_end_matches('/').to_owned();
    text.push('/');
    text.push_str(path);
    let mut url = Url::parse(&text)?;
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query.pairs());
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn rejected(raw: &str) -> bool {
        parse_base_url(raw).is_err_and(|e| e.kind() == ErrorKind::InvalidInput)
    }

    #[test]
    fn https_and_loopback_http_base_urls_are_accepted() {
        for ok in [
            "https://api.openai.com/v1",
            "https://api.openai.com/v1/",
            "http://127.0.0.1:8080/v1",
            "http://127.5.6.7/v1",
            "http://[::1]:9000/v1",
            "http://localhost:3000/v1",
        ] {
            assert!(parse_base_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn unsafe_or_malformed_base_urls_are_rejected() {
        for bad in [
            "",
            "   ",
            "example.com",
            "http://example.com/v1",
            "http://10.0.0.1/v1",
            "ftp://example.com/v1",
            "file:///etc/passwd",
            "https://user:pw@example.com/v1",
            "https://user@example.com/v1",
            "https://example.com/v1?x=1",
            "https://example.com/v1#frag",
            "localhost:8080",
        ] {
            assert!(rejected(bad), "{bad}");
        }
    }

    #[test]
    fn ids_cannot_escape_their_path_segment() {
        let encode = |id| id_segment("test", "project id", id).unwrap();
        assert_eq!(encode("proj_abc-1.2~x"), "proj_abc-1.2~x");
        assert_eq!(encode("a/b"), "a%2Fb");
        assert_eq!(encode("../admin"), "..%2Fadmin");
        assert_eq!(encode("%2F"), "%252F");
        assert_eq!(encode("a?b=c#d"), "a%3Fb%3Dc%23d");
        assert_eq!(encode("a b"), "a%20b");
    }

    #[test]
    fn dot_segments_and_empty_ids_are_invalid_input() {
        for bad in ["", " ", ".", ".."] {
            let error = id_segment("test", "project id", bad).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{bad:?}");
        }
        assert!(id_segment("test", "id", &"x".repeat(MAX_ID_CHARS + 1)).is_err());
    }

    #[test]
    fn joined_urls_keep_encoded_segments_and_the_base_path() {
        let base = parse_base_url("http://127.0.0.1:1/v1/").unwrap();
        let segment = id_segment("test", "id", "..%2F../x").unwrap();
        let mut query = Query::default();
        query.push("event_types[]", "a b");
        let url = join(&base, &format!("organization/projects/{segment}"), &query).unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:1/v1/organization/projects/..%252F..%2Fx?event_types%5B%5D=a+b"
        );
    }
}
