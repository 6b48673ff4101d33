"""The installed command line: catalogs in the wheel, `kb validate`, help in both languages.

Run by .ci/run with the wheel's virtual environment, from outside the source tree:
`python smoke_cli.py WHEEL`.
"""

import os
import subprocess
import sys
import zipfile

import assistant


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120)


def main(wheel: str) -> int:
    problems = []
    if "site-packages" not in assistant.__file__:
        problems.append(f"not the installed package: {assistant.__file__}")
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in ("fr", "en"):
        if f"assistant/locales/{lang}/LC_MESSAGES/messages.mo" not in names:
            problems.append(f"the wheel lacks the compiled {lang} catalog")
    validate = run("kb", "validate")
    if validate.returncode or not validate.stdout.startswith("OK ") or "règles et montants" not in validate.stdout:
        problems.append(f"kb validate: {validate.returncode} {validate.stdout}{validate.stderr}")
    french, english = run("--help"), run("--help", "--lang", "en")
    if not french.stdout.startswith("Utilisation : assistant") or "Afficher cette aide" not in french.stdout:
        problems.append(f"French help:\n{french.stdout}{french.stderr}")
    if not english.stdout.startswith("Usage: assistant") or "Health coverage assistant" not in english.stdout:
        problems.append(f"English help:\n{english.stdout}{english.stderr}")
    bad = run("cases", "list", "--bogus", ASSISTANT_LANG="en")
    if (bad.returncode, bad.stderr) != (2, "Error: No such option '--bogus'.\n"):
        problems.append(f"English usage error: {bad.returncode} {bad.stderr!r}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"command line from the wheel: {validate.stdout.strip()}; help in French and English; "
              f"{sum(n.endswith('.mo') for n in names)} catalogs")
    return 1 if problems else 0


sys.exit(main(sys.argv[1]))
