//! Who the client is: the TCP peer, or behind a trusted proxy or balancer the address it names in
//! a header. Rate limits count per client address; without this every client behind a balancer
//! would share the balancer's allowance.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;

use crate::app::AppState;

/// The client's address as [`client_ip`] reads it with the server's trusted proxies, when the
/// server knows the peer.
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ClientIp, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        let config = &state.config;
        Ok(ClientIp(client_ip(
            peer,
            &parts.headers,
            &config.trusted_proxies,
            &config.client_ip_header,
        )))
    }
}

/// An address or network (`10.0.0.0/8`) whose requests may name the client in a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrustedProxy {
    net: IpAddr,
    prefix: u8,
}

impl FromStr for TrustedProxy {
    type Err = String;

    fn from_str(s: &str) -> Result<TrustedProxy, String> {
        let (addr, prefix) = s.trim().split_once('/').unwrap_or((s.trim(), ""));
        let net: IpAddr = addr
            .parse()
            .map_err(|_| format!("not an IP address or network: {s}"))?;
        let bits = if net.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            "" => bits,
            p => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= bits)
                .ok_or_else(|| format!("bad prefix length in {s}"))?,
        };
        Ok(TrustedProxy { net, prefix })
    }
}

impl TrustedProxy {
    /// Whether `ip` is this address or inside this network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let bits = |ip: IpAddr| match ip {
            IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32u32),
            IpAddr::V6(v6) => (u128::from(v6), 128u32),
        };
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        let ((net, width), (addr, addr_width)) = (bits(self.net), bits(ip));
        if width != addr_width {
            return false;
        }
        let host_bits = width - u32::from(self.prefix);
        let mask = if host_bits >= 128 {
            0
        } else {
            u128::MAX << host_bits
        };
        net & mask == addr & mask
    }
}

/// The client's address: the TCP peer, or, when the peer is a trusted proxy, the nearest address
/// in `header` (e.g. `X-Forwarded-For`, read right to left) that is not a trusted proxy itself.
/// Addresses left of it were written by the client and prove nothing.
pub fn client_ip(
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    trusted: &[TrustedProxy],
    header: &str,
) -> Option<IpAddr> {
    let peer = peer?.ip();
    let is_trusted = |ip: IpAddr| trusted.iter().any(|t| t.contains(ip));
    if !is_trusted(peer) {
        return Some(peer);
    }
    let hops = headers
        .get_all(header)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    for hop in hops.iter().rev() {
        let Ok(ip) = hop
            .parse::<IpAddr>()
            .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()))
        else {
            return Some(peer);
        };
        if !is_trusted(ip) {
            return Some(ip);
        }
    }
    Some(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_address_comes_from_trusted_proxies_only() {
        let trusted: Vec<TrustedProxy> = ["10.0.0.0/8", "::1"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let peer = |s: &str| Some(SocketAddr::new(s.parse().unwrap(), 443));
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "6.6.6.6, 1.2.3.4, 10.0.0.7".parse().unwrap(),
        );
        let ip = |p, h: &HeaderMap| client_ip(peer(p), h, &trusted, "x-forwarded-for");
        // Through two trusted hops: the first untrusted address from the right.
        assert_eq!(ip("10.9.9.9", &headers), "1.2.3.4".parse().ok());
        assert_eq!(ip("::1", &headers), "1.2.3.4".parse().ok());
        // A client talking directly cannot pick its address.
        assert_eq!(ip("5.5.5.5", &headers), "5.5.5.5".parse().ok());
        // No header, or garbage: the proxy's own address.
        assert_eq!(ip("10.9.9.9", &HeaderMap::new()), "10.9.9.9".parse().ok());
        headers.insert("x-forwarded-for", "nonsense".parse().unwrap());
        assert_eq!(ip("10.9.9.9", &headers), "10.9.9.9".parse().ok());
        assert!("10.0.0.0/33".parse::<TrustedProxy>().is_err());
        assert!("0.0.0.0/0"
            .parse::<TrustedProxy>()
            .unwrap()
            .contains("8.8.8.8".parse().unwrap()));
    }
}
