"""The one entry point of the `assistant` script and of `python -m assistant`.

Both run `main()`: the interface language is chosen first (`--lang`, else ASSISTANT_LANG, else
French) so that even a parsing error is in that language; `evaluate` is dispatched before click
is imported (its start-up time is part of the contract, see evaluate_cli); every failure ends
as one line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import sys

from assistant.i18n import N_, _, default_language, requested_language, set_language


def main() -> None:
    try:
        status = _run(sys.argv[1:])
    except KeyboardInterrupt:
        status = _fail(N_("Interrompu."), 130)
    except Exception as error:  # no traceback ever reaches a user; the line says what broke
        status = _fail(N_("erreur interne : {kind} : {error}"), 1, kind=type(error).__name__,
                       error=" ".join(str(error).split()))  # one line, even for a multi-line message
    sys.exit(status)


def _run(args: list[str]) -> int:
    lang = requested_language(args)
    if lang is None:
        try:
            lang = default_language(_site_language())
        except ValueError as error:
            return _fail(N_("ASSISTANT_LANG : langue inconnue {value} (fr ou en)"), 2, value=error)
    set_language(lang)
    if args[:1] == ["evaluate"]:
        from assistant.evaluate_cli import main as evaluate

        return evaluate(args[1:])
    if args[:1] == ["dialog"]:  # likewise: the first question comes before click or the store load
        from assistant.dialog_cli import main as dialog

        return dialog(args[1:])
    from assistant.cli import run
    from assistant.output import run_checking_stdout

    return run_checking_stdout(lambda: run(args))  # the command's status; stdout errors: one line, 1


def _site_language() -> str | None:
    """The site's default language (`config set lang`); a damaged settings file is reported by
    the commands that use it, not here."""
    from assistant.site import SiteSettingsError, load_site

    try:
        return load_site().lang
    except SiteSettingsError:
        return None


def _fail(message: str, status: int, **params) -> int:
    sys.stderr.write(_(message).format(**params) + "\n")
    return status


if __name__ == "__main__":
    main()
