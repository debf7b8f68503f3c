//! The persistent inventory cache against a real SQLite file in a temporary folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod duplicates;
mod fixtures;
mod key_policy;
mod paging;
mod projects;
mod recovery;
mod round_trip;
mod search;
mod sorting;
mod spend;
