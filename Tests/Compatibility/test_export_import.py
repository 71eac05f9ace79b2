"""Export and import of job definitions through the official SDK (dli-api.md §3.12, §3.13).
"""
import pytest
from huaweicloudsdkdli.v1 import (
    ExportFlinkJobsRequest, ExportFlinkJobsRequestBody, ImportFlinkJobsRequest, ImportFlinkJobsRequestBody,
)

from conftest import is_int, raw
from helpers import create_sql_job

def test_export_flink_jobs(client):
    job_id = create_sql_job(client, "exported")
    body = ExportFlinkJobsRequestBody(obs_dir="obs-bucket/export", is_selected=True, job_selected=[job_id])
    response = client.export_flink_jobs(ExportFlinkJobsRequest(body=body))
    r = raw(response)
    assert r["is_success"] == "true" and response.is_success == "true"
    assert isinstance(r["zip_file"], list) and all(isinstance(z, str) for z in r["zip_file"]) and r["zip_file"]


def test_export_then_import_flink_jobs(client):
    create_sql_job(client, "roundtrip")
    exported = client.export_flink_jobs(
        ExportFlinkJobsRequest(body=ExportFlinkJobsRequestBody(obs_dir="obs-bucket/export", is_selected=False)))
    zip_file = exported.zip_file[0]
    response = client.import_flink_jobs(
        ImportFlinkJobsRequest(body=ImportFlinkJobsRequestBody(zip_file=zip_file, is_cover=True)))
    r = raw(response)
    assert r["is_success"] == "true" and response.is_success == "true"
    assert isinstance(r["job_mapping"], list) and r["job_mapping"]
    for mapping in r["job_mapping"]:
        assert is_int(mapping["old_job_id"]) and is_int(mapping["new_job_id"])
    assert all(is_int(m.new_job_id) for m in response.job_mapping)
