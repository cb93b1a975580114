//! The echo server on the hand-rolled loop, with clients on the same loop.
//!
//! ```text
//! cargo run -p asyncio --example echo_server                  # demo: 8 clients, then exit
//! cargo run --release -p asyncio --example echo_server -- --serve [--addr HOST:PORT]
//!                                    # serve on 127.0.0.1:8888 (or ADDR) until killed
//! ```
//!
//! With `--serve` the first line printed is `serving on ADDR` (port 0 picks
//! a free port and prints it), and the soft fd limit is raised as far as
//! the hard limit allows, so the server can hold ten thousand connections
//! (`cargo run --release -p asyncio --example c10k` drives one). Try it by
//! hand with `nc 127.0.0.1 8888`: each line comes back.
//!
//! Python equivalent:
//! ```python
//! async def handle_echo(reader, writer):
//!     while data := await reader.read(16384):
//!         writer.write(data); await writer.drain()
//! async def main():
//!     server = await asyncio.start_server(handle_echo, "127.0.0.1", 8888)
//!     print("serving on", server.sockets[0].getsockname())
//!     await server.serve_forever()
//! ```

use asyncio::programs::echo;
use std::time::Instant;

fn main() -> Result<(), asyncio::Error> {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--serve") {
        let addr = args
            .iter()
            .position(|a| a == "--addr")
            .and_then(|i| args.get(i + 1))
            .map_or("127.0.0.1:8888", String::as_str)
            .to_owned();
        asyncio::run(async move { echo::serve(&addr).await })??;
        return Ok(());
    }
    asyncio::run(async move {
        let server = echo::start_echo_server("127.0.0.1:0")?;
        let addr = server.local_addr();
        println!("echo server on {addr}");
        let start = Instant::now();
        let done = echo::echo_load(addr, 8, 1_000, 1024).await?;
        let took = start.elapsed().as_secs_f64();
        println!(
            "8 clients made {done} round trips of 1 KiB in {took:.3} s ({:.0} req/s), all on one thread",
            done as f64 / took
        );
        server.close();
        Ok::<(), std::io::Error>(())
    })??;
    Ok(())
}
