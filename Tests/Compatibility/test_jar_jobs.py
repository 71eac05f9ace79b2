"""Jar jobs through the official SDK (dli-api.md §3.3, §3.4)."""
from huaweicloudsdkdli.v1 import (
    CreateFlinkJarJobRequest, CreateFlinkJarJobRequestBody, UpdateFlinkJarJobRequest, UpdateFlinkJarJobRequestBody,
)

from conftest import is_int, raw
from helpers import job_detail, tags


def create_jar_job(client, name="jar"):
    body = CreateFlinkJarJobRequestBody(
        name=name, desc="a jar job", queue_name="q1", cu_number=2, manager_cu_number=1, parallel_number=1,
        checkpoint_enabled=True, checkpoint_mode=1, checkpoint_interval=60, main_class="com.example.Main",
        entrypoint_args="--in a --out b", entrypoint="obs://bucket/app.jar", dependency_jars=["obs://bucket/dep.jar"],
        dependency_files=["obs://bucket/conf.properties"], tm_cus=1, tm_slot_num=1, feature="basic",
        flink_version="1.15", resume_checkpoint=False, resume_max_num=-1, tags=tags(team="jar"))
    return client.create_flink_jar_job(CreateFlinkJarJobRequest(body=body))


def test_create_flink_jar_job(client):
    response = create_jar_job(client)
    assert response.is_success == "true" and raw(response)["is_success"] == "true"
    assert is_int(response.job.job_id) and response.job.status_name == "job_init"
    detail = job_detail(client, response.job.job_id)
    assert detail.job_type == "flink_jar_job"
    assert detail.main_class == "com.example.Main" and detail.entrypoint_args == "--in a --out b"
    assert detail.job_config.entrypoint == "obs://bucket/app.jar"
    assert detail.job_config.dependency_jars == ["obs://bucket/dep.jar"]
    assert detail.job_config.checkpoint_mode == "exactly_once"


def test_update_flink_jar_job(client):
    job_id = create_jar_job(client, "jar2").job.job_id
    body = UpdateFlinkJarJobRequestBody(main_class="com.example.Other", job_type="flink_jar_job", cu_number=4)
    response = client.update_flink_jar_job(UpdateFlinkJarJobRequest(job_id=job_id, body=body))
    assert response.is_success == "true" and raw(response)["is_success"] == "true"
    assert is_int(response.job.update_time)
    detail = job_detail(client, job_id)
    assert detail.main_class == "com.example.Other" and detail.job_config.cu_number == 4
