"""The metrics API (`POST /v1.0/{project_id}/streaming/jobs/metrics`, dli-api.md §3.18) through the official SDK.

The suite's service runs without a Flink engine, so jobs count nothing; counts from a running job are tested on
real Flink in Tests/FlinkEngineTests/JobMetricsFlinkTests.swift.
"""
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import ShowFlinkMetricRequest, ShowFlinkMetricRequestBody

from conftest import raw
from helpers import create_sql_job

# DLI deprecated the API; the SDK says so on every call.
pytestmark = pytest.mark.filterwarnings("ignore:Method .show_flink_metric. of DliClient is deprecated")


def show_metrics(client, *job_ids):
    return client.show_flink_metric(ShowFlinkMetricRequest(body=ShowFlinkMetricRequestBody(job_ids=list(job_ids))))


def test_show_flink_metric_answers_one_entry_per_job_in_the_sdk_model(client):
    a = create_sql_job(client, "metrics-a")
    b = create_sql_job(client, "metrics-b")
    response = show_metrics(client, b, a)
    assert response.is_success is True and raw(response)["is_success"] is True
    assert [job.job_id for job in response.metrics.jobs] == [b, a]
    m = response.metrics.jobs[0].metrics
    assert m.sources == [] and m.sinks == [] and m.total_read_rate == 0 and m.total_write_rate == 0


def test_an_unknown_job_is_dli_16001(client):
    with pytest.raises(ClientRequestException) as error:
        show_metrics(client, 9223372036854775807)
    assert error.value.status_code == 400 and error.value.error_code == "DLI.16001"
