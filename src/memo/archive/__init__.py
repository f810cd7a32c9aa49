"""The archive: every memo sent, versioned, never overwritten, fixity-checked, rebuildable.

``<archive root>/<file name of the Dnr>/v<N>/`` is a BagIt bag (RFC 8493) whose payload is a
small workspace: the .docx and PDF/A, ``cases/<Dnr>.yaml`` and ``templates/<org>/`` exactly as
built, and ``metadata.json``. Modules by concept: ``versions`` (the archive on disk, locking),
``bag`` (making, sealing and checking bags), ``amounts`` (the amounts a memo shows, and what
changed), ``store`` (archiving a case), ``verify``, ``log``, ``diff``, ``commands`` (the CLI).
"""
