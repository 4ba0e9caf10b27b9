//! A simulated weather station: sensors to read, a forecast service, and a radio
//! link whose background task lives on the runtime that connected it.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

/// How long reading `sensor` takes: `thermometer` 1 s, `barometer` 2 s,
/// `anemometer` 3 s, anything else 1 s.
///
/// ```
/// assert_eq!(workbook::sim::station::read_time("barometer"), workbook::secs(2));
/// ```
pub fn read_time(sensor: &str) -> Duration {
    match sensor {
        "barometer" => Duration::from_secs(2),
        "anemometer" => Duration::from_secs(3),
        _ => Duration::from_secs(1),
    }
}

/// One measurement.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The sensor it came from.
    pub sensor: String,
    /// Its value, in the sensor's unit.
    pub value: f64,
}

fn value_of(sensor: &str) -> f64 {
    match sensor {
        "thermometer" => 21.5,
        "barometer" => 1013.2,
        "anemometer" => 4.2,
        _ => 0.0,
    }
}

/// Reads `sensor`, waiting [`read_time`] in tokio time. Actor `read <sensor>`.
///
/// ```
/// use workbook::sim::station;
/// let run = workbook::run(station::read_sensor("anemometer"));
/// assert_eq!(run.value.value, 4.2);
/// run.assert_elapsed(workbook::secs(3));
/// ```
pub async fn read_sensor(sensor: &str) -> Reading {
    super::wait(format!("read {sensor}"), "start reading", read_time(sensor), "reading ready").await;
    Reading { sensor: sensor.to_string(), value: value_of(sensor) }
}

/// Asks the forecast service for today's forecast. It takes 20 ms and needs a tokio
/// runtime with its timer enabled: called without one, it panics like any tokio timer.
///
/// ```
/// let forecast = tokio::runtime::Builder::new_current_thread()
///     .enable_all()
///     .build()
///     .unwrap()
///     .block_on(workbook::sim::station::fetch_forecast());
/// assert_eq!(forecast, "sunny, 24 °C");
/// ```
pub async fn fetch_forecast() -> String {
    super::wait("forecast".to_string(), "request sent", Duration::from_millis(20), "forecast received").await;
    FORECASTS.fetch_add(1, Ordering::SeqCst);
    "sunny, 24 °C".to_string()
}

/// Every forecast the service has handed out, in this process.
static FORECASTS: AtomicUsize = AtomicUsize::new(0);

/// How many forecasts [`fetch_forecast`] has handed out so far in this process: the
/// service's ledger, so a check can tell a forecast that was fetched from one that
/// was typed in.
///
/// ```
/// use workbook::sim::station;
///
/// let before = station::forecasts_served();
/// let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
/// runtime.block_on(station::fetch_forecast());
/// assert_eq!(station::forecasts_served(), before + 1);
/// ```
pub fn forecasts_served() -> usize {
    FORECASTS.load(Ordering::SeqCst)
}

/// The station's radio. Connecting starts a background task, on the runtime that
/// connects, that carries every request of the link. Cloning a `Radio` gives another
/// handle to the same radio.
///
/// ```
/// use workbook::sim::station::Radio;
///
/// let radio = Radio::new();
/// let runtime = tokio::runtime::Runtime::new().unwrap();
/// let link = runtime.block_on(radio.connect());
/// let reading = runtime.block_on(link.read("thermometer")).unwrap();
/// assert_eq!(reading.value, 21.5);
/// assert_eq!(radio.connections(), 1);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Radio {
    connections: Arc<AtomicUsize>,
    /// Readings the links' background tasks have sent back.
    readings_sent: Arc<AtomicUsize>,
    /// Reads driven by a runtime other than the one that connected their link.
    reads_elsewhere: Arc<AtomicUsize>,
}

impl Radio {
    /// A radio with no connection yet.
    ///
    /// ```
    /// assert_eq!(workbook::sim::station::Radio::new().connections(), 0);
    /// ```
    pub fn new() -> Radio {
        Radio::default()
    }

    /// How many times [`Radio::connect`] was called.
    ///
    /// ```
    /// assert_eq!(workbook::sim::station::Radio::new().connections(), 0);
    /// ```
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// How many readings the background tasks of this radio's links have sent back:
    /// the radio's ledger of reads it really served.
    ///
    /// ```
    /// use workbook::sim::station::Radio;
    ///
    /// let radio = Radio::new();
    /// let runtime = tokio::runtime::Runtime::new().unwrap();
    /// let link = runtime.block_on(radio.connect());
    /// runtime.block_on(link.read("thermometer")).unwrap();
    /// assert_eq!(radio.readings_sent(), 1);
    /// ```
    pub fn readings_sent(&self) -> usize {
        self.readings_sent.load(Ordering::SeqCst)
    }

    /// How many [`RadioLink::read`]s were driven by a runtime other than the one that
    /// connected their link (told apart by [`tokio::runtime::Handle::id`]).
    ///
    /// ```
    /// use workbook::sim::station::Radio;
    ///
    /// let radio = Radio::new();
    /// let runtime = tokio::runtime::Runtime::new().unwrap();
    /// let link = runtime.block_on(radio.connect());
    /// runtime.block_on(link.read("barometer")).unwrap();
    /// assert_eq!(radio.reads_from_other_runtimes(), 0);
    /// let other = tokio::runtime::Runtime::new().unwrap();
    /// other.block_on(link.read("barometer")).unwrap();
    /// assert_eq!(radio.reads_from_other_runtimes(), 1);
    /// ```
    pub fn reads_from_other_runtimes(&self) -> usize {
        self.reads_elsewhere.load(Ordering::SeqCst)
    }

    /// Opens a link. Its background task is spawned on the current runtime: when that
    /// runtime shuts down, the task is gone and the link stops working.
    ///
    /// ```
    /// # use workbook::sim::station::Radio;
    /// let runtime = tokio::runtime::Runtime::new().unwrap();
    /// let _link = runtime.block_on(Radio::new().connect());
    /// ```
    pub async fn connect(&self) -> RadioLink {
        self.connections.fetch_add(1, Ordering::SeqCst);
        let (requests, mut incoming) = mpsc::unbounded_channel::<(String, oneshot::Sender<Reading>)>();
        let sent = self.readings_sent.clone();
        tokio::spawn(async move {
            while let Some((sensor, reply)) = incoming.recv().await {
                tokio::time::sleep(Duration::from_millis(2)).await;
                // Counted before the reply goes out, so a reader on another thread
                // never sees its reading before the count.
                sent.fetch_add(1, Ordering::SeqCst);
                if reply.send(Reading { value: value_of(&sensor), sensor }).is_err() {
                    sent.fetch_sub(1, Ordering::SeqCst);
                }
            }
        });
        let runtime = tokio::runtime::Handle::current().id();
        RadioLink { requests, runtime, reads_elsewhere: self.reads_elsewhere.clone() }
    }
}

/// An open link to the station. See [`Radio::connect`].
#[derive(Debug)]
pub struct RadioLink {
    requests: mpsc::UnboundedSender<(String, oneshot::Sender<Reading>)>,
    /// The runtime that connected the link, where its background task lives.
    runtime: tokio::runtime::Id,
    reads_elsewhere: Arc<AtomicUsize>,
}

/// Why a read over the radio link failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// The link's background task is gone: the runtime that connected it has shut down.
    RuntimeGone,
    /// The link's background task did not answer within a second, though its channel was
    /// still open. Possible causes: the runtime that connected it is not being driven (a
    /// current-thread runtime runs its tasks only inside its own `block_on`), or that
    /// runtime's thread is blocked.
    NoAnswer,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::RuntimeGone => {
                write!(f, "the radio link's background task is gone: the runtime that connected it has shut down")
            }
            LinkError::NoAnswer => write!(
                f,
                "the radio link's background task did not answer within a second, though its channel was still \
                 open. Possible causes: the runtime that connected it is not being driven (a current-thread \
                 runtime runs its tasks only inside its own `block_on`), or that runtime's thread is blocked"
            ),
        }
    }
}

impl std::error::Error for LinkError {}

impl RadioLink {
    /// Reads `sensor` over the link.
    ///
    /// ```
    /// # use workbook::sim::station::Radio;
    /// let runtime = tokio::runtime::Runtime::new().unwrap();
    /// let link = runtime.block_on(Radio::new().connect());
    /// assert!(runtime.block_on(link.read("barometer")).is_ok());
    /// ```
    pub async fn read(&self, sensor: &str) -> Result<Reading, LinkError> {
        if tokio::runtime::Handle::try_current().map(|h| h.id()).ok() != Some(self.runtime) {
            self.reads_elsewhere.fetch_add(1, Ordering::SeqCst);
        }
        let (reply, answer) = oneshot::channel();
        self.requests.send((sensor.to_string(), reply)).map_err(|_| LinkError::RuntimeGone)?;
        match tokio::time::timeout(Duration::from_secs(1), answer).await {
            Ok(Ok(reading)) => Ok(reading),
            Ok(Err(_)) => Err(LinkError::RuntimeGone),
            Err(_) => Err(LinkError::NoAnswer),
        }
    }
}
