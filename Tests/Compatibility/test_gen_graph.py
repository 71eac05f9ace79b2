"""gen-graph (`POST /v3/{project_id}/streaming/jobs/{job_id}/gen-graph`, dli-api.md §3.14) through the official SDK.

The suite's service runs without a Flink engine (scripts/lib/compat.sh; scripts/test stops the test cluster
before it), so a request that passes validation gets the documented answer of a service without an engine:
400 DLI.0007 "no engine configured" (as execute-graph answers; a configured engine that cannot be reached
gives 503). Planning on real Flink is tested in Tests/FlinkEngineTests/StreamGraphFlinkTests.swift.
"""
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import CreateFlinkSqlJobGraphRequest, CreateFlinkSqlJobGraphRequestBody

from helpers import create_sql_job

SQL = "CREATE TABLE a (x INT) WITH ('connector' = 'datagen'); INSERT INTO b SELECT x FROM a"


def gen_graph(client, job_id, **fields):
    fields.setdefault("sql_body", SQL)
    body = CreateFlinkSqlJobGraphRequestBody(**fields)
    return client.create_flink_sql_job_graph(CreateFlinkSqlJobGraphRequest(job_id=str(job_id), body=body))


def test_a_valid_request_reaches_the_engine_step_and_says_there_is_no_engine(client):
    job_id = create_sql_job(client, "graph")
    with pytest.raises(ClientRequestException) as error:
        gen_graph(client, job_id, graph_type="simple_graph", job_type="flink_opensource_sql_job",
                  static_estimator=False, parallel_number=2, cu_number=2, manager_cu_number=1, tm_cus=1)
    assert error.value.status_code == 400 and error.value.error_code == "DLI.0007"
    assert "no engine configured" in error.value.error_msg


def test_static_estimation_is_refused_naming_the_field(client):
    job_id = create_sql_job(client, "estimate")
    with pytest.raises(ClientRequestException) as error:
        gen_graph(client, job_id, static_estimator=True, static_estimator_config="{}")
    assert error.value.status_code == 400 and error.value.error_code == "DLI.0001"
    assert "static_estimator" in error.value.error_msg


def test_a_graph_type_the_sdk_does_not_list_is_refused(client):
    job_id = create_sql_job(client, "type")
    with pytest.raises(ClientRequestException) as error:
        gen_graph(client, job_id, graph_type="stream_graph")
    assert error.value.error_code == "DLI.0001" and "graph_type" in error.value.error_msg


def test_an_unknown_job_is_dli_16001(client):
    with pytest.raises(ClientRequestException) as error:
        gen_graph(client, 9223372036854775807)
    assert error.value.status_code == 400 and error.value.error_code == "DLI.16001"
