"""Authentication as DLI clients do it (dli-api.md §6): the official SDK signs with a credential made by
`streamjobs credentials create`; tampered, stale, foreign and revoked requests fail as issue 5 specifies."""
import datetime
import json
import time
from urllib.parse import urlparse

import pytest
import requests
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer
from huaweicloudsdkdli.v1 import DeleteFlinkJobRequest, ListFlinkJobsRequest, ShowFlinkJobRequest

from conftest import BIN, URL, credential, make_client, streamjobs
from helpers import create_sql_job

pytestmark = pytest.mark.skipif(not BIN, reason="needs STREAMJOBS_COMPAT_BIN (a service with authentication on)")


def signed(method, path, key, body=b"", date=None):
    """A request signed by the SDK's own Signer, as (url, headers) ready to send (possibly altered)."""
    headers = {"Content-Type": "application/json", "X-Project-Id": key["project_id"]}
    if date is not None:
        headers["X-Sdk-Date"] = date.strftime("%Y%m%dT%H%M%SZ")
    request = SdkRequest(method=method, schema="http", host=urlparse(URL).netloc, resource_path=path,
                         query_params=[], header_params=headers, body=body)
    Signer(BasicCredentials(key["ak"], key["sk"])).sign(request)
    return URL + request.uri, dict(request.header_params)


def expect_error(call, status, code):
    with pytest.raises(ClientRequestException) as caught:
        call()
    assert (caught.value.status_code, caught.value.error_code) == (status, code)


def test_the_sdk_signs_create_show_list_delete_and_acts_as_the_credential(project, client):
    job_id = create_sql_job(client, "signed")
    assert client.show_flink_job(ShowFlinkJobRequest(job_id=job_id)).job_detail.job_id == job_id
    assert client.list_flink_jobs(ListFlinkJobsRequest(limit=10, offset=0)).job_list.total_count == 1
    client.delete_flink_job(DeleteFlinkJobRequest(job_id=job_id))
    events = [json.loads(line) for line in streamjobs("audit", "--project", project, "--since", "1h", "--json").splitlines()]
    # `streamjobs audit` prints the newest first.
    requests_ = [e for e in reversed(events) if e["action"].startswith(("POST /v1.0", "DELETE /v1.0"))]
    assert [e["action"] for e in requests_] == [
        "POST /v1.0/{project_id}/streaming/sql-jobs", "DELETE /v1.0/{project_id}/streaming/jobs/{job_id}"]
    assert all(e["actor"] == credential(project)["credential_id"] and e["status"] == 200 for e in requests_)
    assert requests_[1]["targets"] == [f"job_id={job_id}"]
    assert credential(project)["sk"] not in json.dumps(events)


def test_a_tampered_body_is_401(project):
    key = credential(project)
    url, headers = signed("POST", f"/v1.0/{project}/streaming/sql-jobs", key, body=b'{"name": "a"}')
    response = requests.post(url, headers=headers, data=b'{"name": "b"}', timeout=10)
    assert response.status_code == 401 and response.json()["error_code"] == "DLI.0013"
    url, headers = signed("POST", f"/v1.0/{project}/streaming/sql-jobs", key, body=b'{"name": "a"}')
    assert requests.post(url, headers=headers, data=b'{"name": "a"}', timeout=10).status_code == 200


def test_a_replayed_old_date_is_401(project):
    key = credential(project)
    old = datetime.datetime.utcnow() - datetime.timedelta(minutes=20)
    url, headers = signed("GET", f"/v1.0/{project}/streaming/jobs", key, date=old)
    response = requests.get(url, headers=headers, timeout=10)
    assert response.status_code == 401 and response.json()["error_code"] == "DLI.0013"


def test_another_projects_path_is_403_whether_or_not_the_job_exists(project, client):
    job_id = create_sql_job(client, "theirs")
    mine = credential(project + "other")
    intruder = make_client(project, ak=mine["ak"], sk=mine["sk"])
    for target in (job_id, job_id + 1000):
        expect_error(lambda: intruder.show_flink_job(ShowFlinkJobRequest(job_id=target)), 403, "DLI.0016")
    expect_error(lambda: intruder.delete_flink_job(DeleteFlinkJobRequest(job_id=job_id)), 403, "DLI.0016")
    assert client.show_flink_job(ShowFlinkJobRequest(job_id=job_id)).job_detail.status == "job_init"


def test_a_revoked_key_fails_on_the_next_request(project):
    created = json.loads(streamjobs("credentials", "create", "--project", project, "--json"))
    client = make_client(project, ak=created["ak"], sk=created["sk"])
    client.list_flink_jobs(ListFlinkJobsRequest(limit=1))
    streamjobs("credentials", "revoke", created["ak"])
    expect_error(lambda: client.list_flink_jobs(ListFlinkJobsRequest(limit=1)), 401, "DLI.0013")


def test_tokens_authenticate_with_x_auth_token(project):
    token = json.loads(streamjobs("credentials", "create", "--project", project, "--token", "--ttl", "1h", "--json"))
    assert set(token) >= {"project_id", "token"} and "sk" not in token
    ok = requests.get(f"{URL}/v1.0/{project}/streaming/jobs", headers={"X-Auth-Token": token["token"]}, timeout=10)
    assert ok.status_code == 200
    bad = requests.get(f"{URL}/v1.0/{project}/streaming/jobs", headers={"X-Auth-Token": token["token"] + "x"}, timeout=10)
    assert bad.status_code == 401 and bad.json()["error_code"] == "DLI.0013"
    listed = streamjobs("credentials", "list", "--project", project)
    assert token["token"] not in listed


def test_failed_authentications_are_audited(project):
    key = credential(project)
    time.sleep(1.1)  # failed-auth records are throttled to one per client address and second
    url, headers = signed("DELETE", f"/v1.0/{project}/streaming/jobs/1", key,
                          date=datetime.datetime.utcnow() - datetime.timedelta(hours=1))
    assert requests.delete(url, headers=headers, timeout=10).status_code == 401
    events = [json.loads(line) for line in streamjobs("audit", "--project", project, "--since", "1h", "--json").splitlines()]
    failed = [e for e in events if e["reason"] == "date_out_of_window"]
    assert failed and failed[0]["status"] == 401 and failed[0]["error_code"] == "DLI.0013"
    assert failed[0]["action"] == "DELETE /v1.0/{project_id}/streaming/jobs/{job_id}"
