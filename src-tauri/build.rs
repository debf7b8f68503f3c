//! Generates the Tauri context and the permissions for Keywarden's own commands.

fn main() {
    let commands = &["list_organizations", "list_projects", "list_keys"];
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {error:#}");
    }
}
