"""The README's Python SDK quickstart, run as a user runs it: the ```python block of README.md, saved as
quickstart.py unchanged but for the service's address, in a fresh interpreter whose environment holds the
HUAWEICLOUD_SDK_* variables of a credential (the line `scripts/run` prints). It must print what the
block's closing comments say it prints."""
import os
import pathlib
import re
import subprocess
import sys

import pytest

from conftest import BIN, URL, credential

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"
DOCUMENTED_ENDPOINT = "http://127.0.0.1:8080"

pytestmark = pytest.mark.skipif(not BIN, reason="needs STREAMJOBS_COMPAT_BIN (a service with authentication on)")


def python_blocks():
    return re.findall(r"^```python\n(.*?)^```$", README.read_text(encoding="utf-8"), re.S | re.M)


def documented_output(block):
    """The block's trailing `# …` lines, as patterns (a job id may be any number)."""
    lines = block.rstrip("\n").split("\n")
    printed = []
    while lines and lines[-1].startswith("# "):
        printed.insert(0, lines.pop()[2:])
    return [r"job \d+ ".join(re.escape(part) for part in line.split("job 1 ")) for line in printed]


def test_the_readme_has_one_python_quickstart_on_the_documented_endpoint():
    blocks = python_blocks()
    assert len(blocks) == 1, f"README.md has {len(blocks)} python blocks; this test runs exactly one"
    assert f'.with_endpoints(["{DOCUMENTED_ENDPOINT}"])' in blocks[0]
    assert documented_output(blocks[0]), "the quickstart no longer says what it prints"


def test_the_readme_python_quickstart_runs_as_pasted(project, tmp_path):
    block = python_blocks()[0]
    script = tmp_path / "quickstart.py"
    script.write_text(block.replace(DOCUMENTED_ENDPOINT, URL), encoding="utf-8")
    key = credential(project)
    env = {name: value for name, value in os.environ.items() if not name.startswith("HUAWEICLOUD_SDK_")}
    env.update(HUAWEICLOUD_SDK_AK=key["ak"], HUAWEICLOUD_SDK_SK=key["sk"], HUAWEICLOUD_SDK_PROJECT_ID=project)
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    printed = done.stdout.rstrip("\n").split("\n")
    expected = documented_output(block)
    assert len(printed) == len(expected), done.stdout
    for line, pattern in zip(printed, expected):
        assert re.fullmatch(pattern, line), f"{line!r} does not match the README's {pattern!r}"
