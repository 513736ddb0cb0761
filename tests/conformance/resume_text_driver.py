"""The offline batch driver (driver.py) with the resume file written as raw text.

    python resume_text_driver.py CASES.json OUT.json

Each case's `context.resumeFileText` is written to `wandb/wandb-resume.json` byte for byte
(UTF-8, no newline translation) before the release's own `wandb.init` runs; everything else
— the stubs, the captured settings, the warnings, the file read back afterwards — is
driver.py's. Used by generate_resume_texts.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import driver  # noqa: E402

_write_id_file = driver.write_resume_file


def write_resume_file(wd, context):
    if context and context.get("resumeFileText") is not None:
        os.makedirs(os.path.join(wd, "wandb"))
        path = os.path.join(wd, "wandb", "wandb-resume.json")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(context["resumeFileText"])
        return
    _write_id_file(wd, context)


driver.write_resume_file = write_resume_file

if __name__ == "__main__":
    driver.run_batch(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))
