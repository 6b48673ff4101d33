"""`python -m assistant serve`: the app in a browser, for the signed-in agents of a site.

The web layer never imports Textual: each browser tab gets its own app process
(`python -m assistant app --agent CODE`), driven through textual-serve's AppService.
"""
