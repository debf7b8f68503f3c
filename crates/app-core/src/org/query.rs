//! Reading the cached inventory the way the window does: its status, and one page of projects
//! or keys at a time, filtered, sorted and counted next to the data. Nothing here touches the
//! network, so the first screen shows the last refresh at once.

use super::{InventoryStatus, Org};
use crate::inventory_store::{KeyPage, KeyQuery, ProjectPage, ProjectQuery};
use crate::Error;

/// The longest search text accepted, in characters.
pub const MAX_SEARCH_CHARS: usize = 200;

impl Org {
    /// When the inventory was fetched, how much it holds, whether a refresh runs, whether the
    /// cache is on, and anything to tell the user about it.
    pub async fn inventory_status(&self) -> Result<InventoryStatus, Error> {
        self.inventory().status().await
    }

    /// One page of the organization's projects.
    pub async fn query_projects(&self, query: ProjectQuery) -> Result<ProjectPage, Error> {
        check_text(query.text.as_deref())?;
        let page = self
            .inventory()
            .query(move |store| store.query_projects(&query));
        page.await
    }

    /// One page of the organization's keys (all projects, or one).
    pub async fn query_keys(&self, query: KeyQuery) -> Result<KeyPage, Error> {
        check_text(query.text.as_deref())?;
        let page = self
            .inventory()
            .query(move |store| store.query_keys(&query));
        page.await
    }
}

fn check_text(text: Option<&str>) -> Result<(), Error> {
    let chars = text.map_or(0, |t| t.chars().count());
    if chars > MAX_SEARCH_CHARS {
        return Err(Error::InvalidInput(format!(
            "the search text is {chars} characters long; search for at most \
             {MAX_SEARCH_CHARS} characters"
        )));
    }
    Ok(())
}
