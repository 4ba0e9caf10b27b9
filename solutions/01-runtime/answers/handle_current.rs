//! grader: expect fail forecast_from_plain_code "Nor does `Handle::current()` help"
//! Asks `Handle::current()` for the runtime to `block_on` with, on a thread where no runtime runs.
//! grader: replaces items

pub fn forecast_blocking() -> String {
    tokio::runtime::Handle::current().block_on(station::fetch_forecast())
}
