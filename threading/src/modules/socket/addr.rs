//! # From `('host', port)` to an IPv4 socket address
//!
//! CPython turns an `AF_INET` address tuple into a `sockaddr_in` in
//! `getsockaddrarg` and `setipaddr` (`Modules/socketmodule.c`), in this
//! order, which decides which error a bad tuple gets:
//!
//! ```text
//!   host has a NUL byte?          → TypeError: host name must not contain null character
//!   port outside 0..=65535?       → OverflowError: bind(): port must be 0-65535.
//!   host == ''                    → 0.0.0.0 (INADDR_ANY)
//!   host == '<broadcast>' or '255.255.255.255' → 255.255.255.255
//!   host a dotted quad (inet_pton)→ that address, no lookup
//!   otherwise                     → getaddrinfo(host, AF_INET): the first
//!                                   answer, or socket.gaierror
//! ```
//!
//! Only the last step can block (DNS, `/etc/hosts`), and CPython releases
//! the GIL around that step alone. So the API has two halves:
//! [`parse_address`] does every check and the numeric cases without
//! blocking; [`Address::resolve`] does the lookup, if one is needed, and is
//! what the interpreter runs with the GIL released
//! ([`Address::needs_lookup`] says whether it must).
//!
//! Name resolution calls the C library's `getaddrinfo` directly (std's
//! `ToSocketAddrs` would do, but hides the `EAI_*` code that
//! `socket.gaierror` reports: `[Errno -2] Name or service not known`).
//! Simplifications: IPv4 only, so `'localhost'` is always 127.0.0.1 even
//! where CPython's `create_connection` would try `::1` first; a non-ASCII
//! host is passed as UTF-8 where CPython applies the IDNA codec; the
//! wildcard `''` is answered without the `getaddrinfo(NULL, "0",
//! AI_PASSIVE)` call CPython makes (same answer, no GIL release).
//!
//! Needs `sys.rs` (`SockaddrIn`, `AF_INET`) and `error.rs`.

use super::error::{BuiltinClass, SocketError};
use super::sys::{SockaddrIn, AF_INET, SOCK_STREAM};
use std::ffi::{c_char, c_int, CStr, CString};
use std::net::{Ipv4Addr, SocketAddrV4};

/// C's `struct addrinfo`, in glibc's (and musl's) field order.
#[repr(C)]
struct AddrInfo {
    /// `AI_*` flags (hints only).
    ai_flags: c_int,
    /// Address family: we ask for `AF_INET` only.
    ai_family: c_int,
    /// Socket type: `SOCK_STREAM` in hints, echoed in results.
    ai_socktype: c_int,
    /// Protocol: 6 (TCP) in results.
    ai_protocol: c_int,
    /// Size of `*ai_addr`.
    ai_addrlen: u32,
    /// The address: a `sockaddr_in` for `AF_INET`.
    ai_addr: *mut SockaddrIn,
    /// Canonical name (unused).
    ai_canonname: *mut c_char,
    /// Next result in the list, or null.
    ai_next: *mut AddrInfo,
}

extern "C" {
    fn getaddrinfo(
        node: *const c_char,
        service: *const c_char,
        hints: *const AddrInfo,
        res: *mut *mut AddrInfo,
    ) -> c_int;
    fn freeaddrinfo(res: *mut AddrInfo);
    fn gai_strerror(code: c_int) -> *const c_char;
}

/// `EAI_SYSTEM`: "look at errno"; CPython then raises a plain `OSError`.
const EAI_SYSTEM: c_int = -11;

/// A checked address tuple: either final already, or a name to look up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    /// A numeric or special host: no lookup needed.
    Numeric(SocketAddrV4),
    /// A host name to resolve (a blocking step) and the checked port.
    Name {
        /// The host, NUL-free, ready for the C library.
        host: CString,
        /// The port.
        port: u16,
    },
}

impl Address {
    /// Whether [`Address::resolve`] will ask the resolver (and may block):
    /// the interpreter releases the GIL around it only then, as CPython.
    pub fn needs_lookup(&self) -> bool {
        matches!(self, Address::Name { .. })
    }

    /// The final address; for a name, `getaddrinfo(host, AF_INET)`'s first
    /// answer. May block.
    pub fn resolve(&self) -> Result<SocketAddrV4, SocketError> {
        match self {
            Address::Numeric(addr) => Ok(*addr),
            Address::Name { host, port } => {
                let answers = lookup(Some(host), None, 0)?;
                // glibc never answers an empty list without an error; if a
                // C library did, "no such name" is the honest report.
                let first = answers.first().ok_or_else(no_name_error)?;
                Ok(SocketAddrV4::new(*first.addr.ip(), *port))
            }
        }
    }
}

/// Checks `(host, port)` as `caller` (`"bind"`, `"connect"`,
/// `"connect_ex"`: the name CPython puts in the port message) and settles
/// every host that needs no lookup. Never blocks.
pub fn parse_address(host: &str, port: i64, caller: &str) -> Result<Address, SocketError> {
    let c_host = CString::new(host).map_err(|_| {
        SocketError::builtin(
            BuiltinClass::TypeError,
            "host name must not contain null character",
        )
    })?;
    let port = u16::try_from(port).map_err(|_| {
        SocketError::builtin(
            BuiltinClass::OverflowError,
            format!("{caller}(): port must be 0-65535."),
        )
    })?;
    let numeric = match host {
        "" => Some(Ipv4Addr::UNSPECIFIED),
        "<broadcast>" | "255.255.255.255" => Some(Ipv4Addr::BROADCAST),
        // std's parser accepts exactly what inet_pton(AF_INET) accepts:
        // four decimal parts 0..=255, no leading zeros. Anything else
        // ("127.1", "01.2.3.4") goes to getaddrinfo, as in CPython, whose
        // inet_aton step reads those old forms.
        _ => host.parse::<Ipv4Addr>().ok(),
    };
    Ok(match numeric {
        Some(ip) => Address::Numeric(SocketAddrV4::new(ip, port)),
        None => Address::Name { host: c_host, port },
    })
}

/// One answer of [`getaddrinfo_tcp`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddrInfoEntry {
    /// Where to connect.
    pub addr: SocketAddrV4,
    /// The protocol number (6, TCP): what the socket made for this
    /// answer reports as `proto`.
    pub protocol: i32,
}

/// `socket.getaddrinfo(host, port, AF_INET, SOCK_STREAM)`, the lookup
/// `create_connection` starts with. The port goes to the C library as
/// text, as CPython passes an int port (so 70000 is the C library's
/// `gaierror`, not an `OverflowError`). Blocks.
pub fn getaddrinfo_tcp(host: &str, port: i64) -> Result<Vec<AddrInfoEntry>, SocketError> {
    let c_host = CString::new(host).map_err(|_| {
        SocketError::builtin(
            BuiltinClass::TypeError,
            "host name must not contain null character",
        )
    })?;
    let service = CString::new(port.to_string()).expect("digits have no NUL");
    lookup(Some(&c_host), Some(&service), SOCK_STREAM)
}

/// The `gaierror` for "no such name" (`EAI_NONAME`).
fn no_name_error() -> SocketError {
    gai_error(-2)
}

/// `socket.gaierror(code, gai_strerror(code))`.
fn gai_error(code: c_int) -> SocketError {
    // SAFETY: gai_strerror returns a pointer to a static, NUL-terminated
    // string (or null, which we check), valid for the life of the program.
    let text = unsafe { gai_strerror(code) };
    let message = if text.is_null() {
        "getaddrinfo failed".to_string()
    } else {
        // SAFETY: non-null, static and NUL-terminated (see above).
        unsafe { CStr::from_ptr(text) }
            .to_string_lossy()
            .into_owned()
    };
    SocketError::AddressLookup { code, message }
}

/// Runs `getaddrinfo(node, service, {AF_INET, socktype})` and copies the
/// IPv4 answers out before freeing the C list.
fn lookup(
    node: Option<&CStr>,
    service: Option<&CStr>,
    socktype: c_int,
) -> Result<Vec<AddrInfoEntry>, SocketError> {
    let hints = AddrInfo {
        ai_flags: 0,
        ai_family: AF_INET,
        ai_socktype: socktype,
        ai_protocol: 0,
        ai_addrlen: 0,
        ai_addr: std::ptr::null_mut(),
        ai_canonname: std::ptr::null_mut(),
        ai_next: std::ptr::null_mut(),
    };
    let node_ptr = node.map_or(std::ptr::null(), CStr::as_ptr);
    let service_ptr = service.map_or(std::ptr::null(), CStr::as_ptr);
    let mut list: *mut AddrInfo = std::ptr::null_mut();
    // SAFETY: the strings are NUL-terminated and outlive the call, `hints`
    // is a fully initialised addrinfo with null pointers where the C
    // library expects none, and `list` is a writable out-pointer.
    let code = unsafe { getaddrinfo(node_ptr, service_ptr, &hints, &mut list) };
    if code == EAI_SYSTEM {
        let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(SocketError::Os(errno));
    }
    if code != 0 {
        return Err(gai_error(code));
    }
    let mut answers = Vec::new();
    let mut entry = list;
    while !entry.is_null() {
        // SAFETY: `entry` is a node of the list getaddrinfo returned, not
        // yet freed; the list is ours until freeaddrinfo below.
        let info = unsafe { &*entry };
        let is_ipv4 = info.ai_family == AF_INET
            && !info.ai_addr.is_null()
            && info.ai_addrlen as usize >= std::mem::size_of::<SockaddrIn>();
        if is_ipv4 {
            // SAFETY: for AF_INET the C library points ai_addr at a
            // sockaddr_in of ai_addrlen bytes (checked just above), owned
            // by the list; read_unaligned makes no alignment assumption.
            let c_addr = unsafe { info.ai_addr.read_unaligned() };
            answers.push(AddrInfoEntry {
                addr: c_addr.to_addr(),
                protocol: info.ai_protocol,
            });
        }
        entry = info.ai_next;
    }
    if !list.is_null() {
        // SAFETY: `list` came from a successful getaddrinfo and is freed
        // exactly once; no reference into it survives (answers are copies).
        unsafe { freeaddrinfo(list) };
    }
    Ok(answers)
}
