"""`python -m analysis` is the `brief` command."""

from analysis.publish.cli import main

raise SystemExit(main())
