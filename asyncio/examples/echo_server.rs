//! The echo server on the hand-rolled loop, with clients on the same loop.
//!
//! ```text
//! cargo run -p asyncio --example echo_server              # demo: 8 clients, then exit
//! cargo run -p asyncio --example echo_server -- --serve   # serve on 127.0.0.1:8888 until Ctrl-C
//! ```
//!
//! With `--serve`, try it from another terminal with
//! `nc 127.0.0.1 8888` or `python3 -c "..."` — each line comes back.
//!
//! Python equivalent:
//! ```python
//! async def handle_echo(reader, writer):
//!     while data := await reader.read(16384):
//!         writer.write(data); await writer.drain()
//! async def main():
//!     server = await asyncio.start_server(handle_echo, "127.0.0.1", 8888)
//!     await server.serve_forever()
//! ```

use asyncio::programs::echo;
use std::time::Instant;

fn main() -> Result<(), asyncio::Error> {
    let serve = std::env::args().any(|a| a == "--serve");
    asyncio::run(async move {
        if serve {
            let server = echo::start_echo_server("127.0.0.1:8888")?;
            println!("serving on {} (Ctrl-C to stop)", server.local_addr());
            server.serve_forever().await;
            return Ok(());
        }
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
