//! The documentation's links lead somewhere: every relative link of the README,
//! ARCHITECTURE.md, CONTRIBUTING.md, the file formats and the user's guide names a
//! file of the repository, and every `#anchor` one of the target's headings.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The anchors mdBook and GitHub give a page's headings.
fn anchors(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix('#'))
        .map(|h| {
            h.trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
                .collect::<String>()
                .replace(' ', "-")
        })
        .collect()
}

fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = ["README.md", "ARCHITECTURE.md", "CONTRIBUTING.md"]
        .iter()
        .map(|p| root().join(p))
        .collect();
    for dir in ["docs", "docs/guide/src"] {
        for entry in std::fs::read_dir(root().join(dir)).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    pages
}

#[test]
fn every_relative_link_and_anchor_exists() {
    let mut broken = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a page");
        let mut in_code = false;
        for line in text.lines() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
            }
            if in_code {
                continue;
            }
            for link in line.split("](").skip(1).filter_map(|l| l.split(')').next()) {
                if link.starts_with("http") || link.starts_with("mailto:") || link.contains(' ') {
                    continue;
                }
                let (file, anchor) = link.split_once('#').unwrap_or((link, ""));
                let target = if file.is_empty() {
                    page.clone()
                } else {
                    page.parent().expect("a folder").join(file)
                };
                if !target.exists() {
                    broken.push(format!("{}: {link}", page.display()));
                    continue;
                }
                if !anchor.is_empty() && target.extension().is_some_and(|e| e == "md") {
                    let heads = anchors(&std::fs::read_to_string(&target).expect("a page"));
                    if !heads.iter().any(|h| h == anchor) {
                        broken.push(format!("{}: {link} (no such heading)", page.display()));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_readme_is_a_first_screen_not_the_manual() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("the README");
    assert!(readme.lines().count() <= 150, "{} lines", readme.lines().count());
    let install = readme.find("## Install").expect("an Install section");
    let build = readme
        .find("## Build from source")
        .expect("a Build from source section");
    assert!(install < build, "Install comes first");
    assert!(readme.contains("cargo run --release") && readme.contains("cargo test"));
}
