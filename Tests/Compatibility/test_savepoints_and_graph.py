"""Savepoints and the execution plan through the official SDK (dli-api.md §3.8, §3.15)."""
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import (
    ExecuteFlinkJobSavepointRequest, ExecuteFlinkJobSavepointRequestBody, ImportFlinkJobSavepointRequest,
    ImportFlinkJobSavepointRequestBody, ShowFlinkJobExecutionGraphRequest,
)

from conftest import is_int, raw, sql
from helpers import create_sql_job, job_detail


def test_execute_flink_job_savepoint_on_a_running_job(client, project):
    job_id = create_sql_job(client, "running")
    # Without a Flink engine nothing reaches job_running through the API: set it directly.
    sql("UPDATE jobs SET status = 'job_running' WHERE project_id = :'p' AND job_id = :'j'", p=project, j=job_id)
    body = ExecuteFlinkJobSavepointRequestBody(action="TRIGGER", savepoint_path="bucket/dir/savepoint/")
    response = client.execute_flink_job_savepoint(ExecuteFlinkJobSavepointRequest(job_id=str(job_id), body=body))
    assert response.is_success == "true" and raw(response)["is_success"] == "true"


def test_execute_flink_job_savepoint_on_a_draft_is_refused(client):
    job_id = create_sql_job(client, "draft")
    body = ExecuteFlinkJobSavepointRequestBody(action="TRIGGER", savepoint_path="bucket/dir/")
    with pytest.raises(ClientRequestException) as error:
        client.execute_flink_job_savepoint(ExecuteFlinkJobSavepointRequest(job_id=str(job_id), body=body))
    assert error.value.status_code == 400 and error.value.error_code == "DLI.0007"


def test_import_flink_job_savepoint_attaches_it(client):
    job_id = create_sql_job(client, "restore")
    body = ImportFlinkJobSavepointRequestBody(job_id=job_id, savepoint_path="obs://bucket/dir/")
    response = client.import_flink_job_savepoint(ImportFlinkJobSavepointRequest(job_id=str(job_id), body=body))
    assert response.is_success == "true" and raw(response)["is_success"] == "true"
    detail = job_detail(client, job_id)
    assert detail.has_savepoint is True and detail.savepoint_path == "obs://bucket/dir/"


def test_show_flink_job_execution_graph(client):
    job_id = create_sql_job(client, "graph")
    try:
        response = client.show_flink_job_execution_graph(ShowFlinkJobExecutionGraphRequest(job_id=job_id))
    except ClientRequestException as error:
        # A job that never ran on an engine has no plan; the SDK parses DLI's error body.
        assert error.status_code == 400 and error.error_code == "DLI.0007" and error.error_msg
        return
    r = raw(response)
    assert r["is_success"] == "true"
    graph = r["execute_graph"]
    assert isinstance(graph["isStoppable"], bool) and is_int(graph["start-time"]) and is_int(graph["end-time"])
    assert response.execute_graph.jid == graph["jid"]


def test_execution_graph_of_an_unknown_job_is_dli_16001(client):
    with pytest.raises(ClientRequestException) as error:
        client.show_flink_job_execution_graph(ShowFlinkJobExecutionGraphRequest(job_id=9223372036854775807))
    assert error.value.error_code == "DLI.16001"
