"""click's own messages that a ``kppi`` user can see, marked for kppi's catalog.

Never imported: ``pybabel extract`` reads this file so the catalog keeps
click's msgids ("Usage:", "Error: {message}") beside kppi's own, and
:func:`kppi_core.cli._i18n.installed` lets click find them. The msgids are
click's, character for character (tests/test_i18n_catalogs.py checks them
against the installed click); messages only a programmer sees (a command
defined wrongly) are left out.
"""

from kppi_core.i18n import N_


def _n(singular: str, plural: str) -> tuple[str, str]:
    return (singular, plural)


MESSAGES = (
    # formatting.py, core.py: the help screen
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("(dynamic)"),
    N_("deprecated"),
    N_("DeprecationWarning: The command {name!r} is deprecated.{extra_message}"),
    N_("DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}"),
    N_("Aborted!"),
    N_("Do you want to continue?"),
    N_("Confirm the action without prompting."),
    # exceptions.py: usage errors
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("unknown error"),
    N_("Could not open file {filename!r}: {message}"),
    _n("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    _n("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    _n("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."),
    # parser.py
    N_("Invalid start character for option ({option})"),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Option {name!r} does not take a value."),
    _n("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    # types.py: values of the wrong kind
    N_("Choose from:\n\t{choices}"),
    N_("Choice({choices})"),
    _n("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    _n(
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{value!r} is not a valid UUID."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    _n(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ),
    # termui.py, _termui_impl.py, shell_completion.py
    N_("Repeat for confirmation"),
    N_("Error: The two entered values do not match."),
    N_("Error: invalid input"),
    N_("Press any key to continue..."),
    # TRANSLATORS: click's progress bar: the abbreviation of 'day' (hari).
    N_("d"),
    N_("{editor}: Editing failed"),
    N_("{editor}: Editing failed: {e}"),
    N_("Shell completion is not supported for Bash versions older than 4.4."),
    N_("Couldn't detect Bash version, shell completion is not supported."),
)
