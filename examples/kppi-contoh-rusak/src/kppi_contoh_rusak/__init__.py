"""A plugin that cannot be imported: it needs a module that is not installed.

kppi_core must name it (``kppi plugins``, a warning on stderr) and go on
without it: ``kppi --help`` and every other plugin keep working.
"""

import sistem_anggota_yang_tidak_ada  # noqa: F401  # deliberately missing
