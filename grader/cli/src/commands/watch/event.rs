//! What watch mode reacts to, all on one channel: the learner's keys (or typed lines
//! when there is no terminal), file-system events, and failures of either source.

use std::io::BufRead as _;
use std::sync::mpsc::Sender;

/// One thing that happened, for the watch loop to handle.
#[derive(Debug)]
pub(crate) enum Event {
    /// The learner asked for something.
    Key(Key),
    /// A typed line that is not a command (line mode).
    Unknown(String),
    /// Standard input ended (line mode): watch ends as if `q` was typed.
    InputClosed,
    /// Reading the terminal failed.
    InputFailed(String),
    /// Something changed in a watched folder: maybe a learner's file, maybe not.
    FilesTouched,
    /// The file watcher reported an error.
    WatchFailed(String),
    /// The terminal has a new width.
    Resized(u16),
}

/// The commands, one key each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    Hint,
    Next,
    List,
    Rerun,
    CheckAll,
    Quit,
}

impl Key {
    /// Every key with its letter and what it does, in the order the status bar shows them.
    pub(crate) const ALL: [(Key, char, &'static str); 6] = [
        (Key::Hint, 'h', "hint"),
        (Key::Next, 'n', "next"),
        (Key::List, 'l', "list"),
        (Key::Rerun, 'r', "rerun"),
        (Key::CheckAll, 'c', "check all"),
        (Key::Quit, 'q', "quit"),
    ];

    /// The command of a letter, in either case.
    pub(crate) fn from_char(letter: char) -> Option<Key> {
        let letter = letter.to_ascii_lowercase();
        Key::ALL.iter().find(|(_, l, _)| *l == letter).map(|(key, ..)| *key)
    }

    /// The command of a typed line: its letter or its word (`h`, `hint`, `quit`, `exit`…).
    /// `Ok(None)` for an empty line, `Err` for anything else.
    pub(crate) fn from_line(line: &str) -> Result<Option<Key>, String> {
        let word = line.trim().to_ascii_lowercase();
        if word.is_empty() {
            return Ok(None);
        }
        let mut letters = word.chars();
        if let (Some(letter), None) = (letters.next(), letters.next()) {
            return Key::from_char(letter).map(Some).ok_or(word);
        }
        let key = match word.as_str() {
            "exit" => Some(Key::Quit),
            "check" => Some(Key::CheckAll),
            other => Key::ALL.iter().find(|(_, _, name)| *name == other).map(|(key, ..)| *key),
        };
        key.map(Some).ok_or(word)
    }
}

/// Reads keys from the terminal (in raw mode) on a thread of its own. Ctrl-C and
/// Ctrl-D quit, as a learner expects, since raw mode turns them into plain keys.
pub(crate) fn read_keys(sender: Sender<Event>) {
    use crossterm::event::{self, KeyCode, KeyEventKind, KeyModifiers};
    std::thread::spawn(move || {
        loop {
            let event = match event::read() {
                Ok(event::Event::Key(key)) if key.kind != KeyEventKind::Release => {
                    let control = key.modifiers.contains(KeyModifiers::CONTROL);
                    match key.code {
                        KeyCode::Char('c' | 'd') if control => Event::Key(Key::Quit),
                        KeyCode::Char(letter) if !control && !key.modifiers.contains(KeyModifiers::ALT) => {
                            match Key::from_char(letter) {
                                Some(key) => Event::Key(key),
                                None => continue,
                            }
                        }
                        _ => continue,
                    }
                }
                Ok(event::Event::Resize(width, _)) => Event::Resized(width),
                Ok(_) => continue,
                Err(error) => {
                    let _ = sender.send(Event::InputFailed(format!("failed to read the keyboard: {error}")));
                    return;
                }
            };
            if sender.send(event).is_err() {
                return;
            }
        }
    });
}

/// Reads commands as lines from standard input on a thread of its own, for when
/// there is no terminal; the end of input ends watch.
pub(crate) fn read_lines(sender: Sender<Event>) {
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            let event = match Key::from_line(&line) {
                Ok(Some(key)) => Event::Key(key),
                Ok(None) => continue,
                Err(word) => Event::Unknown(word),
            };
            if sender.send(event).is_err() {
                return;
            }
        }
        let _ = sender.send(Event::InputClosed);
    });
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn letters_and_words_name_commands() {
        assert_eq!(Key::from_char('h'), Some(Key::Hint));
        assert_eq!(Key::from_char('Q'), Some(Key::Quit));
        assert_eq!(Key::from_char('x'), None);
        assert_eq!(Key::from_line(" n \n"), Ok(Some(Key::Next)));
        assert_eq!(Key::from_line("hint"), Ok(Some(Key::Hint)));
        assert_eq!(Key::from_line("check all"), Ok(Some(Key::CheckAll)));
        assert_eq!(Key::from_line("check"), Ok(Some(Key::CheckAll)));
        assert_eq!(Key::from_line("EXIT"), Ok(Some(Key::Quit)));
        assert_eq!(Key::from_line(""), Ok(None));
        assert_eq!(Key::from_line("xyzzy"), Err("xyzzy".to_string()));
        assert_eq!(Key::from_line("z"), Err("z".to_string()));
    }
}
