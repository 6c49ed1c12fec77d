"""The archive's errors, apart from the store so that importing them does not load DuckDB."""


class ArchiveError(Exception):
    """Base class of the archive's errors; its message is meant for the user."""


class ArchiveBusy(ArchiveError):
    """Another process holds the archive's write lock."""


class ReadOnlyViolation(ArchiveError):
    """A statement that would change an archive opened for queries."""
