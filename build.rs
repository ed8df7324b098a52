//! Rebuild when embedded files change: Fluent messages are compiled in by a macro that cargo
//! cannot see into, and templates, static files and resources are embedded in release builds.

fn main() {
    for dir in ["locales", "templates", "static", "resources", "rules"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
