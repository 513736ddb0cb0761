"""The command line every driver module shares: `batch CASES.json OUT.json` (the settings
only, with the dummy API key and the unanswered server address) or `real CASE.json OUT.json`
(one complete `wandb.init`).

    import driver_cli
    if __name__ == "__main__":
        driver_cli.main(driver)

Drivers written before this module carry the same ten lines in their own `__main__` blocks;
moving them here would change every family's fingerprint (fingerprints.py), i.e. rerun every
family, so only new drivers use it.
"""

import os
import sys

import mode_driver


def main(driver, argv=None):
    """Run `driver` as the generators call it; `argv` defaults to the process's arguments."""
    argv = sys.argv[1:] if argv is None else argv
    mode, paths = argv[0], [os.path.abspath(a) for a in argv[1:]]
    if mode == "batch":
        driver.BASE_ENV_NEW = dict(driver.BASE_ENV_NEW, **mode_driver.ONLINE_ENV)
        driver.run_batch(*paths)
    elif mode == "real":
        driver.run_real(*paths)
    else:
        raise SystemExit("unknown mode " + mode)
