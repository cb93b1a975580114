//! The seed's `multiprocessing` snippet: the same function in a child process.
//!
//! ```text
//! cargo run -p multiprocessing --example seed_process
//! ```
//!
//! Python original:
//! ```python
//! from multiprocessing import Process
//! def print_numbers():
//!     for i in range(5):
//!         print(i)
//! process = Process(target=print_numbers)
//! process.start()
//! print("Main process continues...")
//! process.join() # Wait for the process to finish
//! ```
//!
//! Typical output: "Main process continues..." first (the parent goes on
//! while the child is still being set up), then 0 to 4 from the child — the
//! order between the two processes is up to the scheduler, as in Python.
//! The child prints with a raw `write(2)` instead of `println!`: a forked
//! child must not take Rust's stdout lock (see `src/child.rs`).

use multiprocessing::child::write_fd_raw;
use multiprocessing::Process;

/// The target: runs in the child.
fn print_numbers() {
    for i in 0..5 {
        write_fd_raw(1, format!("{i}\n").as_bytes());
    }
}

fn main() -> multiprocessing::Result<()> {
    let mut process = Process::new(print_numbers);
    process.start()?;
    println!("Main process continues...");
    process.join(None)?; // Wait for the process to finish
    println!("child exit code: {:?}", process.exitcode());
    Ok(())
}
