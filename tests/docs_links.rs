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

/// A page's text with mdBook's `{{#include FILE}}` lines replaced by the file,
/// as the built book shows it (links in an included file then resolve from the
/// including page, as in the book).
fn expanded(page: &Path) -> String {
    let text = std::fs::read_to_string(page).expect("a page");
    text.lines()
        .map(|line| {
            match line
                .trim()
                .strip_prefix("{{#include ")
                .and_then(|l| l.strip_suffix("}}"))
            {
                Some(included) => std::fs::read_to_string(page.parent().expect("a folder").join(included.trim()))
                    .expect("an included file"),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `path` with `.` and `folder/..` taken out, without following links.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Each link of each page.
fn links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        found.extend(
            line.split("](")
                .skip(1)
                .filter_map(|l| l.split(')').next())
                .map(str::to_owned),
        );
    }
    found
}

#[test]
fn every_relative_link_and_anchor_exists() {
    let guide = root().join("docs/guide/src");
    let mut broken = Vec::new();
    for page in pages() {
        let in_guide = page.starts_with(&guide);
        let text = if in_guide {
            expanded(&page)
        } else {
            std::fs::read_to_string(&page).expect("a page")
        };
        for link in links(&text) {
            // The repository's own files are linked relatively: an absolute link
            // to them goes wherever the repository is not (a fork, a release, the book).
            if link.contains("github.com/stances/stances/blob/") || link.contains("github.com/stances/stances/tree/") {
                broken.push(format!(
                    "{}: {link} (link this repository's files relatively)",
                    page.display()
                ));
                continue;
            }
            if link.starts_with("http") || link.starts_with("mailto:") || link.contains(' ') {
                continue;
            }
            let (file, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                page.parent().expect("a folder").join(file)
            };
            if !target.exists() {
                broken.push(format!("{}: {link}", page.display()));
                continue;
            }
            // The built book holds only what is in its `src` folder (a link in
            // it, such as `assets`, is followed when the book is built).
            if in_guide && !lexical(&target).starts_with(&guide) {
                broken.push(format!(
                    "{}: {link} (outside the book: not in the built guide)",
                    page.display()
                ));
                continue;
            }
            if !anchor.is_empty() && target.extension().is_some_and(|e| e == "md") {
                let heads = anchors(&expanded(&target));
                if !heads.iter().any(|h| h == anchor) {
                    broken.push(format!("{}: {link} (no such heading)", page.display()));
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
