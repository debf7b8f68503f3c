//! Each organization's default policy is kept across a restart and goes with it.

use super::*;

#[tokio::test]
async fn a_default_policy_survives_a_restart_and_goes_with_its_organization() {
    let h = support::harness().await;
    let server = remote(1, 1).await;
    let acme = support::add_remote(&h, "Acme", &server).await;
    let acme_id = acme.id().clone();
    let demo = support::demo_org(&h.keywarden);
    assert_eq!(acme.key_policy_default(), KeyPolicy::default());

    let chosen = policy(Permissions::ReadOnly, Expiry::Days(90));
    assert_eq!(acme.set_key_policy_default(chosen.clone()).unwrap(), chosen);
    let demo_default = policy(Permissions::All, Expiry::Days(30));
    demo.set_key_policy_default(demo_default.clone()).unwrap();
    assert_eq!(acme.key_policy_default(), chosen);
    assert_eq!(
        settings(&h)["keyPolicyDefaults"][acme_id.as_str()],
        serde_json::to_value(&chosen).unwrap()
    );

    let saved = h.config_text();
    let dated = policy(Permissions::ReadOnly, Expiry::Date("2099-01-01".into()));
    let error = acme.set_key_policy_default(dated).unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(error.to_string().contains("not a calendar date"), "{error}");
    let zero = policy(Permissions::ReadOnly, Expiry::Days(0));
    let error = acme.set_key_policy_default(zero).unwrap_err();
    assert!(error.to_string().contains("between 1 and 365"), "{error}");
    assert_eq!(h.config_text(), saved, "a refused default changes nothing");
    assert_eq!(acme.key_policy_default(), chosen);
    drop((acme, demo));

    let h = h.restart().await;
    let acme = h.keywarden.org(&acme_id).unwrap();
    assert_eq!(acme.key_policy_default(), chosen, "kept across a restart");
    let demo = support::demo_org(&h.keywarden);
    assert_eq!(demo.key_policy_default(), demo_default);
    drop(acme);

    h.keywarden.remove_organization(&acme_id).await.unwrap();
    let defaults = &settings(&h)["keyPolicyDefaults"];
    assert!(
        defaults.get(acme_id.as_str()).is_none(),
        "the removed organization's default is gone: {defaults}"
    );
    assert!(!h.config_text().contains(acme_id.as_str()));
    assert_eq!(demo.key_policy_default(), demo_default, "the others stay");
}
