//! The official OpenAPI extract and validators for the schemas it names.

use std::sync::OnceLock;

use jsonschema::{Draft, Validator};
use serde_json::{json, Value};

/// The OpenAPI extract beside the checkout, found from where this crate is now (cargo sets
/// `CARGO_MANIFEST_DIR` when it runs the test), so a test binary built in another checkout of the
/// same tree still finds it.
fn spec_path() -> std::path::PathBuf {
    let crate_dir = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
        || env!("CARGO_MANIFEST_DIR").into(),
        std::path::PathBuf::from,
    );
    crate_dir.join("../../../shared/reference/openai-admin-openapi.yaml")
}

pub fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = spec_path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "the contract test needs the OpenAPI extract at {}: {e}",
                path.display()
            )
        });
        serde_yaml::from_str(&text).expect("the OpenAPI extract is valid YAML")
    })
}

/// A validator for the schema at `pointer` (a URI fragment), resolved inside the whole spec.
pub fn validator_at(pointer: &str) -> Validator {
    let mut document = spec().clone();
    document
        .as_object_mut()
        .unwrap()
        .insert("$ref".into(), json!(pointer));
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .build(&document)
        .unwrap_or_else(|e| panic!("schema at {pointer} compiles: {e}"))
}

/// The validator for the 200 response of `method template`, as the spec names it.
pub fn operation(method: &str, template: &str) -> Validator {
    let schema = &spec()["paths"][template][method]["responses"]["200"]["content"]
        ["application/json"]["schema"];
    assert!(
        schema.is_object(),
        "the spec has no 200 JSON schema for {method} {template}"
    );
    let escaped = template.replace('~', "~0").replace('/', "~1");
    let escaped = escaped.replace('{', "%7B").replace('}', "%7D");
    validator_at(&format!(
        "#/paths/{escaped}/{method}/responses/200/content/application~1json/schema"
    ))
}

pub fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

pub fn assert_valid(validator: &Validator, instance: &Value, context: &str) {
    let found = errors(validator, instance);
    assert!(
        found.is_empty(),
        "{context} breaks the spec: {found:#?}\n{instance:#}"
    );
}
