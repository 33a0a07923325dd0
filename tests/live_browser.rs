//! The live class in a real browser: Chromium (headless, driven by its
//! WebDriver, chromedriver) opens the page a QR code gives, joins with the
//! code and a name, and codes demands on two steps while the teacher's window
//! (kittest) presents them and counts them. The page is screenshotted at a
//! phone's 360 × 740 and a laptop's 1280 × 720 for the guide.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them).

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::live::{join_address, settle, start_live_class, strip};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use fantoccini::{Client, ClientBuilder, Locator};
use stances::gui::StancesApp;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// chromedriver on a free port, stopped with the test.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Self {
        assert!(
            Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists(),
            "the browser test needs Chromium and its WebDriver: apt install chromium chromium-driver (.ci/run does)"
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        Self { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A headless Chromium of its own profile, the window a phone's size.
async fn browser(driver: &Driver, profile: &Path) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=360,740", format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    let url = format!("http://127.0.0.1:{}", driver.port);
    // chromedriver takes a moment to listen.
    for attempt in 0..50 {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => return client,
            Err(e) if attempt == 49 => panic!("chromedriver did not answer: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    unreachable!()
}

/// Waits (up to 20 s) for the page to show `text` somewhere in its body.
async fn wait_for_text(client: &Client, text: &str) {
    for _ in 0..200 {
        let body = client
            .find(Locator::Css("body"))
            .await
            .expect("a body")
            .text()
            .await
            .unwrap_or_default();
        if body.contains(text) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let body = client.source().await.unwrap_or_default();
    panic!("the page never showed `{text}`:\n{body}");
}

async fn click(client: &Client, css: &str) {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no `{css}` on the page: {e}"))
        .click()
        .await
        .expect("clicked");
}

async fn screenshot(client: &Client, width: u32, height: u32, path: &Path) {
    // The window's frame takes part of its size: the page itself is made
    // `width` × `height`, as a phone's screen shows it.
    client.set_window_size(width, height).await.expect("resized");
    let inner = client
        .execute("return [window.innerWidth, window.innerHeight];", Vec::new())
        .await
        .expect("the page's size");
    let side = |n: usize| inner.get(n).and_then(serde_json::Value::as_u64).unwrap_or(0) as u32;
    let (frame_x, frame_y) = (width.saturating_sub(side(0)), height.saturating_sub(side(1)));
    if frame_x > 0 || frame_y > 0 {
        client
            .set_window_size(width + frame_x, height + frame_y)
            .await
            .expect("resized");
    }
    // From the page's top, as a student sees it on arriving.
    client
        .execute("window.scrollTo(0, 0); document.activeElement.blur();", Vec::new())
        .await
        .expect("scrolled");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(path, png).expect("the screenshot written");
}

/// Waits (up to 20 s) for the window to count what the page sent.
fn wait_for_count(harness: &mut Harness<'static, StancesApp>, choices: &str, shown: &str) {
    for _ in 0..200 {
        settle(harness);
        if strip(harness).contains(choices) && harness.query_all_by_label_contains(shown).next().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the window never showed {choices} and {shown}: {}", strip(harness));
}

fn screenshots_folder() -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("live-class-screenshots");
    std::fs::create_dir_all(&folder).expect("a folder for the screenshots");
    folder
}

#[test]
fn a_student_joins_from_a_browser_and_codes_two_steps_the_window_counts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("istanbul.ron");
    std::fs::copy(common::example_path(), &file).expect("copied");
    let mut harness = common::harness_with(vec![file]);
    start_live_class(&mut harness, "Start the live class");
    let (address, code) = join_address(&harness);

    let driver = Driver::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let profile = dir.path().join("chromium-profile");
    let client = runtime.block_on(browser(&driver, &profile));
    let shots = screenshots_folder();

    // The QR code's address: the code is filled in, the name is asked.
    runtime.block_on(async {
        client
            .goto(&format!("http://{address}/?code={code}"))
            .await
            .expect("the page opens");
        let filled = client
            .find(Locator::Id("code"))
            .await
            .expect("the code field")
            .prop("value")
            .await
            .expect("its value");
        assert_eq!(
            filled.as_deref(),
            Some(code.as_str()),
            "the code comes filled in from the QR code"
        );
        client
            .find(Locator::Id("name"))
            .await
            .expect("the name field")
            .send_keys("Maria")
            .await
            .expect("typed");
        click(&client, "#join button[type=submit]").await;
        wait_for_text(&client, "You are coding as Maria").await;
        wait_for_text(&client, "Waiting for the teacher").await;
    });
    settle(&mut harness);
    assert!(strip(&harness).contains("1 joined"), "{}", strip(&harness));

    // The first issue: the page follows the teacher; the student codes.
    harness.key_press(Key::Space);
    settle(&mut harness);
    runtime.block_on(async {
        wait_for_text(&client, "Ceasefire").await;
        click(&client, "#status-istanbul_ua_ua-ceasefire-agreed").await;
        wait_for_text(&client, "Saved.").await;
        click(&client, "#status-istanbul_ru_ru-rejects-ceasefire-disputed").await;
        screenshot(&client, 360, 740, &shots.join("phone-360x740.png")).await;
    });
    harness.key_press(Key::Space);
    wait_for_count(&mut harness, "2 choices", "1 Agreed");
    assert!(harness.query_all_by_label_contains("1 Disputed").next().is_some());

    // The second issue.
    harness.key_press(Key::Space);
    settle(&mut harness);
    runtime.block_on(async {
        wait_for_text(&client, "Prisoners of war").await;
        click(&client, "#status-istanbul_ua_ua-prisoner-exchange-partial").await;
        wait_for_text(&client, "Saved.").await;
    });
    harness.key_press(Key::Space);
    wait_for_count(&mut harness, "3 choices", "1 Partial");

    // Revealed: the page shows the class's tally.
    harness.key_press(Key::R);
    settle(&mut harness);
    runtime.block_on(async {
        wait_for_text(&client, "Partial 1").await;
        screenshot(&client, 1280, 720, &shots.join("laptop-1280x720.png")).await;
    });

    // The teacher stops the class: the page says it ended.
    harness.get_by_label("Stop the live class").click();
    settle(&mut harness);
    harness.get_by_label("Stop and hand in").click();
    settle(&mut harness);
    runtime.block_on(async {
        wait_for_text(&client, "The class has ended").await;
        client.close().await.expect("the browser closes");
    });
    for shot in ["phone-360x740.png", "laptop-1280x720.png"] {
        let size = std::fs::metadata(shots.join(shot)).map(|m| m.len()).unwrap_or(0);
        assert!(size > 5_000, "{shot} is a picture ({size} bytes)");
    }
}
