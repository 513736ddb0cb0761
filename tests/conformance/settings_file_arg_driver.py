"""settings_file_driver.py and settings_mode_driver.py together, for
generate_settings_file_args.py: the workspace settings file written first, then
`wandb.init(settings=…)` built in the call.

    python settings_file_arg_driver.py batch CASES.json OUT.json   # settings only (dummy key)
    python settings_file_arg_driver.py real CASE.json OUT.json     # one complete wandb.init

The case's `context.settingsFile` is written as settings_file_driver.py writes it, its
`init.settings` (`{"form", "keys", "mode"?}`) built as settings_mode_driver.py builds it. Each
of the two modules replaces one hook of driver.py (`write_resume_file`, `init_kwargs`), so
importing both gives both; everything else is driver.py's.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import driver_cli  # noqa: E402
import settings_file_driver  # noqa: E402,F401  (writes wandb/settings)
import settings_mode_driver  # noqa: E402  (passes settings=)

driver = settings_mode_driver.driver
assert driver is settings_file_driver.driver

if __name__ == "__main__":
    driver_cli.main(driver)
