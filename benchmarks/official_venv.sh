#!/usr/bin/env bash
# Make the virtual environment bench.py times the official OpenMetadata Python client in.
#
#   benchmarks/official_venv.sh [DIR]
#
# DIR defaults to $OFFICIAL_VENV, else ~/.cache/openmetadata-fluent/official-venv (outside
# the checkout), which is where bench.py looks; name another with --official-python.
#
# openmetadata-ingestion 2.0.6.0 pins a large dependency set, and resolving it fails on
# machines without open internet access: one dependency downloads a wheel from outside
# the package index while it builds. So the package goes in with --no-deps, and then only
# what importing it needs (its top-level package imports the whole client, secrets
# managers included). Nothing here touches this project's own environment.
set -euo pipefail

VERSION="2.0.6.0"
DIR="${1:-${OFFICIAL_VENV:-$HOME/.cache/openmetadata-fluent/official-venv}}"
PYTHON="${PYTHON:-python3}"
CHECK='from metadata.generated.schema.api.services.createMessagingService import CreateMessagingServiceRequest
from metadata.generated.schema.entity.services.messagingService import MessagingService
from metadata.ingestion.ometa.ometa_api import OpenMetadata'

if [[ -x "$DIR/bin/python" ]] && "$DIR/bin/python" -W ignore -c "$CHECK" 2>/dev/null; then
  echo "official client already importable: $DIR/bin/python"
  exit 0
fi

"$PYTHON" -m venv "$DIR"
pip=("$DIR/bin/python" -m pip install --quiet --disable-pip-version-check)

"${pip[@]}" --no-deps "openmetadata-ingestion==$VERSION"

# What `import metadata` loads, found by importing it until nothing was missing.
"${pip[@]}" \
  pydantic pydantic-settings email-validator \
  requests jsonpatch PyYAML Jinja2 python-dotenv python-dateutil pytz \
  "sqlalchemy<2.1" sqlparse "antlr4-python3-runtime==4.9.2" collate-sqllineage \
  chardet cached-property cachetools tenacity tabulate rich dsnparse toml cryptography \
  google-auth google-cloud-secret-manager google-crc32c \
  botocore boto3 azure-identity azure-keyvault-secrets kubernetes

# Its own requirements would pull the same unbuildable dependency again.
"${pip[@]}" --no-deps collate-data-diff

"$DIR/bin/python" -W ignore -c "$CHECK"
echo "official client ready: $DIR/bin/python"
