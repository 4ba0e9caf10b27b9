//! `grader watch`: check the current exercise again on every save, and move on after
//! a pass. One loop reads one channel of events (keys, saves); the checks themselves
//! are `grader check`'s, and the keys run the other commands (`hint`, `next`, `list`,
//! `check --all`) into the screen.
//!
//! On a terminal, keys act at once (raw mode, always undone); without one (a pipe, an
//! editor's console), commands are typed as lines, and the end of input ends watch.

mod changes;
mod event;
mod screen;
mod terminal;

use std::collections::VecDeque;
use std::io::{IsTerminal as _, Write as _};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};

use anyhow::{Result, bail};

use crate::cli::Format;
use crate::config::Config;
use crate::exercise::Exercise;
use crate::exit::Outcome;
use crate::learner::Workbook;
use crate::render::{self, Detail};
use crate::report::Verdict;
use crate::style;

use changes::{Changes, Decision};
use event::{Event, Key};
use screen::{Screen, State};

pub fn run(config: &Config, poll: bool) -> Result<Outcome> {
    // A terminal that refuses raw mode gets line mode rather than an error.
    let raw = if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        terminal::RawMode::enable().ok()
    } else {
        None
    };
    let (sender, events) = mpsc::channel();
    if raw.is_some() {
        event::read_keys(sender.clone());
    } else {
        event::read_lines(sender.clone());
    }
    let changes = Changes::start(sender, poll, &config.root);
    let outcome = Session::new(config, Screen::new(raw.is_some()), changes, events)?.run();
    drop(raw);
    outcome
}

/// Watch mode's state: the exercise watched, where it stands, and what is on screen.
struct Session<'a> {
    config: &'a Config,
    screen: Screen,
    changes: Changes,
    events: Receiver<Event>,
    /// Events that came while a check ran, still to handle.
    pending: VecDeque<Event>,
    exercise: Exercise,
    state: State,
    /// A note to show under the next check's report.
    note: Option<Vec<u8>>,
}

impl<'a> Session<'a> {
    fn new(config: &'a Config, screen: Screen, mut changes: Changes, events: Receiver<Event>) -> Result<Session<'a>> {
        let workbook = Workbook::load(config)?;
        let exercise = workbook.store.current(&workbook.exercises).clone();
        changes.follow(exercise.files().collect());
        Ok(Session {
            config,
            screen,
            changes,
            events,
            pending: VecDeque::new(),
            exercise,
            state: State::NotChecked,
            note: None,
        })
    }

    fn run(mut self) -> Result<Outcome> {
        self.check()?;
        loop {
            match self.changes.look() {
                Decision::Wait => {}
                Decision::Check => self.check()?,
                Decision::FallBack => self.fell_back()?,
            }
            let event = match self.pending.pop_front() {
                Some(event) => event,
                None => match self.events.recv_timeout(self.changes.wait()) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => continue,
                    Err(RecvTimeoutError::Disconnected) => break,
                },
            };
            match event {
                Event::Key(Key::Quit) | Event::InputClosed => break,
                Event::Key(key) => self.key(key)?,
                Event::FilesTouched => {
                    if self.changes.event() == Decision::Check {
                        self.check()?;
                    }
                }
                Event::Unknown(word) => {
                    let keys: Vec<String> =
                        Key::ALL.iter().map(|(_, letter, name)| format!("{letter} {name}")).collect();
                    let text = format!("Unknown command `{word}`. Type one of: {}.\n", keys.join(" · "));
                    self.screen.set_panel(text.into_bytes());
                    self.show()?;
                }
                Event::WatchFailed(why) => {
                    self.changes.fall_back(format!("file events failed: {why}"));
                    self.screen.set_panel(polling_note());
                    self.show()?;
                }
                Event::Resized(width) => {
                    self.screen.set_width(width);
                    self.show()?;
                }
                Event::InputFailed(why) => bail!("{why}"),
            }
        }
        self.screen.goodbye()?;
        Ok(Outcome::Passed)
    }

    fn key(&mut self, key: Key) -> Result<()> {
        let mut text = Vec::new();
        match key {
            Key::Rerun => return self.check(),
            Key::Hint => {
                crate::learner::hints::show(self.config, Some(&self.exercise.name), false, true, &mut text)?;
                self.screen.set_panel(text);
            }
            Key::List => {
                crate::learner::list::show(self.config, Format::Human, &mut text)?;
                self.screen.set_panel(text);
            }
            Key::Next => {
                crate::learner::next::advance(self.config, &mut text, true)?;
                if self.follow()? {
                    self.screen.set_main(text);
                } else {
                    self.screen.set_panel(text);
                }
            }
            Key::CheckAll => {
                let config = self.config;
                self.state = State::Checking;
                self.screen.stream(|out| {
                    crate::learner::check_all::run(
                        config,
                        Format::Human,
                        None,
                        false,
                        crate::learner::Mode::Learner,
                        out,
                    )
                })??;
                let workbook = Workbook::load(config)?;
                let record = workbook.store.progress.exercises.get(&self.exercise.name);
                self.state = State::recorded(record.and_then(|r| r.last_verdict.as_deref()));
                if record.is_some_and(|r| r.last_verdict.as_deref() == Some(Verdict::Pass.as_str())) {
                    let mut text = Vec::new();
                    self.move_on(&mut text)?;
                    self.screen.set_panel(text);
                } else {
                    self.follow()?;
                }
                self.take_queued();
            }
            Key::Quit => {}
        }
        self.show()
    }

    /// Checks the current exercise, records the verdict as `grader check` does, shows
    /// the report, and moves on after a pass.
    fn check(&mut self) -> Result<()> {
        self.follow()?;
        // Taken as checked before anything else, so a missing file is reported once.
        self.changes.mark();
        let missing = self.changes.missing();
        if !missing.is_empty() {
            let names: Vec<String> = missing
                .iter()
                .map(|path| path.strip_prefix(&self.config.root).unwrap_or(path).display().to_string())
                .collect();
            let text = format!(
                "{} {} is missing. Watch checks again when it is back; {} puts it back as shipped.\n",
                style::warn("Note:"),
                names.join(", "),
                style::invoke(&format!("reset {:02}", self.exercise.number))
            );
            self.screen.set_main(text.into_bytes());
            self.state = State::NotChecked;
            return self.show();
        }
        self.state = State::Checking;
        self.screen.checking(&self.exercise.name)?;
        let mut workbook = Workbook::load(self.config)?;
        let exercise = self.exercise.clone();
        let limit = crate::judge::limit_for(&exercise, None);
        let mut report = match crate::judge::judge(self.config, &exercise, limit, false, crate::judge::BuildShown::No) {
            Ok(report) => report,
            Err(error) => {
                self.screen.set_main(format!("{} {error:#}\n", style::fail("error:")).into_bytes());
                self.state = State::Failed;
                self.take_queued();
                return self.show();
            }
        };
        // An exercise that is not shipped is being written: nothing is recorded, and its
        // new files are expected (authoring mode, as `grader check` has it).
        let authoring = matches!(crate::tamper::shipped(&self.config.root, &exercise), Some((false, _)));
        let mut text = Vec::new();
        if authoring {
            render::check_report(&mut text, &report, &exercise, Detail { watching: true, ..Detail::default() })?;
            writeln!(
                text,
                "\n{} {} is not in the shipped workbook: nothing is recorded.",
                style::warn("Authoring mode:"),
                exercise.name
            )?;
            self.state =
                State::Checked { verdict: report.verdict, counts: Some((report.passed(), report.checks.len())) };
            self.screen.set_main(text);
            self.take_queued();
            return self.show();
        }
        let edits = crate::judge::record(self.config, &mut workbook.store, &exercise, &mut report);
        workbook.store.save()?;

        render::check_report(&mut text, &report, &exercise, Detail { watching: true, ..Detail::default() })?;
        crate::tamper::notice(&mut text, &edits, report.verdict)?;
        self.state = State::Checked { verdict: report.verdict, counts: Some((report.passed(), report.checks.len())) };
        if report.verdict == Verdict::Pass && crate::judge::counts(&report) {
            writeln!(text)?;
            self.move_on(&mut text)?;
        }
        self.screen.set_main(text);
        if let Some(note) = self.note.take() {
            self.screen.set_panel(note);
        }
        self.take_queued();
        self.show()
    }

    /// After a pass: on to the next exercise, as `grader next` does; at the end,
    /// congratulations, or what is left to pass.
    fn move_on(&mut self, text: &mut Vec<u8>) -> Result<()> {
        let mut workbook = Workbook::load(self.config)?;
        let exercises = &workbook.exercises;
        let left: Vec<&str> =
            exercises.iter().filter(|e| !workbook.store.passed(&e.name)).map(|e| e.name.as_str()).collect();
        if left.is_empty() {
            writeln!(
                text,
                "{} You have passed all {} exercises. Well done!",
                style::pass("All done!"),
                exercises.len()
            )?;
            writeln!(
                text,
                "  {} checks them all again; the book in docs/ has more to read.",
                style::invoke("check --all")
            )?;
            return Ok(());
        }
        if exercises.last().is_some_and(|last| last.name == self.exercise.name) {
            writeln!(text, "That was the last exercise. Still to pass: {}.", left.join(", "))?;
            writeln!(text, "  Press l for the list.")?;
            return Ok(());
        }
        // `grader next` moves on from the current exercise: make sure that is this one
        // (with no choice recorded, it would be the first one not passed).
        workbook.store.progress.current = Some(self.exercise.name.clone());
        workbook.store.save()?;
        crate::learner::next::advance(self.config, text, true)?;
        self.follow()?;
        Ok(())
    }

    /// Follows the current exercise, which a key, a pass, or `grader next` in another
    /// terminal may have changed. Returns whether it changed.
    fn follow(&mut self) -> Result<bool> {
        let workbook = Workbook::load(self.config)?;
        let current = workbook.store.current(&workbook.exercises);
        if current.name == self.exercise.name {
            return Ok(false);
        }
        self.exercise = current.clone();
        self.changes.follow(self.exercise.files().collect());
        self.state = State::NotChecked;
        Ok(true)
    }

    /// Polling saw a save that no file event reported: check it, and say why watch
    /// polls from now on.
    fn fell_back(&mut self) -> Result<()> {
        self.note = Some(polling_note());
        self.check()
    }

    /// Takes the events that came during a check: a quit goes first; a rerun asked for
    /// while checking was just done; saves are compared with what was checked.
    fn take_queued(&mut self) {
        let queued: Vec<Event> = self.events.try_iter().collect();
        let quit = queued.iter().any(|e| matches!(e, Event::Key(Key::Quit) | Event::InputClosed));
        if quit {
            self.pending.push_front(Event::Key(Key::Quit));
        }
        self.pending.extend(queued.into_iter().filter(|e| !matches!(e, Event::Key(Key::Rerun))));
    }

    fn show(&mut self) -> Result<()> {
        let how = if self.screen.tty() {
            self.changes.how()
        } else {
            format!("{}; type a command letter, then Enter", self.changes.how())
        };
        let watching = format!("Watching {} for saves ({how}).", self.exercise.display_files());
        self.screen.show(&watching, &self.exercise.name, self.state)?;
        Ok(())
    }
}

/// Why watch polls now, for the learner.
fn polling_note() -> Vec<u8> {
    format!(
        "{} file events don't arrive here, so watch polls for saves now. Next time, {} starts that way.\n",
        style::warn("Note:"),
        style::invoke("watch --poll")
    )
    .into_bytes()
}
