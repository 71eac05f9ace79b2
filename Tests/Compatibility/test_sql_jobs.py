"""SQL jobs through the official SDK: create, show, update, delete (dli-api.md §3.1, §3.2, §3.7, §3.10)."""
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import (
    CreateFlinkSqlJobRequest, CreateFlinkSqlJobRequestBody, DeleteFlinkJobRequest, ShowFlinkJobRequest,
    UpdateFlinkSqlJobRequest, UpdateFlinkSqlJobRequestBody,
)

from conftest import is_int, raw
from helpers import create_sql_job, job_detail, tags


def test_create_sql_job_returns_a_draft_and_is_success_as_a_string(client):
    body = CreateFlinkSqlJobRequestBody(
        name="orders", desc="d", sql_body="INSERT INTO s SELECT * FROM t", run_mode="shared_cluster", cu_number=4,
        parallel_number=2, checkpoint_enabled=True, checkpoint_mode=2, checkpoint_interval=30, log_enabled=False,
        restart_when_exception=True, idle_state_retention=60, job_type="flink_sql_job", dirty_data_strategy="0",
        manager_cu_number=1, tm_cus=1, tm_slot_num=2, resume_checkpoint=True, resume_max_num=5,
        tags=tags(team="data"), runtime_config='[{"key":"pipeline.name","value":"v"}]', flink_version="1.15")
    response = client.create_flink_sql_job(CreateFlinkSqlJobRequest(body=body))
    assert response.status_code == 200
    assert response.is_success == "true"
    assert response.message == "A DLI job is created successfully."
    assert is_int(response.job.job_id) and response.job.job_id > 0
    assert response.job.status_name == "job_init"
    body_json = raw(response)
    assert body_json["is_success"] == "true"  # a JSON string: Go and Terraform require it
    assert is_int(body_json["job"]["job_id"])


def test_show_flink_job_parses_every_type(client):
    job_id = create_sql_job(client, "shown", checkpoint_mode=2, cu_number=4, tags=tags(k="v"))
    response = client.show_flink_job(ShowFlinkJobRequest(job_id=job_id))
    detail = response.job_detail
    assert response.is_success == "true"
    assert detail.job_id == job_id and detail.name == "shown" and detail.status == "job_init"
    assert detail.sql_body == "SELECT 1"
    assert detail.job_config.checkpoint_mode == "at_least_once"  # an int in requests, a name in responses
    assert detail.job_config.cu_number == 4
    assert is_int(detail.create_time) and detail.create_time > 1_700_000_000_000
    r = raw(response)
    assert r["is_success"] == "true"
    for key in ("job_id", "create_time", "update_time", "duration", "root_id"):
        assert is_int(r["job_detail"][key]), key
    for key in ("cu_number", "parallel_number", "checkpoint_interval", "idle_state_retention"):
        assert is_int(r["job_detail"]["job_config"][key]), key
    assert isinstance(r["job_detail"]["job_config"]["checkpoint_enabled"], bool)


def test_update_flink_sql_job_returns_the_update_time(client):
    job_id = create_sql_job(client, "before")
    before = job_detail(client, job_id)
    body = UpdateFlinkSqlJobRequestBody(name="after", sql_body="SELECT 2", checkpoint_mode=1, cu_number=6)
    response = client.update_flink_sql_job(UpdateFlinkSqlJobRequest(job_id=job_id, body=body))
    assert response.is_success == "true" and raw(response)["is_success"] == "true"
    assert is_int(response.job.update_time) and response.job.update_time >= before.create_time
    after = job_detail(client, job_id)
    assert (after.name, after.sql_body, after.job_config.cu_number) == ("after", "SELECT 2", 6)
    assert after.job_config.checkpoint_mode == "exactly_once"


def test_delete_flink_job_then_the_job_reads_as_gone(client):
    job_id = create_sql_job(client, "doomed")
    response = client.delete_flink_job(DeleteFlinkJobRequest(job_id=job_id))
    assert response.is_success == "true" and raw(response)["is_success"] == "true"
    assert response.message == "The job is successfully deleted."
    with pytest.raises(ClientRequestException) as gone:
        client.show_flink_job(ShowFlinkJobRequest(job_id=job_id))
    assert gone.value.status_code == 400 and gone.value.error_code == "DLI.16001"
    assert gone.value.request_id  # taken from X-Request-Id


def test_invalid_input_is_a_parsed_dli_error(client):
    with pytest.raises(ClientRequestException) as error:
        client.create_flink_sql_job(CreateFlinkSqlJobRequest(body=CreateFlinkSqlJobRequestBody(name="x" * 58)))
    assert error.value.status_code == 400 and error.value.error_code == "DLI.0001"
    assert "'name'" in error.value.error_msg


def test_duplicate_name_is_dli_0006(client):
    create_sql_job(client, "twice")
    with pytest.raises(ClientRequestException) as error:
        create_sql_job(client, "twice")
    assert error.value.error_code == "DLI.0006"


def test_another_project_cannot_see_the_job(client, project):
    from conftest import make_client
    job_id = create_sql_job(client, "mine")
    with pytest.raises(ClientRequestException) as error:
        make_client(project + "x").show_flink_job(ShowFlinkJobRequest(job_id=job_id))
    assert error.value.error_code == "DLI.16001"
