"""The load run's pieces that can be checked without a server: reading a form as a browser
sends it, reading locust's figures, the table rows and their targets, and the plan of
signed-in people made in the database."""

import json

import pytest
from django.test import Client

from coproduce.bench.__main__ import _load_rows
from coproduce.bench.load import LoadResult, _read_stats
from coproduce.bench.load_forms import form_on

PAGE = """
<form method="post" action="/accounts/logout/"><input type="hidden" name="csrfmiddlewaretoken" value="x"></form>
<form method="post" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="token">
  <input name="full_name" value="">
  <input type="radio" name="perspective" value="carer">
  <input type="radio" name="channel" value="email" checked>
  <input type="checkbox" name="areas" value="3">
  <input type="file" name="photo">
  <select name="locality"><option value="">Choose</option><option value="4">Telford</option></select>
  <select name="venue"><option value="1">A</option><option value="2" selected>B</option></select>
  <textarea name="notes">kept</textarea>
  <button type="submit">Save</button>
</form>
"""


def test_a_form_is_read_as_a_browser_would_send_it():
    fields = form_on(PAGE, "/experts/add/")
    assert fields == {
        "csrfmiddlewaretoken": "token",
        "full_name": "",
        "channel": "email",
        "locality": "",
        "venue": "2",
        "notes": "kept",
    }


def test_a_page_without_the_form_is_said_plainly():
    with pytest.raises(LookupError):
        form_on("<p>Signed out</p>", "/experts/add/")


STATS = """Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,\
Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,\
90%,95%,98%,99%,99.9%,99.99%,100%
GET,/register/,100,0,40,50,10,900,5000,2.0,0,40,50,60,70,90,120,300,400,900,900,900
POST,/experts/add/ (POST),10,1,200,250,100,700,0,0.2,0,200,250,300,350,500,650,700,700,700,700,700
GET,/never/,0,0,0,0,0,0,0,0,0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A
,Aggregated,110,1,45,60,10,900,4500,2.2,0,45,55,65,75,95,180,300,450,900,900,900
"""


def test_locusts_figures_are_read_with_the_slowest_pages_first(tmp_path):
    (tmp_path / "run_stats.csv").write_text(STATS)
    (tmp_path / "run_failures.csv").write_text(
        "Method,Name,Error,Occurrences\nPOST,/experts/add/ (POST),answered 200,1\n"
    )
    result = LoadResult(users=50, seconds=180)
    _read_stats(tmp_path / "run", result)
    assert (result.requests, result.errors) == (110, 1)
    assert (result.p50_ms, result.p95_ms, result.p99_ms, result.rps) == (45, 180, 450, 2.2)
    assert result.slowest == [("POST /experts/add/", 650, 10), ("/register/", 120, 100)]
    assert result.failures == [("POST /experts/add/: answered 200", 1)]


def test_a_slow_or_failing_run_is_missed_in_the_table():
    slow = LoadResult(users=50, seconds=180, requests=2000, p95_ms=450, errors=3)
    rows = {row.measurement.split(": ")[-1]: row for row in _load_rows("PostgreSQL", slow)}
    assert rows["p95"].verdict == "MISSED"
    assert rows["errors"].verdict == "MISSED"
    fast = LoadResult(users=50, seconds=180, requests=2000, p95_ms=250, errors=0)
    rows = {row.measurement.split(": ")[-1]: row for row in _load_rows("PostgreSQL", fast)}
    assert rows["p95"].verdict == rows["errors"].verdict == "yes"


@pytest.mark.django_db
def test_the_plan_signs_in_distinct_people_of_each_role():
    from coproduce.bench.load_plan import make_plan
    from coproduce.demo.accounts import _partnership

    _partnership()  # the demo's teams, which the bench's staff join
    plan = json.loads(json.dumps(make_plan(2)))
    coordinators = plan["people"]["coordinator"]
    assert len({person["cookie"] for person in coordinators}) == 2
    client = Client()
    client.cookies[plan["cookie_name"]] = coordinators[0]["cookie"]
    assert client.get(plan["urls"]["register"]).status_code == 200


def test_a_failed_step_is_named_by_its_exception_not_the_lines_under_it():
    from coproduce.bench.load import what_went_wrong

    traceback = """Traceback (most recent call last):
  File "x.py", line 1, in <module>
django.db.utils.ProgrammingError: column "officer_name" does not exist
LINE 1: ...ose", "officer_n...
                 ^
"""
    assert what_went_wrong(traceback) == (
        'django.db.utils.ProgrammingError: column "officer_name" does not exist'
    )
    assert what_went_wrong("gunicorn stopped\n") == "gunicorn stopped"
    assert what_went_wrong("") == "no output"
    assert what_went_wrong("  indented only\n") == "no output"
