//! Finding out what a create did when its response never arrived.
//!
//! The project is listed before the POST and again after the failure; the object the create made
//! is the one that is new (neither listed before nor holding a secret Keywarden already has), has
//! the requested name, and was created after the request started (less a clock-skew allowance).
//! Exactly one such object is an orphan to offer for revoking; none means nothing was created;
//! more than one, or a failed listing, is left to the user, so nothing good is ever revoked.

use std::collections::HashSet;

use chrono::{DateTime, TimeDelta, Utc};
use openai_admin::{Error as ApiError, ProjectApiKey, ServiceAccount, ServiceAccountId};

use super::LifecycleError;

/// How far the server's clock may lag ours and still count an object as made by our request.
pub(crate) const CLOCK_SKEW: TimeDelta = TimeDelta::minutes(2);

/// The objects that a lost create may have made, or why the project could not be listed.
pub(crate) struct Reconciled<T> {
    found: Result<Vec<T>, ApiError>,
}

impl Reconciled<ServiceAccount> {
    /// Accounts named `name`, created since `started`, whose ids are not `known`.
    pub(crate) fn accounts(
        known: &HashSet<String>,
        after: Result<Vec<ServiceAccount>, ApiError>,
        name: &str,
        started: DateTime<Utc>,
    ) -> Self {
        let found = after.map(|listed| {
            listed
                .into_iter()
                .filter(|account| !known.contains(account.id.as_str()))
                .filter(|account| account.name.as_deref() == Some(name))
                .filter(|account| account.created_at.is_none_or(|at| recent(at, started)))
                .collect()
        });
        Self { found }
    }
}

impl Reconciled<ProjectApiKey> {
    /// Keys of `owner` named `name`, created since `started`, whose ids are not `known`.
    pub(crate) fn keys(
        known: &HashSet<String>,
        after: Result<Vec<ProjectApiKey>, ApiError>,
        owner: &ServiceAccountId,
        name: &str,
        started: DateTime<Utc>,
    ) -> Self {
        let found = after.map(|listed| {
            listed
                .into_iter()
                .filter(|key| !known.contains(key.id.as_str()))
                .filter(|key| key.name.as_deref() == Some(name))
                .filter(|key| {
                    let account = key.owner.service_account.as_ref();
                    account.is_some_and(|account| &account.id == owner)
                })
                .filter(|key| recent(key.created_at, started))
                .collect()
        });
        Self { found }
    }
}

impl<T> Reconciled<T> {
    /// The one object the create made, or the error to show: nothing was created, or nobody
    /// can tell.
    pub(crate) fn settle(self, name: &str, create_error: &ApiError) -> Result<T, LifecycleError> {
        let uncertain = |reason: String| LifecycleError::CreateUncertain {
            name: name.to_owned(),
            reason,
        };
        let mut found = self.found.map_err(|list_error| {
            uncertain(format!(
                "{create_error}; checking the project afterwards failed too: {list_error}"
            ))
        })?;
        match found.len() {
            0 => Err(LifecycleError::NotCreated {
                reason: create_error.to_string(),
            }),
            1 => found
                .pop()
                .ok_or_else(|| uncertain(create_error.to_string())),
            n => Err(uncertain(format!(
                "{create_error}; {n} new objects with that name appeared meanwhile"
            ))),
        }
    }
}

fn recent(created_at: DateTime<Utc>, started: DateTime<Utc>) -> bool {
    created_at >= started - CLOCK_SKEW
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, name: &str, created_at: DateTime<Utc>) -> ServiceAccount {
        ServiceAccount {
            id: ServiceAccountId::from(id),
            name: Some(name.to_owned()),
            role: None,
            created_at: Some(created_at),
        }
    }

    fn lost() -> ApiError {
        ApiError::Pagination {
            operation: "create service account",
            message: "stand-in".into(),
        }
    }

    #[test]
    fn only_a_new_recent_account_with_the_same_name_is_the_orphan() {
        let started = Utc::now();
        let listed = vec![
            account("svc_old", "deploy", started),
            account("svc_other", "other", started),
            account("svc_stale", "deploy", started - TimeDelta::hours(1)),
            account("svc_new", "deploy", started + TimeDelta::seconds(1)),
        ];
        let known = HashSet::from(["svc_old".to_owned()]);
        let found = Reconciled::accounts(&known, Ok(listed), "deploy", started);
        assert_eq!(
            found.settle("deploy", &lost()).unwrap().id.as_str(),
            "svc_new"
        );
    }

    #[test]
    fn a_server_clock_slightly_behind_ours_still_matches() {
        let started = Utc::now();
        let listed = vec![account(
            "svc_new",
            "deploy",
            started - TimeDelta::seconds(30),
        )];
        let found = Reconciled::accounts(&HashSet::new(), Ok(listed), "deploy", started);
        assert!(found.settle("deploy", &lost()).is_ok());
    }

    #[test]
    fn no_match_means_not_created_and_two_matches_mean_uncertain() {
        let started = Utc::now();
        let none = Reconciled::accounts(&HashSet::new(), Ok(vec![]), "deploy", started);
        assert!(matches!(
            none.settle("deploy", &lost()),
            Err(LifecycleError::NotCreated { .. })
        ));
        let two = vec![
            account("svc_a", "deploy", started),
            account("svc_b", "deploy", started),
        ];
        let both = Reconciled::accounts(&HashSet::new(), Ok(two), "deploy", started);
        assert!(matches!(
            both.settle("deploy", &lost()),
            Err(LifecycleError::CreateUncertain { .. })
        ));
    }
}
