//! An echo server (or client) over `multiprocessing.connection`'s protocol,
//! so CPython's `Client`/`Listener` can talk to it.
//!
//! ```text
//! cargo run --release -p multiprocessing --example connection_echo -- --address 127.0.0.1:6000 --authkey secret
//! cargo run --release -p multiprocessing --example connection_echo -- --connect 127.0.0.1:6000 --authkey secret --message hello
//! ```
//!
//! As a server it prints `listening on ADDR` first (with a port 0 resolved,
//! or a Unix-socket path), then echoes every `recv_bytes` message back with
//! `send_bytes`, serving each client until it closes and then the next one;
//! a client that fails the handshake is reported on stderr and the server
//! goes on. As a client it sends TEXT and prints the reply on one line.
//!
//! The CPython side of the same conversation:
//! ```python
//! from multiprocessing.connection import Client
//! with Client(("127.0.0.1", 6000), authkey=b"secret") as c:
//!     c.send_bytes(b"hello"); print(c.recv_bytes())
//! ```

use multiprocessing::connection::{Client, Connection, Listener};
use multiprocessing::Error;
use std::io::Write;

/// What the command line asked for.
enum Mode {
    /// Serve at this address.
    Serve {
        /// `host:port` or a Unix-socket path.
        address: String,
    },
    /// Connect to this address and send one message.
    Connect {
        /// `host:port` or a Unix-socket path.
        address: String,
        /// The text to send.
        message: String,
    },
}

/// Parses `--address A | --connect A --message M`, and `--authkey K`.
fn parse(args: &[String]) -> Result<(Mode, Vec<u8>), String> {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let authkey = value("--authkey").unwrap_or_default().into_bytes();
    let mode = match (value("--address"), value("--connect"), value("--message")) {
        (Some(address), None, None) => Mode::Serve { address },
        (None, Some(address), Some(message)) => Mode::Connect { address, message },
        _ => {
            return Err("usage: connection_echo --address ADDR --authkey KEY\n   \
                 or: connection_echo --connect ADDR --authkey KEY --message TEXT"
                .into())
        }
    };
    Ok((mode, authkey))
}

/// Echoes one client's messages until it closes.
fn serve(conn: &mut Connection) -> multiprocessing::Result<()> {
    loop {
        match conn.recv_bytes() {
            Ok(message) => conn.send_bytes(&message)?,
            Err(Error::Closed) => return Ok(()),
            Err(err) => return Err(err),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, authkey) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(usage) => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    match mode {
        Mode::Serve { address } => {
            let listener = Listener::bind(address.as_str(), &authkey).unwrap_or_else(|e| {
                eprintln!("cannot listen on {address}: {e}");
                std::process::exit(1);
            });
            let bound = listener.address().expect("the bound address");
            println!("listening on {bound}");
            let _ = std::io::stdout().flush();
            loop {
                match listener.accept() {
                    Ok(mut conn) => {
                        if let Err(err) = serve(&mut conn) {
                            eprintln!("client dropped: {err}");
                        }
                    }
                    Err(err) => eprintln!("refused a client: {err}"),
                }
            }
        }
        Mode::Connect { address, message } => {
            let reply = Client::connect(address.as_str(), &authkey).and_then(|mut conn| {
                conn.send_bytes(message.as_bytes())?;
                conn.recv_bytes()
            });
            match reply {
                Ok(reply) => println!("{}", String::from_utf8_lossy(&reply)),
                Err(err) => {
                    eprintln!("{err}");
                    std::process::exit(1);
                }
            }
        }
    }
}
