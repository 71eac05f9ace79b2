"""Listing and the batch APIs through the official SDK (dli-api.md §3.5, §3.6, §3.9, §3.11)."""
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import (
    BatchDeleteFlinkJobsRequest, BatchDeleteFlinkJobsRequestBody, BatchRunFlinkJobsRequest,
    BatchRunFlinkJobsRequestBody, BatchStopFlinkJobsRequest, ListFlinkJobsRequest, ShowFlinkJobRequest,
    StopFlinkJobsRequestBody,
)

from conftest import is_int, raw
from helpers import create_sql_job, job_detail, tags


def test_list_flink_jobs_filters_pages_and_counts(client):
    ids = [create_sql_job(client, f"list_{i}", tags=tags(team="a" if i % 2 == 0 else "b")) for i in range(5)]
    response = client.list_flink_jobs(ListFlinkJobsRequest(limit=2, offset=0, order="asc", show_detail=True))
    assert response.is_success == "true" and raw(response)["is_success"] == "true"
    assert response.job_list.total_count == 5
    assert [j.job_id for j in response.job_list.jobs] == ids[:2]
    assert response.job_list.jobs[0].job_config is not None
    assert is_int(raw(response)["job_list"]["total_count"])
    newest = client.list_flink_jobs(ListFlinkJobsRequest(limit=1))
    assert newest.job_list.jobs[0].job_id == ids[-1]  # newest first by default
    tagged = client.list_flink_jobs(ListFlinkJobsRequest(tags="team=a", limit=100))
    assert tagged.job_list.total_count == 3
    named = client.list_flink_jobs(ListFlinkJobsRequest(name="list_3"))
    assert [j.name for j in named.job_list.jobs] == ["list_3"]
    past = client.list_flink_jobs(ListFlinkJobsRequest(offset=100, limit=100))
    assert past.job_list.total_count == 5 and past.job_list.jobs == []


def test_batch_run_answers_a_top_level_array(client):
    job_id = create_sql_job(client, "runner")
    response = client.batch_run_flink_jobs(
        BatchRunFlinkJobsRequest(body=BatchRunFlinkJobsRequestBody(job_ids=[job_id], resume_savepoint=False)))
    r = raw(response)
    assert isinstance(r, list) and len(r) == 1 and r[0]["is_success"] == "true"
    assert [item.is_success for item in response.body] == ["true"]
    assert job_detail(client, job_id).status == "job_submitting"


def test_batch_stop_answers_a_top_level_array(client):
    job_id = create_sql_job(client, "stopper")
    client.batch_run_flink_jobs(BatchRunFlinkJobsRequest(body=BatchRunFlinkJobsRequestBody(job_ids=[job_id])))
    response = client.batch_stop_flink_jobs(
        BatchStopFlinkJobsRequest(body=StopFlinkJobsRequestBody(job_ids=[job_id], trigger_savepoint=False)))
    r = raw(response)
    assert isinstance(r, list) and r[0]["is_success"] == "true"
    assert response.body[0].is_success == "true"
    assert job_detail(client, job_id).status in ("job_canceling", "job_cancel_success")


def test_batch_stop_of_a_draft_fails_per_item_with_a_string_false(client):
    job_id = create_sql_job(client, "idle")
    response = client.batch_stop_flink_jobs(BatchStopFlinkJobsRequest(body=StopFlinkJobsRequestBody(job_ids=[job_id])))
    assert raw(response)[0]["is_success"] == "false"  # a string, so Go's ",string" can parse it


def test_batch_delete_answers_a_top_level_array(client):
    ids = [create_sql_job(client, f"del_{i}") for i in range(2)]
    response = client.batch_delete_flink_jobs(
        BatchDeleteFlinkJobsRequest(body=BatchDeleteFlinkJobsRequestBody(job_ids=ids)))
    r = raw(response)
    assert isinstance(r, list) and [item["is_success"] for item in r] == ["true", "true"]
    assert len(response.body) == 2
    for job_id in ids:
        with pytest.raises(ClientRequestException) as gone:
            client.show_flink_job(ShowFlinkJobRequest(job_id=job_id))
        assert gone.value.error_code == "DLI.16001"
