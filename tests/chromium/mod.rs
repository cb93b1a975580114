//! Rendering a page in headless Chromium, for the report page's test.
//!
//! Two runs of the browser on a `file://` URL, each with a fresh profile
//! and the flags that work headless as root on a machine with no network
//! (no sandbox, no GPU, no background networking, no component updates):
//!
//! - `--dump-dom`: the DOM after the page's `load` event, scripts run —
//!   with `--enable-logging=stderr`, every `console.*` call and uncaught
//!   error appears on stderr as an `INFO:CONSOLE` line, which we collect;
//! - `--screenshot`: a PNG of the first screenful.
//!
//! Each run has a watchdog: a browser that hangs fails the test instead of
//! hanging it. Where no Chromium is installed the test says loudly that it
//! skipped (CI installs Debian's `chromium` first, in `ci/test.sh`, and
//! there a missing browser is a failure).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one browser run may take before the test fails.
const WATCHDOG: Duration = Duration::from_secs(120);

/// What the browser made of a page.
pub struct Rendered {
    /// The serialised DOM after load.
    pub dom: String,
    /// Console lines (messages and uncaught errors), if any.
    pub console: Vec<String>,
    /// The screenshot, PNG bytes.
    pub screenshot: Vec<u8>,
}

/// The browser to use: `$CHROMIUM`, else the first of the usual names on
/// `PATH` that answers `--version`.
pub fn find() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("CHROMIUM") {
        Some(path) => vec![PathBuf::from(path)],
        None => ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .map(PathBuf::from)
            .collect(),
    };
    candidates.into_iter().find(|browser| {
        Command::new(browser)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Says loudly that the browser test did not run; fails under CI, which
/// always installs a browser.
pub fn skip_loudly(test: &str) {
    let banner = format!(
        "\n**************************************************************\n\
         SKIPPED {test}:\n\
         no Chromium found (set $CHROMIUM, or `apt-get install chromium`).\n\
         The report page was NOT rendered in a browser.\n\
         **************************************************************\n"
    );
    if std::env::var_os("CI").is_some() {
        panic!("{banner}CI must have Chromium: ci/test.sh installs it");
    }
    eprintln!("{banner}");
}

/// Runs `browser` headless with `args` on `page`, with a fresh profile
/// named after `run_name`; returns (stdout, stderr).
fn run(browser: &Path, page: &Path, run_name: &str, args: &[&str]) -> (Vec<u8>, String) {
    let profile =
        std::env::temp_dir().join(format!("cm-chromium-{}-{run_name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let stdout_path = profile.with_extension("stdout");
    let stderr_path = profile.with_extension("stderr");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).expect("a stdout file"))
        .stderr(std::fs::File::create(&stderr_path).expect("a stderr file"))
        .spawn()
        .expect("start the browser");
    let deadline = Instant::now() + WATCHDOG;
    loop {
        match child.try_wait().expect("wait for the browser") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the browser did not finish within {WATCHDOG:?}: {args:?}");
            }
            // A watchdog's poll, not a synchronisation.
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    let stdout = std::fs::read(&stdout_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&profile);
    let _ = std::fs::remove_file(&stdout_path);
    let _ = std::fs::remove_file(&stderr_path);
    (stdout, stderr)
}

/// Renders `page` (an absolute path): its DOM, console lines, screenshot.
pub fn render(browser: &Path, page: &Path) -> Rendered {
    let page = page.canonicalize().expect("the page exists");
    let (dom, log) = run(
        browser,
        &page,
        "dom",
        &["--dump-dom", "--enable-logging=stderr", "--v=0"],
    );
    let console = log
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    let shot = std::env::temp_dir().join(format!("cm-page-{}.png", std::process::id()));
    let _ = run(
        browser,
        &page,
        "screenshot",
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1320,2400",
        ],
    );
    let screenshot = std::fs::read(&shot).expect("the browser wrote a screenshot");
    let _ = std::fs::remove_file(&shot);
    Rendered {
        dom: String::from_utf8_lossy(&dom).into_owned(),
        console,
        screenshot,
    }
}

/// How many `<tr>` the table with `id` has (header row included); 0 when
/// there is no such table.
pub fn table_rows(dom: &str, id: &str) -> usize {
    let Some(start) = dom.find(&format!("id=\"{id}\"")) else {
        return 0;
    };
    let end = dom[start..]
        .find("</table>")
        .map_or(dom.len(), |e| start + e);
    dom[start..end].matches("<tr").count()
}

/// Every `<img ...>` tag, for a failure message.
pub fn images(dom: &str) -> Vec<String> {
    dom.match_indices("<img ")
        .map(|(i, _)| {
            let end = dom[i..].find('>').map_or(dom.len(), |e| i + e + 1);
            dom[i..end].to_owned()
        })
        .collect()
}
