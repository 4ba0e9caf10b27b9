//! The terminal in watch mode: raw mode (keys arrive one at a time, unechoed), always
//! undone by a guard, on a normal end, an error or a panic; and output with the
//! `\r\n` line ends raw mode needs.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context as _, Result};

/// Raw mode, while this lives. Dropping it (also while unwinding) restores the
/// terminal; a panic restores it before the panic message is printed.
#[derive(Debug)]
pub(crate) struct RawMode {
    restored: Arc<AtomicBool>,
}

impl RawMode {
    pub(crate) fn enable() -> Result<RawMode> {
        crossterm::terminal::enable_raw_mode().context("failed to switch the terminal to raw mode")?;
        let restored = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&restored);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore(&flag);
            previous(info);
        }));
        Ok(RawMode { restored })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        restore(&self.restored);
    }
}

/// Undoes raw mode, once.
fn restore(restored: &AtomicBool) {
    if !restored.swap(true, Ordering::SeqCst) {
        let _ = crossterm::terminal::disable_raw_mode();
        let _ = io::stdout().flush();
    }
}

/// The terminal's width in columns; 80 when it can't be told (never an error).
pub(crate) fn width() -> u16 {
    match crossterm::terminal::size() {
        Ok((columns, _)) if columns > 0 => columns,
        _ => 80,
    }
}

/// Clears the screen and puts the cursor at the top left.
pub(crate) fn clear(out: &mut impl Write) -> io::Result<()> {
    crossterm::queue!(
        out,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All),
        crossterm::cursor::MoveTo(0, 0)
    )
}

/// A writer that ends lines with `\r\n`: in raw mode, `\n` alone moves down without
/// going back to the first column.
#[derive(Debug)]
pub(crate) struct CrLf<W>(pub W);

impl<W: Write> Write for CrLf<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut lines = buf.split(|&b| b == b'\n');
        if let Some(first) = lines.next() {
            self.0.write_all(first)?;
        }
        for line in lines {
            self.0.write_all(b"\r\n")?;
            self.0.write_all(line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::CrLf;

    #[test]
    fn line_ends_become_crlf() {
        let mut out = CrLf(Vec::new());
        write!(out, "one\ntwo\n\nthree").unwrap();
        writeln!(out).unwrap();
        assert_eq!(String::from_utf8(out.0).unwrap(), "one\r\ntwo\r\n\r\nthree\r\n");
    }
}
