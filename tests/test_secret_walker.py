"""The one secret walker: masking as the server does, unmasking, keeping masks in diffs,
and redaction of maps the SDK does not model."""

from openmetadata_fluent._secrets import (
    MASK,
    REDACTED,
    keep_masks,
    looks_secret,
    mask,
    redact,
    unmask,
)
from openmetadata_fluent.models.common import SecretStr
from openmetadata_fluent.serialization import masked_keys, secret_keys

KEYS = frozenset({"saslPassword"})


def test_mask_hides_only_the_given_keys_and_only_strings() -> None:
    data = {"config": {"saslPassword": "s3cret", "consumerConfig": {"sasl.password": "x"}}}
    assert mask(data, KEYS) == {
        "config": {"saslPassword": MASK, "consumerConfig": {"sasl.password": "x"}}
    }
    assert data["config"]["saslPassword"] == "s3cret"  # a copy, not in place


def test_unmask_puts_the_stored_secret_back_where_the_mask_was_sent() -> None:
    stored = {"config": {"saslPassword": "s3cret", "saslUsername": "u"}}
    sent = {"config": {"saslPassword": MASK, "saslUsername": "v"}}
    assert unmask(sent, stored, KEYS) == {"config": {"saslPassword": "s3cret", "saslUsername": "v"}}
    changed = {"config": {"saslPassword": "new"}}
    assert unmask(changed, stored, KEYS) == changed


def test_keep_masks_restores_a_left_out_mask_but_not_a_changed_value() -> None:
    old = {"connection": {"config": {"saslPassword": MASK, "x": 1}}}
    new = {"connection": {"config": {"x": 2}}}
    assert keep_masks(old, new, KEYS) == {"connection": {"config": {"saslPassword": MASK, "x": 2}}}
    assert new == {"connection": {"config": {"x": 2}}}


def test_redact_hides_model_secrets_secret_looking_keys_and_secret_objects() -> None:
    data = {
        "saslPassword": "a",
        "consumerConfig": {"sasl.jaas.config": "b", "ssl.key.password": "c", "group.id": "g"},
        "raw": SecretStr("d"),
        "list": [{"token": "e"}],
    }
    out = redact(data, secret_keys())
    assert out == {
        "saslPassword": REDACTED,
        "consumerConfig": {"sasl.jaas.config": REDACTED, "ssl.key.password": REDACTED,
                           "group.id": "g"},
        "raw": REDACTED,
        "list": [{"token": REDACTED}],
    }


def test_secret_looking_keys() -> None:
    for key in ("sasl.password", "SSL_KEY_PASSWORD", "awsSecretAccessKey", "privateKey",
                "basic.auth.user.info", "nkeySeed", "apiKey", "token"):
        assert looks_secret(key), key
    for key in ("bootstrapServers", "group.id", "awsAccessKeyId", "saslUsername"):
        assert not looks_secret(key), key


def test_masked_keys_are_the_servers_password_fields() -> None:
    # API_FACTS, Secrets: exactly the format: password fields are masked.
    server_masked = {"saslPassword", "basicAuthUserInfo", "awsSecretAccessKey", "privateKey"}
    assert server_masked <= masked_keys()
    assert "sslKey" not in masked_keys() and "sslKey" in secret_keys()
