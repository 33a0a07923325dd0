//! Autosave for crash recovery: the working comparison, saved or not, is written
//! every few seconds to the platform's data folder, and offered back on the next
//! start if Stances did not close cleanly.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::comparison::Comparison;
use super::comparison_file;
use super::diagnostics::FileError;

/// Where autosaves go: `STANCES_DATA_DIR` if set (tests, portable installs), else
/// the platform's data folder (`~/.local/share/stances` on Linux).
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("STANCES_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "stances").map(|d| d.data_dir().join("recovery"))
}

/// What is kept beside an autosave: where the comparison was saved, if anywhere.
#[derive(Serialize, Deserialize)]
struct Meta {
    path: Option<PathBuf>,
    written: String,
}

/// Work found from an earlier run that did not close cleanly.
pub struct Recovered {
    pub comparison: Comparison,
    /// Where the comparison had last been saved, if it had.
    pub path: Option<PathBuf>,
    /// When the autosave was written (RFC 3339).
    pub written: String,
    file: PathBuf,
}

/// One running instance's autosave slot. Each process has its own file, so two
/// windows never overwrite each other's work.
pub struct Autosave {
    dir: PathBuf,
    pid: u32,
}

const PREFIX: &str = "autosave-";

impl Autosave {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            pid: std::process::id(),
        }
    }

    fn file(&self, pid: u32) -> PathBuf {
        self.dir.join(format!("{PREFIX}{pid}.stances.ron"))
    }

    fn meta_file(comparison_file: &Path) -> PathBuf {
        comparison_file.with_extension("meta")
    }

    /// Writes the autosave atomically.
    pub fn write(&self, cmp: &Comparison, path: Option<&Path>) -> Result<(), String> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| format!("cannot create the autosave folder {}: {e}", self.dir.display()))?;
        let file = self.file(self.pid);
        let meta = Meta {
            path: path.map(Path::to_path_buf),
            written: super::mark::now_timestamp(),
        };
        let meta_text = ron::to_string(&meta).map_err(|e| e.to_string())?;
        comparison_file::write_atomically(&Self::meta_file(&file), meta_text.as_bytes())?;
        comparison_file::save(cmp, &file)
    }

    /// Removes this instance's autosave (after a save, or a clean exit).
    pub fn clear(&self) {
        let file = self.file(self.pid);
        let _ = std::fs::remove_file(Self::meta_file(&file));
        let _ = std::fs::remove_file(file);
    }

    /// The newest autosave left by an instance that is no longer running. Call it
    /// before this instance first writes.
    pub fn find_orphaned(&self) -> Option<Result<Recovered, FileError>> {
        let mut candidates: Vec<(SystemTime, PathBuf)> = std::fs::read_dir(&self.dir)
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let pid: u32 = name.strip_prefix(PREFIX)?.strip_suffix(".stances.ron")?.parse().ok()?;
                // Our own pid here is a dead process's whose pid was reused: this runs before we write.
                if pid != self.pid && process_is_running(pid) {
                    return None;
                }
                let modified = entry.metadata().and_then(|m| m.modified()).ok()?;
                Some((modified, entry.path()))
            })
            .collect();
        candidates.sort();
        let (_, file) = candidates.pop()?;
        let meta: Option<Meta> = std::fs::read_to_string(Self::meta_file(&file))
            .ok()
            .and_then(|t| ron::from_str(&t).ok());
        Some(comparison_file::load(&file).map(|comparison| Recovered {
            comparison,
            path: meta.as_ref().and_then(|m| m.path.clone()),
            written: meta.map_or_else(String::new, |m| m.written),
            file,
        }))
    }

    /// Deletes a recovered autosave once the user restored or discarded it.
    pub fn dismiss(recovered: &Recovered) {
        let _ = std::fs::remove_file(Self::meta_file(&recovered.file));
        let _ = std::fs::remove_file(&recovered.file);
    }
}

/// Whether a process with this id runs. Where that cannot be told, says no, so
/// the work is offered rather than hidden.
fn process_is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        false
    }
}
