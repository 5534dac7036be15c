//! Writes a file so that a crash at any moment leaves either the old file or the new one, whole:
//! the bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
//! file is renamed over the target (a rename within one file system is atomic).

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` so that a crash leaves either the old file or the new one, whole.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// As [`write_atomically`], with the writing done by `write`; if it fails, the target is untouched
/// and the temporary file is removed.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{}.", name.as_deref().unwrap_or("map")))
        .suffix(".tmp")
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

/// Says what is wrong with the folder, not with the temporary file inside it.
fn folder_error(dir: &Path, err: std::io::Error) -> std::io::Error {
    let dir = dir.display();
    let message = match err.kind() {
        std::io::ErrorKind::NotFound => format!("the folder {dir} does not exist"),
        std::io::ErrorKind::PermissionDenied => {
            format!("no permission to write in the folder {dir}")
        }
        _ => format!(
            "cannot write in the folder {dir}: {}",
            std::io::Error::from(err.kind())
        ),
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
