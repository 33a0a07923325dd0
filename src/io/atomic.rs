//! Atomic saves: a temporary file beside the target, flushed to disk, then renamed
//! over the target (`tempfile`'s persist), and the folder synced so the rename
//! itself survives a power cut. A crash mid-save leaves the old file intact.

use std::io::Write as _;
use std::path::Path;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = super::display_path(path);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(format!(
            "{shown}: {SAVE_FAILED}: the folder {} does not exist; choose a folder that does, or create it first",
            dir.display()
        ));
    }
    let result = (|| {
        let mut file = tempfile::Builder::new()
            .prefix(".stances-")
            .suffix(".tmp")
            .tempfile_in(&dir)?;
        // A temporary file is private (0600); the saved file keeps the old one's
        // permissions, or gets the usual ones, so colleagues on a shared drive can read it.
        let permissions = std::fs::metadata(path).map(|m| m.permissions()).ok();
        #[cfg(unix)]
        let permissions = permissions.or_else(|| {
            use std::os::unix::fs::PermissionsExt as _;
            Some(std::fs::Permissions::from_mode(0o644))
        });
        if let Some(permissions) = permissions {
            file.as_file().set_permissions(permissions)?;
        }
        file.write_all(bytes)?;
        file.flush()?;
        file.as_file().sync_all()?;
        file.persist(path).map_err(|e| e.error)?;
        #[cfg(unix)]
        if let Ok(d) = std::fs::File::open(&dir) {
            // Makes the rename itself durable.
            let _ = d.sync_all();
        }
        Ok::<(), std::io::Error>(())
    })();
    result.map_err(|e| format!("{shown}: {SAVE_FAILED}: {e}; the previous file, if any, is unchanged"))
}

/// What every failed save's message says, so that a later save can take it back.
pub const SAVE_FAILED: &str = "could not save";

/// Saves a comparison file atomically.
pub fn save_comparison(cmp: &crate::model::Comparison, path: &Path) -> Result<(), String> {
    let text = crate::format::comparison_file::to_ron(cmp)?;
    write_atomically(path, text.as_bytes())
}
