"""Fixtures for driving a live StreamJobs with the official DLI Python SDK (huaweicloudsdkdli).

STREAMJOBS_COMPAT_URL is the service's base URL (http://127.0.0.1:PORT); STREAMJOBS_COMPAT_DATABASE_URL
is its database, used only to put a job into a state no API can reach without a Flink engine.
Without the URL the run fails: it never passes silently.
"""
import json
import os
import subprocess
import uuid

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkdli.v1 import DliClient

URL = os.environ.get("STREAMJOBS_COMPAT_URL", "")
DATABASE_URL = os.environ.get("STREAMJOBS_COMPAT_DATABASE_URL", "")
# The streamjobs binary, for `credentials create/revoke` and `audit` (with STREAMJOBS_MASTER_KEY and the
# database URLs in the environment). Without it the SDK signs with fake AK/SK (a service with auth off).
BIN = os.environ.get("STREAMJOBS_COMPAT_BIN", "")
_CREDENTIALS = {}


def pytest_configure(config):
    if not URL:
        raise pytest.UsageError("STREAMJOBS_COMPAT_URL is not set (run through scripts/test, or export it)")


@pytest.fixture
def project():
    """A project id no other test uses: every test sees an empty project."""
    return "compat" + uuid.uuid4().hex


def streamjobs(*args):
    """Runs the streamjobs admin command and returns its standard output."""
    assert BIN, "STREAMJOBS_COMPAT_BIN is not set"
    return subprocess.run([BIN, *args], capture_output=True, text=True, check=True).stdout


def credential(project_id):
    """An AK/SK for the project, created once with `streamjobs credentials create --json`."""
    if project_id not in _CREDENTIALS:
        _CREDENTIALS[project_id] = json.loads(streamjobs("credentials", "create", "--project", project_id, "--json"))
    return _CREDENTIALS[project_id]


def make_client(project_id, ak=None, sk=None):
    """The SDK pointed at the live service as dli-api.md §6.4 describes (no region), signing with a real
    credential of the project (or the given AK/SK)."""
    if ak is None:
        created = credential(project_id) if BIN else {"ak": "fake-ak", "sk": "fake-sk"}
        ak, sk = created["ak"], created["sk"]
    config = HttpConfig.get_default_config()
    config.timeout = (5, 30)
    return (DliClient.new_builder()
            .with_http_config(config)
            .with_credentials(BasicCredentials(ak, sk, project_id))
            .with_endpoints([URL])
            .build())


@pytest.fixture
def client(project):
    return make_client(project)


def raw(response):
    """The response body exactly as the server sent it, parsed as JSON (to check JSON types)."""
    return json.loads(response.raw_content.decode("utf-8"))


def sql(statement, **params):
    """Runs one SQL statement on the service's database with psql variables (:'name') as parameters."""
    assert DATABASE_URL, "STREAMJOBS_COMPAT_DATABASE_URL is not set"
    args = [os.environ.get("STREAMJOBS_COMPAT_PSQL", "psql"), DATABASE_URL, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1"]
    for name, value in params.items():
        args += ["-v", f"{name}={value}"]
    done = subprocess.run(args, input=statement, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)
