"""Which network addresses Skim may connect to, decided before any connection is made.

Anyone in a Slack workspace can post a link, so a link is attacker input: without this guard a
link could make Skim read the cloud metadata service, an admin panel on the office network or a
database port on the host itself, and post what it found back into the channel. The rule is an
allow-by-default for the public internet and a refusal for everything else, applied to the
address a host name *really* resolves to (not to how it is spelled), with an explicit
exemption list for operators who do want Skim to read an internal wiki.

The functions here only decide; `transport` then connects to exactly the address that was
decided on, so a second DNS answer cannot swap it (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass

from summarizer.errors import BlockedAddressError, ConnectionFailedError, InvalidURLError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Written out rather than taken from `ipaddress.is_global`/`is_private`, whose answers changed
# between Python patch releases: what Skim refuses should not depend on the interpreter.
_BLOCKED_V4: tuple[ipaddress.IPv4Network, ...] = tuple(
    ipaddress.IPv4Network(net)
    for net in (
        "0.0.0.0/8",  # "this network", includes the unspecified address
        "10.0.0.0/8",  # private (RFC 1918)
        "100.64.0.0/10",  # carrier-grade NAT, often an ISP's or a cloud's internal network
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link-local, home of the cloud metadata services
        "172.16.0.0/12",  # private (RFC 1918)
        "192.0.0.0/24",  # IETF protocol assignments (NAT64 discovery, DS-Lite...)
        "192.88.99.0/24",  # 6to4 relay anycast (deprecated)
        "192.168.0.0/16",  # private (RFC 1918)
        "198.18.0.0/15",  # benchmarking, also used by "fake IP" proxies for internal routing
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, includes the broadcast address
    )
)

# The documentation ranges (TEST-NET-1/2/3, 2001:db8::/32) are deliberately *not* refused: no
# network is ever assigned there, so they reach nothing, and keeping them "public" lets tests
# stand in a public address that cannot be reached by mistake.
_GLOBAL_UNICAST_V6 = ipaddress.IPv6Network("2000::/3")
_DOCUMENTATION_V6 = ipaddress.IPv6Network("2001:db8::/32")
_NAT64_V6 = ipaddress.IPv6Network("64:ff9b::/96")  # well-known NAT64 prefix, embeds an IPv4
_BLOCKED_V6_IN_GLOBAL: tuple[ipaddress.IPv6Network, ...] = (
    # IETF protocol assignments: Teredo (embeds IPv4), benchmarking, ORCHID, AS112...
    ipaddress.IPv6Network("2001::/23"),
)

_NUMERIC_PART = re.compile(r"(?:0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)\Z")
_LOOKS_NUMERIC = re.compile(r"(?:0[xX][0-9a-fA-F]*|[0-9]+)\Z")
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\Z")

_PRIVATE_MESSAGE = (
    "That link points to a private network address, which Skim is not allowed to fetch."
)
_PRIVATE_REDIRECT_MESSAGE = (
    "That link redirects to a private network address, which Skim is not allowed to fetch."
)


def parse_ipv4_literal(host: str) -> ipaddress.IPv4Address | None:
    """Read `host` the way `inet_aton` (and so `getaddrinfo`) does, or return None.

    Browsers and C resolvers accept 1 to 4 dot-separated parts, each decimal, octal (leading 0)
    or hex (0x), the last part filling the remaining bytes: `2130706433`, `0x7f.1`, `0177.0.0.1`
    and `127.1` all mean 127.0.0.1. Judging only dotted-quad text would let those through.
    """
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers: list[int] = []
    for part in parts:
        if not _NUMERIC_PART.match(part):
            return None
        if part[:2].lower() == "0x":
            numbers.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            numbers.append(int(part, 8))
        else:
            numbers.append(int(part))
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = last
    for index, number in enumerate(head):
        value |= number << (24 - 8 * index)
    return ipaddress.IPv4Address(value)


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address `host` spells, if it spells one; None for a name.

    A host whose last label is a number but that is not a valid address (`1.2.3.999`, `08.1`)
    is an error, as in the WHATWG URL standard, instead of being handed to DNS where resolvers
    disagree about it.
    """
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            raise InvalidURLError("That link has a malformed IPv6 address in it.") from None
    address = parse_ipv4_literal(host)
    if address is not None:
        return address
    if _LOOKS_NUMERIC.match(host.rsplit(".", 1)[-1]):
        raise InvalidURLError("That link has a malformed IP address in it.")
    return None


def is_public(address: IPAddress) -> bool:
    """Whether `address` is on the public internet, judged by where packets to it really go.

    IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by the IPv4
    address inside; every other IPv6 address outside global unicast (loopback, unspecified,
    link-local, site-local, unique-local, multicast, IPv4-compatible...) is refused.
    """
    if isinstance(address, ipaddress.IPv4Address):
        return not any(address in net for net in _BLOCKED_V4)
    if address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    if address in _NAT64_V6:
        return is_public(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if address.sixtofour is not None:
        return is_public(address.sixtofour)
    if address in _DOCUMENTATION_V6:
        return True
    if address not in _GLOBAL_UNICAST_V6:
        return False
    return not any(address in net for net in _BLOCKED_V6_IN_GLOBAL)


def normalize_host(host: str) -> str:
    """Lower case, without the trailing dots of a fully qualified name (`127.0.0.1.`)."""
    return host.strip().lower().rstrip(".")


def _is_host_name(host: str) -> bool:
    return 0 < len(host) <= 253 and all(_LABEL.match(label) for label in host.split("."))


@dataclass(frozen=True)
class AllowList:
    """Hosts and networks that may be fetched although they are not public.

    Host names match exactly (no wildcards, so allowing `wiki.corp` does not allow
    `evil.wiki.corp`) and exempt whatever they resolve to; networks exempt the addresses in them.
    """

    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        """Parse operator input; a bad entry is a `ValueError` naming it, so a typo in the
        configuration stops the app at start instead of silently allowing nothing."""
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for raw in entries:
            if not isinstance(raw, str):
                raise ValueError(f"SKIM_FETCH_ALLOW entry {raw!r} is not a string")
            entry = normalize_host(raw)
            if not entry:
                continue
            if "/" in entry:
                try:
                    networks.append(ipaddress.ip_network(entry, strict=True))
                except ValueError:
                    raise ValueError(
                        f"SKIM_FETCH_ALLOW entry {raw.strip()!r} is not a valid CIDR network "
                        "(like 10.0.0.0/8)"
                    ) from None
                continue
            try:
                address = parse_ip_literal(entry)
            except InvalidURLError:
                address = None
                bad = True
            else:
                bad = address is None and not _is_host_name(entry)
            if bad:
                raise ValueError(
                    f"SKIM_FETCH_ALLOW entry {raw.strip()!r} is not a host name, IP address "
                    "or CIDR network"
                )
            if address is not None:
                networks.append(ipaddress.ip_network(address))
            else:
                hosts.add(entry)
        return cls(frozenset(hosts), tuple(networks))

    def permits_host(self, host: str) -> bool:
        return normalize_host(host) in self.hosts

    def permits_address(self, address: IPAddress) -> bool:
        candidates: list[IPAddress] = [address]
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            candidates.append(address.ipv4_mapped)
        return any(
            candidate.version == net.version and candidate in net
            for candidate in candidates
            for net in self.networks
        )


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to, in resolver order, without duplicates."""
    try:
        answers = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ConnectionFailedError(
            f"Skim could not find the site {host}; check the link for typos."
        ) from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canonname, sockaddr in answers:
        try:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        except ValueError:
            continue
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise ConnectionFailedError(
            f"Skim could not find the site {host}; check the link for typos."
        )
    return addresses


def checked_addresses(
    host: str, port: int, allow: AllowList, *, redirected: bool = False
) -> tuple[IPAddress, ...]:
    """Resolve `host` once and return the addresses Skim may connect to, or raise.

    If any answer is refused the whole host is refused: a name that resolves to both a public
    and a private address is either misconfigured or an attack, and picking the public one
    would only invite a retry until the private one comes first.
    """
    message = _PRIVATE_REDIRECT_MESSAGE if redirected else _PRIVATE_MESSAGE
    name = normalize_host(host)
    if not name:
        raise InvalidURLError("That link has no site name in it.")
    literal = parse_ip_literal(name)
    if literal is not None:
        if allow.permits_address(literal) or is_public(literal):
            return (literal,)
        raise BlockedAddressError(message)
    if not _is_host_name(name):
        raise InvalidURLError("That link has an invalid site name in it.")
    if allow.permits_host(name):
        return tuple(resolve(name, port))
    if name == "localhost" or name.endswith(".localhost"):
        raise BlockedAddressError(message)  # RFC 6761: always loopback, whatever DNS says
    addresses = resolve(name, port)
    for address in addresses:
        if not (allow.permits_address(address) or is_public(address)):
            raise BlockedAddressError(message)
    return tuple(addresses)
