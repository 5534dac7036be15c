//! Writes a file so that a crash at any moment leaves either the old file or the new one, whole:
//! the bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
//! file is renamed over the target (a rename within one file system is atomic).

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` so that a crash leaves either the old file or the new one, whole.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// How a write treats the file it replaces.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Replace a read-only file too (the person said so); it stays read-only afterwards.
    pub over_read_only: bool,
}

/// The error of a write refused because the target is read-only: someone made it so on
/// purpose, so it is not replaced unless they say so.
#[derive(Debug, thiserror::Error)]
#[error("{0} is read-only; it was not replaced (make it writable, or save under another name)")]
pub struct ReadOnlyTarget(pub String);

impl ReadOnlyTarget {
    /// Whether `err` is this refusal.
    pub fn is(err: &std::io::Error) -> bool {
        err.get_ref()
            .is_some_and(<dyn std::error::Error + Send + Sync>::is::<ReadOnlyTarget>)
    }
}

/// As [`write_atomically`], with the writing done by `write`; if it fails, the target is untouched
/// and the temporary file is removed.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_atomically_with_options(path, WriteOptions::default(), write)
}

/// As [`write_atomically_with`], with [`WriteOptions`]. A symbolic link is written through to
/// its target (the link stays a link); a read-only target is refused unless the options allow
/// it; the temporary file has a short name of its own (`.jm-PID-XXXXXX.tmp`, whatever the
/// target's name), and temporary files a killed write of ours left in that folder are removed.
pub fn write_atomically_with_options(
    path: &Path,
    options: WriteOptions,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let path = &follow_links(path);
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().readonly()
        && !options.over_read_only
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            ReadOnlyTarget(path.display().to_string()),
        ));
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    sweep_stale(dir, path);
    let mut temp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(".tmp")
        .rand_bytes(6)
        .tempfile_in(dir)
        .map_err(|err| folder_error(dir, err))?;
    write(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    pause_for_crash_test("before-rename");
    // Keep the permissions of the file we replace (tempfile creates 0600).
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
    }
    temp.persist(path).map_err(|err| err.error)?;
    pause_for_crash_test("after-rename");
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(dir) {
        // Make the rename itself durable; not all file systems support this, so ignore failure.
        let _ = dir.sync_all();
    }
    Ok(())
}

/// How our temporary files' names start; the writing process's id follows.
const TEMP_PREFIX: &str = ".jm-";

/// Where a path finally leads, through symbolic links (a dangling link leads to the file it
/// names, which the write creates). A path that is not a link is itself.
fn follow_links(path: &Path) -> std::path::PathBuf {
    let mut current = path.to_path_buf();
    // As the kernel does, give up after 40 links (a loop).
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(target) => {
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            Err(_) => break,
        }
    }
    current
}

/// Removes the temporary files a killed write of ours left in `dir`: ours by name
/// (`.jm-PID-….tmp` whose process is gone, or the `.NAME.….tmp` of `target` that earlier
/// versions wrote) and not touched for a minute. Failures are ignored: this is tidying up.
fn sweep_stale(dir: &Path, target: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let own = std::process::id();
    let old_prefix = target
        .file_name()
        .map(|n| format!(".{}.", n.to_string_lossy()));
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.ends_with(".tmp") {
            continue;
        }
        let ours = match name.strip_prefix(TEMP_PREFIX) {
            Some(rest) => rest
                .split('-')
                .next()
                .and_then(|pid| pid.parse::<u32>().ok())
                .is_some_and(|pid| pid != own && !process_alive(pid)),
            None => old_prefix.as_deref().is_some_and(|p| name.starts_with(p)),
        };
        let idle = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() >= 60);
        if ours && (idle || name.starts_with(TEMP_PREFIX)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id is running (on systems without `/proc`, assume it is: a
/// file of a live write is never taken away).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if proc.is_dir() {
        proc.join(pid.to_string()).exists()
    } else {
        true
    }
}

/// The crash test's hook: with `JOURNEYMAP_PAUSE_SAVE` set to `before-rename` or
/// `after-rename`, the writer says so on standard error and waits at that moment until it is
/// killed, so the test knows exactly what a crash there leaves behind.
fn pause_for_crash_test(moment: &str) {
    if std::env::var_os("JOURNEYMAP_PAUSE_SAVE").is_some_and(|v| v == moment) {
        eprintln!("journeymap: paused {moment}");
        loop {
            std::thread::park();
        }
    }
}

/// Says what is wrong with the folder, not with the temporary file inside it: that it does not
/// exist only when it does not, else what the system said.
fn folder_error(dir: &Path, err: std::io::Error) -> std::io::Error {
    let shown = dir.display();
    let exists = dir.is_dir();
    let message = match err.kind() {
        std::io::ErrorKind::NotFound if !exists => format!("the folder {shown} does not exist"),
        std::io::ErrorKind::PermissionDenied => {
            format!("no permission to write in the folder {shown}")
        }
        _ => format!("cannot write a file in the folder {shown}: {err}"),
    };
    std::io::Error::new(err.kind(), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_named_plainly() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("nowhere").join("map.ron");
        let err = write_atomically(&path, b"x").expect_err("no folder");
        assert_eq!(
            err.to_string(),
            format!(
                "the folder {} does not exist",
                dir.path().join("nowhere").display()
            )
        );
    }

    #[test]
    fn a_folder_that_exists_but_takes_no_files_says_what_the_system_said() {
        let err =
            write_atomically(Path::new("/proc/map.ron"), b"x").expect_err("no files in /proc");
        let text = err.to_string();
        assert!(!text.contains("does not exist"), "{text}");
        assert!(
            text.starts_with("cannot write a file in the folder /proc:"),
            "{text}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_unless_the_person_says_so() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kept.ron");
        std::fs::write(&path, b"theirs").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        let err = write_atomically(&path, b"ours").expect_err("read-only");
        assert!(ReadOnlyTarget::is(&err), "{err}");
        assert!(err.to_string().contains("is read-only"), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), b"theirs");
        let allowed = WriteOptions {
            over_read_only: true,
        };
        write_atomically_with_options(&path, allowed, |f| f.write_all(b"ours")).expect("allowed");
        assert_eq!(std::fs::read(&path).expect("read"), b"ours");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o444, "it stays read-only");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_to_its_target() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("real.ron");
        std::fs::write(&target, b"old").expect("write");
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink("real.ron", &link).expect("link");
        write_atomically(&link, b"new").expect("written");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
    }

    #[test]
    fn a_long_name_gets_a_short_temporary_file_and_stale_ones_are_swept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let long = format!("{}.ron", "m".repeat(250));
        let path = dir.path().join(&long);
        write_atomically(&path, b"first").expect("a 254-byte name");
        // What a killed write of another (gone) process, and of an earlier version, left.
        let stale = dir.path().join(".jm-4000000-abcdef.tmp");
        std::fs::write(&stale, b"half").expect("write");
        let old_style = dir.path().join(".short.ron.AbCd.tmp");
        std::fs::write(&old_style, b"half").expect("write");
        let theirs = dir.path().join(".other-app.tmp");
        std::fs::write(&theirs, b"not ours").expect("write");
        write_atomically(&dir.path().join("short.ron"), b"x").expect("write");
        assert!(!stale.exists(), "a dead writer's temporary file goes");
        assert!(theirs.exists(), "someone else's stays");
        assert!(
            old_style.exists(),
            "a fresh one may be a live write: it stays a minute"
        );
    }

    #[test]
    fn replaces_the_target_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        write_atomically(&path, b"old").expect("first write");
        write_atomically(&path, b"new contents").expect("second write");
        assert_eq!(std::fs::read(&path).expect("read"), b"new contents");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
    }

    #[test]
    fn a_failure_mid_write_leaves_the_old_file_and_no_litter() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.ron");
        write_atomically(&path, b"old file").expect("first write");
        let err = write_atomically_with(&path, |file| {
            file.write_all(b"half of the ne")?;
            Err(std::io::Error::other("disk full"))
        })
        .expect_err("the write fails");
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(std::fs::read(&path).expect("read"), b"old file");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }
}
