import sys

if sys.argv[1:2] == ["evaluate"]:
    # The contract command skips click's ~30 ms of imports: see evaluate_cli.
    from assistant.evaluate_cli import main as evaluate

    sys.exit(evaluate(sys.argv[2:]))
if sys.argv[1:2] == ["dialog"]:
    # Likewise for the dialog contract: the first question comes before click or the store load.
    from assistant.dialog_cli import main as dialog

    sys.exit(dialog(sys.argv[2:]))

from assistant.cli import main

main()
