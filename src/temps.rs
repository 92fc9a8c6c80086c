//! Temporary files that must not outlive the process: outputs being
//! written (`.qorgau-<pid>-*.tmp` beside their target) and Parquet streams
//! spooled to the temporary directory. Each is registered while it exists;
//! SIGINT or SIGTERM removes every registered file before the process
//! exits (130 or 143), and a later run removes leftovers of a process that
//! is gone (killed with SIGKILL, a power cut) when it writes into the same
//! directory.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Paths of the temporary files that exist now.
static REGISTRY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Directories already swept for stale files in this run.
static SWEPT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    REGISTRY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Keeps a path registered while it lives.
#[derive(Debug)]
pub struct Guard(PathBuf);

impl Guard {
    /// Registers `path` until the guard is dropped.
    pub fn new(path: &Path) -> Guard {
        registry().push(path.to_path_buf());
        Guard(path.to_path_buf())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let mut r = registry();
        if let Some(i) = r.iter().rposition(|p| *p == self.0) {
            r.swap_remove(i);
        }
    }
}

/// The name prefix of this process's temporary files: `.qorgau-<pid>-`.
pub fn prefix() -> String {
    format!(".qorgau-{}-", std::process::id())
}

/// A named temporary file, registered while it exists.
#[derive(Debug)]
pub struct Temp {
    file: tempfile::NamedTempFile,
    _guard: Guard,
}

impl std::ops::Deref for Temp {
    type Target = tempfile::NamedTempFile;
    fn deref(&self) -> &tempfile::NamedTempFile {
        &self.file
    }
}

impl std::ops::DerefMut for Temp {
    fn deref_mut(&mut self) -> &mut tempfile::NamedTempFile {
        &mut self.file
    }
}

/// Creates a registered temporary file in `dir`, first removing stale
/// ones there.
///
/// # Errors
/// Creating the file.
pub fn create_in(dir: &Path) -> std::io::Result<Temp> {
    let file = named_in(dir)?;
    let guard = Guard::new(file.path());
    Ok(Temp {
        file,
        _guard: guard,
    })
}

/// Creates `.qorgau-<pid>-XXXXXX.tmp` in `dir` (first removing stale ones
/// there); the caller registers it.
///
/// # Errors
/// Creating the file.
pub fn named_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    sweep(dir);
    tempfile::Builder::new()
        .prefix(&prefix())
        .suffix(".tmp")
        .tempfile_in(dir)
}

/// Removes, once per directory and run, the `.qorgau-<pid>-*.tmp` files
/// of processes that no longer exist.
fn sweep(dir: &Path) {
    {
        let mut swept = SWEPT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !swept
            .get_or_insert_with(HashSet::new)
            .insert(dir.to_path_buf())
        {
            return;
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let own = std::process::id();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(stale_pid) else {
            continue;
        };
        if pid != own && !alive(pid) && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The pid in a name of the form `.qorgau-<pid>-*.tmp`.
fn stale_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(".qorgau-")?.strip_suffix(".tmp")?;
    let (pid, _) = rest.split_once('-')?;
    pid.parse().ok()
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

/// Removes every registered file.
fn remove_all() {
    for p in registry().drain(..) {
        let _ = std::fs::remove_file(p);
    }
}

/// On SIGINT and SIGTERM: removes every registered file and exits with
/// 128 + the signal (130, 143).
pub fn install_handler() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                remove_all();
                std::process::exit(128 + sig);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_names_give_their_pid() {
        assert_eq!(stale_pid(".qorgau-123-aB9x.tmp"), Some(123));
        assert_eq!(stale_pid(".qorgau-aB9x.tmp"), None);
        assert_eq!(stale_pid("qorgau-123-x.tmp"), None);
    }

    #[test]
    fn a_dead_process_s_file_is_swept_and_a_live_one_s_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".qorgau-4294967-x.tmp");
        let live = dir.path().join(format!("{}x.tmp", prefix()));
        std::fs::write(&dead, b"").unwrap();
        std::fs::write(&live, b"").unwrap();
        let t = create_in(dir.path()).unwrap();
        assert!(!dead.exists() && live.exists());
        assert!(registry().iter().any(|p| p == t.path()));
        let path = t.path().to_path_buf();
        drop(t);
        assert!(!path.exists() && !registry().contains(&path));
    }
}
