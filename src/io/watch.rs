//! Notices files that change on disk while they are open (a co-author edits a
//! position file), through the `notify` crate: the platform's file events, or
//! polling where there are none. Folders are watched rather than files, because
//! editors save by writing a new file and renaming it over the old one.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use super::Fingerprint;

/// How often the polling fallback looks at the files.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// Whether an event can mean new content. Reading a file (which Stances does
/// to compare it) is an event too, and must not wake anything.
fn is_change(event: &notify::Event) -> bool {
    !matches!(event.kind, notify::EventKind::Access(_))
}

/// The watcher's event handler: sends the paths of changes to `tx`, then wakes the window.
fn forward(tx: Sender<PathBuf>, wake: Arc<dyn Fn() + Send + Sync>) -> impl notify::EventHandler {
    move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && is_change(&event)
        {
            for path in event.paths {
                let _ = tx.send(path);
            }
            wake();
        }
    }
}

pub struct FileWatcher {
    watcher: Option<Box<dyn notify::Watcher + Send>>,
    events: Receiver<PathBuf>,
    /// Each watched file (canonical path) and what it held when last read.
    files: HashMap<PathBuf, Option<Fingerprint>>,
    folders: BTreeSet<PathBuf>,
    /// Files that changed and wait for the user to reload or ignore them.
    changed: Vec<PathBuf>,
}

impl FileWatcher {
    /// `wake` is called from the watcher's thread when something changed (to repaint).
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> Self {
        let (tx, rx) = channel();
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
        let watcher: Option<Box<dyn notify::Watcher + Send>> =
            match notify::recommended_watcher(forward(tx.clone(), wake.clone())) {
                Ok(w) => Some(Box::new(w)),
                Err(_) => notify::PollWatcher::new(
                    forward(tx, wake),
                    notify::Config::default().with_poll_interval(POLL_INTERVAL),
                )
                .ok()
                .map(|w| Box::new(w) as Box<dyn notify::Watcher + Send>),
            };
        Self {
            watcher,
            events: rx,
            files: HashMap::new(),
            folders: BTreeSet::new(),
            changed: Vec::new(),
        }
    }

    /// Starts watching `path` (canonical), remembering what it holds now.
    pub fn watch(&mut self, path: &Path) {
        self.files.insert(path.to_path_buf(), Fingerprint::of_file(path));
        self.changed.retain(|p| p != path);
        if let Some(folder) = path.parent()
            && self.folders.insert(folder.to_path_buf())
            && let Some(watcher) = &mut self.watcher
        {
            let _ = watcher.watch(folder, notify::RecursiveMode::NonRecursive);
        }
    }

    /// Stops watching everything (another comparison was opened).
    pub fn clear(&mut self) {
        if let Some(watcher) = &mut self.watcher {
            for folder in &self.folders {
                let _ = watcher.unwatch(folder);
            }
        }
        self.folders.clear();
        self.files.clear();
        self.changed.clear();
        while self.events.try_recv().is_ok() {}
    }

    /// Files whose content changed since they were read, waiting for an answer.
    pub fn changed(&mut self) -> &[PathBuf] {
        while let Ok(path) = self.events.try_recv() {
            let path = std::fs::canonicalize(&path).unwrap_or(path);
            let Some(seen) = self.files.get(&path) else { continue };
            if self.changed.contains(&path) {
                continue;
            }
            let now = Fingerprint::of_file(&path);
            // A file that was removed is not "changed": there is nothing to reload.
            if now.is_some() && now != *seen {
                self.changed.push(path);
            }
        }
        &self.changed
    }

    /// The user answered (reloaded or chose to keep the open version): remember the file as it is now.
    pub fn acknowledge(&mut self, path: &Path) {
        self.watch(path);
    }
}
