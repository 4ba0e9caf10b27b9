//! grader: expect fail forecast_from_plain_code "there is no reactor running"
//! Drives the forecast with `futures::executor::block_on`, which polls a future but is
//! not a tokio runtime: the forecast's tokio timer finds no runtime and panics.
//! grader: replaces items

/// Today's forecast, for code that is not async.
pub fn forecast_blocking() -> String {
    futures::executor::block_on(station::fetch_forecast())
}
