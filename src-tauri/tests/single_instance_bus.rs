//! The Linux single-instance check against a real, private `dbus-daemon`: a second launch hands
//! over to a running instance; a launch that meets an instance which disconnects while being
//! asked (a crash, a kill) takes its place instead of exiting; an instance that never answers is
//! reported within the answer limit, not waited on forever.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use keywarden_lib::single_instance::dbus::{claim, Bus, Claim, ClaimError};

/// A private session bus, ended when dropped.
struct PrivateBus {
    daemon: Child,
    address: String,
}

impl PrivateBus {
    fn start() -> Self {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon runs (make test installs it)");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        Self {
            daemon,
            address: address.trim().to_owned(),
        }
    }

    fn bus(&self, answer_limit: Duration) -> Bus {
        Bus::at(&self.address, answer_limit)
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

const ID: &str = "app.keywarden.desktop.s0123456789abcdef";

fn counting(counter: &Arc<AtomicUsize>) -> Arc<dyn Fn() + Send + Sync> {
    let counter = Arc::clone(counter);
    Arc::new(move || {
        counter.fetch_add(1, Ordering::SeqCst);
    })
}

#[test]
fn a_second_launch_hands_over_to_the_running_instance_and_the_owner_comes_forward() {
    let private = PrivateBus::start();
    let bus = private.bus(Duration::from_secs(10));
    let forward = Arc::new(AtomicUsize::new(0));
    let first = claim(&bus, ID, counting(&forward)).unwrap();
    assert!(matches!(first, Claim::Owner(_)), "{first:?}");

    let never = Arc::new(AtomicUsize::new(0));
    let second = claim(&bus, ID, counting(&never)).unwrap();
    assert!(matches!(second, Claim::HandedOver), "{second:?}");
    assert_eq!(
        forward.load(Ordering::SeqCst),
        1,
        "the owner was asked to come forward"
    );
    assert_eq!(never.load(Ordering::SeqCst), 0);

    drop(first);
    let after_exit = claim(&bus, ID, counting(&never)).unwrap();
    assert!(
        matches!(after_exit, Claim::Owner(_)),
        "once the owner has exited a launch owns the name: {after_exit:?}"
    );
}

#[test]
fn a_launch_that_meets_an_instance_dying_while_asked_takes_its_place() {
    let private = PrivateBus::start();
    let bus = private.bus(Duration::from_secs(20));
    // The owner is asked, then disconnects without answering, as a killed process would.
    let (asked, was_asked) = mpsc::channel::<()>();
    let asked = Mutex::new(asked);
    let dying = claim(
        &bus,
        ID,
        Arc::new(move || {
            let _ = asked.lock().unwrap().send(());
            std::thread::sleep(Duration::from_secs(5));
        }),
    )
    .unwrap();
    let Claim::Owner(dying) = dying else {
        panic!("the first launch owns the name")
    };
    let killer = std::thread::spawn(move || {
        was_asked.recv_timeout(Duration::from_secs(20)).unwrap();
        dying.close().unwrap();
    });

    let started = Instant::now();
    let forward = Arc::new(AtomicUsize::new(0));
    let next = claim(&bus, ID, counting(&forward)).unwrap();
    killer.join().unwrap();
    assert!(
        matches!(next, Claim::Owner(_)),
        "the launch after the crash runs instead of exiting: {next:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );

    let third = claim(&bus, ID, counting(&Arc::new(AtomicUsize::new(0)))).unwrap();
    assert!(matches!(third, Claim::HandedOver), "{third:?}");
    assert_eq!(
        forward.load(Ordering::SeqCst),
        1,
        "the new owner answers later launches"
    );
}

#[test]
fn an_instance_that_never_answers_is_reported_within_the_answer_limit() {
    let private = PrivateBus::start();
    let bus = private.bus(Duration::from_millis(500));
    let hung = claim(
        &bus,
        ID,
        Arc::new(|| std::thread::sleep(Duration::from_secs(3))),
    )
    .unwrap();
    assert!(matches!(hung, Claim::Owner(_)));

    let started = Instant::now();
    let refused = claim(&bus, ID, counting(&Arc::new(AtomicUsize::new(0)))).unwrap_err();
    assert!(
        matches!(refused, ClaimError::OwnerNotAnswering),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("does not answer"), "{refused}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    drop(hung);
}

#[test]
fn without_a_bus_the_launch_is_told_so_rather_than_refused() {
    let bus = Bus::at(
        "unix:path=/nonexistent/keywarden-test-bus",
        Duration::from_secs(1),
    );
    let outcome = claim(&bus, ID, counting(&Arc::new(AtomicUsize::new(0)))).unwrap_err();
    assert!(matches!(outcome, ClaimError::NoBus(_)), "{outcome:?}");
}
