"""`python -m coalition` runs the same command line as the `coalition` script."""

from coalition.cli import main

raise SystemExit(main())
