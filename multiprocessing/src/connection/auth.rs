//! The authkey handshake of CPython's `multiprocessing.connection`: each
//! side proves it knows the shared key by answering the other's random
//! challenge with an HMAC of it, over ordinary frames.
//!
//! ```text
//!   server (deliver_challenge)                         client (answer_challenge)
//!   "#CHALLENGE#" + "{sha256}" + 40 random bytes ──▶   parse the digest name (none: legacy MD5)
//!                                                ◀──   "{sha256}" + HMAC-SHA256(key, message)
//!   verify (constant time) ─▶ "#WELCOME#" or "#FAILURE#" ──▶ welcome? else AuthenticationError
//!   ...then the same again with the roles swapped (Listener: deliver, then answer;
//!      Client: answer, then deliver)
//! ```
//!
//! Two generations, told apart by length, as CPython 3.12 does:
//! - **≤ 3.11 (legacy)**: the challenge is exactly 20 random bytes and the
//!   answer a bare 16-byte HMAC-MD5.
//! - **3.12+**: the challenge is `{digest}` + 40 random bytes and the answer
//!   `{digest}` + the HMAC with that digest, computed over the whole message
//!   (prefix included, so the digest cannot be downgraded). A 3.12+ server
//!   still accepts a legacy 16-byte MD5 answer (an old client hashing the
//!   whole prefixed challenge), and a 3.12+ client answers a 20-byte
//!   challenge the legacy way.
//!
//! Every handshake message is read with a 256-byte limit (CPython's
//! `recv_bytes(256)`): a longer one is refused from its frame header, before
//! anything is read or allocated. A wrong key is `Err(AuthenticationError)`
//! on both sides.
//!
//! Digests: MD5, SHA-256 and SHA-384 (RustCrypto's `md-5`, `sha2`, `hmac`);
//! CPython also allows `sha3_256` and `sha3_384`, refused here as
//! unsupported (Simplification: no SHA-3 crate). The challenge comes from
//! the OS (`getrandom`), as CPython's `os.urandom`.
//!
//! Needs: `mod.rs` (`Connection`), `error.rs`.
//!
//! Python equivalent: `multiprocessing.connection.deliver_challenge`,
//! `answer_challenge`, `_create_response`, `_verify_challenge`.

use super::Connection;
use crate::error::{Error, Result};
use hmac::{Hmac, Mac};

/// The longest handshake message either side reads (CPython: 256).
pub(crate) const MAX_HANDSHAKE_MESSAGE: usize = 256;
/// Random bytes in a 3.12+ challenge (CPython's `MESSAGE_LENGTH`).
const MESSAGE_LENGTH: usize = 40;
/// A legacy (≤ 3.11) challenge: exactly this many random bytes.
const LEGACY_MESSAGE_LENGTH: usize = 20;
/// A legacy answer: a bare HMAC-MD5.
const MD5_LENGTH: usize = 16;
/// The prefix of a challenge.
const CHALLENGE: &[u8] = b"#CHALLENGE#";
/// The verdict for a right answer.
const WELCOME: &[u8] = b"#WELCOME#";
/// The verdict for a wrong one.
const FAILURE: &[u8] = b"#FAILURE#";

/// The HMAC digests this crate computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Digest {
    /// HMAC-MD5: the legacy protocol.
    Md5,
    /// HMAC-SHA256: what CPython 3.12+ asks for.
    Sha256,
    /// HMAC-SHA384.
    Sha384,
}

impl Digest {
    /// The name inside `{...}`.
    fn name(self) -> &'static str {
        match self {
            Digest::Md5 => "md5",
            Digest::Sha256 => "sha256",
            Digest::Sha384 => "sha384",
        }
    }

    /// A digest by its `{...}` name.
    fn by_name(name: &[u8]) -> Result<Digest> {
        match name {
            b"md5" => Ok(Digest::Md5),
            b"sha256" => Ok(Digest::Sha256),
            b"sha384" => Ok(Digest::Sha384),
            other => Err(Error::AuthenticationError(format!(
                "unsupported digest {:?}",
                String::from_utf8_lossy(other)
            ))),
        }
    }

    /// HMAC of `message` under `key`.
    fn mac(self, key: &[u8], message: &[u8]) -> Vec<u8> {
        /// One HMAC computation for a concrete digest type.
        fn run<M: Mac + hmac::digest::KeyInit>(key: &[u8], message: &[u8]) -> Vec<u8> {
            let mut mac = <M as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        match self {
            Digest::Md5 => run::<Hmac<md5::Md5>>(key, message),
            Digest::Sha256 => run::<Hmac<sha2::Sha256>>(key, message),
            Digest::Sha384 => run::<Hmac<sha2::Sha384>>(key, message),
        }
    }
}

/// Splits a challenge or an answer into its digest and payload: a legacy
/// length (20 or 16 bytes) means bare MD5 (`None`); otherwise a `{digest}`
/// prefix must name a supported digest.
fn digest_and_payload(message: &[u8]) -> Result<(Option<Digest>, &[u8])> {
    if message.len() == LEGACY_MESSAGE_LENGTH || message.len() == MD5_LENGTH {
        return Ok((None, message));
    }
    let close = message
        .first()
        .filter(|&&b| b == b'{')
        .and_then(|_| message.iter().take(10).position(|&b| b == b'}'))
        .ok_or_else(|| {
            Error::AuthenticationError(format!(
                "a {}-byte message without a {{digest}} prefix",
                message.len()
            ))
        })?;
    Ok((
        Some(Digest::by_name(&message[1..close])?),
        &message[close + 1..],
    ))
}

/// Constant-time equality (the length is not secret).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Receives one handshake message (at most 256 bytes, refused from its
/// header otherwise).
fn recv_small(conn: &mut Connection) -> Result<Vec<u8>> {
    let limit = conn.max_message();
    conn.set_max_message(MAX_HANDSHAKE_MESSAGE);
    let message = conn.recv_bytes();
    conn.set_max_message(limit);
    message
}

/// The server's half: sends a 3.12+ challenge, checks the answer, sends
/// the verdict. `Err(AuthenticationError)` on a wrong answer.
pub(crate) fn deliver_challenge(conn: &mut Connection, authkey: &[u8]) -> Result<()> {
    let mut random = [0u8; MESSAGE_LENGTH];
    getrandom::fill(&mut random).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    let digest = Digest::Sha256;
    let mut message = format!("{{{}}}", digest.name()).into_bytes();
    message.extend_from_slice(&random);
    let mut challenge = CHALLENGE.to_vec();
    challenge.extend_from_slice(&message);
    conn.send_bytes(&challenge)?;
    let answer = recv_small(conn)?;
    let verdict = verify(authkey, &message, &answer);
    conn.send_bytes(if verdict.is_ok() { WELCOME } else { FAILURE })?;
    verdict
}

/// Checks `answer` against `message`: a `{digest}`-prefixed HMAC, or a bare
/// legacy HMAC-MD5 (CPython's `_verify_challenge`).
fn verify(authkey: &[u8], message: &[u8], answer: &[u8]) -> Result<()> {
    let (digest, mac) = digest_and_payload(answer)?;
    let expected = digest.unwrap_or(Digest::Md5).mac(authkey, message);
    if same(&expected, mac) {
        Ok(())
    } else {
        Err(Error::AuthenticationError(
            "digest received was wrong".into(),
        ))
    }
}

/// The client's half: answers the peer's challenge (legacy or 3.12+) and
/// reads the verdict. `Err(AuthenticationError)` if it was not a welcome.
pub(crate) fn answer_challenge(conn: &mut Connection, authkey: &[u8]) -> Result<()> {
    let challenge = recv_small(conn)?;
    let message = challenge
        .strip_prefix(CHALLENGE)
        .ok_or_else(|| Error::AuthenticationError("protocol error: expected a challenge".into()))?;
    if message.len() < LEGACY_MESSAGE_LENGTH {
        return Err(Error::AuthenticationError(format!(
            "challenge too short: {} bytes",
            message.len()
        )));
    }
    let answer = match digest_and_payload(message)?.0 {
        None => Digest::Md5.mac(authkey, message),
        Some(digest) => {
            let mut answer = format!("{{{}}}", digest.name()).into_bytes();
            answer.extend_from_slice(&digest.mac(authkey, message));
            answer
        }
    };
    conn.send_bytes(&answer)?;
    if recv_small(conn)? != WELCOME {
        return Err(Error::AuthenticationError(
            "digest sent was rejected".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_md5_matches_rfc_2202() {
        // RFC 2202 test case 2: key "Jefe", data "what do ya want for nothing?".
        let mac = Digest::Md5.mac(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "750c783e6ab0b503eaa86e310a5db738");
    }

    #[test]
    fn legacy_and_prefixed_messages_are_told_apart_by_length() {
        assert_eq!(digest_and_payload(&[7; 20]).unwrap().0, None);
        assert_eq!(digest_and_payload(&[7; 16]).unwrap().0, None);
        let (digest, payload) = digest_and_payload(b"{sha256}0123456789").unwrap();
        assert_eq!(
            (digest, payload),
            (Some(Digest::Sha256), &b"0123456789"[..])
        );
        assert!(matches!(
            digest_and_payload(b"{sha3_256}0123456789abcdef"),
            Err(Error::AuthenticationError(_))
        ));
        assert!(matches!(
            digest_and_payload(&[7; 30]),
            Err(Error::AuthenticationError(_))
        ));
    }
}
