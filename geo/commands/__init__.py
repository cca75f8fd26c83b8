"""The subcommands that start and export a project: ``init`` and ``export`` (registered by :mod:`geo.cli`)."""
