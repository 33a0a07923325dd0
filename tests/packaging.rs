//! What the packages install, kept in step with the program: the version, the man
//! page and completions made from the command line's definition, and the desktop
//! files naming one application id, one MIME type and this release.

mod common;

use common::run_stances;

const ID: &str = "io.github.stances.Stances";

fn packaging(name: &str) -> String {
    std::fs::read_to_string(format!("{}/packaging/{name}", env!("CARGO_MANIFEST_DIR"))).expect("a packaging file")
}

#[test]
fn version_man_page_and_completions_come_from_the_program() {
    let (code, out, _) = run_stances(["--version"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), format!("stances {}", env!("CARGO_PKG_VERSION")));

    let (code, man, _) = run_stances(["man"]);
    assert_eq!(code, 0);
    assert!(
        man.contains(".TH stances 1"),
        "a troff page: {}",
        &man[..200.min(man.len())]
    );
    for command in ["check", "tally", "merge", "git\\-setup", "completions"] {
        assert!(man.contains(command), "the page lists `{command}`");
    }

    for (shell, sign) in [
        ("bash", "_stances()"),
        ("zsh", "#compdef stances"),
        ("fish", "complete -c stances"),
    ] {
        let (code, script, err) = run_stances(["completions", shell]);
        assert_eq!(code, 0, "{err}");
        assert!(script.contains(sign), "{shell}: {sign}");
        assert!(script.contains("tally"), "{shell} completes the subcommands");
    }
    let (code, _, err) = run_stances(["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values") && err.contains("fish"), "{err}");
}

#[test]
fn the_desktop_files_name_one_application_and_this_release() {
    assert_eq!(stances::gui::APP_ID, ID, "the window's id is the desktop entry's name");
    let desktop = packaging(&format!("{ID}.desktop"));
    assert!(
        desktop.contains("Exec=stances %F"),
        "double-clicked files arrive as arguments"
    );
    assert!(desktop.contains(&format!("Icon={ID}\n")));
    assert!(desktop.contains(&format!("StartupWMClass={ID}\n")));
    assert!(desktop.contains("MimeType=application/x-stances-comparison;"));

    let mime = packaging(&format!("{ID}.mime.xml"));
    assert!(mime.contains(r#"<mime-type type="application/x-stances-comparison">"#));
    assert!(mime.contains(r#"<glob pattern="*.stances.ron""#));

    let metainfo = packaging(&format!("{ID}.metainfo.xml"));
    assert!(metainfo.contains(&format!("<id>{ID}</id>")));
    assert!(metainfo.contains(&format!("<launchable type=\"desktop-id\">{ID}.desktop</launchable>")));
    assert!(metainfo.contains("<mediatype>application/x-stances-comparison</mediatype>"));
    let newest = metainfo
        .split("<release version=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a release");
    assert_eq!(
        newest,
        env!("CARGO_PKG_VERSION"),
        "the metainfo's newest release is this version"
    );
    // Every screenshot it shows is one the README keeps current.
    for shot in metainfo.split("/main/").skip(1) {
        let file = shot.split('<').next().expect("a path");
        assert!(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file).is_file(),
            "{file} is in the repository"
        );
    }
}

#[test]
fn the_magic_tells_comparisons_of_every_format_from_position_files() {
    // The MIME type's magic: a comparison's first list, within its first kilobyte.
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    for name in [
        "istanbul-v1.stances.ron",
        "istanbul-v2.stances.ron",
        "consensus-v3.stances.ron",
        "rounds-v4.stances.ron",
        "conflicts-v5.stances.ron",
        "handout-v6.stances.ron",
    ] {
        let text = std::fs::read_to_string(format!("{fixtures}/{name}")).expect("a fixture");
        let head = &text[..1024.min(text.len())];
        assert!(
            head.contains("documents: [") || head.contains("positions: ["),
            "{name}: the magic finds it"
        );
    }
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).expect("data") {
        let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("a position file");
        let head = &text[..1024.min(text.len())];
        assert!(!head.contains("documents: [") && !head.contains("positions: ["));
    }
}

#[test]
fn the_flatpak_vendors_every_crate_of_cargo_lock() {
    // packaging/flatpak/cargo-sources.json is made from Cargo.lock; a dependency
    // added since would make the Flathub build fail offline.
    let root = env!("CARGO_MANIFEST_DIR");
    let lock = std::fs::read_to_string(format!("{root}/Cargo.lock")).expect("Cargo.lock");
    let sources = std::fs::read_to_string(format!("{root}/packaging/flatpak/cargo-sources.json")).expect("sources");
    let mut missing = Vec::new();
    for package in lock.split("[[package]]").skip(1) {
        let field = |name: &str| {
            package
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{name} = \"")))
                .map(|v| v.trim_end_matches('"').to_owned())
        };
        let (Some(name), Some(version), Some(checksum)) = (field("name"), field("version"), field("checksum")) else {
            continue; // the project itself
        };
        if !sources.contains(&format!("\"dest\": \"cargo/vendor/{name}-{version}\"")) || !sources.contains(&checksum) {
            missing.push(format!("{name} {version}"));
        }
    }
    assert!(
        missing.is_empty(),
        "remake cargo-sources.json (see the manifest's header); missing: {missing:?}"
    );
    let manifest = packaging("flatpak/io.github.stances.Stances.yml");
    assert!(manifest.contains(&format!("tag: v{}", env!("CARGO_PKG_VERSION"))));
}
