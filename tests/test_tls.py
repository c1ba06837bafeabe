"""TLS: verification is on by default, a CA bundle path works, turning it off warns once."""

from __future__ import annotations

import http.server
import json
import shutil
import ssl
import subprocess
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import openmetadata_fluent.client as client_module
from openmetadata_fluent import OpenMetadataClient, TransportError
from openmetadata_fluent.client import InsecureConnectionWarning
from openmetadata_fluent.transport import RetryPolicy

from .conftest import SEEDS_RESPONSE
from .test_builders import seeds_builder

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps(SEEDS_RESPONSE).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate; yields (url, cert)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def test_verification_is_on_by_default(tls_server: tuple[str, Path]) -> None:
    url, _ = tls_server
    sleeps: list[float] = []
    client = OpenMetadataClient(url, "t", retry=RetryPolicy(sleep=sleeps.append))
    with pytest.raises(TransportError, match="TLS handshake failed") as info:
        seeds_builder(client.messaging_services).create()
    assert "verify=" in str(info.value)
    assert sleeps == []  # a certificate problem is not retried


def test_a_ca_bundle_path_verifies_the_server(tls_server: tuple[str, Path]) -> None:
    url, cert = tls_server
    client = OpenMetadataClient(url, "t", verify=str(cert))
    assert seeds_builder(client.messaging_services).create().name == "sample_kafka"


def test_the_callers_ca_bundle_wins_over_requests_environment_variables(
    tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "other.pem"
    other.write_text("not the right bundle")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(other))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(other))
    url, cert = tls_server
    client = OpenMetadataClient(url, "t", verify=str(cert))
    assert seeds_builder(client.messaging_services).create().name == "sample_kafka"


def test_ca_bundle_from_the_environment(tls_server: tuple[str, Path]) -> None:
    url, cert = tls_server
    client = OpenMetadataClient.from_env(
        {"OPENMETADATA_HOST": url, "OPENMETADATA_CA_BUNDLE": str(cert)}
    )
    assert seeds_builder(client.messaging_services).create().name == "sample_kafka"


def test_verify_false_connects_and_warns_once(tls_server: tuple[str, Path]) -> None:
    url, _ = tls_server
    client_module._warned_insecure = False
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", module="urllib3")
        first = OpenMetadataClient(url, "t", verify=False)
        OpenMetadataClient(url, "t", verify=False)
        assert seeds_builder(first.messaging_services).create().name == "sample_kafka"
    ours = [w for w in record if issubclass(w.category, InsecureConnectionWarning)]
    assert len(ours) == 1
