//! Autosave for crash recovery: the working comparison, saved or not, is written
//! every few seconds to the platform's data folder, and offered back on the next
//! start if Stances did not close cleanly.
//!
//! Each running instance holds an exclusive lock on a lock file of its own for as
//! long as it runs (`std::fs::File::try_lock`, on every platform). An autosave
//! whose lock can be taken belongs to an instance that is gone; one whose lock is
//! held belongs to a window still open and is never offered nor deleted.
//!
//! The texts of sources added since the last save (File › Add source…) are kept
//! beside the autosave as they are beside a comparison, and come back with it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::sources::{KeptText, read_origin, read_source_texts, source_text_path, sources_dir, write_source_text};
use crate::format::FileError;
use crate::format::comparison_file;
use crate::model::Comparison;

/// Where autosaves go: `STANCES_DATA_DIR` if set (tests, portable installs), else
/// the platform's data folder (`~/.local/share/stances/recovery` on Linux).
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
    /// The texts of sources added in the window and not saved beside the
    /// comparison before it closed: (document id, source id, text).
    pub texts: Vec<(String, String, KeptText)>,
    file: PathBuf,
    /// Held while the offer stands, so that no other starting instance offers it too.
    _lock: File,
}

/// One running instance's autosave slot. Each instance has its own file, so two
/// windows never overwrite each other's work.
pub struct Autosave {
    dir: PathBuf,
    name: String,
    /// The lock that tells other instances this one is alive; `None` when the folder
    /// cannot be written (then there is no autosave to protect either).
    _lock: Option<File>,
}

const PREFIX: &str = "autosave-";
const SUFFIX: &str = ".stances.ron";

impl Autosave {
    /// Takes a slot in `dir` and locks it for as long as this value lives.
    pub fn new(dir: PathBuf) -> Self {
        // The process id and a random part: unique even where ids are reused quickly.
        let name = format!(
            "{}-{}",
            std::process::id(),
            &uuid::Uuid::now_v7().simple().to_string()[20..]
        );
        let lock = std::fs::create_dir_all(&dir)
            .ok()
            .and_then(|()| File::create(Self::lock_file(&dir.join(format!("{PREFIX}{name}{SUFFIX}")))).ok())
            .filter(|f| f.try_lock().is_ok());
        Self { dir, name, _lock: lock }
    }

    fn file(&self) -> PathBuf {
        self.dir.join(format!("{PREFIX}{}{SUFFIX}", self.name))
    }

    fn meta_file(comparison_file: &Path) -> PathBuf {
        comparison_file.with_extension("meta")
    }

    /// `autosave-NAME.stances.ron` is locked through `autosave-NAME.lock`.
    fn lock_file(comparison_file: &Path) -> PathBuf {
        let name = comparison_file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let slot = name.strip_suffix(SUFFIX).unwrap_or(&name);
        comparison_file.with_file_name(format!("{slot}.lock"))
    }

    /// Writes the autosave atomically.
    pub fn write(&self, cmp: &Comparison, path: Option<&Path>) -> Result<(), String> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| format!("cannot create the autosave folder {}: {e}", self.dir.display()))?;
        let file = self.file();
        let meta = Meta {
            path: path.map(Path::to_path_buf),
            written: crate::model::mark::now_timestamp(),
        };
        let meta_text = ron::to_string(&meta).map_err(|e| e.to_string())?;
        super::write_atomically(&Self::meta_file(&file), meta_text.as_bytes())?;
        let text = comparison_file::to_ron(cmp)?;
        super::write_atomically(&file, text.as_bytes())
    }

    /// Keeps the texts of sources added in the window and not saved yet beside
    /// the autosave (`autosave-NAME.sources/DOCUMENT/ID.txt`, the layout beside a
    /// comparison), so that a crash loses none. A text kept already (same
    /// length, same origin) is not written again: the autosave runs every few
    /// seconds, and a treaty's text is megabytes.
    pub fn write_texts<'a>(
        &self,
        texts: impl IntoIterator<Item = (&'a str, &'a str, &'a KeptText)>,
    ) -> Result<(), String> {
        let dir = sources_dir(&self.file());
        for (document, source, kept) in texts {
            let document_dir = dir.join(document);
            let kept_already = source_text_path(&document_dir, source)
                .and_then(|p| std::fs::metadata(p).ok())
                .is_some_and(|m| m.len() == kept.text.len() as u64)
                && read_origin(&document_dir, source) == kept.origin;
            if !kept_already {
                write_source_text(&document_dir, source, kept)?;
            }
        }
        Ok(())
    }

    /// Removes this instance's autosave (after a save, or a clean exit).
    pub fn clear(&self) {
        let file = self.file();
        let _ = std::fs::remove_file(Self::meta_file(&file));
        let _ = std::fs::remove_dir_all(sources_dir(&file));
        let _ = std::fs::remove_file(file);
    }

    /// The newest autosave left by an instance that is no longer running.
    pub fn find_orphaned(&self) -> Option<Result<Recovered, FileError>> {
        let mut candidates: Vec<(SystemTime, PathBuf)> = std::fs::read_dir(&self.dir)
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let slot = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
                if slot == self.name {
                    return None;
                }
                let modified = entry.metadata().and_then(|m| m.modified()).ok()?;
                Some((modified, entry.path()))
            })
            .collect();
        candidates.sort();
        while let Some((_, file)) = candidates.pop() {
            // A lock we can take belongs to nobody: its instance is gone. An autosave
            // without a lock file comes from a crash while the lock was being made.
            let Ok(lock) = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(Self::lock_file(&file))
            else {
                continue;
            };
            if lock.try_lock().is_err() {
                continue; // Another window is using it.
            }
            let meta: Option<Meta> = std::fs::read_to_string(Self::meta_file(&file))
                .ok()
                .and_then(|t| ron::from_str(&t).ok());
            let loaded = super::load_comparison(&file);
            return Some(loaded.map(|loaded| Recovered {
                texts: kept_texts(&loaded.comparison, &sources_dir(&file)),
                comparison: loaded.comparison,
                path: meta.as_ref().and_then(|m| m.path.clone()),
                written: meta.map_or_else(String::new, |m| m.written),
                file,
                _lock: lock,
            }));
        }
        None
    }

    /// Deletes a recovered autosave once the user restored or discarded it.
    pub fn dismiss(recovered: Recovered) {
        let _ = std::fs::remove_file(Self::meta_file(&recovered.file));
        let _ = std::fs::remove_dir_all(sources_dir(&recovered.file));
        let _ = std::fs::remove_file(&recovered.file);
        let _ = std::fs::remove_file(Self::lock_file(&recovered.file));
    }
}

impl Drop for Autosave {
    fn drop(&mut self) {
        // The lock is released with the file; its name goes too, unless work remains to recover.
        if !self.file().exists() {
            let _ = std::fs::remove_file(Self::lock_file(&self.file()));
        }
    }
}

/// The texts kept beside an autosave for the sources its comparison has.
fn kept_texts(cmp: &Comparison, dir: &Path) -> Vec<(String, String, KeptText)> {
    let mut texts = Vec::new();
    for document in cmp.documents() {
        let document_dir = dir.join(&document.id);
        let ids = document.data.sources.iter().map(|s| s.id.as_str());
        for (source, text) in read_source_texts(&document_dir, ids) {
            let origin = read_origin(&document_dir, &source);
            texts.push((document.id.clone(), source, KeptText { text, origin }));
        }
    }
    texts
}
