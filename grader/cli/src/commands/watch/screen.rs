//! What watch mode shows: the latest result (a check report, or where the learner
//! moved on to), a panel under it (a hint, the list), what is watched, and a status
//! bar with the exercise, its verdict and the keys. On a terminal the screen is
//! cleared and drawn again each time; without one, each new part is printed once, in
//! order, so a log or a pipe reads as a transcript.

use std::io::{self, Write};

use super::event::Key;
use super::terminal::{self, CrLf};
use crate::report::Verdict;
use crate::style;

/// Where the current exercise stands, for the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// Not checked since watch moved to it.
    NotChecked,
    /// Being checked.
    Checking,
    /// Checked: the verdict, with how many checks passed when known.
    Checked { verdict: Verdict, counts: Option<(usize, usize)> },
    /// The check could not run (a setup problem, shown above).
    Failed,
}

impl State {
    /// The state a recorded verdict (`pass`, `fail`…) stands for.
    pub(crate) fn recorded(verdict: Option<&str>) -> State {
        match verdict.and_then(Verdict::from_word) {
            Some(verdict) => State::Checked { verdict, counts: None },
            None => State::NotChecked,
        }
    }

    /// A mark, its meaning (for the colour), a few words, and fewer words.
    fn describe(self, tty: bool) -> (&'static str, Meaning, String, String) {
        let say = |mark, meaning, long: &str, short: &str| (mark, meaning, long.to_string(), short.to_string());
        match self {
            State::NotChecked if tty => say("·", Meaning::Dim, "not checked yet: save, or press r", "not checked"),
            State::NotChecked => say("·", Meaning::Dim, "not checked yet: save, or type r", "not checked"),
            State::Checking => say("…", Meaning::Dim, "checking", "checking"),
            State::Failed => say("!", Meaning::Warn, "could not check it (see above)", "error"),
            State::Checked { verdict, counts } => match verdict {
                Verdict::Pass => say("✓", Meaning::Pass, "passed", "passed"),
                Verdict::CompileError => say("✗", Meaning::Fail, "not yet: it doesn't compile", "no build"),
                Verdict::Timeout => say("⧗", Meaning::Fail, "not yet: a check hung", "hung"),
                Verdict::Blocked => say("✗", Meaning::Fail, "not yet: the runtime was blocked", "blocked"),
                Verdict::Crashed => say("✗", Meaning::Fail, "not yet: the checks crashed", "crashed"),
                Verdict::Forbidden => {
                    say("✗", Meaning::Fail, "not run: it uses what the exercise forbids", "forbidden")
                }
                Verdict::Fail => match counts {
                    Some((passed, total)) => (
                        "✗",
                        Meaning::Fail,
                        format!("not yet: {passed} of {total} checks pass"),
                        format!("{passed}/{total} pass"),
                    ),
                    None => say("✗", Meaning::Fail, "not yet", "not yet"),
                },
            },
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Meaning {
    Pass,
    Fail,
    Warn,
    Dim,
}

/// The status bar: `04-gather ✗ not yet: 3 of 5 checks pass │ h hint · n next · …`,
/// in fewer words if that does not fit in `width` columns. Returns the text as shown
/// (coloured if colour is on) and its plain form.
pub(crate) fn status_bar(exercise: &str, state: State, tty: bool, width: usize) -> (String, String) {
    let (mark, meaning, long_words, short_words) = state.describe(tty);
    let long_keys: Vec<String> = Key::ALL.iter().map(|(_, letter, name)| format!("{letter} {name}")).collect();
    let bracket_keys: Vec<String> =
        Key::ALL.iter().map(|(_, letter, name)| format!("[{letter}]{}", &name[1..])).collect();
    let letters: Vec<String> = Key::ALL.iter().map(|(_, letter, _)| letter.to_string()).collect();
    let tries = [
        (long_words.clone(), long_keys.join(" · ")),
        (long_words, bracket_keys.join(" ")),
        (short_words.clone(), bracket_keys.join(" ")),
        (short_words, format!("keys: {}", letters.join(" "))),
    ];
    // Keep a column free: writing the last one makes some terminals wrap.
    let room = width.saturating_sub(1);
    let plain = |words: &str, keys: &str| format!("{exercise} {mark} {words} │ {keys}");
    let fits = |words: &str, keys: &str| plain(words, keys).chars().count() <= room;
    let (mut words, keys) = match tries.iter().find(|(words, keys)| fits(words, keys)) {
        Some(found) => found.clone(),
        None => tries[3].clone(),
    };
    let full: Vec<char> = words.chars().collect();
    let mut keep = full.len();
    while !fits(&words, &keys) && keep > 0 {
        keep -= 1;
        words = format!("{}…", full[..keep].iter().collect::<String>().trim_end());
    }
    let paint = |text: &str| match meaning {
        Meaning::Pass => style::pass(text),
        Meaning::Fail => style::fail(text),
        Meaning::Warn => style::warn(text),
        Meaning::Dim => style::dim(text),
    };
    let shown = format!(
        "{} {} {} {}",
        style::heading(exercise),
        paint(&format!("{mark} {words}")),
        style::dim("│"),
        style::dim(&keys)
    );
    (shown, plain(&words, &keys))
}

/// The screen: what to show, and how (a terminal, or a transcript).
#[derive(Debug)]
pub(crate) struct Screen {
    tty: bool,
    width: u16,
    main: Vec<u8>,
    panel: Vec<u8>,
    /// Line mode: whether `main` and `panel` are printed yet, and the last `watching` line.
    main_printed: bool,
    panel_printed: bool,
    watching_printed: String,
    /// Line mode: whether a run began since the last status bar ("Checking…").
    run_began: bool,
}

impl Screen {
    pub(crate) fn new(tty: bool) -> Screen {
        Screen {
            tty,
            width: if tty { terminal::width() } else { u16::MAX },
            main: Vec::new(),
            panel: Vec::new(),
            main_printed: false,
            panel_printed: false,
            watching_printed: String::new(),
            run_began: false,
        }
    }

    pub(crate) fn tty(&self) -> bool {
        self.tty
    }

    pub(crate) fn set_width(&mut self, width: u16) {
        if width > 0 {
            self.width = width;
        }
    }

    /// Shows `text` as the result from now on, without a panel.
    pub(crate) fn set_main(&mut self, text: Vec<u8>) {
        self.main = text;
        self.main_printed = false;
        self.panel.clear();
        self.panel_printed = false;
    }

    /// Shows `text` under the result.
    pub(crate) fn set_panel(&mut self, text: Vec<u8>) {
        self.panel = text;
        self.panel_printed = false;
    }

    /// Says that `exercise` is being checked, until [`Screen::show`].
    pub(crate) fn checking(&mut self, exercise: &str) -> io::Result<()> {
        let line = format!("Checking {exercise}: building it, then running its checks…");
        let mut out = Output::new(self.tty);
        if self.tty {
            terminal::clear(&mut out)?;
        } else if !self.watching_printed.is_empty() {
            // Line mode: a blank line between one run and the next.
            writeln!(out)?;
        }
        writeln!(out, "{}", style::dim(&line))?;
        self.run_began = true;
        out.flush()
    }

    /// Runs `task` with a writer that shows its output as it comes (after clearing the
    /// screen) and keeps it as the result.
    pub(crate) fn stream<T>(&mut self, task: impl FnOnce(&mut dyn Write) -> T) -> io::Result<T> {
        let mut out = Output::new(self.tty);
        if self.tty {
            terminal::clear(&mut out)?;
            out.flush()?;
        } else if !self.watching_printed.is_empty() {
            writeln!(out)?;
        }
        let mut kept = Vec::new();
        let result = task(&mut Tee { out: &mut out, kept: &mut kept });
        self.set_main(kept);
        self.main_printed = true;
        Ok(result)
    }

    /// Draws the screen (a terminal) or prints what is new (line mode), then what is
    /// watched and the status bar.
    pub(crate) fn show(&mut self, watching: &str, exercise: &str, state: State) -> io::Result<()> {
        let mut out = Output::new(self.tty);
        let (status, _) = status_bar(exercise, state, self.tty, usize::from(self.width));
        if self.tty {
            terminal::clear(&mut out)?;
            out.write_all(&self.main)?;
            if !self.panel.is_empty() {
                writeln!(out)?;
                out.write_all(&self.panel)?;
            }
            writeln!(out)?;
            writeln!(out, "{}", style::dim(watching))?;
            writeln!(out, "{status}")?;
        } else {
            if !self.main_printed {
                if !self.run_began && !self.watching_printed.is_empty() {
                    writeln!(out)?;
                }
                out.write_all(&self.main)?;
            }
            if !self.panel_printed && !self.panel.is_empty() {
                writeln!(out)?;
                out.write_all(&self.panel)?;
            }
            writeln!(out)?;
            if self.watching_printed != watching {
                writeln!(out, "{}", style::dim(watching))?;
                self.watching_printed = watching.to_string();
            }
            writeln!(out, "{status}")?;
        }
        self.main_printed = true;
        self.panel_printed = true;
        self.run_began = false;
        out.flush()
    }

    /// The last words, when watch ends.
    pub(crate) fn goodbye(&mut self) -> io::Result<()> {
        let mut out = Output::new(self.tty);
        if !self.tty {
            writeln!(out)?;
        }
        writeln!(out, "Stopped watching. Your progress is saved; {} picks up from here.", style::invoke("watch"))?;
        out.flush()
    }
}

/// Standard output, with `\r\n` line ends on a terminal in raw mode.
struct Output {
    inner: CrLf<io::StdoutLock<'static>>,
    raw: bool,
}

impl Output {
    fn new(raw: bool) -> Output {
        Output { inner: CrLf(io::stdout().lock()), raw }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.raw { self.inner.write(buf) } else { self.inner.0.write(buf) }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes to the screen and keeps a copy.
struct Tee<'a> {
    out: &'a mut Output,
    kept: &'a mut Vec<u8>,
}

impl Write for Tee<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write_all(buf)?;
        self.kept.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_bar_names_the_exercise_the_verdict_and_the_keys() {
        let failing = State::Checked { verdict: Verdict::Fail, counts: Some((3, 5)) };
        let (_, plain) = status_bar("04-gather", failing, true, 120);
        assert_eq!(
            plain,
            "04-gather ✗ not yet: 3 of 5 checks pass │ h hint · n next · l list · r rerun · c check all · q quit"
        );
        let (_, plain) = status_bar("04-gather", State::Checked { verdict: Verdict::Pass, counts: None }, true, 120);
        assert_eq!(plain, "04-gather ✓ passed │ h hint · n next · l list · r rerun · c check all · q quit");
        let (_, plain) = status_bar("04-gather", State::NotChecked, false, 120);
        assert!(plain.starts_with("04-gather · not checked yet: save, or type r │"), "{plain}");
    }

    #[test]
    fn the_status_bar_fits_narrow_terminals() {
        let failing = State::Checked { verdict: Verdict::Fail, counts: Some((3, 5)) };
        let (_, plain) = status_bar("04-gather", failing, true, 98);
        assert_eq!(plain, "04-gather ✗ not yet: 3 of 5 checks pass │ [h]int [n]ext [l]ist [r]erun [c]heck all [q]uit");
        let (_, plain) = status_bar("04-gather", failing, true, 80);
        assert_eq!(plain, "04-gather ✗ 3/5 pass │ [h]int [n]ext [l]ist [r]erun [c]heck all [q]uit");
        let (_, plain) = status_bar("04-gather", failing, true, 60);
        assert_eq!(plain, "04-gather ✗ 3/5 pass │ keys: h n l r c q");
        for width in [0, 10, 30, 40] {
            let (_, plain) = status_bar("04-gather", failing, true, width);
            assert!(plain.chars().count() < width.max(34), "{width}: {plain}");
            assert!(plain.starts_with("04-gather ✗"), "{width}: {plain}");
        }
    }

    #[test]
    fn recorded_verdicts_read_back() {
        assert_eq!(State::recorded(Some("pass")), State::Checked { verdict: Verdict::Pass, counts: None });
        assert_eq!(
            State::recorded(Some("compile_error")),
            State::Checked { verdict: Verdict::CompileError, counts: None }
        );
        assert_eq!(State::recorded(None), State::NotChecked);
    }
}
