//! Linux: the running instance owns a D-Bus name on the session bus; a second launch finds the
//! name taken, asks the owner to come forward and exits.
//!
//! A crash leaves a gap: the dead instance's name stays taken until the bus has noticed its
//! connection closed, so a launch right after a crash (or a kill) can find the name taken by a
//! process that no longer answers. The bus then answers the hand-over with `NoReply` (or
//! `ServiceUnknown`), and the launch claims the name again instead of exiting — it becomes the
//! running instance. An owner that is alive but never answers is reported, not waited on.

use std::sync::Arc;
use std::time::Duration;

use zbus::blocking::connection::Builder;
use zbus::blocking::Connection;
use zbus::interface;

/// How often a launch claims the name again after the owner turned out to be gone.
const CLAIMS: u32 = 10;

/// How long a second launch waits for the running instance to answer.
const ANSWER_LIMIT: Duration = Duration::from_secs(10);

/// Which bus to meet other instances on, and how long a running instance has to answer.
#[derive(Debug, Clone)]
pub struct Bus {
    address: Option<String>,
    answer_limit: Duration,
}

impl Bus {
    /// The user's session bus (the app).
    pub fn session() -> Self {
        Self {
            address: None,
            answer_limit: ANSWER_LIMIT,
        }
    }

    /// The bus at `address` (tests with a private bus), with its own answer limit.
    pub fn at(address: &str, answer_limit: Duration) -> Self {
        Self {
            address: Some(address.to_owned()),
            answer_limit,
        }
    }
}

/// What a launch became.
#[derive(Debug)]
pub enum Claim {
    /// The first instance: it owns the name while this connection lives.
    Owner(Connection),
    /// Another instance is running and was asked to come forward; this launch should exit.
    HandedOver,
}

/// Why a launch could neither claim the name nor hand over.
#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    #[error(
        "another Keywarden is running on these settings but does not answer; end it (or log out \
         and in again) and start Keywarden again"
    )]
    OwnerNotAnswering,
    #[error("another Keywarden is running on these settings and could not be reached ({0}); end it and start Keywarden again")]
    HandOver(zbus::Error),
    /// No session bus (or it refused the connection): no other instance can be found.
    #[error("the session bus is unavailable: {0}")]
    NoBus(zbus::Error),
}

/// The object a running instance serves; a second launch calls it. The interface and method
/// names are the ones earlier versions served, so launches of either version meet.
struct Running {
    on_second_launch: Arc<dyn Fn() + Send + Sync>,
}

#[interface(name = "org.SingleInstance.DBus")]
impl Running {
    fn execute_callback(&mut self, _argv: Vec<String>, _cwd: String) {
        (self.on_second_launch)();
    }
}

/// The well-known name and object path for instances with the base name `id`.
pub fn name_and_path(id: &str) -> (String, String) {
    let name = format!("{id}.SingleInstance");
    let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
    (name, path)
}

/// Claims the name for `id`, or hands over to the instance that has it. `on_second_launch`
/// runs in the owner whenever a later launch hands over.
pub fn claim(
    bus: &Bus,
    id: &str,
    on_second_launch: Arc<dyn Fn() + Send + Sync>,
) -> Result<Claim, ClaimError> {
    let (name, path) = name_and_path(id);
    let mut last = None;
    for attempt in 0..CLAIMS {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(50 * u64::from(attempt)));
        }
        let running = Running {
            on_second_launch: Arc::clone(&on_second_launch),
        };
        let built = builder(bus)
            .and_then(|b| b.name(name.as_str()))
            .and_then(|b| {
                b.replace_existing_names(false)
                    .allow_name_replacements(false)
                    .serve_at(path.as_str(), running)
            })
            .and_then(Builder::build);
        match built {
            Ok(connection) => return Ok(Claim::Owner(connection)),
            Err(zbus::Error::NameTaken) => {}
            Err(error) => return Err(ClaimError::NoBus(error)),
        }
        match hand_over(bus, &name, &path) {
            Ok(()) => return Ok(Claim::HandedOver),
            Err(error) if owner_gone(&error) => {
                tracing::info!(%error, attempt, "the instance holding the name is gone; claiming it again");
                last = Some(error);
            }
            Err(error) if timed_out(&error) => return Err(ClaimError::OwnerNotAnswering),
            Err(error) => return Err(ClaimError::HandOver(error)),
        }
    }
    Err(last.map_or(ClaimError::OwnerNotAnswering, ClaimError::HandOver))
}

fn builder(bus: &Bus) -> zbus::Result<Builder<'static>> {
    match &bus.address {
        None => Builder::session(),
        Some(address) => Builder::address(address.as_str()),
    }
}

/// Asks the owner of `name` to come forward, passing this launch's arguments and folder.
fn hand_over(bus: &Bus, name: &str, path: &str) -> zbus::Result<()> {
    let connection = builder(bus)?.method_timeout(bus.answer_limit).build()?;
    let argv: Vec<String> = std::env::args_os()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let cwd = std::env::current_dir()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    connection.call_method(
        Some(name),
        path,
        Some("org.SingleInstance.DBus"),
        "ExecuteCallback",
        &(argv, cwd),
    )?;
    Ok(())
}

/// The owner disconnected (crashed, killed) before or while it was asked: its name is free, or
/// will be as soon as the bus has processed the disconnect.
fn owner_gone(error: &zbus::Error) -> bool {
    use zbus::fdo::Error as Fdo;
    match error {
        zbus::Error::MethodError(name, _, _) => matches!(
            name.as_str(),
            "org.freedesktop.DBus.Error.NoReply"
                | "org.freedesktop.DBus.Error.ServiceUnknown"
                | "org.freedesktop.DBus.Error.NameHasNoOwner"
        ),
        zbus::Error::FDO(fdo) => matches!(
            **fdo,
            Fdo::NoReply(_) | Fdo::ServiceUnknown(_) | Fdo::NameHasNoOwner(_)
        ),
        _ => false,
    }
}

fn timed_out(error: &zbus::Error) -> bool {
    matches!(error, zbus::Error::InputOutput(io) if io.kind() == std::io::ErrorKind::TimedOut)
}
