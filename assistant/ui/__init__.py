"""The Textual chat app: `app.make_app` is the one factory, used by the CLI and the tests."""
