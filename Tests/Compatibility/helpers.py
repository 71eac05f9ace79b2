"""Small builders shared by the tests: each creates through the SDK and returns what the test needs."""
from huaweicloudsdkdli.v1 import (
    CreateFlinkSqlJobRequest, CreateFlinkSqlJobRequestBody, CreateFlinkSqlJobTemplateRequest,
    CreateFlinkSqlJobTemplateRequestBody, ShowFlinkJobRequest, Tag,
)


def create_sql_job(client, name, **fields):
    fields.setdefault("sql_body", "SELECT 1")
    response = client.create_flink_sql_job(CreateFlinkSqlJobRequest(body=CreateFlinkSqlJobRequestBody(name=name, **fields)))
    return response.job.job_id


def create_template(client, name, sql_body="SELECT 1", **fields):
    body = CreateFlinkSqlJobTemplateRequestBody(name=name, sql_body=sql_body, **fields)
    return client.create_flink_sql_job_template(CreateFlinkSqlJobTemplateRequest(body=body)).template.template_id


def job_detail(client, job_id):
    return client.show_flink_job(ShowFlinkJobRequest(job_id=job_id)).job_detail


def tags(**pairs):
    return [Tag(key=k, value=v) for k, v in pairs.items()]
