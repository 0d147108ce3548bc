"""The address guard: private, loopback, metadata and other special addresses are refused
however they are spelled, at every hop, and DNS rebinding cannot swap the checked address."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import FetchPolicy, fetch
from summarizer.errors import (
    BlockedAddressError,
    ConnectionFailedError,
    FetchError,
    InvalidURLError,
)
from summarizer.fetch import netguard
from tests.summarizer.fetch.serving import page
from tests.support.httpservers import (
    LOOPBACK,
    FakeNetwork,
    LocalServer,
    TLSServer,
    self_signed_certificate,
)

ADDRESS_TRICKS = [
    ("http://127.0.0.1/", BlockedAddressError),
    ("http://localhost/", BlockedAddressError),
    ("http://LocalHost./", BlockedAddressError),
    ("http://app.localhost/", BlockedAddressError),
    ("http://2130706433/", BlockedAddressError),
    ("http://0x7f000001/", BlockedAddressError),
    ("http://0177.0.0.1/", BlockedAddressError),
    ("http://017700000001/", BlockedAddressError),
    ("http://0x7f.1/", BlockedAddressError),
    ("http://127.1/", BlockedAddressError),
    ("http://127.000.000.001/", BlockedAddressError),
    ("http://[::1]/", BlockedAddressError),
    ("http://[::]/", BlockedAddressError),
    ("http://[::ffff:127.0.0.1]/", BlockedAddressError),
    ("http://[::ffff:7f00:1]/", BlockedAddressError),
    ("http://[::127.0.0.1]/", BlockedAddressError),
    ("http://169.254.169.254/latest/meta-data/", BlockedAddressError),
    ("http://[::ffff:169.254.169.254]/latest/meta-data/", BlockedAddressError),
    ("http://metadata.google.internal/", BlockedAddressError),
    ("http://10.0.0.1/", BlockedAddressError),
    ("http://192.168.1.1/", BlockedAddressError),
    ("http://172.16.0.1/", BlockedAddressError),
    ("http://100.64.0.1/", BlockedAddressError),
    ("http://0.0.0.0/", BlockedAddressError),
    ("http://0/", BlockedAddressError),
    ("http://224.0.0.1/", BlockedAddressError),
    ("http://255.255.255.255/", BlockedAddressError),
    ("http://198.18.0.1/", BlockedAddressError),
    ("http://[fd00::1]/", BlockedAddressError),
    ("http://[fe80::1]/", BlockedAddressError),
    ("http://[fec0::1]/", BlockedAddressError),
    ("http://[ff02::1]/", BlockedAddressError),
    ("http://good.com@10.0.0.1/", BlockedAddressError),
    ("http://good.com:pw@127.0.0.1:8080/", BlockedAddressError),
    ("http://127.0.0.1./", BlockedAddressError),
    ("http://0x7f.0x0.0x0.0x1/", BlockedAddressError),
    ("http://[0:0:0:0:0:ffff:127.0.0.1]/", BlockedAddressError),
    ("http://%31%32%37.0.0.1/", BlockedAddressError),  # percent-encoded host
    ("http://loc%61lhost/", BlockedAddressError),
    ("http://evil.test\\@127.0.0.1/", BlockedAddressError),  # judged by the host dialled
    ("http://127.0.0.1#@evil.test/", BlockedAddressError),
    ("HTTP://127.0.0.1/", BlockedAddressError),
    (" http://127.0.0.1/ ", BlockedAddressError),
    ("http://[fe80::1%25eth0]/", BlockedAddressError),
    ("https://127.0.0.1:443/", BlockedAddressError),
    ("http://[64:ff9b::a00:1]/", BlockedAddressError),
    ("http://[64:ff9b::7f00:1]/", BlockedAddressError),
    ("http://[2002:a00:1::]/", BlockedAddressError),
    ("http://[2002:7f00:1::]/", BlockedAddressError),
    ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", BlockedAddressError),  # Teredo
    ("http://internal.test/", BlockedAddressError),  # a name with a private answer
    ("http://mixed.test/", BlockedAddressError),  # one public answer, one private
    ("ftp://example.com/", InvalidURLError),
    ("file:///etc/passwd", InvalidURLError),
    ("javascript:alert(1)", InvalidURLError),
    ("gopher://127.0.0.1:6379/_INFO", InvalidURLError),
    ("http:///nohost", InvalidURLError),
    ("http://1.2.3.999/", InvalidURLError),
    ("http://[::1/", InvalidURLError),
    ("http://１２７.０.０.１/", InvalidURLError),  # full-width digits
    ("http://127.0.0.1:99999/", InvalidURLError),
    ("//127.0.0.1/", InvalidURLError),
    ("not a url", InvalidURLError),
]


@pytest.mark.parametrize(("url", "error"), ADDRESS_TRICKS)
def test_address_tricks_are_refused(
    network: FakeNetwork, url: str, error: type[FetchError]
) -> None:
    network.names["localhost"] = [LOOPBACK, "::1"]
    network.names["app.localhost"] = [LOOPBACK]
    network.names["metadata.google.internal"] = ["169.254.169.254"]
    network.names["internal.test"] = ["10.1.2.3"]
    network.names["mixed.test"] = ["203.0.113.5", "10.1.2.3"]

    with pytest.raises(error) as caught:
        fetch(url)

    assert type(caught.value) is error
    assert network.connects == []
    if error is BlockedAddressError:
        assert str(caught.value) == (
            "That link points to a private network address, which Skim is not allowed to fetch."
        )


def test_dns_rebinding_cannot_swap_the_checked_address(
    server: LocalServer, network: FakeNetwork
) -> None:
    # First answer public (passes the check), every later one 127.0.0.1, where a server waits.
    answers = iter([["203.0.113.5"]])
    network.names["rebind.test"] = lambda: next(answers, [LOOPBACK])
    server.route("/", page("internal secrets"))

    with pytest.raises(ConnectionFailedError):
        fetch(server.url("/", host="rebind.test"))

    assert network.lookups == ["rebind.test"]
    assert network.connects == [("203.0.113.5", server.port)]
    assert server.requests == []


@pytest.mark.parametrize(("scheme", "port"), [("http", 80), ("https", 443)])
def test_public_names_are_dialled_at_every_checked_address_in_order(
    network: FakeNetwork, scheme: str, port: int
) -> None:
    network.names["news.test"] = ["203.0.113.5", "2001:db8::5"]
    with pytest.raises(ConnectionFailedError, match="could not connect"):
        fetch(f"{scheme}://news.test/story")
    assert network.connects == [("203.0.113.5", port), ("2001:db8::5", port)]


def test_unknown_names_are_a_connection_failure(network: FakeNetwork) -> None:
    with pytest.raises(ConnectionFailedError, match=r"could not find the site nowhere\.test"):
        fetch("https://nowhere.test/")
    assert network.connects == []


def test_https_sends_the_real_name_for_sni_and_verifies_the_certificate(
    network: FakeNetwork, tmp_path: Path
) -> None:
    try:
        certfile, keyfile = self_signed_certificate("secure.test", tmp_path)
    except FileNotFoundError:
        pytest.skip("needs the openssl command to make a certificate")
    network.names["secure.test"] = [LOOPBACK]
    tls = TLSServer(certfile, keyfile).start()
    tls.route("/", page())
    try:
        with pytest.raises(ConnectionFailedError, match="secure connection"):
            fetch(
                tls.url("/", host="secure.test", scheme="https"),
                FetchPolicy(allow=("secure.test",)),
            )
    finally:
        tls.stop()
    # Dialled at 127.0.0.1, but SNI named the site; the self-signed certificate was refused.
    assert tls.sni_names == ["secure.test"]
    assert tls.requests == []


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("192.168.257", "192.168.1.1"),
        ("0", "0.0.0.0"),
        ("8.8.8.8", "8.8.8.8"),
    ],
)
def test_ipv4_literals_are_read_like_inet_aton(host: str, address: str) -> None:
    assert str(netguard.parse_ipv4_literal(host)) == address


@pytest.mark.parametrize("host", ["1.2.3.4.5", "256.0.0.1", "08.0.0.1", "example.com", "1..2", ""])
def test_non_ipv4_literals(host: str) -> None:
    assert netguard.parse_ipv4_literal(host) is None


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "1.1.1.1",
        "203.0.113.5",  # documentation range: reaches nothing, allowed on purpose
        "2606:4700:4700::1111",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:808:808::1",
    ],
)
def test_public_addresses_are_not_over_blocked(address: str) -> None:
    assert netguard.is_public(netguard.ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    ["192.0.0.170", "100::1", "::ffff:0:a00:1", "64:ff9b:1::a00:1", "2001:2::1", "fc00::1"],
)
def test_special_purpose_addresses_are_blocked(address: str) -> None:
    assert not netguard.is_public(netguard.ipaddress.ip_address(address))
