"""`python -m bot` is `film-bot`."""

import sys

from .cli import main

sys.exit(main())
