//! A listing that repeats a project or a key (e.g. pages that shifted while being fetched) is
//! written once, as first listed, instead of failing the whole refresh.

use app_core::inventory_store::{KeyQuery, ProjectQuery};

use crate::fixtures::*;

#[test]
fn a_project_or_key_listed_twice_is_kept_once_as_first_listed() {
    let (_dir, store) = filled(&snapshot(vec![
        entry(
            project("proj_1", "First"),
            vec![
                user_key("key_a", "first copy", "Ada"),
                user_key("key_a", "second copy", "Bo"),
            ],
        ),
        entry(
            project("proj_2", "Other"),
            vec![user_key("key_b", "B", "Bo")],
        ),
        entry(
            project("proj_1", "Again"),
            vec![user_key("key_c", "C", "Cy")],
        ),
    ]));
    let projects = store.query_projects(&ProjectQuery::default()).unwrap();
    let names: Vec<_> = projects.rows.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["First", "Other"]);
    let keys = store.query_keys(&KeyQuery::default()).unwrap().rows;
    let names: Vec<_> = keys.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, ["B", "C", "first copy"]);
    assert_eq!(keys[1].project_name, "First");
}

#[test]
fn a_projects_new_keys_listed_twice_are_kept_once() {
    let (_dir, store) = filled(&snapshot(vec![entry(project("proj_1", "Web"), vec![])]));
    store
        .replace_project_keys(
            "proj_1",
            &[
                user_key("key_a", "first", "Ada"),
                user_key("key_a", "again", "Ada"),
            ],
        )
        .unwrap();
    let rows = store.query_keys(&KeyQuery::default()).unwrap().rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "first");
    assert_eq!(store.project("proj_1").unwrap().unwrap().key_count, 1);
}
