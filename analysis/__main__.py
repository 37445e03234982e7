"""`python -m analysis` is the `brief` command."""

from analysis.cli import main

raise SystemExit(main())
