"""``python -m openmetadata_fluent`` is the ``openmetadata-fluent`` command."""

import sys

from openmetadata_fluent.cli import main

sys.exit(main())
