//! grader: expect pass
//! Another correct answer: `interval` with its first (immediate) tick awaited before the
//! loop; and a connection read by hand with `read()` (cancel safe: a lost race reads
//! nothing) into a buffer kept across iterations, cut into lines at each `\n`.
//! grader: replaces items
//! grader: replaces `let mut keep_alive = keep_alive_beat();` with `let mut keep_alive = interval(KEEP_ALIVE); keep_alive.tick().await;`

use tokio::io::AsyncReadExt;
use tokio::time::interval;

/// Reads newline-delimited lines from `connection`, delivering each one as soon as its
/// last byte has arrived, and pings the client every [`KEEP_ALIVE`] meanwhile, until
/// the client closes the connection.
pub async fn serve_connection(mut connection: DuplexStream) -> io::Result<()> {
    let mut keep_alive = interval(KEEP_ALIVE);
    keep_alive.tick().await;
    let mut pending = Vec::new();
    let mut chunk = [0u8; 64];
    loop {
        tokio::select! {
            read = connection.read(&mut chunk) => {
                let read = read?;
                if read == 0 {
                    return Ok(());
                }
                pending.extend_from_slice(&chunk[..read]);
                while let Some(end) = pending.iter().position(|&byte| byte == b'\n') {
                    let line: Vec<u8> = pending.drain(..=end).collect();
                    mailbox::deliver(&String::from_utf8_lossy(&line[..end]));
                }
            }
            _ = keep_alive.tick() => mailbox::keep_alive(),
        }
    }
}
