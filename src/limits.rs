//! Open-file limits: one descriptor per connection.
//!
//! The `echo_c10k` row holds ten thousand connections open at once: the
//! cell process needs a descriptor per client socket, and this process (the
//! echo server's) one per accepted socket. Linux's usual soft limit is
//! 1,024, so before the row runs, [`ensure_open_files`] raises this
//! process's soft limit (`RLIMIT_NOFILE`) to what the row needs; the cells,
//! CPython's included, inherit it. The soft limit may rise up to the hard
//! limit without privileges; past the hard limit it may not, and the row
//! is skipped with a message saying how to raise it, rather than failing
//! half-way with `EMFILE` ("Too many open files").
//!
//! Python equivalent: `resource.setrlimit(resource.RLIMIT_NOFILE, (n, hard))`.

/// Descriptors a process needs beyond its connections: stdio, the
/// listener, epoll and event fds, pipes to children, the Python runtime's
/// own files.
pub const SPARE_FILES: u64 = 256;

/// Why a limit could not be met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooFewFiles {
    /// Descriptors needed.
    pub needed: u64,
    /// The hard limit that forbids raising the soft limit that far.
    pub hard: u64,
}

impl std::fmt::Display for TooFewFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "needs {} open files but the hard limit (ulimit -Hn) is {}; \
             raise it (e.g. `ulimit -Hn {}` as root, or nofile in /etc/security/limits.conf)",
            self.needed, self.hard, self.needed
        )
    }
}

/// This process's `(soft, hard)` open-file limits (`rlim_t` is `u64` on
/// Linux).
fn open_file_limits() -> std::io::Result<(u64, u64)> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `limit` is a valid, writable rlimit for the call's duration;
    // getrlimit only writes into it.
    let rc = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok((limit.rlim_cur, limit.rlim_max))
}

/// Makes sure this process may open `needed` files, raising its soft limit
/// up to the hard limit if it must. Returns the soft limit now in force.
///
/// # Errors
/// [`TooFewFiles`] when the hard limit is below `needed` (the soft limit is
/// then left as it was).
pub fn ensure_open_files(needed: u64) -> Result<u64, TooFewFiles> {
    let Ok((soft, hard)) = open_file_limits() else {
        // No limit to read is no limit we can see; let the run find out.
        return Ok(needed);
    };
    if soft >= needed {
        return Ok(soft);
    }
    if hard < needed {
        return Err(TooFewFiles { needed, hard });
    }
    let raised = libc::rlimit {
        rlim_cur: needed,
        rlim_max: hard,
    };
    // SAFETY: `raised` is a valid rlimit read by setrlimit only during the
    // call; raising the soft limit up to the hard one needs no privilege.
    let rc = unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) };
    if rc != 0 {
        return Err(TooFewFiles { needed, hard });
    }
    Ok(needed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_already_met_is_left_alone() {
        let (soft, _) = open_file_limits().expect("getrlimit");
        assert_eq!(ensure_open_files(16), Ok(soft));
    }

    #[test]
    fn a_need_past_the_hard_limit_is_a_clear_error() {
        let (_, hard) = open_file_limits().expect("getrlimit");
        if hard == libc::RLIM_INFINITY {
            eprintln!("note: no hard open-file limit here; nothing to exceed");
            return;
        }
        let err = ensure_open_files(hard + 1).expect_err("past the hard limit");
        assert_eq!(err.needed, hard + 1);
        let message = err.to_string();
        assert!(message.contains("hard limit") && message.contains("ulimit -Hn"));
    }
}
