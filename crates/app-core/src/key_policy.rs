//! A key's policy: its permissions (scopes) and its expiry, as a person chooses them when
//! minting a key or changing one, checked here once and turned into what the API takes.
//!
//! Permissions are *All* (`[]`), *Read only* (`["api.all.read"]`) or *Restricted* (the listed
//! scope identifiers, sent as typed apart from trimming and dropping repeats: the API does not
//! publish its list, so an identifier Keywarden does not know is the server's to refuse). An
//! expiry is a number of days, a calendar date (the key expires at the end of that day, local
//! time) or never. The API counts an expiry from the request and allows 1 second to 365 days.

use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::Error;

/// The scope that makes a key read-only.
pub const READ_ONLY_SCOPE: &str = "api.all.read";
/// The longest expiry the API accepts, in days.
pub const MAX_EXPIRY_DAYS: i64 = 365;
/// The most scope identifiers one key may be given.
pub const MAX_SCOPES: usize = 100;
/// The longest scope identifier accepted, in characters.
pub const MAX_SCOPE_CHARS: usize = 100;

const MAX_EXPIRY_SECONDS: i64 = MAX_EXPIRY_DAYS * 86_400;

/// What a key may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "scopes")]
pub enum Permissions {
    /// Everything its owner's role allows (`scopes: []`).
    All,
    /// Read only (`["api.all.read"]`).
    ReadOnly,
    /// Only the listed scopes.
    Restricted(Vec<String>),
}

impl Permissions {
    /// The permissions that `scopes` (as the API takes them) describe.
    pub fn from_scopes(scopes: &[String]) -> Self {
        match scopes {
            [] => Permissions::All,
            [only] if only == READ_ONLY_SCOPE => Permissions::ReadOnly,
            _ => Permissions::Restricted(scopes.to_vec()),
        }
    }

    /// The scopes to send: trimmed, blanks and repeats dropped, in the order typed. A
    /// restricted list that ends up empty, too long or with an over-long identifier is refused.
    pub fn scopes(&self) -> Result<Vec<String>, Error> {
        let listed = match self {
            Permissions::All => return Ok(Vec::new()),
            Permissions::ReadOnly => return Ok(vec![READ_ONLY_SCOPE.to_owned()]),
            Permissions::Restricted(listed) => listed,
        };
        let mut scopes: Vec<String> = Vec::new();
        for scope in listed.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            let chars = scope.chars().count();
            if chars > MAX_SCOPE_CHARS {
                return Err(Error::InvalidInput(format!(
                    "a permission identifier is {chars} characters long; the longest accepted \
                     is {MAX_SCOPE_CHARS}. Check the list of restricted permissions"
                )));
            }
            if !scopes.iter().any(|known| known == scope) {
                scopes.push(scope.to_owned());
            }
        }
        if scopes.is_empty() {
            return Err(Error::InvalidInput(
                "choose at least one permission for a restricted key, or choose All or Read only"
                    .into(),
            ));
        }
        if scopes.len() > MAX_SCOPES {
            return Err(Error::InvalidInput(format!(
                "a key can be given at most {MAX_SCOPES} permissions ({} were chosen)",
                scopes.len()
            )));
        }
        Ok(scopes)
    }
}

/// When a key expires, as a person chooses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum Expiry {
    /// It never expires (unless a policy forbids that; the server then refuses the create).
    Never,
    /// This many days from the request (1 to 365).
    Days(i64),
    /// At the end of this day, local time (`YYYY-MM-DD`), at most 365 days away.
    Date(String),
}

impl Expiry {
    /// Seconds from `now` until the expiry, as the API takes them; `None` for never. Refuses 0
    /// or negative days, more than 365 days, a date in the past, and a date not written as
    /// `YYYY-MM-DD`.
    pub fn seconds_from(&self, now: DateTime<Utc>) -> Result<Option<u32>, Error> {
        let seconds = match self {
            Expiry::Never => return Ok(None),
            Expiry::Days(days) if (1..=MAX_EXPIRY_DAYS).contains(days) => days * 86_400,
            Expiry::Days(days) => {
                return Err(Error::InvalidInput(format!(
                    "an expiry of {days} days is not possible; choose between 1 and \
                     {MAX_EXPIRY_DAYS} days, or never"
                )))
            }
            Expiry::Date(text) => seconds_until_end_of(text, now)?,
        };
        Ok(Some(u32::try_from(seconds).unwrap_or(u32::MAX)))
    }
}

fn seconds_until_end_of(text: &str, now: DateTime<Utc>) -> Result<i64, Error> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::InvalidInput(format!(
            "“{}” is not a date Keywarden can read; pick it in the calendar or write it as \
             year-month-day, e.g. 2027-03-12",
            text.chars().take(40).collect::<String>()
        ))
    })?;
    let seconds = (end_of_day(date) - now).num_seconds();
    if seconds < 1 {
        return Err(Error::InvalidInput(format!(
            "{date} has already passed; choose a date from today on, or never"
        )));
    }
    if seconds > MAX_EXPIRY_SECONDS {
        // The last day whose end (local time) is within the limit, so the date suggested is
        // one this check accepts.
        let limit = now + chrono::Duration::seconds(MAX_EXPIRY_SECONDS);
        let mut latest = limit.with_timezone(&Local).date_naive();
        if end_of_day(latest) > limit {
            latest = latest.pred_opt().unwrap_or(latest);
        }
        return Err(Error::InvalidInput(format!(
            "{date} is more than {MAX_EXPIRY_DAYS} days away; the latest possible expiry is \
             {latest}"
        )));
    }
    Ok(seconds)
}

/// The end of `date` (23:59:59 local time).
fn end_of_day(date: NaiveDate) -> DateTime<Utc> {
    let end_of_day = date.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default());
    Local
        .from_local_datetime(&end_of_day)
        .latest()
        .map_or_else(|| end_of_day.and_utc(), |local| local.with_timezone(&Utc))
}

/// The permissions and expiry of a key to mint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyPolicy {
    /// What the key may do.
    pub permissions: Permissions,
    /// When it expires.
    pub expiry: Expiry,
}

impl Default for KeyPolicy {
    /// What the API does when asked for nothing: all permissions, never expires.
    fn default() -> Self {
        KeyPolicy {
            permissions: Permissions::All,
            expiry: Expiry::Never,
        }
    }
}

/// A policy checked and turned into what the API takes. The default is all permissions and no
/// expiry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckedPolicy {
    /// The scopes to send (`[]` = all).
    pub scopes: Vec<String>,
    /// Seconds until the key expires; `None` = never.
    pub expires_in_seconds: Option<u32>,
    /// The choice as the person made it, so a retry of the same create (whose seconds differ by
    /// the time passed) is recognised as the same request.
    pub fingerprint: String,
}

impl KeyPolicy {
    /// Checks the policy at `now` (see [`Permissions::scopes`] and [`Expiry::seconds_from`]).
    pub fn check(&self, now: DateTime<Utc>) -> Result<CheckedPolicy, Error> {
        Ok(CheckedPolicy {
            scopes: self.permissions.scopes()?,
            expires_in_seconds: self.expiry.seconds_from(now)?,
            fingerprint: format!("{self:?}"),
        })
    }
}

/// A change to an existing key: new permissions, a new expiry, or both. The API cannot make a
/// key that expires never expire again, so the expiry here is never [`Expiry::Never`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PolicyChange {
    /// New permissions; `None` keeps them.
    pub permissions: Option<Permissions>,
    /// New expiry; `None` keeps it.
    pub expiry: Option<Expiry>,
}

impl PolicyChange {
    /// Checks the change at `now`: something must change, and an expiry must be a real one.
    pub fn check(&self, now: DateTime<Utc>) -> Result<openai_admin::ApiKeyUpdate, Error> {
        let scopes = self
            .permissions
            .as_ref()
            .map(Permissions::scopes)
            .transpose()?;
        let expires_in_seconds =
            match &self.expiry {
                None => None,
                Some(Expiry::Never) => return Err(Error::InvalidInput(
                    "the API cannot remove a key's expiry; choose a later date instead, or mint \
                     a new key that never expires"
                        .into(),
                )),
                Some(expiry) => expiry.seconds_from(now)?,
            };
        if scopes.is_none() && expires_in_seconds.is_none() {
            return Err(Error::InvalidInput(
                "nothing would change; choose new permissions, a new expiry or both".into(),
            ));
        }
        Ok(openai_admin::ApiKeyUpdate {
            scopes,
            expires_in_seconds,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn permissions_map_to_the_scopes_the_api_takes_and_back() {
        assert_eq!(Permissions::All.scopes().unwrap(), Vec::<String>::new());
        assert_eq!(
            Permissions::ReadOnly.scopes().unwrap(),
            vec!["api.all.read"]
        );
        let typed = Permissions::Restricted(vec![
            " api.files.read ".into(),
            "".into(),
            "api.files.read".into(),
            "api.responses.write".into(),
        ]);
        assert_eq!(
            typed.scopes().unwrap(),
            vec!["api.files.read", "api.responses.write"]
        );
        assert_eq!(Permissions::from_scopes(&[]), Permissions::All);
        assert_eq!(
            Permissions::from_scopes(&["api.all.read".into()]),
            Permissions::ReadOnly
        );
    }

    #[test]
    fn a_restricted_key_needs_a_permission_and_unknown_ones_are_sent_as_typed() {
        assert!(Permissions::Restricted(vec!["  ".into()]).scopes().is_err());
        assert_eq!(
            Permissions::Restricted(vec!["api.made up".into()])
                .scopes()
                .unwrap(),
            vec!["api.made up"]
        );
        let many = (0..=MAX_SCOPES).map(|i| format!("api.s{i}.read")).collect();
        assert!(Permissions::Restricted(many).scopes().is_err());
    }

    #[test]
    fn days_must_be_between_one_and_365() {
        assert_eq!(Expiry::Days(1).seconds_from(now()).unwrap(), Some(86_400));
        assert_eq!(
            Expiry::Days(365).seconds_from(now()).unwrap(),
            Some(31_536_000)
        );
        for days in [0, -1, 366, i64::MAX, i64::MIN] {
            let error = Expiry::Days(days).seconds_from(now()).unwrap_err();
            assert!(error.to_string().contains("between 1 and 365"), "{error}");
        }
        assert_eq!(Expiry::Never.seconds_from(now()).unwrap(), None);
    }

    #[test]
    fn a_date_is_the_end_of_that_day_and_must_be_ahead_and_within_a_year() {
        let in_a_month = (now() + chrono::Duration::days(30))
            .date_naive()
            .to_string();
        let seconds = Expiry::Date(in_a_month)
            .seconds_from(now())
            .unwrap()
            .unwrap();
        assert!((29 * 86_400..=31 * 86_400).contains(&seconds), "{seconds}");
        let past = Expiry::Date("2020-01-01".into())
            .seconds_from(now())
            .unwrap_err();
        assert!(past.to_string().contains("already passed"), "{past}");
        let far = (now() + chrono::Duration::days(400))
            .date_naive()
            .to_string();
        let far = Expiry::Date(far).seconds_from(now()).unwrap_err();
        assert!(far.to_string().contains("more than 365 days"), "{far}");
        for foreign in ["12/03/2027", "12.03.2027", "March 12, 2027", ""] {
            let error = Expiry::Date(foreign.into())
                .seconds_from(now())
                .unwrap_err();
            assert!(error.to_string().contains("year-month-day"), "{error}");
        }
    }

    #[test]
    fn a_change_must_change_something_and_cannot_remove_an_expiry() {
        assert!(PolicyChange::default().check(now()).is_err());
        let never = PolicyChange {
            expiry: Some(Expiry::Never),
            ..PolicyChange::default()
        };
        assert!(never
            .check(now())
            .unwrap_err()
            .to_string()
            .contains("cannot remove"));
        let both = PolicyChange {
            permissions: Some(Permissions::ReadOnly),
            expiry: Some(Expiry::Days(90)),
        };
        let update = both.check(now()).unwrap();
        assert_eq!(update.scopes, Some(vec!["api.all.read".to_owned()]));
        assert_eq!(update.expires_in_seconds, Some(90 * 86_400));
    }
}
