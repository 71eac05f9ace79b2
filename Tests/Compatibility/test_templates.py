"""Flink SQL job templates through the official SDK (dli-api.md §3.16). `is_success` is a JSON boolean here."""
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import (
    CreateFlinkSqlJobTemplateRequest, CreateFlinkSqlJobTemplateRequestBody, DeleteFlinkSqlJobTemplateRequest,
    ListFlinkSqlJobTemplatesRequest, UpdateFlinkSqlJobTemplateRequest, UpdateFlinkSqlJobTemplateRequestBody,
)

from conftest import is_int, make_client, raw
from helpers import create_sql_job, create_template, job_detail, tags


def test_create_flink_sql_job_template(client):
    body = CreateFlinkSqlJobTemplateRequestBody(
        name="tpl", desc="d", sql_body="SELECT 1", tags=tags(team="data"), job_type="flink_opensource_sql_job")
    response = client.create_flink_sql_job_template(CreateFlinkSqlJobTemplateRequest(body=body))
    assert response.is_success is True
    r = raw(response)
    assert r["is_success"] is True  # a JSON boolean: "false" as a string would read as True in this SDK
    template = response.template
    assert is_int(template.template_id) and template.name == "tpl" and template.desc == "d"
    assert template.job_type == "flink_opensource_sql_job" and is_int(template.create_time)
    assert is_int(r["template"]["template_id"]) and is_int(r["template"]["create_time"])


def test_list_flink_sql_job_templates(client):
    ids = [create_template(client, f"Report_{i}", sql_body=f"SELECT {i}", tags=tags(k="a" if i < 2 else "b")) for i in range(3)]
    response = client.list_flink_sql_job_templates(ListFlinkSqlJobTemplatesRequest(limit=2, offset=0, order="asc"))
    assert response.is_success is True and raw(response)["is_success"] is True
    listing = response.template_list
    assert listing.total_count == 3
    assert [t.template_id for t in listing.templates] == ids[:2]
    first = listing.templates[0]
    assert first.sql_body == "SELECT 0" and first.job_type == "flink_sql_job"
    assert is_int(first.create_time) and is_int(first.update_time)
    fuzzy = client.list_flink_sql_job_templates(ListFlinkSqlJobTemplatesRequest(name="report_1"))
    assert [t.name for t in fuzzy.template_list.templates] == ["Report_1"]
    tagged = client.list_flink_sql_job_templates(ListFlinkSqlJobTemplatesRequest(tags="k=a"))
    assert tagged.template_list.total_count == 2
    past = client.list_flink_sql_job_templates(ListFlinkSqlJobTemplatesRequest(offset=50, limit=100))
    assert past.template_list.total_count == 3 and past.template_list.templates == []


def test_update_flink_sql_job_template(client):
    template_id = create_template(client, "old")
    body = UpdateFlinkSqlJobTemplateRequestBody(name="new", desc="changed", sql_body="SELECT 2")
    response = client.update_flink_sql_job_template(UpdateFlinkSqlJobTemplateRequest(template_id=template_id, body=body))
    assert response.is_success is True and raw(response)["is_success"] is True
    listed = client.list_flink_sql_job_templates(ListFlinkSqlJobTemplatesRequest()).template_list.templates
    assert [(t.name, t.desc, t.sql_body) for t in listed] == [("new", "changed", "SELECT 2")]


def test_delete_flink_sql_job_template(client):
    template_id = create_template(client, "doomed")
    response = client.delete_flink_sql_job_template(DeleteFlinkSqlJobTemplateRequest(template_id=template_id))
    assert response.is_success is True and raw(response)["is_success"] is True
    assert response.template.template_id == template_id
    assert client.list_flink_sql_job_templates(ListFlinkSqlJobTemplatesRequest()).template_list.total_count == 0
    with pytest.raises(ClientRequestException) as error:
        client.delete_flink_sql_job_template(DeleteFlinkSqlJobTemplateRequest(template_id=template_id))
    assert error.value.status_code == 400 and error.value.error_code == "DLI.0002"


def test_template_errors_are_parsed(client, project):
    create_template(client, "taken")
    with pytest.raises(ClientRequestException) as duplicate:
        create_template(client, "taken")
    assert duplicate.value.error_code == "DLI.0006"
    with pytest.raises(ClientRequestException) as invalid:
        create_template(client, "n" * 65)
    assert invalid.value.error_code == "DLI.0001" and "'name'" in invalid.value.error_msg
    other = make_client(project + "x")
    assert other.list_flink_sql_job_templates(ListFlinkSqlJobTemplatesRequest()).template_list.total_count == 0


def test_a_sql_job_created_from_a_template_takes_its_sql(client):
    template_id = create_template(client, "source", sql_body="INSERT INTO sink SELECT * FROM src")
    job_id = create_sql_job(client, "from_template", sql_body=None, template_id=template_id)
    assert job_detail(client, job_id).sql_body == "INSERT INTO sink SELECT * FROM src"
    own = create_sql_job(client, "own_sql", sql_body="SELECT 9", template_id=template_id)
    assert job_detail(client, own).sql_body == "SELECT 9"
    with pytest.raises(ClientRequestException) as unknown:
        create_sql_job(client, "bad_template", sql_body=None, template_id=9223372036854775807)
    assert unknown.value.error_code == "DLI.0001" and "'template_id'" in unknown.value.error_msg
