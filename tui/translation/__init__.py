"""Offline machine translation from Argos Translate packages.

Light on purpose: the reader imports :mod:`tui.translation.service` to look up
cached translations before any model exists, so nothing here (or in
``packages``, ``plan``, ``store``, ``service``) imports argostranslate,
CTranslate2, SentencePiece or pysbd at module level. Those are imported inside
the functions that run a model (``engine``, ``sentences``, package install).

Modules: ``packages`` (find/install/remove packages in a directory), ``plan``
(direct or pivot route), ``sentences`` (offline sentence splitting),
``engine`` (CTranslate2 batched inference), ``store`` (SQLite cache),
``shared`` (the same cache on a team's PostgreSQL server), ``opening``
(which cache to use), ``service`` (what the reader and CLI call), ``errors``.
"""
