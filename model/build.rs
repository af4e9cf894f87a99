//! Writes each gallery page's campaigns alone (`$OUT_DIR/{page}.campaigns.json`, `[]` if it has
//! none). A game placed in the editor starts with the gallery's campaign for it; reading them from
//! these files keeps the gallery's pages out of the editor's wasm.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=templates");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for entry in fs::read_dir("templates").expect("model/templates is readable") {
        let path = entry.expect("model/templates is readable").path();
        let Some(page) = path
            .file_name()
            .and_then(|n| n.to_str()?.strip_suffix(".json"))
        else {
            continue;
        };
        let text = fs::read_to_string(&path).expect("a template is readable");
        let json: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let campaigns = json
            .get("campaigns")
            .cloned()
            .unwrap_or(serde_json::json!([]));
        fs::write(
            Path::new(&out).join(format!("{page}.campaigns.json")),
            campaigns.to_string(),
        )
        .expect("OUT_DIR is writable");
    }
}
