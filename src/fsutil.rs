//! Writing files without ever leaving a half-written one: a temporary file in the same folder,
//! fsync, then rename over the target (atomic on POSIX and on Windows' same-volume rename).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{name}.frontlint-{}-{attempt}.tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1
            }
            Err(e) => return Err(e),
        }
    };
    let result = (|| {
        if let Ok(meta) = std::fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A new, empty temporary file in `dir` named after `target` (`.NAME.frontlint-PID-N.tmp`),
/// readable and writable by its owner only until it gets its final mode. Created exclusively:
/// an existing file or link of that name is never opened.
pub fn create_temp(dir: &Path, target: &Path) -> std::io::Result<(PathBuf, File)> {
    let full = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Room for the prefix and suffix within the usual 255-byte name limit.
    let mut cut = full.len().min(200);
    while !full.is_char_boundary(cut) {
        cut -= 1;
    }
    let name = &full[..cut];
    let mut attempt = 0u32;
    loop {
        let tmp = dir.join(format!(
            ".{name}.frontlint-{}-{attempt}.tmp",
            std::process::id()
        ));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1
            }
            Err(e) => return Err(e),
        }
    }
}

/// Give `to` the owner, group, mode and (on Linux) extended attributes of `from`. Fails,
/// rather than leave one out, when one of them cannot be given (another owner when not run as
/// root, an attribute the file system refuses).
pub fn copy_owner_mode_xattrs(
    from: &File,
    to: &File,
    uid: u32,
    gid: u32,
    mode: u32,
) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mine = to
            .metadata()
            .map_err(|e| format!("cannot read the temporary file: {e}"))?;
        if (mine.uid(), mine.gid()) != (uid, gid) {
            std::os::unix::fs::fchown(to, Some(uid), Some(gid)).map_err(|e| {
                format!(
                    "cannot give the new file the owner and group of the old one ({uid}:{gid}): {e}"
                )
            })?;
        }
        // After the owner: changing it clears set-user-ID and set-group-ID bits.
        to.set_permissions(std::fs::Permissions::from_mode(mode & 0o7777))
            .map_err(|e| format!("cannot give the new file the mode of the old one: {e}"))?;
        #[cfg(target_os = "linux")]
        copy_xattrs(from, to)?;
    }
    #[cfg(not(unix))]
    {
        let _ = (uid, gid, mode);
        let perms = from
            .metadata()
            .map_err(|e| format!("cannot read the file: {e}"))?
            .permissions();
        to.set_permissions(perms)
            .map_err(|e| format!("cannot give the new file the permissions of the old one: {e}"))?;
    }
    Ok(())
}

/// Copy every extended attribute (user, security, ACLs: `system.posix_acl_access`).
#[cfg(target_os = "linux")]
fn copy_xattrs(from: &File, to: &File) -> Result<(), String> {
    use rustix::fs::{
        XattrFlags, fgetxattr, fgetxattr_query, flistxattr, flistxattr_query, fsetxattr,
    };
    use rustix::io::Errno;
    let fail = |what: &str, e: Errno| format!("cannot copy the extended attributes ({what}): {e}");
    let mut names = vec![0u8; 256];
    loop {
        match flistxattr(from, &mut names[..]) {
            Ok(n) => {
                names.truncate(n);
                break;
            }
            Err(Errno::RANGE) => {
                let need = flistxattr_query(from).map_err(|e| fail("list", e))?;
                names.resize(need.max(names.len() * 2), 0);
            }
            Err(Errno::NOTSUP) => return Ok(()),
            Err(e) => return Err(fail("list", e)),
        }
    }
    for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let shown = String::from_utf8_lossy(name).into_owned();
        let name = std::ffi::CString::new(name).map_err(|_| fail(&shown, Errno::INVAL))?;
        let mut value = vec![0u8; 256];
        loop {
            match fgetxattr(from, name.as_c_str(), &mut value[..]) {
                Ok(n) => {
                    value.truncate(n);
                    break;
                }
                Err(Errno::RANGE) => {
                    let need =
                        fgetxattr_query(from, name.as_c_str()).map_err(|e| fail(&shown, e))?;
                    value.resize(need.max(value.len() * 2), 0);
                }
                Err(e) => return Err(fail(&shown, e)),
            }
        }
        fsetxattr(to, name.as_c_str(), &value, XattrFlags::empty()).map_err(|e| fail(&shown, e))?;
    }
    Ok(())
}

/// Make a rename in `dir` durable (best effort: not every file system syncs folders).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The first symbolic link on the way to `path`: `path` itself, or a folder between `base`
/// and it when `path` is inside `base` (a relative path, or an absolute one under `base`).
/// Reports are never written through a link: a repository can hold `reports -> ~/.ssh`.
pub fn link_on_the_way(base: &Path, path: &Path) -> Option<PathBuf> {
    let full = base.join(path);
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if let Ok(inside) = full.strip_prefix(base) {
        let mut at = base.to_path_buf();
        for part in inside.components() {
            at.push(part);
            if is_link(&at) {
                return Some(at);
            }
        }
        None
    } else {
        is_link(&full).then_some(full)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join("out.txt");
        std::fs::write(&p, "old").unwrap();
        super::write_atomic(&p, "新的".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "新的");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }
}
