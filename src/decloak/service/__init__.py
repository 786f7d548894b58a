"""decloak over HTTP: ``decloak serve`` (JSON API, metrics, web inspector).

Kept free of imports here: the CLI loads :mod:`decloak.service.cli` on every
start, and FastAPI/uvicorn are an optional extra (``decloak[service]``).  Build
an application with ``decloak.service.app.create_app(Settings(...))`` to run it
under another ASGI server.
"""
