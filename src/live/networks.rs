//! This computer's networks, for the teacher to choose the one a live class
//! is offered on: a laptop in a seminar room often has several (the room's
//! Wi-Fi, an Ethernet cable, a hotspot of its own, a VPN), and students can
//! reach it only on the one their phones are on.

use std::net::{IpAddr, Ipv4Addr, UdpSocket};

/// A network of this computer: its address there, and what to call it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    pub address: IpAddr,
    /// "Wi-Fi (wlp2s0)", "Ethernet (eno1)", "This computer only".
    pub name: String,
}

impl Network {
    pub fn is_loopback(&self) -> bool {
        self.address.is_loopback()
    }
}

/// This computer's networks, the one its traffic leaves by first, this
/// computer alone (for trying a class out) last. IPv4 only: a phone is given
/// the address to type or scan, and an IPv6 one is neither short nor sure to
/// be reachable in a room.
pub fn networks() -> Vec<Network> {
    let main = main_address();
    let mut found: Vec<Network> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.ip().is_ipv4() && !i.is_loopback())
        .map(|i| Network {
            address: i.ip(),
            name: kind_of(&i.name),
        })
        .collect();
    found.sort_by_key(|n| (Some(n.address) != main, n.name.clone()));
    found.dedup_by_key(|n| n.address);
    found.push(Network {
        address: IpAddr::V4(Ipv4Addr::LOCALHOST),
        name: "This computer only (to try the class out)".to_owned(),
    });
    found
}

/// The address of this computer on its main network (the one its traffic
/// leaves by), found without sending anything.
pub fn main_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    // Connecting a UDP socket only picks the route: no packet is sent.
    socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    socket
        .local_addr()
        .ok()
        .map(|a| a.ip())
        .filter(|ip| !ip.is_unspecified())
}

/// A network's kind from its interface's name, as the systems name them.
fn kind_of(interface: &str) -> String {
    let lower = interface.to_lowercase();
    let kind = if lower.starts_with("wl") || lower.contains("wi-fi") || lower.contains("wireless") {
        "Wi-Fi"
    } else if lower.starts_with("en") || lower.starts_with("eth") || lower.contains("ethernet") {
        "Ethernet"
    } else if lower.starts_with("ap") || lower.contains("hotspot") {
        "Hotspot"
    } else if lower.starts_with("tun") || lower.starts_with("wg") || lower.starts_with("utun") {
        "VPN"
    } else if lower.starts_with("docker")
        || lower.starts_with("br-")
        || lower.starts_with("veth")
        || lower.starts_with("virbr")
    {
        "Virtual network"
    } else {
        "Network"
    };
    format!("{kind} ({interface})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interfaces_are_named_by_their_kind() {
        assert_eq!(kind_of("wlp2s0"), "Wi-Fi (wlp2s0)");
        assert_eq!(kind_of("eno1"), "Ethernet (eno1)");
        assert_eq!(kind_of("Wi-Fi 2"), "Wi-Fi (Wi-Fi 2)");
        assert_eq!(kind_of("docker0"), "Virtual network (docker0)");
        assert_eq!(kind_of("wg0"), "VPN (wg0)");
    }

    #[test]
    fn this_computer_alone_is_always_offered_last() {
        let found = networks();
        assert!(found.last().is_some_and(Network::is_loopback), "{found:?}");
    }
}
